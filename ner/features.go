package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/kb"
)

// Features are hashed to 64 bits (FNV-1a over a template byte and string
// parts); the model stores no strings.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type hasher uint64

func newHash(template byte) hasher { return hasher(fnvOffset).byte(template) }

func (h hasher) byte(b byte) hasher { return (h ^ hasher(b)) * fnvPrime }

func (h hasher) str(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = (h ^ hasher(s[i])) * fnvPrime
	}
	return h.byte(0xff)
}

const (
	flagTitle  = 1 << iota // first letter upper case
	flagUpper              // all letters upper case (2+ letters)
	flagDigit              // contains a digit
	flagHyphen             // contains a hyphen
	flagPunct              // no letter or digit
	flagMixed              // an upper-case letter after the first rune (iPhone, McDonald)
)

// Gazetteer kinds, one bit each (kb.Kind 1..6 → bit kind-1).
const numKinds = 6

// token is the per-word information features are built from.
type token struct {
	raw   string
	lower string
	shape string // e.g. "Xxxx", "XX", "dd/dd"
	short string // shape with repeats collapsed: "Xx", "X", "d/d"
	pre   [4]string
	suf   [4]string
	flags byte
	gazB  byte // kinds of knowledge-base aliases starting at this word
	gazI  byte // kinds of aliases covering this word but not starting here
	gazE  byte // kinds of aliases ending at this word
}

func prepare(words []string, k *kb.KB) []token {
	ts := make([]token, len(words))
	for i, w := range words {
		ts[i] = analyse(w)
	}
	if k != nil {
		gazetteer(ts, words, k)
	}
	return ts
}

func analyse(w string) token {
	var t token
	if !utf8.ValidString(w) {
		w = strings.ToValidUTF8(w, "\uFFFD")
	}
	t.raw = w
	t.lower = strings.ToLower(w)
	var sb, ss strings.Builder
	var last rune = -1
	letters, uppers, n := 0, 0, 0
	hasAlnum := false
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			uppers++
			letters++
			if n > 0 {
				t.flags |= flagMixed
			}
		case unicode.IsLetter(r):
			c = 'x'
			letters++
		case unicode.IsDigit(r):
			c = 'd'
			t.flags |= flagDigit
		default:
			c = r
			if r == '-' {
				t.flags |= flagHyphen
			}
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			hasAlnum = true
		}
		if n == 0 && unicode.IsUpper(r) {
			t.flags |= flagTitle
		}
		if sb.Len() < 16 {
			sb.WriteRune(c)
		}
		if c != last {
			ss.WriteRune(c)
			last = c
		}
		n++
	}
	if letters >= 2 && uppers == letters {
		t.flags |= flagUpper
	}
	if !hasAlnum {
		t.flags |= flagPunct
	}
	t.shape, t.short = sb.String(), ss.String()
	// Prefixes and suffixes of 1..4 runes of the lower-cased word.
	rn := utf8.RuneCountInString(t.lower)
	for k := 1; k <= 4; k++ {
		if k >= rn {
			t.pre[k-1], t.suf[k-1] = t.lower, t.lower
			continue
		}
		i := 0
		for c := 0; c < k; c++ {
			_, sz := utf8.DecodeRuneInString(t.lower[i:])
			i += sz
		}
		t.pre[k-1] = t.lower[:i]
		j := len(t.lower)
		for c := 0; c < k; c++ {
			_, sz := utf8.DecodeLastRuneInString(t.lower[:j])
			j -= sz
		}
		t.suf[k-1] = t.lower[j:]
	}
	return t
}

// gazetteer marks the words covered by knowledge-base aliases: for every
// start word, the longest alias starting there (and every shorter one) sets
// the kind bits of its entries.
func gazetteer(ts []token, words []string, k *kb.KB) {
	nw := make([]string, len(words))
	for i, w := range words {
		n := kb.Norm(w)
		if strings.IndexByte(n, ' ') >= 0 {
			n = "" // a word the knowledge base would split cannot be part of an alias span here
		}
		nw[i] = n
	}
	for i := range nw {
		if nw[i] == "" {
			continue
		}
		m := k.MaxWords(nw[i])
		if m > len(nw)-i {
			m = len(nw) - i
		}
		for j := 1; j < m; j++ {
			if nw[i+j] == "" {
				m = j
				break
			}
		}
		for n := m; n >= 1; n-- {
			es := k.LookupWords(nw[i : i+n])
			if len(es) == 0 {
				continue
			}
			var bits byte
			for _, e := range es {
				if e.Kind >= 1 && int(e.Kind) <= numKinds {
					bits |= 1 << (e.Kind - 1)
				}
			}
			ts[i].gazB |= bits
			for j := i + 1; j < i+n; j++ {
				ts[j].gazI |= bits
			}
			ts[i+n-1].gazE |= bits
		}
	}
}

// Feature templates.
const (
	fBias byte = iota
	fWord
	fLower
	fPre
	fSuf
	fShape
	fShort
	fFlags
	fFirst
	fLast
	fFirstTitle
	fPrev1
	fPrev2
	fNext1
	fNext2
	fPrevBi
	fNextBi
	fPrevShape
	fNextShape
	fPrevFlags
	fNextFlags
	fGazB
	fGazI
	fGazE
	fGazTitle
	fGazPrev
	fGazNext
	fGazLen
	fPrevSuf
	fNextPre
)

const (
	bos = "<s>"
	eos = "</s>"
)

// features appends the hashed features of word i of ts to dst.
func features(dst []uint64, ts []token, i int) []uint64 {
	t := &ts[i]
	add := func(h hasher) { dst = append(dst, uint64(h)) }
	add(newHash(fBias))
	add(newHash(fWord).str(t.raw))
	add(newHash(fLower).str(t.lower))
	for k := 0; k < 4; k++ {
		add(newHash(fPre).byte(byte(k)).str(t.pre[k]))
		add(newHash(fSuf).byte(byte(k)).str(t.suf[k]))
	}
	add(newHash(fShape).str(t.shape))
	add(newHash(fShort).str(t.short))
	add(newHash(fFlags).byte(t.flags))
	if i == 0 {
		add(newHash(fFirst))
		add(newHash(fFirstTitle).byte(t.flags & flagTitle).str(t.lower))
	}
	if i == len(ts)-1 {
		add(newHash(fLast))
	}
	w := func(j int) string {
		switch {
		case j < 0:
			return bos
		case j >= len(ts):
			return eos
		}
		return ts[j].lower
	}
	add(newHash(fPrev1).str(w(i - 1)))
	add(newHash(fPrev2).str(w(i - 2)))
	add(newHash(fNext1).str(w(i + 1)))
	add(newHash(fNext2).str(w(i + 2)))
	add(newHash(fPrevBi).str(w(i - 1)).str(t.lower))
	add(newHash(fNextBi).str(t.lower).str(w(i + 1)))
	if i > 0 {
		p := &ts[i-1]
		add(newHash(fPrevShape).str(p.short).str(t.short))
		add(newHash(fPrevFlags).byte(p.flags).byte(t.flags))
		add(newHash(fPrevSuf).str(p.suf[2]))
	} else {
		add(newHash(fPrevShape).str(bos).str(t.short))
	}
	if i+1 < len(ts) {
		nx := &ts[i+1]
		add(newHash(fNextShape).str(t.short).str(nx.short))
		add(newHash(fNextFlags).byte(t.flags).byte(nx.flags))
		add(newHash(fNextPre).str(nx.pre[2]))
	} else {
		add(newHash(fNextShape).str(t.short).str(eos))
	}
	// Gazetteer.
	for b := 0; b < numKinds; b++ {
		bit := byte(1) << b
		if t.gazB&bit != 0 {
			add(newHash(fGazB).byte(byte(b)))
			add(newHash(fGazTitle).byte(byte(b)).byte(t.flags & (flagTitle | flagUpper)))
		}
		if t.gazI&bit != 0 {
			add(newHash(fGazI).byte(byte(b)))
		}
		if t.gazE&bit != 0 {
			add(newHash(fGazE).byte(byte(b)))
		}
		if i > 0 && (ts[i-1].gazB|ts[i-1].gazI)&bit != 0 {
			add(newHash(fGazPrev).byte(byte(b)).byte(t.flags & flagTitle))
		}
		if i+1 < len(ts) && (ts[i+1].gazB|ts[i+1].gazI)&bit != 0 {
			add(newHash(fGazNext).byte(byte(b)).byte(t.flags & flagTitle))
		}
	}
	if t.gazB|t.gazI == 0 {
		add(newHash(fGazLen).byte(t.flags & flagTitle))
	}
	return dst
}
