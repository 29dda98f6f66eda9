// Package segment splits a document's cleaned text into sentences and tokens.
//
// Segment takes a doc.Document whose Text has been set (normally by package
// article) and fills Document.Sentences and Document.Tokens. Every offset is a
// byte offset into Document.Text; Token.Text is always Text[Start:End], tokens
// are in text order, never overlap, and together cover every non-space
// character of the text.
//
// Sentences end at newlines (hard boundaries) and at ".", "!", "?" or "…"
// (or runs of them, plus any closing quotes or brackets written right after
// them) when the next token is separated by white space and starts with a
// capital letter, a digit or an opening quote or bracket. A full stop that
// belongs to an abbreviation ("Dr.", "S.H.", "dll.", single initials such as
// "J.") does not end a sentence; the abbreviation list is the embedded data
// file data/segment/abbreviations.txt, whose header documents its format.
//
// Tokens are classified by shape (doc.TokenKind): words (with internal hyphens
// and apostrophes: "negara-negara", "Jum'at", "bukunya"), numbers ("3,5",
// "1.000"), dates ("4/1", "18/8/2016"), abbreviations, URLs and web domains,
// punctuation (one token per character, except runs of "-" and "."), and
// symbols ("@akun", "#tagar", "%", emoji). "Rp3,5" is split into "Rp" and
// "3,5". Clitics such as "-nya" stay attached; the morphology stage splits
// them.
//
// The segmenter is a hand-written byte scanner with no regular expressions;
// it never panics, whatever the input (including invalid UTF-8, whose bytes
// become one-byte symbol tokens).
package segment

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/data"
	"github.com/warta-id/warta/doc"
)

// abbrevFile is the embedded abbreviation list.
const abbrevFile = "segment/abbreviations.txt"

var (
	abbrevOnce sync.Once
	abbrevs    map[string]bool // abbreviation -> may end a sentence ("final")
	abbrevErr  error
	maxAbbrev  int // longest abbreviation in bytes
)

func loadAbbrevs() {
	abbrevOnce.Do(func() {
		b, err := data.FS.ReadFile(abbrevFile)
		if err != nil {
			abbrevErr = err
			abbrevs = map[string]bool{}
			return
		}
		abbrevs, abbrevErr = parseAbbrevs(b)
		if abbrevs == nil {
			abbrevs = map[string]bool{}
		}
		for a := range abbrevs {
			if len(a) > maxAbbrev {
				maxAbbrev = len(a)
			}
		}
	})
}

// parseAbbrevs reads the abbreviation file format described in its header.
func parseAbbrevs(b []byte) (map[string]bool, error) {
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) > 2 || (len(f) == 2 && f[1] != "final") {
			return m, fmt.Errorf("%s:%d: want ABBREV [final], got %q", abbrevFile, line, s)
		}
		if !strings.HasSuffix(f[0], ".") {
			return m, fmt.Errorf("%s:%d: abbreviation %q does not end with a dot", abbrevFile, line, f[0])
		}
		m[f[0]] = len(f) == 2
	}
	return m, sc.Err()
}

// Abbreviations reports the embedded abbreviation list (abbreviation -> may
// end a sentence) and any error met while loading it. The map must not be
// modified.
func Abbreviations() (map[string]bool, error) {
	loadAbbrevs()
	return abbrevs, abbrevErr
}

// Segment fills d.Sentences and d.Tokens from d.Text, replacing whatever they
// held. Token.Sentence, Sentence.Index, Sentence.FirstToken and
// Sentence.LastToken are set.
func Segment(d *doc.Document) {
	if d == nil {
		return
	}
	toks := tokenize(d.Text, make([]doc.Token, 0, len(d.Text)/5+1))
	d.Tokens = toks
	d.Sentences = sentences(d.Text, toks, make([]doc.Sentence, 0, len(d.Text)/100+1))
}

// Tokens returns the tokens of text in order, with byte offsets into text.
// Their Sentence fields are zero; use Segment for sentence indices.
func Tokens(text string) []doc.Token {
	return tokenize(text, make([]doc.Token, 0, len(text)/5+1))
}

// ---------------------------------------------------------------------------
// tokenizer

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }

// runeAt decodes the rune at text[i]; i must be < len(text).
func runeAt(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// isWordRune reports whether r can be part of a word (letters, combining
// marks and digits).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isASCIILetter(c) || isDigit(c)
	}
	if r == utf8.RuneError {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r))
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r))
}

// wordRuneAt reports whether a word rune starts at text[i] (false past the end).
func wordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := runeAt(text, i)
	return isWordRune(r)
}

func letterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := runeAt(text, i)
	return isLetterRune(r)
}

func digitAt(text string, i int) bool { return i < len(text) && isDigit(text[i]) }

func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return r >= utf8.RuneSelf && r != utf8.RuneError && unicode.IsSpace(r)
}

// asciiPunct lists the ASCII characters tokenized as punctuation; every other
// ASCII non-alphanumeric, non-space character is a symbol.
const asciiPunct = ".,;:()[]{}\"'`!?-/\\"

func tokenize(text string, toks []doc.Token) []doc.Token {
	loadAbbrevs()
	n := len(text)
	emit := func(start, end int, kind doc.TokenKind) {
		toks = append(toks, doc.Token{Start: start, End: end, Text: text[start:end], Kind: kind})
	}
	i := 0
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				i++
			case isASCIILetter(c):
				end, kind := scanWord(text, i)
				emit(i, end, kind)
				i = end
			case isDigit(c):
				end, kind := scanNumber(text, i)
				emit(i, end, kind)
				i = end
			case c == '@' || c == '#':
				j := i + 1
				for j < n && (wordRuneAt(text, j) || text[j] == '_') {
					_, sz := runeAt(text, j)
					j += sz
				}
				emit(i, j, doc.Symbol)
				i = j
			case c == '-' || c == '.':
				j := i + 1
				for j < n && text[j] == c {
					j++
				}
				emit(i, j, doc.Punct)
				i = j
			case strings.IndexByte(asciiPunct, c) >= 0:
				emit(i, i+1, doc.Punct)
				i++
			default:
				emit(i, i+1, doc.Symbol)
				i++
			}
			continue
		}
		r, sz := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && sz == 1:
			emit(i, i+1, doc.Symbol)
		case isSpaceRune(r):
		case isLetterRune(r):
			end, kind := scanWord(text, i)
			emit(i, end, kind)
			sz = end - i
		case unicode.IsDigit(r):
			end, kind := scanWord(text, i)
			emit(i, end, kind)
			sz = end - i
		case unicode.IsPunct(r):
			emit(i, i+sz, doc.Punct)
		default:
			emit(i, i+sz, doc.Symbol)
		}
		i += sz
	}
	return toks
}

// hasPrefixFold reports whether s starts with the ASCII prefix p, ignoring case.
func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// scanWord scans a token starting with a letter at text[i] and returns its end
// and kind: URL, abbreviation or word.
func scanWord(text string, i int) (int, doc.TokenKind) {
	rest := text[i:]
	if hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.") && wordRuneAt(text, i+4) {
		return scanURL(text, i), doc.URL
	}
	// Core word: word runes with internal hyphens and apostrophes.
	j := i
	n := len(text)
	for j < n {
		r, sz := runeAt(text, j)
		if isWordRune(r) {
			// "Rp3,5": split the currency from the amount.
			if j-i == 2 && isDigit(text[j]) && (text[i:j] == "Rp" || text[i:j] == "RP" || text[i:j] == "rp") {
				return j, doc.Word
			}
			j += sz
			continue
		}
		if r == '-' && j > i && wordRuneAt(text, j+1) {
			j++
			continue
		}
		if (r == '\'' || r == '’') && j > i && letterAt(text, j+sz) {
			pr, _ := utf8.DecodeLastRuneInString(text[i:j])
			if isLetterRune(pr) {
				j += sz
				continue
			}
		}
		break
	}
	if j < n && text[j] == '.' {
		if end, kind, ok := scanDotted(text, i, j); ok {
			return end, kind
		}
	}
	if j < n && text[j] == '@' && wordRuneAt(text, j+1) {
		// e-mail address
		return scanURL(text, i), doc.URL
	}
	return j, doc.Word
}

// tlds are the last labels accepted for bare web domains ("kompas.com").
var tlds = map[string]bool{
	"com": true, "id": true, "net": true, "org": true, "co": true, "io": true,
	"tv": true, "info": true, "biz": true, "news": true, "me": true, "uk": true,
	"us": true, "au": true, "sg": true, "my": true, "gov": true, "edu": true,
	"int": true, "eu": true, "asia": true, "web": true,
}

// maxLabels bounds the labels of a bare web domain ("m.bola.net" has 3).
const maxLabels = 6

// scanDotted looks at a word followed by a dot (text[j] == '.'): an
// abbreviation from the list, a run of initials ("U.S.A."), a single capital
// initial, or a web domain.
func scanDotted(text string, i, j int) (int, doc.TokenKind, bool) {
	n := len(text)
	// Extended run: word runes, dots and hyphens, no space.
	e := j
	limit := i + 64 // abbreviations and initials are short; keeps scanning linear
	if limit > n {
		limit = n
	}
	for e < limit {
		c := text[e]
		if c == '.' || c == '-' || c == '/' {
			e++
			continue
		}
		r, sz := runeAt(text, e)
		if !isWordRune(r) {
			break
		}
		e += sz
	}
	run := text[i:e]
	// Longest listed abbreviation that is a prefix of the run and ends with a dot.
	abbrEnd := -1
	lim := len(run)
	if lim > maxAbbrev {
		lim = maxAbbrev
	}
	for k := lim; k > j-i; k-- {
		if run[k-1] != '.' {
			continue
		}
		if _, ok := abbrevs[run[:k]]; ok {
			// Do not cut a word in two: the abbreviation must end the run or be
			// followed by something that starts a new token.
			abbrEnd = i + k
			break
		}
	}
	// Run of one-to-three-letter segments each followed by a dot ("S.Sos.", "U.S.A.").
	if abbrEnd < 0 {
		k, segs := i, 0
		for k < e {
			s := k
			for k < e && letterAt(text, k) {
				_, sz := runeAt(text, k)
				k += sz
			}
			if k == s || k >= e || text[k] != '.' || utf8.RuneCountInString(text[s:k]) > 3 {
				break
			}
			k++
			segs++
			if segs >= 2 {
				abbrEnd = k
			}
		}
	}
	// Web domain: labels separated by dots, last label a known TLD, then maybe a path.
	domEnd := -1
	{
		k := i
		lastLabel := ""
		labels := 0
		dlim := i + 253 // longest DNS name; keeps scanning linear
		if dlim > n {
			dlim = n
		}
		for {
			s := k
			for k < dlim && (wordRuneAt(text, k) || text[k] == '-') {
				_, sz := runeAt(text, k)
				k += sz
			}
			if k == s {
				break
			}
			label := text[s:k]
			if lastLabel != "" || s > i {
				if tlds[strings.ToLower(label)] && !wordRuneAt(text, k) {
					domEnd = k
				}
			}
			lastLabel = label
			labels++
			if labels > maxLabels {
				domEnd = -1 // "kata.kata.kata...": not a host name
				break
			}
			if k < dlim && text[k] == '.' && wordRuneAt(text, k+1) {
				k++
				continue
			}
			break
		}
		if domEnd > 0 && domEnd < n && text[domEnd] == '/' {
			domEnd = scanURL(text, i)
		}
	}
	if domEnd > abbrEnd && domEnd > j {
		return domEnd, doc.URL, true
	}
	if abbrEnd > 0 {
		return abbrEnd, doc.Abbrev, true
	}
	// Single capital initial: "J. Kristiadi".
	if r, sz := runeAt(text, i); i+sz == j && unicode.IsUpper(r) {
		return j + 1, doc.Abbrev, true
	}
	return 0, 0, false
}

// scanURL consumes a URL starting at text[i] up to white space, then gives
// back trailing punctuation that more likely ends the sentence.
func scanURL(text string, i int) int {
	n := len(text)
	j := i
	for j < n {
		r, sz := runeAt(text, j)
		if isSpaceRune(r) || r == '"' || r == '<' || r == '>' || r == '“' || r == '”' || r == '‘' || r == '’' || (r == utf8.RuneError && sz == 1) {
			break
		}
		j += sz
	}
	// Balance of brackets inside the URL, so that "(lihat http://x.id/a_(b))"
	// keeps the inner ")" and gives back the outer one.
	paren := strings.Count(text[i:j], "(") - strings.Count(text[i:j], ")")
	brack := strings.Count(text[i:j], "[") - strings.Count(text[i:j], "]")
	for j > i+1 {
		c := text[j-1]
		if strings.IndexByte(".,;:!?'", c) >= 0 {
			j--
			continue
		}
		if c == ')' && paren < 0 {
			paren++
			j--
			continue
		}
		if c == ']' && brack < 0 {
			brack++
			j--
			continue
		}
		break
	}
	return j
}

// scanNumber scans a token starting with a digit: a date (d/m, d/m/y, d-m-yyyy),
// a number with "." or "," groups, or (when letters follow the digits without
// a break) a word such as "4G".
func scanNumber(text string, i int) (int, doc.TokenKind) {
	n := len(text)
	j := i
	for j < n && isDigit(text[j]) {
		j++
	}
	first := j - i
	// Dates: 4/1, 04/01/2023, 18/8/2016, 17-08-1945.
	if first <= 2 && j+1 < n && (text[j] == '/' || text[j] == '-') && isDigit(text[j+1]) {
		sep := text[j]
		k := j + 1
		for k < n && isDigit(text[k]) {
			k++
		}
		second := k - j - 1
		if second <= 2 {
			if k+1 < n && text[k] == sep && isDigit(text[k+1]) {
				m := k + 1
				for m < n && isDigit(text[m]) {
					m++
				}
				if y := m - k - 1; (y == 4 || (y == 2 && sep == '/')) && !wordRuneAt(text, m) {
					return m, doc.Date
				}
			}
			if sep == '/' && !wordRuneAt(text, k) && !(k < n && text[k] == '/') {
				return k, doc.Date
			}
		}
	}
	for j+1 < n && (text[j] == '.' || text[j] == ',') && isDigit(text[j+1]) {
		j++
		for j < n && isDigit(text[j]) {
			j++
		}
	}
	return j, doc.Number
}

// ---------------------------------------------------------------------------
// sentence splitter

func isTerminator(t *doc.Token) bool {
	if t.Kind != doc.Punct {
		return false
	}
	s := t.Text
	switch s {
	case ".", "!", "?", "…":
		return true
	}
	return len(s) > 1 && s[0] == '.' // "..."
}

func isCloser(t *doc.Token) bool {
	if t.Kind != doc.Punct {
		return false
	}
	switch t.Text {
	case "\"", "'", "”", "’", ")", "]", "}", "»", "›":
		return true
	}
	return false
}

// startsSentence reports whether t can open a sentence.
func startsSentence(t *doc.Token, capitalOnly bool) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	if unicode.IsUpper(r) {
		return true
	}
	if capitalOnly {
		return false
	}
	if r >= '0' && r <= '9' {
		return true
	}
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«', '‹':
		return true
	}
	return false
}

func sentences(text string, toks []doc.Token, out []doc.Sentence) []doc.Sentence {
	first := 0
	closeAt := func(end int) { // tokens [first, end)
		if end <= first {
			return
		}
		idx := len(out)
		for k := first; k < end; k++ {
			toks[k].Sentence = idx
		}
		out = append(out, doc.Sentence{
			Index: idx, Start: toks[first].Start, End: toks[end-1].End,
			FirstToken: first, LastToken: end,
		})
		first = end
	}
	for k := 0; k < len(toks); k++ {
		if k > first && strings.IndexByte(text[toks[k-1].End:toks[k].Start], '\n') >= 0 {
			closeAt(k)
		}
		t := &toks[k]
		term := isTerminator(t)
		final := false
		if !term && t.Kind == doc.Abbrev {
			final = abbrevs[t.Text]
		}
		if !term && !final {
			continue
		}
		m := k + 1
		for m < len(toks) && toks[m].Start == toks[m-1].End && ((term && isTerminator(&toks[m])) || isCloser(&toks[m])) {
			m++
		}
		if m == len(toks) {
			closeAt(m)
			break
		}
		gap := text[toks[m-1].End:toks[m].Start]
		if gap != "" && startsSentence(&toks[m], final) {
			closeAt(m)
		}
		k = m - 1
	}
	closeAt(len(toks))
	return out
}
