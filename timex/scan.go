package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord   tokKind = iota // letters, possibly joined by hyphens or apostrophes
	tNum                   // a run of digits
	tBigNum                // digits with . or , group separators (1.000, 3,5)
	tPunct                 // any other single character
)

// token is one token of the scanned text. Spaces are not tokens; two tokens
// are adjacent when nothing separates them.
type token struct {
	start, end int
	kind       tokKind
	cap        bool      // word starts with an upper-case ASCII letter
	ndig       int       // tNum: number of digits
	num        int       // tNum: value (up to 9 digits, else -1)
	key        string    // tWord: normalised word; tPunct: the character
	info       *wordInfo // tWord: vocabulary entries starting with key
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// letterAt reports whether a letter starts at text[p] and its byte length.
func letterAt(text string, p int) (bool, int) {
	c := text[p]
	if c < utf8.RuneSelf {
		return isLetter(c), 1
	}
	r, n := utf8.DecodeRuneInString(text[p:])
	return unicode.IsLetter(r), n
}

// joinerAt reports whether text[p] is a hyphen or apostrophe that joins two
// letters into one word, and its byte length.
func joinerAt(text string, p int) int {
	n := 0
	switch {
	case text[p] == '-' || text[p] == '\'':
		n = 1
	case strings.HasPrefix(text[p:], "\u2019"):
		n = 3
	default:
		return 0
	}
	if p+n < len(text) {
		if ok, _ := letterAt(text, p+n); ok {
			return n
		}
	}
	return 0
}

// tokenize splits text into tokens, looking words up in v (which may be nil).
func tokenize(text string, v *Vocabulary, toks []token) []token {
	var low []byte // lower-cased copy of text, made on the first upper-case letter
	lowered := ""
	for p := 0; p < len(text); {
		c := text[p]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			p++
		case isDigit(c):
			start := p
			num, ndig := 0, 0
			for p < len(text) && isDigit(text[p]) {
				if ndig < 9 {
					num = num*10 + int(text[p]-'0')
				}
				ndig++
				p++
			}
			if ndig > 9 {
				num = -1
			}
			kind := tNum
			for p+1 < len(text) && (text[p] == '.' || text[p] == ',') && isDigit(text[p+1]) {
				kind = tBigNum
				p++
				for p < len(text) && isDigit(text[p]) {
					p++
				}
			}
			t := token{start: start, end: p, kind: kind}
			if kind == tNum {
				t.num, t.ndig = num, ndig
			}
			toks = append(toks, t)
		default:
			ok, n := letterAt(text, p)
			if !ok {
				if c >= utf8.RuneSelf {
					r, _ := utf8.DecodeRuneInString(text[p:])
					if unicode.IsSpace(r) {
						p += n
						continue
					}
				}
				toks = append(toks, token{start: p, end: p + n, kind: tPunct, key: text[p : p+n]})
				p += n
				continue
			}
			start := p
			upper, apos := false, false
			for p < len(text) {
				if ok, n := letterAt(text, p); ok {
					if 'A' <= text[p] && text[p] <= 'Z' {
						upper = true
					}
					p += n
					continue
				}
				if j := joinerAt(text, p); j > 0 {
					if text[p] != '-' {
						apos = true
					}
					p += j
					continue
				}
				break
			}
			t := token{start: start, end: p, kind: tWord, cap: 'A' <= c && c <= 'Z'}
			key := text[start:p]
			if upper || apos {
				if upper && low == nil {
					low = []byte(text)
					for i, b := range low {
						if 'A' <= b && b <= 'Z' {
							low[i] = b + 'a' - 'A'
						}
					}
					lowered = string(low)
				}
				if upper {
					key = lowered[start:p]
				}
				if apos {
					key = normWord(key)
				}
			}
			t.key = key
			if v != nil {
				t.info = v.words[key]
			}
			toks = append(toks, t)
		}
	}
	return toks
}
