package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/warta-id/warta/internal/idcal"
)

// wib is where times without a zone are: Jakarta time, where most outlets publish.
var wib = idcal.WIB

// zoneByName maps a zone abbreviation to its location.
func zoneByName(s string) *time.Location { return idcal.Zone(s) }

// months maps Indonesian and English month names and their short forms to months.
var months = idcal.Months

const monthAlt = `januari|january|jan|februari|pebruari|february|feb|peb|maret|march|mar|april|apr|mei|may|juni|june|jun|juli|july|jul|agustus|august|agust|agu|agt|ags|aug|september|sept|sep|oktober|october|okt|oct|nopember|november|nov|nop|desember|december|des|dec`

const clockRe = `(?:[\s,|\-–—/]*(?:pukul|jam|pk\.?|at)?\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?)?\s*(?:\(?\s*(WIB|WITA|WIT|GMT|UTC)\b\)?)?`

var (
	// "Kamis, 5 November 2015 15:56 WIB", "5 Nov 2015, 15.56 WIB"
	rxDMY = regexp.MustCompile(`(?i)\b(\d{1,2})\s+(` + monthAlt + `)\.?,?\s+(\d{4})\b` + clockRe)
	// "November 4, 2015 | 07:28 WIB"
	rxMDY = regexp.MustCompile(`(?i)\b(` + monthAlt + `)\.?\s+(\d{1,2}),?\s+(\d{4})\b` + clockRe)
	// "05/11/2015 14:56", "05-11-2015 14:56 WIB"
	rxNumDMY = regexp.MustCompile(`(?i)\b(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})\b` + clockRe)
	// "2015-11-05 14:56:43"
	rxNumYMD = regexp.MustCompile(`(?i)\b(\d{4})[/\-](\d{1,2})[/\-](\d{1,2})\b` + clockRe)
)

// found is a date found in the page, with how precise it is.
type found struct {
	t        time.Time
	hasClock bool // the source gave a time of day
	hasZone  bool // the source gave a zone (numeric or WIB/WITA/WIT)
}

func (f found) ok() bool { return !f.t.IsZero() }

// buildDate validates and builds a date in loc; ok is false for impossible dates.
func buildDate(y, mo, d int, clock []string, loc *time.Location) (found, bool) {
	if y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return found{}, false
	}
	var h, mi, s int
	f := found{}
	if len(clock) >= 4 && clock[0] != "" {
		h, _ = strconv.Atoi(clock[0])
		mi, _ = strconv.Atoi(clock[1])
		if clock[2] != "" {
			s, _ = strconv.Atoi(clock[2])
		}
		ampm := strings.ToLower(strings.ReplaceAll(clock[3], ".", ""))
		if ampm == "pm" && h < 12 {
			h += 12
		} else if ampm == "am" && h == 12 {
			h = 0
		}
		if h > 23 || mi > 59 || s > 59 {
			return found{}, false
		}
		f.hasClock = true
	}
	if len(clock) >= 5 && clock[4] != "" {
		if z := zoneByName(clock[4]); z != nil {
			loc = z
			f.hasZone = true
		}
	}
	t := time.Date(y, time.Month(mo), d, h, mi, s, 0, loc)
	if t.Day() != d { // 31 February and the like
		return found{}, false
	}
	f.t = t
	return f, true
}

// textDates finds every date written in s (Indonesian or English month names,
// d/m/yyyy, yyyy-mm-dd), in the order they appear. Dates without a zone are
// taken in loc.
func textDates(s string, loc *time.Location) []found {
	type hit struct {
		at int
		f  found
	}
	var hits []hit
	for _, m := range rxDMY.FindAllStringSubmatchIndex(s, 20) {
		g := groups(s, m)
		d, _ := strconv.Atoi(g[1])
		y, _ := strconv.Atoi(g[3])
		if f, ok := buildDate(y, int(months[strings.ToLower(g[2])]), d, g[4:], loc); ok {
			hits = append(hits, hit{m[0], f})
		}
	}
	for _, m := range rxMDY.FindAllStringSubmatchIndex(s, 20) {
		g := groups(s, m)
		d, _ := strconv.Atoi(g[2])
		y, _ := strconv.Atoi(g[3])
		if f, ok := buildDate(y, int(months[strings.ToLower(g[1])]), d, g[4:], loc); ok {
			hits = append(hits, hit{m[0], f})
		}
	}
	for _, m := range rxNumDMY.FindAllStringSubmatchIndex(s, 20) {
		g := groups(s, m)
		d, _ := strconv.Atoi(g[1])
		mo, _ := strconv.Atoi(g[2])
		y, _ := strconv.Atoi(g[3])
		if f, ok := buildDate(y, mo, d, g[4:], loc); ok {
			hits = append(hits, hit{m[0], f})
		}
	}
	for _, m := range rxNumYMD.FindAllStringSubmatchIndex(s, 20) {
		g := groups(s, m)
		y, _ := strconv.Atoi(g[1])
		mo, _ := strconv.Atoi(g[2])
		d, _ := strconv.Atoi(g[3])
		if f, ok := buildDate(y, mo, d, g[4:], loc); ok {
			hits = append(hits, hit{m[0], f})
		}
	}
	// order by position
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].at < hits[j-1].at; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	out := make([]found, len(hits))
	for i, h := range hits {
		out[i] = h.f
	}
	return out
}

func groups(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for i := range g {
		if m[2*i] >= 0 {
			g[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return g
}

// machine date layouts found in meta tags and JSON-LD.
var machineLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05Z07",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"20060102T150405Z0700",
	"20060102150405",
	"2006-01-02",
	"2006/01/02",
	"20060102",
}

var rxSpaceT = regexp.MustCompile(`(\d)\s+T\s*(\d)`)

// parseMachineDate parses a date from a meta tag or JSON-LD; values without a
// zone are taken in loc. Indonesian forms ("Kamis, 5 November 2015 15:56 WIB")
// are accepted too.
func parseMachineDate(s string, loc *time.Location) (found, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return found{}, false
	}
	s = rxSpaceT.ReplaceAllString(s, "${1}T${2}") // detik: "2015-11-05 T10:08:58Z"
	// WIB/WITA/WIT suffix
	var zone *time.Location
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if z := zoneByName(s[i+1:]); z != nil && z != time.UTC {
			zone, s = z, strings.TrimSpace(s[:i])
		}
	}
	for _, layout := range machineLayouts {
		in := loc
		if zone != nil {
			in = zone
		}
		t, err := time.ParseInLocation(layout, s, in)
		if err != nil {
			continue
		}
		if t.Year() < 1990 || t.Year() > 2100 {
			return found{}, false
		}
		f := found{t: t}
		f.hasClock = strings.Contains(layout, "15")
		f.hasZone = zone != nil || strings.Contains(layout, "Z07") || strings.Contains(layout, "-0700") || strings.Contains(layout, "MST")
		if strings.Contains(layout, "MST") && t.Location() != time.UTC && t.Location().String() != "GMT" {
			// an unknown abbreviation parses as a zero-offset fake zone
			if _, off := t.Zone(); off == 0 {
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, in)
				f.t, f.hasZone = t, zone != nil
			}
		}
		return f, true
	}
	if ds := textDates(s, loc); len(ds) > 0 {
		if zone != nil && !ds[0].hasZone {
			t := ds[0].t
			ds[0].t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, zone)
			ds[0].hasZone = true
		}
		return ds[0], true
	}
	// epoch seconds or milliseconds
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		switch {
		case n > 631152000000 && n < 4102444800000:
			return found{t: time.UnixMilli(n).In(loc), hasClock: true, hasZone: true}, true
		case n > 631152000 && n < 4102444800:
			return found{t: time.Unix(n, 0).In(loc), hasClock: true, hasZone: true}, true
		}
	}
	return found{}, false
}

var (
	rxURLDateSlash = regexp.MustCompile(`/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|$)`)
	rxURLDateYY    = regexp.MustCompile(`/(\d\d)/(\d\d)/(\d\d)/`)
	rxURLDateFlat  = regexp.MustCompile(`[/_-]((?:19|20)\d\d)(\d\d)(\d\d)(?:[/_-]|\d{2,}|$)`)
)

// urlDate finds a date in a URL path: /2015/11/05/, /20151105/ and
// Republika's /16/02/15/. Only the calendar date is known.
func urlDate(raw string, loc *time.Location) (found, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return found{}, false
	}
	p := u.Path
	try := func(g []string, century int) (found, bool) {
		y, _ := strconv.Atoi(g[1])
		mo, _ := strconv.Atoi(g[2])
		d, _ := strconv.Atoi(g[3])
		return buildDate(y+century, mo, d, nil, loc)
	}
	if g := rxURLDateSlash.FindStringSubmatch(p); g != nil {
		if f, ok := try(g, 0); ok {
			return f, true
		}
	}
	if g := rxURLDateFlat.FindStringSubmatch(p); g != nil {
		if f, ok := try(g, 0); ok {
			return f, true
		}
	}
	if g := rxURLDateYY.FindStringSubmatch(p); g != nil {
		if f, ok := try(g, 2000); ok {
			return f, true
		}
	}
	return found{}, false
}
