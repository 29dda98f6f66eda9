package timex

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/warta-id/warta/data"
)

// VocabularyFile is the path of the embedded vocabulary inside data.FS.
const VocabularyFile = "timex/vocab.txt"

// kind is the kind of a vocabulary entry (the first field of a line).
type kind uint8

const (
	kWeekday kind = iota
	kMonth
	kMonthAbbr
	kNumber
	kPrefix
	kVague
	kUnit
	kDir
	kCountDir
	kRel
	kPart
	kDaytime
	kLead
	kCue
	kCounter
	kNotWeekday
	kHoliday
	kHolidayDate
	kAnaphor
	kHolidayOffset
	kHijriMonth
	kHijriAnchor
	kPrefixed // internal: prefix + unit glued into one word ("sepekan")
)

var kindNames = map[string]kind{
	"weekday":       kWeekday,
	"month":         kMonth,
	"monthabbr":     kMonthAbbr,
	"number":        kNumber,
	"prefix":        kPrefix,
	"vague":         kVague,
	"unit":          kUnit,
	"dir":           kDir,
	"countdir":      kCountDir,
	"rel":           kRel,
	"part":          kPart,
	"daytime":       kDaytime,
	"lead":          kLead,
	"cue":           kCue,
	"counter":       kCounter,
	"notweekday":    kNotWeekday,
	"holiday":       kHoliday,
	"holidaydate":   kHolidayDate,
	"anaphor":       kAnaphor,
	"holidayoffset": kHolidayOffset,
	"hijrimonth":    kHijriMonth,
	"hijrianchor":   kHijriAnchor,
}

type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
)

type dir uint8

const (
	dNone dir = iota
	dPast
	dFuture
	dCurrent
	dUpcoming
)

type leadKind uint8

const (
	leadWeekday leadKind = iota + 1
	leadDate
	leadMonth
	leadYear
)

// entry is one phrase of the vocabulary with its meaning.
type entry struct {
	kind   kind
	phrase string   // the whole phrase, normalised
	rest   []string // words after the first one
	n      int      // weekday, month, count, or rel offset
	unit   unit     // unit, rel, prefixed
	dir    dir      // dir, countdir
	lead   leadKind // lead
	part   [3]int   // part: weekday, day of month, month of year
	key    string   // holiday: the holiday's name in holidaydate lines
	line   int      // line in the vocabulary file
}

// wordInfo lists the entries whose phrase starts with one word.
type wordInfo struct {
	kinds   uint32   // bit k set when an entry of kind k starts here
	entries []*entry // longest phrase first
}

func (w *wordInfo) has(k kind) bool { return w != nil && w.kinds&(1<<k) != 0 }

// Vocabulary is a parsed time-expression vocabulary: weekday and month
// names, count words, units, directions and the other word lists described
// in the header of data/timex/vocab.txt. A Vocabulary is immutable and safe
// for concurrent use.
type Vocabulary struct {
	words map[string]*wordInfo
	// parts[u] holds the sorted start offsets of the parts of a week
	// (weekday), month (day) and year (month), for sub-period ends.
	parts [uYear + 1][]int
	// holidays maps a holiday key to its dates (holidaydate lines).
	holidays map[string]*holiday
	// anchors maps a Hijri month to the holiday observed on one of its
	// days (hijrianchor lines), which corrects the tabular calendar.
	anchors map[int]hijriAnchor
}

// hijriAnchor is a holiday that falls on day Day of a Hijri month, with its
// observed dates.
type hijriAnchor struct {
	key  string
	day  int
	line int
}

// holiday is when one holiday falls: dated occurrences by year (the
// Islamic, Chinese, Balinese and Buddhist holidays, as Indonesia observes
// them), a fixed month and day, or a day offset from Western Easter. A
// holiday with none of these ("-") is a name that only stops a shorter
// phrase from matching inside it ("tahun baru Islam" is not "tahun baru").
type holiday struct {
	dated      map[int]time.Time
	month, day int
	easter     bool
	base       *holiday // the holiday this one is counted from ("idulfitri-1")
	baseKey    string
	offset     int // days after Easter or base
	line       int
}

// on returns the holiday's date in year y, and false when it is not known.
func (h *holiday) on(y int) (time.Time, bool) {
	switch {
	case h.dated != nil:
		t, ok := h.dated[y]
		return t, ok
	case h.month != 0:
		if !validDay(y, h.month, h.day) {
			return time.Time{}, false
		}
		return civil(y, time.Month(h.month), h.day), true
	case h.easter:
		return easter(y).AddDate(0, 0, h.offset), true
	case h.base != nil:
		t, ok := h.base.on(y)
		return t.AddDate(0, 0, h.offset), ok
	}
	return time.Time{}, false
}

// easter returns the date of Western (Gregorian) Easter Sunday in year y,
// by the anonymous Gregorian computus (Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return civil(y, time.Month(month), day)
}

// parseHolidayDates reads the RULES of a holidaydate line into h: dates
// YYYY-MM-DD, a yearly MM-DD, easter, easter+N or easter-N, another
// holiday's key with +N or -N, or "-".
func parseHolidayDates(h *holiday, rules string) error {
	for _, r := range strings.Split(rules, ",") {
		r = strings.TrimSpace(r)
		switch {
		case r == "-":
		case strings.HasPrefix(r, "easter"):
			n := 0
			if rest := r[len("easter"):]; rest != "" {
				var err error
				if n, err = strconv.Atoi(rest); err != nil || n < -100 || n > 100 {
					return fmt.Errorf("%q: want easter, easter+N or easter-N", r)
				}
			}
			h.easter, h.offset = true, n
		case r != "" && isLetter(r[0]):
			k := strings.IndexAny(r, "+-")
			n, err := strconv.Atoi(r[max(k, 0):])
			if k <= 0 || err != nil || n < -100 || n > 100 {
				return fmt.Errorf("%q: want KEY+N or KEY-N", r)
			}
			h.baseKey, h.offset = r[:k], n
		case len(r) == 5:
			t, err := time.Parse("01-02", r)
			if err != nil {
				return fmt.Errorf("%q: want MM-DD", r)
			}
			h.month, h.day = int(t.Month()), t.Day()
		default:
			t, err := time.Parse("2006-01-02", r)
			if err != nil {
				return fmt.Errorf("%q: want YYYY-MM-DD, MM-DD, easter±N or -", r)
			}
			if h.dated == nil {
				h.dated = make(map[int]time.Time)
			}
			if _, dup := h.dated[t.Year()]; dup {
				return fmt.Errorf("%q: a second date in %d", r, t.Year())
			}
			h.dated[t.Year()] = civil(t.Year(), t.Month(), t.Day())
		}
	}
	kinds := 0
	for _, set := range []bool{h.dated != nil, h.month != 0, h.easter, h.baseKey != ""} {
		if set {
			kinds++
		}
	}
	if kinds > 1 {
		return fmt.Errorf("mixes dated, yearly, easter and relative rules")
	}
	return nil
}

var (
	defaultOnce  sync.Once
	defaultVocab *Vocabulary
	defaultErr   error
)

// Default returns the vocabulary embedded in package data (file
// data/timex/vocab.txt), parsed once. The error names the file and line of
// the first malformed entry.
func Default() (*Vocabulary, error) {
	defaultOnce.Do(func() {
		f, err := data.FS.Open(VocabularyFile)
		if err != nil {
			defaultErr = fmt.Errorf("timex: %w", err)
			return
		}
		defer f.Close()
		defaultVocab, defaultErr = ParseVocabulary("data/"+VocabularyFile, f)
	})
	return defaultVocab, defaultErr
}

// ParseVocabulary reads a vocabulary in the format documented at the top of
// data/timex/vocab.txt. name is used in error messages, which have the form
// "name:line: problem".
func ParseVocabulary(name string, r io.Reader) (*Vocabulary, error) {
	v := &Vocabulary{words: make(map[string]*wordInfo)}
	type seenKey struct {
		k      kind
		phrase string
	}
	seen := make(map[seenKey]*entry)
	var prefixes, units, holidayNames []*entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	errf := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...))
	}
	for sc.Scan() {
		line++
		raw := sc.Text()
		if !utf8.ValidString(raw) {
			return nil, errf("invalid UTF-8")
		}
		s := strings.TrimSpace(raw)
		if s == "" || s[0] == '#' {
			continue
		}
		kindName, s := cutField(s)
		value, s := cutField(s)
		k, ok := kindNames[kindName]
		if !ok {
			return nil, errf("unknown kind %q", kindName)
		}
		if value == "" || s == "" {
			return nil, errf("want KIND VALUE PHRASES, got %q", strings.TrimSpace(raw))
		}
		if k == kHijriAnchor {
			var m, d int
			if _, err := fmt.Sscanf(s, "%d:%d", &m, &d); err != nil || m < 1 || m > 12 || d < 1 || d > 30 {
				return nil, errf("hijrianchor %s: want M:D (Hijri month 1-12, day 1-30), got %q", value, s)
			}
			if v.anchors == nil {
				v.anchors = make(map[int]hijriAnchor)
			}
			if prev, dup := v.anchors[m]; dup {
				return nil, errf("hijrianchor %s: month %d already anchored on line %d", value, m, prev.line)
			}
			v.anchors[m] = hijriAnchor{key: value, day: d, line: line}
			continue
		}
		if k == kHolidayDate {
			if v.holidays[value] != nil {
				return nil, errf("holidaydate %q: a second line (line %d)", value, v.holidays[value].line)
			}
			h := &holiday{line: line}
			if err := parseHolidayDates(h, s); err != nil {
				return nil, errf("holidaydate %s: %v", value, err)
			}
			if v.holidays == nil {
				v.holidays = make(map[string]*holiday)
			}
			v.holidays[value] = h
			continue
		}
		proto := entry{kind: k, line: line}
		if err := parseValue(&proto, value); err != nil {
			return nil, errf("%s %q: %v", kindName, value, err)
		}
		for _, p := range strings.Split(s, ",") {
			words := strings.Fields(p)
			if len(words) == 0 {
				return nil, errf("empty phrase")
			}
			for i, w := range words {
				nw := normWord(w)
				if !isSingleWord(nw) {
					return nil, errf("%q is not a word (letters, optionally joined by hyphens)", w)
				}
				words[i] = nw
			}
			phrase := strings.Join(words, " ")
			if (k == kCue || k == kNotWeekday) && len(words) > 1 {
				return nil, errf("%s %q: must be a single word", kindName, phrase)
			}
			if prev := seen[seenKey{k, phrase}]; prev != nil {
				if sameMeaning(prev, &proto) {
					continue
				}
				return nil, errf("%s %q conflicts with line %d", kindName, phrase, prev.line)
			}
			e := proto
			e.phrase = phrase
			e.rest = words[1:]
			seen[seenKey{k, phrase}] = &e
			v.add(words[0], &e)
			switch k {
			case kPrefix:
				prefixes = append(prefixes, &e)
			case kUnit:
				if len(e.rest) == 0 {
					units = append(units, &e)
				}
			case kPart:
				v.addPart(e.part)
			case kHoliday:
				holidayNames = append(holidayNames, &e)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	for key, h := range v.holidays {
		if h.baseKey == "" {
			continue
		}
		b := v.holidays[h.baseKey]
		if b == nil || b.baseKey != "" {
			return nil, fmt.Errorf("%s:%d: holidaydate %s: %q is not a holiday with dates of its own", name, h.line, key, h.baseKey)
		}
		h.base = b
	}
	for m, a := range v.anchors {
		if h := v.holidays[a.key]; h == nil || h.dated == nil {
			return nil, fmt.Errorf("%s:%d: hijrianchor %s (month %d): not a holiday with dated occurrences", name, a.line, a.key, m)
		}
	}
	for _, e := range holidayNames {
		if v.holidays[e.key] == nil {
			return nil, fmt.Errorf("%s:%d: holiday %q has no holidaydate line", name, e.line, e.key)
		}
	}
	for _, p := range prefixes {
		if len(p.rest) != 0 {
			continue
		}
		for _, u := range units {
			word := p.phrase + u.phrase
			v.add(word, &entry{kind: kPrefixed, phrase: word, n: p.n, unit: u.unit, line: p.line})
		}
	}
	for _, w := range v.words {
		sort.SliceStable(w.entries, func(i, j int) bool {
			return len(w.entries[i].rest) > len(w.entries[j].rest)
		})
	}
	return v, nil
}

func (v *Vocabulary) add(first string, e *entry) {
	w := v.words[first]
	if w == nil {
		w = &wordInfo{}
		v.words[first] = w
	}
	w.kinds |= 1 << e.kind
	w.entries = append(w.entries, e)
}

func (v *Vocabulary) addPart(p [3]int) {
	for u, x := range map[unit]int{uWeek: p[0], uMonth: p[1], uYear: p[2]} {
		i := sort.SearchInts(v.parts[u], x)
		if i < len(v.parts[u]) && v.parts[u][i] == x {
			continue
		}
		v.parts[u] = append(v.parts[u], 0)
		copy(v.parts[u][i+1:], v.parts[u][i:])
		v.parts[u][i] = x
	}
}

// nextPart returns the start of the part after the one starting at x in a
// period of unit u, or 0 when x starts the last part.
func (v *Vocabulary) nextPart(u unit, x int) int {
	for _, y := range v.parts[u] {
		if y > x {
			return y
		}
	}
	return 0
}

func sameMeaning(a, b *entry) bool {
	return a.n == b.n && a.unit == b.unit && a.dir == b.dir && a.lead == b.lead && a.part == b.part && a.key == b.key
}

func cutField(s string) (field, rest string) {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

func parseValue(e *entry, value string) error {
	switch e.kind {
	case kWeekday, kMonth, kMonthAbbr, kNumber, kPrefix, kVague, kHijriMonth:
		n, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("not a number")
		}
		lo, hi := 1, 100000
		switch e.kind {
		case kWeekday:
			hi = 7
		case kMonth, kMonthAbbr, kHijriMonth:
			hi = 12
		}
		if n < lo || n > hi {
			return fmt.Errorf("out of range %d-%d", lo, hi)
		}
		e.n = n
	case kUnit:
		u, ok := parseUnit(value)
		if !ok {
			return fmt.Errorf("want day, week, month or year")
		}
		e.unit = u
	case kDir, kCountDir:
		switch value {
		case "past":
			e.dir = dPast
		case "future":
			e.dir = dFuture
		case "current", "upcoming":
			if e.kind == kCountDir {
				return fmt.Errorf("want past or future")
			}
			e.dir = dCurrent
			if value == "upcoming" {
				e.dir = dUpcoming
			}
		default:
			return fmt.Errorf("want past, future, current or upcoming")
		}
	case kRel, kAnaphor:
		if e.kind == kAnaphor && !strings.HasSuffix(value, "y") {
			return fmt.Errorf("want a signed number of years (-1y)")
		}
		if len(value) < 2 {
			return fmt.Errorf("want a signed number and d, w, m or y")
		}
		u, ok := map[byte]unit{'d': uDay, 'w': uWeek, 'm': uMonth, 'y': uYear}[value[len(value)-1]]
		n, err := strconv.Atoi(value[:len(value)-1])
		if !ok || err != nil || n < -1000 || n > 1000 {
			return fmt.Errorf("want a signed number and d, w, m or y")
		}
		e.n, e.unit = n, u
	case kPart:
		f := strings.Split(value, ":")
		if len(f) != 3 {
			return fmt.Errorf("want W:D:M")
		}
		limits := [3][2]int{{1, 7}, {1, 28}, {1, 12}}
		for i, s := range f {
			n, err := strconv.Atoi(s)
			if err != nil || n < limits[i][0] || n > limits[i][1] {
				return fmt.Errorf("want W:D:M with W 1-7, D 1-28, M 1-12")
			}
			e.part[i] = n
		}
	case kLead:
		l, ok := map[string]leadKind{"weekday": leadWeekday, "date": leadDate, "month": leadMonth, "year": leadYear}[value]
		if !ok {
			return fmt.Errorf("want weekday, date, month or year")
		}
		e.lead = l
	case kHoliday:
		if !isSingleWord(value) || value != normWord(value) {
			return fmt.Errorf("want a lower-case one-word key")
		}
		e.key = value
	case kDaytime, kCue, kCounter, kNotWeekday, kHolidayOffset:
		if value != "-" {
			return fmt.Errorf("want -")
		}
	}
	return nil
}

func parseUnit(s string) (unit, bool) {
	switch s {
	case "day":
		return uDay, true
	case "week":
		return uWeek, true
	case "month":
		return uMonth, true
	case "year":
		return uYear, true
	}
	return uNone, false
}

// normWord lower-cases ASCII letters and drops apostrophes, the same way the
// scanner builds the key of a word of the text.
func normWord(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '\'':
			continue
		case c == 0xE2 && strings.HasPrefix(w[i:], "\u2019"):
			i += 2
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// isSingleWord reports whether the scanner would read w as one word token.
func isSingleWord(w string) bool {
	toks := tokenize(w, nil, nil)
	return len(toks) == 1 && toks[0].kind == tWord && toks[0].start == 0 && toks[0].end == len(w)
}
