// Package article turns one raw news article into the clean text every later
// stage works on.
//
// Check validates an input before processing (empty, too large, invalid
// UTF-8, binary). Clean takes a doc.Document whose Raw field holds the
// article's text and sets Text (normalised text with boilerplate removed and
// the dateline cut off), Dateline (the "Jakarta (ANTARA News) -" opening,
// parsed into location and outlet) and Removed (every boilerplate line or
// fragment dropped, with the reason).
//
// What counts as boilerplate ("Baca juga:", "ADVERTISEMENT", photo captions,
// "Editor:" lines, sign-offs such as "(ant)") and which outlets and places may
// open a dateline are read from embedded, documented data files under
// data/article/ (boilerplate.txt, outlets.txt, places.txt), so they can be
// extended without touching Go code.
package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/doc"
)

// Clean reads d.Raw and sets d.Text, d.Dateline and d.Removed, and marks d
// Cleaned. It never
// panics. Paragraph structure is kept: every kept, non-empty line of Raw is
// one line of Text. Invalid UTF-8 bytes are dropped, so Text is always valid
// UTF-8.
func Clean(d *doc.Document) {
	if d == nil {
		return
	}
	rs := loadRules()
	d.Dateline = nil
	d.Removed = nil
	lines := normalize(d.Raw)
	c := cleaner{rs: rs, d: d}
	kept := c.filter(lines)
	kept = c.stripSignoff(kept)
	if len(kept) > 0 {
		if dl, rest, ok := rs.parseDateline(kept[0]); ok {
			d.Dateline = dl
			if rest == "" {
				kept = kept[1:]
			} else {
				kept[0] = rest
			}
		} else if rest != kept[0] {
			// A dateline whose place was cut off upstream ("- Pembalap ...").
			if rest == "" {
				kept = kept[1:]
			} else {
				kept[0] = rest
			}
		}
	}
	for i := range kept {
		kept[i] = joinSpacedHyphens(kept[i])
	}
	d.Text = strings.Join(kept, "\n")
	d.Cleaned = true
}

// joinSpacedHyphens undoes a tokeniser's spacing around word-internal
// hyphens, common in re-detokenised corpora: "negara - negara" →
// "negara-negara", "Kim Jong - un" → "Kim Jong-un", "e - KTP" → "e-KTP". A
// dash between ordinary words ("Presiden - yang baru terpilih -") is kept:
// the join needs a repeated word or a piece of at most three letters.
func joinSpacedHyphens(line string) string {
	if !strings.Contains(line, " - ") {
		return line
	}
	var b strings.Builder
	b.Grow(len(line))
	rest := line
	for {
		i := strings.Index(rest, " - ")
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		left := lastWord(rest[:i])
		right := firstWord(rest[i+3:])
		// a left piece already hyphenated ("Jong-un - pemimpin") is a whole word
		whole := len(left) < i && rest[i-len(left)-1] == '-'
		join := left != "" && right != "" && !whole && (strings.EqualFold(left, right) ||
			strings.HasPrefix(strings.ToLower(right), strings.ToLower(left)) ||
			utf8.RuneCountInString(right) <= 3 && unicode.IsLower(firstRune(right)) && unicode.IsUpper(firstRune(left)) && !shortWords[right] ||
			utf8.RuneCountInString(left) <= 2 && unicode.IsLower(firstRune(left)) && !shortWords[left])
		b.WriteString(rest[:i])
		if join {
			b.WriteByte('-')
		} else {
			b.WriteString(" - ")
		}
		rest = rest[i+3:]
	}
}

// shortWords are short function words that never end or start a
// hyphenated word.
var shortWords = map[string]bool{"di": true, "ke": true, "dan": true, "ini": true, "itu": true, "yg": true, "pun": true, "ada": true, "tak": true, "ya": true, "si": true, "sang": true, "dr": true}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= size
	}
	return s[i:]
}

func firstWord(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			break
		}
		i += size
	}
	return s[:i]
}

// ---------------------------------------------------------------------------
// normalisation

// normalize splits raw into trimmed, non-empty lines: \r\n and \r become
// line breaks, tabs and Unicode spaces become spaces, format (zero-width) and
// control characters and invalid bytes are dropped, and runs of spaces
// collapse to one.
func normalize(raw string) []string {
	var lines []string
	var b strings.Builder
	b.Grow(len(raw))
	space := false // a space is pending
	flush := func() {
		if b.Len() > 0 {
			lines = append(lines, b.String())
			b.Reset()
		}
		space = false
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(raw[i:])
		}
		i += size
		switch {
		case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
			flush()
		case r == ' ' || r == '\t' || r == '\v' || r == '\f':
			space = true
		case r == utf8.RuneError && size == 1:
			// invalid byte: dropped
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			// control character: dropped
		case r >= utf8.RuneSelf && unicode.IsSpace(r):
			space = true
		case r >= utf8.RuneSelf && unicode.Is(unicode.Cf, r):
			// zero-width and other format characters: dropped
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	flush()
	return lines
}

// ---------------------------------------------------------------------------
// boilerplate

type cleaner struct {
	rs *ruleSet
	d  *doc.Document
}

func (c *cleaner) remove(line, reason string) {
	c.d.Removed = append(c.d.Removed, doc.Removed{Line: strings.TrimSpace(line), Reason: reason})
}

// maxHeadlines is how many headline-like lines a bare "Baca juga:" line drops.
const maxHeadlines = 3

// filter drops boilerplate lines and cuts inline related-article links.
func (c *cleaner) filter(lines []string) []string {
	kept := lines[:0:0]
	pending, pendReason := 0, ""
	for _, line := range lines {
		if reason, bare, ok := c.lineRule(line); ok {
			c.remove(line, reason)
			if bare {
				pending, pendReason = maxHeadlines, reason
			}
			continue
		}
		if pending > 0 {
			if headlineLike(line) {
				c.remove(line, pendReason)
				pending--
				continue
			}
			pending = 0
		}
		line = c.cutInline(line)
		if line == "" {
			continue
		}
		kept = append(kept, line)
	}
	return kept
}

// trimMarkerPunct trims spaces and a trailing ":" or "-" from a marker.
func trimMarkerPunct(s string) string {
	return strings.TrimRight(s, " :-–—")
}

// lineRule reports whether a whole line is boilerplate. bare is true when
// the line is only a related-article marker ("Baca juga:"), whose headline
// follows on the next lines.
func (c *cleaner) lineRule(line string) (reason string, bare, ok bool) {
	rs := c.rs
	for _, r := range rs.inline {
		if strings.HasPrefix(line, r.text) && wordEnd(line, len(r.text)) {
			return r.reason, trimMarkerPunct(line) == trimMarkerPunct(r.text), true
		}
		if trimMarkerPunct(line) == trimMarkerPunct(r.text) {
			return r.reason, true, true
		}
	}
	if s := signoffLine(rs, line); s != "" {
		return s, false, true
	}
	lower := ""
	words := -1
	for i := range rs.rules {
		r := &rs.rules[i]
		switch r.kind {
		case kindContains:
			if strings.Contains(line, r.text) {
				return r.reason, false, true
			}
			continue
		case kindMarker:
			continue
		}
		if lower == "" {
			lower = strings.ToLower(line)
			words = len(strings.Fields(line))
		}
		switch r.kind {
		case kindLine:
			if trimMarkerPunct(lower) == trimMarkerPunct(r.lower) {
				return r.reason, false, true
			}
		case kindPrefix:
			if strings.HasPrefix(lower, r.lower) && wordEnd(lower, len(r.lower)) {
				return r.reason, false, true
			}
		case kindShort:
			if words <= 15 && strings.HasPrefix(lower, r.lower) && wordEnd(lower, len(r.lower)) {
				return r.reason, false, true
			}
		case kindCredit:
			if words <= 25 {
				if k := strings.Index(lower, r.lower); k >= 0 && len(strings.Fields(lower[k+len(r.lower):])) <= 6 {
					return r.reason, false, true
				}
			}
		}
	}
	return "", false, false
}

// wordEnd reports whether position i of s does not fall inside a word: the
// text before i ends with a non-letter, or s[i] is not a letter or digit.
func wordEnd(s string, i int) bool {
	if i <= 0 || i >= len(s) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isAlnum(prev) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[i:])
	return !isAlnum(next)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// headlineLike reports whether a line looks like the headline of a linked
// article: short and not ending like a sentence of running text.
func headlineLike(line string) bool {
	if len(strings.Fields(line)) > 20 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	switch last {
	case '.', '"', '”', ':', ',', ';':
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(first) || unicode.IsDigit(first) || first == '"' || first == '“' || first == '\''
}

// cutInline removes link placeholders at the start of a line ("Baca_Juga")
// and related-article links inside a paragraph: "(Baca juga: ...)",
// "[Baca Juga: ...]" and "... kata dia. Baca juga: Headline".
func (c *cleaner) cutInline(line string) string {
	for i := range c.rs.rules {
		r := &c.rs.rules[i]
		if r.kind == kindMarker && strings.HasPrefix(line, r.text) {
			c.remove(r.text, r.reason)
			line = strings.TrimSpace(line[len(r.text):])
		}
	}
	for i := range c.rs.inline {
		r := &c.rs.inline[i]
		from := 0
		for guard := 0; guard < 64 && from < len(line); guard++ {
			k := strings.Index(line[from:], r.text)
			if k < 0 {
				break
			}
			k += from
			cutStart, cutEnd := -1, -1
			before := strings.TrimRight(line[:k], " ")
			if strings.HasSuffix(before, "(") || strings.HasSuffix(before, "[") {
				open := before[len(before)-1]
				closer := byte(')')
				if open == '[' {
					closer = ']'
				}
				cutStart = len(before) - 1
				if e := matchClose(line, k, open, closer); e >= 0 {
					cutEnd = e + 1
				} else {
					cutEnd = len(line)
				}
			} else if (k == 0 || sentenceEnd(before)) && cuttableInline(r.text) {
				cutStart = k
				cutEnd = k + len(r.text) + headlineLen(line[k+len(r.text):])
			}
			if cutStart < 0 {
				from = k + len(r.text)
				continue
			}
			c.remove(line[cutStart:cutEnd], r.reason)
			line = strings.TrimSpace(strings.TrimRight(line[:cutStart], " ") + " " + strings.TrimLeft(line[cutEnd:], " "))
			from = cutStart
		}
	}
	return line
}

// cuttableInline reports whether an inline marker may be cut out of running
// text without brackets: it must end in ":" or "-" or have three or more
// words ("Baca selengkapnya di"), so that "Baca juga isi artikelnya" survives.
func cuttableInline(text string) bool {
	t := strings.TrimSpace(text)
	if strings.HasSuffix(t, ":") || strings.HasSuffix(t, "-") {
		return true
	}
	return len(strings.Fields(t)) >= 3
}

// matchClose finds the bracket closing the one opened before position from.
func matchClose(s string, from int, open, closer byte) int {
	depth := 1
	for i := from; i < len(s); i++ {
		switch s[i] {
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// sentenceEnd reports whether s ends like a finished sentence.
func sentenceEnd(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case '.', '!', '?', '"', '”', '’', '\'', ')', '…':
		return true
	}
	return false
}

// headlineWords are lower-case words that may appear inside a title-cased
// headline.
var headlineWords = map[string]bool{
	"di": true, "ke": true, "dari": true, "dan": true, "yang": true, "untuk": true,
	"dengan": true, "pada": true, "atau": true, "soal": true, "vs": true, "jadi": true,
	"bagi": true, "oleh": true, "the": true, "of": true, "and": true, "in": true,
	"ini": true, "itu": true, "tak": true, "bersama": true, "&": true, "-": true,
}

// headlineLen returns how many bytes of s (the text after a "Baca juga:"
// marker) belong to the linked headline. The headline is title-cased; the
// paragraph resumes at the capitalised word before the first lower-case word
// that is not a headline function word. Without such a word, the headline
// runs to the end of the line.
func headlineLen(s string) int {
	var starts []int
	lowerAt := -1
	i := 0
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && s[i] != ' ' {
			i++
		}
		w := s[start:i]
		starts = append(starts, start)
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !headlineWords[strings.ToLower(strings.TrimRight(w, ",.:;"))] && !hasUpper(w) {
			lowerAt = len(starts) - 1
			break
		}
	}
	if lowerAt < 2 {
		// No running text found (or too soon to tell): all of it is headline.
		return len(s)
	}
	return starts[lowerAt-1]
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// sign-offs

// signoffLine reports the reason when line is only a bracketed sign-off
// ("(ant)", "[Antara]"), or "" otherwise.
func signoffLine(rs *ruleSet, line string) string {
	if len(line) < 3 || len(line) > 40 {
		return ""
	}
	rest := line
	reason := ""
	for rest != "" {
		s, n := trailingSignoff(rs, rest)
		if s == "" {
			return ""
		}
		reason = s
		rest = strings.TrimRight(rest[:len(rest)-n], " ")
	}
	return reason
}

// trailingSignoff checks whether s ends with a bracketed sign-off and
// returns its reason and length in bytes.
func trailingSignoff(rs *ruleSet, s string) (string, int) {
	if len(s) < 3 {
		return "", 0
	}
	closer := s[len(s)-1]
	var open byte
	switch closer {
	case ')':
		open = '('
	case ']':
		open = '['
	default:
		return "", 0
	}
	k := strings.LastIndexByte(s, open)
	if k < 0 || len(s)-k > 30 {
		return "", 0
	}
	inner := s[k+1 : len(s)-1]
	if k > 0 && s[k-1] != ' ' {
		return "", 0
	}
	lower := strings.ToLower(inner)
	if rs.signoffs[lower] {
		return rs.soReason[lower], len(s) - k
	}
	if rs.initials && initialsShape(inner) {
		return rs.initRsn, len(s) - k
	}
	return "", 0
}

// initialsShape matches "ant", "mdk/xyz", "*/lpk": optional "*/", then groups
// of 1-5 lower-case ASCII letters joined by "/".
func initialsShape(s string) bool {
	s = strings.TrimPrefix(s, "*/")
	if s == "" {
		return false
	}
	for _, g := range strings.Split(s, "/") {
		if len(g) < 1 || len(g) > 5 {
			return false
		}
		for i := 0; i < len(g); i++ {
			if g[i] < 'a' || g[i] > 'z' {
				return false
			}
		}
	}
	return true
}

// stripSignoff removes sign-offs written at the end of the last paragraph
// ("... pekan depan. (ant)").
func (c *cleaner) stripSignoff(kept []string) []string {
	for len(kept) > 0 {
		last := kept[len(kept)-1]
		stripped := false
		for guard := 0; guard < 3; guard++ {
			reason, n := trailingSignoff(c.rs, last)
			if reason == "" {
				break
			}
			before := strings.TrimRight(last[:len(last)-n], " ")
			if before != "" && !sentenceEnd(before) {
				break
			}
			c.remove(last[len(last)-n:], reason)
			last = before
			stripped = true
		}
		if !stripped {
			return kept
		}
		if last != "" {
			kept[len(kept)-1] = last
			return kept
		}
		kept = kept[:len(kept)-1]
	}
	return kept
}
