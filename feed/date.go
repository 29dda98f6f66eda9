package feed

import (
	"strconv"
	"strings"
	"time"

	"github.com/warta-id/warta/internal/idcal"
)

// dayNames holds Indonesian and English weekday names, full and short, in
// lower case. A weekday carries no information beyond the date, so it is
// skipped (and not checked against the date: feeds often get it wrong).
var dayNames = map[string]bool{
	"senin": true, "selasa": true, "rabu": true, "kamis": true, "jumat": true,
	"sabtu": true, "minggu": true, "ahad": true,
	"sen": true, "sel": true, "rab": true, "kam": true, "jum": true, "sab": true, "min": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true,
}

// fillerWords are words seen between the parts of a date that mean nothing
// for its value ("Senin, 21 November 2022 pukul 13.21 WIB").
var fillerWords = map[string]bool{"pukul": true, "jam": true, "pkl": true, "at": true, "on": true}

// ParseDate reads a publication date as Indonesian news feeds write it and
// reports whether it could. It takes Indonesian and English day and month
// names, full or short ("Senin, 21 Nov 2022 13:21:00 WIB",
// "Kamis, 05 Nov 2015 15:56:43 +0700", "21 November 2022 13.21 WIB"),
// numeric dates in day-month-year or year-month-day order ("21/11/2022",
// "2022-11-21 13:21:00"), RFC 3339 ("2022-11-21T13:21:00+07:00") and
// RFC 1123 with a numeric or GMT/UTC zone.
//
// Zones are WIB (+07:00), WITA (+08:00), WIT (+09:00), GMT, UTC, Z, or a
// numeric offset (+0700, +07:00, +7, GMT+7). A date without a zone is taken
// to be in WIB, the zone most Indonesian newsrooms write in. A date without
// a time is midnight. An unknown word, such as a zone name other than the
// ones above, makes ParseDate fail rather than guess.
func ParseDate(s string) (time.Time, bool) {
	var d dateParts
	for _, tok := range tokenize(s) {
		if !d.take(tok) {
			return time.Time{}, false
		}
	}
	return d.time()
}

// tokenize splits s into words, dropping the punctuation that separates
// the parts of a date, and splits an RFC 3339 "dateTtime" in two.
func tokenize(s string) []string {
	if len(s) > 200 { // no date is this long
		return nil
	}
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', '|', '(', ')', '[', ']', '\t', '\n', '\r', '\u00a0':
			return ' '
		case '\'', '’', '`':
			return -1 // Jum'at
		}
		return r
	}, s)
	var toks []string
	for _, f := range strings.Fields(s) {
		if i := strings.IndexByte(f, 't'); i == 10 && len(f) > 11 && isDigit(f[0]) && isDigit(f[11]) {
			toks = append(toks, f[:i], f[i+1:])
			continue
		}
		toks = append(toks, f)
	}
	return toks
}

// dateParts collects the parts of a date as tokens are read.
type dateParts struct {
	year, month, day    int
	hour, min, sec, ns  int
	haveTime, pm, am    bool
	zone                *time.Location
	numbers             []string // bare numbers: day and year, in order
	haveDate, haveMonth bool
}

// take reads one token and reports whether it was understood.
func (d *dateParts) take(tok string) bool {
	word := strings.TrimRight(tok, ".")
	switch {
	case word == "" || strings.Trim(tok, "-/.") == "":
		return true // a lone separator such as "-"
	case dayNames[word] || fillerWords[word]:
		return true
	case idcal.Months[word] != 0:
		if d.haveMonth {
			return false
		}
		d.month, d.haveMonth = int(idcal.Months[word]), true
		return true
	case word == "am" || word == "pm":
		if !d.haveTime || d.am || d.pm {
			return false
		}
		d.am, d.pm = word == "am", word == "pm"
		return true
	case allDigits(word):
		if len(word) > 4 || len(d.numbers) == 2 {
			return false
		}
		d.numbers = append(d.numbers, word)
		return true
	case isDigit(tok[0]) && (strings.ContainsAny(tok, "/-") || strings.Count(tok, ".") == 2 && len(tok) >= 8 && !strings.Contains(tok, ":")):
		if d.tryNumericDate(strings.TrimRight(tok, ".")) {
			return true
		}
		return d.tryTime(tok)
	case isDigit(tok[0]):
		return d.tryTime(tok)
	}
	if d.zone != nil {
		return false
	}
	z, ok := parseZone(word)
	d.zone = z
	return ok
}

// tryNumericDate reads "21/11/2022", "21-11-2022", "21.11.2022" or
// "2022-11-21".
func (d *dateParts) tryNumericDate(tok string) bool {
	if d.haveDate || d.haveMonth {
		return false
	}
	parts := strings.FieldsFunc(tok, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return false
	}
	n := make([]int, 3)
	for i, p := range parts {
		if !allDigits(p) || len(p) > 4 {
			return false
		}
		n[i], _ = strconv.Atoi(p)
	}
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		d.year, d.month, d.day = n[0], n[1], n[2]
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d.day, d.month, d.year = n[0], n[1], n[2]
	default:
		return false
	}
	d.haveDate, d.haveMonth = true, true
	return true
}

// tryTime reads "13:21", "13:21:00", "13.21", "13:21:00.123" with an
// optional zone glued on ("13:21:00+07:00", "13:21:00Z", "13.21WIB").
func (d *dateParts) tryTime(tok string) bool {
	if d.haveTime {
		return false
	}
	// Split the clock from a glued zone at the first character that is
	// neither a digit nor a separator.
	end := len(tok)
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if !isDigit(c) && c != ':' && c != '.' {
			end = i
			break
		}
	}
	clock, rest := strings.TrimRight(tok[:end], "."), tok[end:]
	var frac string
	sep := ":"
	if !strings.Contains(clock, ":") {
		sep = "."
	} else if i := strings.IndexByte(clock, '.'); i >= 0 {
		clock, frac = clock[:i], clock[i+1:]
		if !allDigits(frac) || len(frac) > 9 {
			return false
		}
	}
	parts := strings.Split(clock, sep)
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	var n [3]int
	for i, p := range parts {
		if !allDigits(p) || len(p) > 2 || (i > 0 && len(p) != 2) {
			return false
		}
		n[i], _ = strconv.Atoi(p)
	}
	if n[0] > 24 || n[1] > 59 || n[2] > 60 {
		return false
	}
	d.hour, d.min, d.sec = n[0], n[1], n[2]
	if frac != "" {
		d.ns, _ = strconv.Atoi((frac + "000000000")[:9])
	}
	d.haveTime = true
	if rest != "" {
		if d.zone != nil {
			return false
		}
		z, ok := parseZone(rest)
		d.zone = z
		return ok
	}
	return true
}

// time assembles the collected parts.
func (d *dateParts) time() (time.Time, bool) {
	if !d.haveDate {
		if !d.haveMonth || len(d.numbers) != 2 {
			return time.Time{}, false
		}
		day, year := d.numbers[0], d.numbers[1]
		if len(day) == 4 && len(year) <= 2 { // "2022 Nov 21"
			day, year = year, day
		}
		if len(day) > 2 {
			return time.Time{}, false
		}
		if len(year) != 4 && len(year) != 2 {
			return time.Time{}, false
		}
		d.day, _ = strconv.Atoi(day)
		d.year, _ = strconv.Atoi(year)
		if len(year) == 2 { // RFC 822 two-digit year
			d.year += 2000
			if d.year > 2069 {
				d.year -= 100
			}
		}
	} else if len(d.numbers) != 0 {
		return time.Time{}, false
	}
	if d.pm || d.am {
		if d.hour < 1 || d.hour > 12 {
			return time.Time{}, false
		}
		if d.pm && d.hour != 12 {
			d.hour += 12
		} else if d.am && d.hour == 12 {
			d.hour = 0
		}
	}
	if d.hour == 24 && (d.min != 0 || d.sec != 0 || d.ns != 0) {
		return time.Time{}, false
	}
	if d.sec == 60 { // leap second: round down rather than fail
		d.sec = 59
	}
	if d.year < 1900 || d.year > 2200 || d.month < 1 || d.month > 12 || d.day < 1 {
		return time.Time{}, false
	}
	// A day past the month's end ("31 Februari") is an error, not next month.
	if last := time.Date(d.year, time.Month(d.month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d.day > last {
		return time.Time{}, false
	}
	loc := d.zone
	if loc == nil {
		loc = idcal.WIB
	}
	return time.Date(d.year, time.Month(d.month), d.day, d.hour, d.min, d.sec, d.ns, loc), true
}

// parseZone reads a zone name or offset, in lower case.
func parseZone(s string) (*time.Location, bool) {
	if loc := idcal.Zone(s); loc != nil {
		return loc, true
	}
	for _, p := range []string{"gmt", "utc"} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" && (rest[0] == '+' || rest[0] == '-') {
			s = rest
			break
		}
	}
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return nil, false
	}
	sign, s := s[0], s[1:]
	var h, m string
	switch {
	case strings.Contains(s, ":"):
		h, m, _ = strings.Cut(s, ":")
	case len(s) <= 2:
		h, m = s, "0"
	case len(s) == 4:
		h, m = s[:2], s[2:]
	default:
		return nil, false
	}
	if !allDigits(h) || !allDigits(m) || len(h) > 2 || len(m) > 2 {
		return nil, false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 14 || mm > 59 {
		return nil, false
	}
	off := hh*3600 + mm*60
	if sign == '-' {
		off = -off
	}
	switch off {
	case 0:
		return time.UTC, true
	case 7 * 3600:
		return idcal.WIB, true
	case 8 * 3600:
		return idcal.WITA, true
	case 9 * 3600:
		return idcal.WIT, true
	}
	return time.FixedZone("", off), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
