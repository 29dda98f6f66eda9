package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
)

// maxDatelineWords bounds the words before a dateline's dash or colon.
const maxDatelineWords = 7

// parseDateline parses the dateline at the start of the first kept line. It
// returns the dateline and the rest of the line. When there is no dateline
// but the line starts with a bare dash (an opening whose place was cut off
// upstream: "- Pembalap ..."), ok is false and rest is the line without it;
// otherwise rest is the line unchanged.
func (rs *ruleSet) parseDateline(line string) (dl *doc.Dateline, rest string, ok bool) {
	if r, _ := utf8.DecodeRuneInString(line); isDash(r) {
		j := 0
		for j < len(line) {
			r2, sz := utf8.DecodeRuneInString(line[j:])
			if !isDash(r2) {
				break
			}
			j += sz
		}
		if j < len(line) && line[j] == ' ' {
			return nil, strings.TrimSpace(line[j:]), false
		}
	}
	loc, outlet, pEnd, rStart, found := rs.dashDateline(line)
	if !found {
		loc, pEnd, rStart, found = rs.commaDateline(line)
	}
	if !found {
		return nil, line, false
	}
	dl = &doc.Dateline{Location: loc, Outlet: outlet, Raw: strings.TrimSpace(line[:pEnd])}
	// Chained outlets: "Merdeka.com - Kapanlagi.com - ...".
	for guard := 0; guard < 2 && rStart < len(line); guard++ {
		rest := line[rStart:]
		loc2, out2, p2, r2, ok2 := rs.dashDateline(rest)
		if !ok2 || loc2 != "" || out2 == "" {
			break
		}
		if dl.Outlet == "" {
			dl.Outlet = out2
		}
		dl.Raw = strings.TrimSpace(line[:rStart+p2])
		rStart += r2
	}
	return dl, strings.TrimLeft(line[rStart:], " ,;:"), true
}

func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' }

// dashDateline finds "PREFIX - rest" or "PREFIX: rest" where PREFIX names a
// place and/or an outlet. pEnd is where the prefix ends, rStart where the
// rest begins.
func (rs *ruleSet) dashDateline(s string) (loc, outlet string, pEnd, rStart int, ok bool) {
	limit := len(s)
	if limit > 120 {
		limit = 120
	}
	words := 0
	for i := 0; i < limit; {
		r, sz := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ':
			words++
			if words > maxDatelineWords {
				return
			}
		case r == '.' && i+1 < len(s) && s[i+1] == ' ':
			return // a sentence ended first
		case r == ':' && (i+1 == len(s) || s[i+1] == ' '):
			// "Liputan6.com, Jakarta:"; an ALL-CAPS word before a colon is
			// more often a rubric ("OPINI:", "TANYA:") than a place.
			loc, outlet, ok = rs.classifyPrefix(s[:i], false)
			if ok && outlet == "" && !rs.places[strings.ToLower(loc)] {
				ok = false
			}
			return loc, outlet, i, i + 1, ok
		case isDash(r):
			j := i + sz
			for j < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[j:])
				if !isDash(r2) {
					break
				}
				j += sz2
			}
			before := i > 0 && s[i-1] == ' '
			after := j == len(s) || s[j] == ' '
			if !before && !after {
				// A hyphen inside a word ("Kim Jong-un", "Jakarta-Warganet"):
				// only a known place or ALL-CAPS prefix followed by a capital.
				next, _ := utf8.DecodeRuneInString(s[j:])
				if unicode.IsUpper(next) {
					if l, o, good := rs.classifyPrefix(s[:i], true); good {
						return l, o, i, j, true
					}
				}
				i = j
				continue
			}
			loc, outlet, ok = rs.classifyPrefix(s[:i], false)
			return loc, outlet, i, j, ok
		}
		i += sz
	}
	return
}

// commaDateline handles the old detik style "Jakarta, Di jejaring sosial ...":
// a known place, a comma, then a capitalised word.
func (rs *ruleSet) commaDateline(s string) (loc string, pEnd, rStart int, ok bool) {
	k := strings.IndexByte(s, ',')
	if k <= 0 || k > 40 || k+2 >= len(s) || s[k+1] != ' ' {
		return
	}
	p := s[:k]
	if !rs.places[strings.ToLower(p)] {
		return
	}
	rest := s[k+2:]
	next, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(next) {
		return
	}
	// "Jakarta, Bandung dan Surabaya ..." is a list, not a dateline.
	nw := rest
	if sp := strings.IndexAny(nw, " ,"); sp >= 0 {
		nw = nw[:sp]
	}
	if rs.places[strings.ToLower(nw)] || rs.isOutlet(nw) {
		return
	}
	return titleIfCaps(p), k, k + 2, true
}

// classifyPrefix decides whether p (the text before a dateline's dash or
// colon) is a dateline: places and at most one outlet separated by commas,
// optionally followed by a parenthesised outlet. strict requires a known
// place or ALL-CAPS place and no outlet (used for unspaced hyphens).
func (rs *ruleSet) classifyPrefix(p string, strict bool) (loc, outlet string, ok bool) {
	p = strings.TrimSpace(p)
	if p == "" || len(p) > 80 {
		return
	}
	paren := ""
	if strings.HasSuffix(p, ")") {
		k := strings.LastIndexByte(p, '(')
		if k <= 0 || strict {
			return
		}
		paren = strings.TrimSpace(p[k+1 : len(p)-1])
		p = strings.TrimSpace(p[:k])
		if paren == "" || strings.ContainsAny(paren, "()") || !capitalised(paren) {
			return
		}
	}
	var places []string
	for _, part := range strings.Split(p, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return
		}
		if outlet == "" && paren == "" && rs.isOutlet(part) {
			outlet = part
			continue
		}
		if !placeLike(part) {
			return
		}
		places = append(places, part)
	}
	if len(places) > 3 {
		return
	}
	knownFirst := len(places) > 0 && (rs.places[strings.ToLower(places[0])] || allCaps(places[0]))
	if paren != "" {
		// "Jakarta (ANTARA News)": a known outlet, or any outlet after a known place.
		if len(places) == 0 || !(rs.isOutlet(paren) || knownFirst) {
			return
		}
		outlet = paren
	}
	if strict && (outlet != "" || len(places) != 1) {
		return
	}
	// "Caracas, Purna Warta -": a place, then an outlet not (yet) listed in
	// outlets.txt.
	if outlet == "" && !strict && len(places) == 2 && len(strings.Fields(places[1])) <= 3 {
		outlet = places[1]
		places = places[:1]
		knownFirst = true
	}
	if outlet == "" && (len(places) != 1 || !knownFirst) {
		return
	}
	for i := range places {
		places[i] = titleIfCaps(places[i])
	}
	return strings.Join(places, ", "), outlet, true
}

// isOutlet reports whether s is a listed outlet or looks like a web domain
// ("tirto.id", "Otosia.com").
func (rs *ruleSet) isOutlet(s string) bool {
	if rs.outlets[strings.ToLower(s)] {
		return true
	}
	k := strings.LastIndexByte(s, '.')
	if k <= 0 || strings.ContainsAny(s, " ") {
		return false
	}
	switch strings.ToLower(s[k+1:]) {
	case "com", "co", "id", "net", "org", "tv", "news", "info":
	default:
		return false
	}
	for _, r := range s[:k] {
		if !(r == '.' || r == '-' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// placeConnectors may appear in lower case inside a place name.
var placeConnectors = map[string]bool{"de": true, "da": true, "del": true, "di": true, "el": true,
	"al": true, "van": true, "der": true, "la": true, "le": true, "upon": true}

// placeLike reports whether s could be a place name: one to four words, each
// capitalised (or a connector such as "de").
func placeLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for i, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !(i > 0 && placeConnectors[w]) {
			return false
		}
		for _, c := range w {
			if !(unicode.IsLetter(c) || c == '.' || c == '-' || c == '\'' || c == '’') {
				return false
			}
		}
	}
	return true
}

// capitalised reports whether every word of s starts with an upper-case
// letter or a digit ("ANTARA News", "Pos Kota").
func capitalised(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// allCaps reports whether s has at least three letters and none in lower case.
func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 3
}

// titleIfCaps turns an ALL-CAPS place into title case ("KEBAYORAN BARU" ->
// "Kebayoran Baru"); other spellings are kept as written.
func titleIfCaps(s string) string {
	if !allCaps(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		start = r == ' ' || r == '-'
		b.WriteRune(r)
	}
	return b.String()
}
