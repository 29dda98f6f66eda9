package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/morph"
)

// Features are hashed to 64 bits (FNV-1a over a feature-template byte and
// its string parts), so extraction allocates nothing per feature and the
// model stores no strings.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type hasher uint64

func newHash(template byte) hasher {
	h := hasher(fnvOffset)
	return h.byte(template)
}

func (h hasher) byte(b byte) hasher { return (h ^ hasher(b)) * fnvPrime }

func (h hasher) str(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = (h ^ hasher(s[i])) * fnvPrime
	}
	return h.byte(0xff) // separator, so ("ab","c") != ("a","bc")
}

// word is the per-word information features are built from.
type word struct {
	lower  string
	shape  string
	pre    [4]string // prefixes of 1..4 runes (lowercased)
	suf    [4]string // suffixes of 1..4 runes
	flags  byte      // flagTitle, flagUpper, flagDigit, flagHyphen, ...
	an     morph.Analysis
	mprefx string // morph prefix+suffix key, e.g. "meN+kan"
	cl     string // word-cluster path ("" when the word has none)
}

const (
	flagTitle  = 1 << iota // first letter upper case
	flagUpper              // all letters upper case (2+ letters)
	flagDigit              // contains a digit
	flagHyphen             // contains a hyphen
	flagRedup              // reduplicated (negara-negara)
	flagKnown              // morph root is in the lexicon
	flagPunct              // only punctuation / symbols
)

const (
	boundaryStart = "<s>"
	boundaryEnd   = "</s>"
)

func analyse(an *morph.Analyzer, cl Clusters, w string) word {
	var x word
	x.lower = strings.ToLower(w)
	if cl != nil {
		x.cl = cl[ClusterKey(x.lower)] // already lower case: no new string unless digits
	}
	x.shape = shape(w)
	// prefixes / suffixes by runes
	n := utf8.RuneCountInString(x.lower)
	for k := 1; k <= 4; k++ {
		if k > n {
			x.pre[k-1], x.suf[k-1] = x.lower, x.lower
			continue
		}
		// prefix of k runes
		i, c := 0, 0
		for c < k {
			_, sz := utf8.DecodeRuneInString(x.lower[i:])
			i += sz
			c++
		}
		x.pre[k-1] = x.lower[:i]
		j, c := len(x.lower), 0
		for c < k {
			_, sz := utf8.DecodeLastRuneInString(x.lower[:j])
			j -= sz
			c++
		}
		x.suf[k-1] = x.lower[j:]
	}
	letters, uppers, punct := 0, 0, true
	for i, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
			punct = false
			if unicode.IsUpper(r) {
				uppers++
				if i == 0 {
					x.flags |= flagTitle
				}
			}
		case unicode.IsDigit(r):
			x.flags |= flagDigit
			punct = false
		case r == '-':
			x.flags |= flagHyphen
		default:
			if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
				punct = false
			}
		}
	}
	if letters >= 2 && uppers == letters {
		x.flags |= flagUpper
	}
	if punct && w != "" {
		x.flags |= flagPunct
	}
	if an != nil && letters > 0 {
		x.an = an.Analyze(w)
		if x.an.Redup {
			x.flags |= flagRedup
		}
		if x.an.Known {
			x.flags |= flagKnown
		}
		x.mprefx = x.an.Prefix + "+" + x.an.Suffix
	}
	return x
}

// shape maps letters to X/x, digits to d and keeps other characters,
// collapsing runs of the same class after two repeats: "Jakarta" -> "Xxx",
// "2.500" -> "d.ddd" -> "d.dd", "negara-negara" -> "xx-xx".
func shape(w string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		last = c
		b.WriteRune(c)
		if b.Len() > 12 {
			break
		}
	}
	return b.String()
}

// clusterPrefixes are the path lengths used as word-cluster features.
var clusterPrefixes = [...]int{4, 6, 10, 64}

func prefix(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// features appends the hashed features of position i given the words of
// the sentence and the tags p1, p2 of the previous two words.
func features(dst []uint64, ws []word, i int, p1, p2 string) []uint64 {
	w := &ws[i]
	get := func(k int) (string, *word) {
		if k < 0 {
			return boundaryStart, nil
		}
		if k >= len(ws) {
			return boundaryEnd, nil
		}
		return ws[k].lower, &ws[k]
	}
	wm1, xm1 := get(i - 1)
	wm2, _ := get(i - 2)
	wp1, xp1 := get(i + 1)
	wp2, _ := get(i + 2)
	add := func(h hasher) { dst = append(dst, uint64(h)) }

	add(newHash(0)) // bias
	add(newHash(1).str(w.lower))
	for k := 0; k < 4; k++ {
		add(newHash(2).byte(byte(k)).str(w.pre[k]))
		add(newHash(3).byte(byte(k)).str(w.suf[k]))
	}
	add(newHash(4).str(w.shape))
	first := byte(0)
	if i == 0 {
		first = 1
	}
	add(newHash(5).byte(w.flags).byte(first))
	add(newHash(6).str(p1))
	add(newHash(7).str(p2).str(p1))
	add(newHash(8).str(p1).str(w.lower))
	add(newHash(9).str(wm1))
	add(newHash(10).str(wm2))
	add(newHash(11).str(wp1))
	add(newHash(12).str(wp2))
	add(newHash(13).str(wm1).str(w.lower))
	add(newHash(14).str(w.lower).str(wp1))
	add(newHash(15).str(p1).str(wp1))
	if xm1 != nil {
		add(newHash(16).str(xm1.suf[2]))
		add(newHash(17).str(xm1.mprefx))
	}
	if xp1 != nil {
		add(newHash(18).str(xp1.suf[2]))
		add(newHash(19).str(xp1.mprefx))
		add(newHash(20).str(xp1.shape))
		add(newHash(21).byte(xp1.flags))
	} else {
		add(newHash(21).byte(0xfe))
	}
	if xm1 != nil {
		add(newHash(22).byte(xm1.flags))
	}
	// capitalisation after the previous tag (names vs nouns)
	add(newHash(46).byte(w.flags & flagTitle))
	add(newHash(47).byte(w.flags & flagTitle).str(p1))
	// word clusters: path prefixes of the word and its neighbours
	if w.cl != "" {
		for k, n := range clusterPrefixes {
			add(newHash(40).byte(byte(k)).str(prefix(w.cl, n)))
		}
		add(newHash(41).str(p1).str(prefix(w.cl, 6)))
	} else {
		add(newHash(40).byte(0xfe))
	}
	if xm1 != nil {
		add(newHash(42).str(prefix(xm1.cl, 6)))
		add(newHash(43).str(xm1.cl))
	}
	if xp1 != nil {
		add(newHash(44).str(prefix(xp1.cl, 6)))
		add(newHash(45).str(xp1.cl))
	}
	// morphology
	if w.mprefx != "" {
		add(newHash(30).str(w.mprefx))
		add(newHash(31).str(w.an.Prefix))
		add(newHash(32).str(w.an.Suffix))
		add(newHash(33).str(w.an.Clitic))
		add(newHash(34).str(w.an.Root))
		add(newHash(35).str(w.mprefx).byte(w.flags & (flagKnown | flagTitle)))
		add(newHash(36).str(p1).str(w.mprefx))
	}
	return dst
}
