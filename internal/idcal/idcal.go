// Package idcal holds what the date readers of Indonesian pages and feeds
// share: Indonesia's three time zones and the Indonesian and English month
// names, full and short, with the old spellings (Pebruari, Nopember).
//
// It takes lower-case words and zone names and gives months and locations;
// the readers themselves (feed.ParseDate for feed fields, extract's page
// dates, timex for dates in running text) decide what a date looks like.
package idcal

import (
	"strings"
	"time"
)

// Indonesia's time zones.
var (
	WIB  = time.FixedZone("WIB", 7*3600)  // Waktu Indonesia Barat: Jakarta, Sumatra, Java
	WITA = time.FixedZone("WITA", 8*3600) // Waktu Indonesia Tengah: Bali, Sulawesi
	WIT  = time.FixedZone("WIT", 9*3600)  // Waktu Indonesia Timur: Maluku, Papua
)

// Zone returns the location of a zone abbreviation in any case (WIB, WITA,
// WIT, GMT, UTC, UT, Z), or nil for any other.
func Zone(name string) *time.Location {
	switch strings.ToLower(name) {
	case "wib":
		return WIB
	case "wita":
		return WITA
	case "wit":
		return WIT
	case "gmt", "utc", "ut", "z":
		return time.UTC
	}
	return nil
}

// Months maps Indonesian and English month names and their short forms, in
// lower case, to months.
var Months = map[string]time.Month{
	"januari": time.January, "january": time.January, "jan": time.January,
	"februari": time.February, "pebruari": time.February, "february": time.February,
	"feb": time.February, "peb": time.February,
	"maret": time.March, "march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"mei": time.May, "may": time.May,
	"juni": time.June, "june": time.June, "jun": time.June,
	"juli": time.July, "july": time.July, "jul": time.July,
	"agustus": time.August, "august": time.August, "agu": time.August, "agt": time.August,
	"ags": time.August, "agus": time.August, "agust": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"oktober": time.October, "october": time.October, "okt": time.October, "oct": time.October,
	"november": time.November, "nopember": time.November, "nov": time.November, "nop": time.November,
	"desember": time.December, "december": time.December, "des": time.December, "dec": time.December,
}
