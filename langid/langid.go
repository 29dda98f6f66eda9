// Package langid tells Indonesian apart from Malay, English and other
// languages.
//
// It takes a text (a headline, a sentence, an article) and gives a Guess: a
// language code (Indonesian, Malay, English, Other or Unknown), a confidence
// between 0 and 1 from the margin between the two best candidates, and a
// short reason. It is small and fast enough to run on every crawled page.
//
// The classifier counts marker words. Its data is langid/markers.txt,
// embedded in the binary: weighted words and phrases that are Indonesian only
// (karena, pemerintah, rumah sakit, kantor, uang, persen, kapan), Malay only
// (kerana, kerajaan persekutuan, hospital, pejabat in phrases, wang, peratus,
// bila), shared by both (yang, dan, di), English, and several other
// languages (Javanese, Sundanese, Tagalog, Dutch, Spanish and more). The
// decision is made in three steps:
//
//  1. Script and length: a text whose letters are mostly not Latin is Other;
//     fewer than MinWords words is Unknown.
//  2. Family: the Malay/Indonesian family (shared + id + ms markers), English
//     and each other language are scored by summed marker weights; the best
//     wins. No markers at all, or markers on under 10% of the words of a text
//     of 10 or more words, is Other.
//  3. Within the Malay/Indonesian family, Indonesian wins unless the Malay
//     markers outweigh the Indonesian ones plus a small prior: dropping an
//     Indonesian article by mistake is the costlier error, so a text with no
//     distinguishing markers is Indonesian (with confidence about 0.5).
//
// Only the first MaxScan bytes of a text are read.
package langid

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Language codes returned in Guess.Lang.
const (
	Indonesian = "id"
	Malay      = "ms"
	English    = "en"
	Other      = "other"
	Unknown    = "unknown"
)

// Guess is Detect's answer.
type Guess struct {
	Lang       string  // Indonesian, Malay, English, Other or Unknown
	Confidence float64 // 0..1, from the margin between the best and the runner-up
	Reason     string  // e.g. "too short", "non-Latin script", "marker words (id 12 vs ms 1)"
}

// MinWords is the fewest words Detect will judge; shorter texts are Unknown.
const MinWords = 5

// MaxScan is how many bytes of a text Detect reads.
const MaxScan = 64 << 10

// idPrior is added to the Indonesian score before comparing it with Malay.
const idPrior = 1.5

//go:embed markers.txt
var markersTxt string

// Detector holds a parsed marker file.
type Detector struct {
	langs []string // language codes; index 0..3 are id, ms, idms, en
	words map[string]*entry
}

// entry is what a word scores alone and the phrases it starts (longest first).
type entry struct {
	hits    []hit
	phrases []phrase
}

type hit struct {
	lang int
	w    float64
}

type phrase struct {
	rest []string
	hits []hit
}

const (
	langID = iota
	langMS
	langIDMS
	langEN
)

var (
	defaultOnce sync.Once
	defaultDet  *Detector
	defaultErr  error
)

// Default returns the Detector built from the embedded markers.txt.
func Default() (*Detector, error) {
	defaultOnce.Do(func() {
		defaultDet, defaultErr = Parse("langid/markers.txt", strings.NewReader(markersTxt))
	})
	return defaultDet, defaultErr
}

// Detect guesses the language of text with the embedded marker file.
func Detect(text string) Guess {
	d, err := Default()
	if err != nil {
		return Guess{Lang: Unknown, Reason: err.Error()}
	}
	return d.Detect(text)
}

// Parse reads a marker file (format in markers.txt's header). name is used
// in error messages, which have the form "name:LINE: problem".
func Parse(name string, r io.Reader) (*Detector, error) {
	d := &Detector{
		langs: []string{Indonesian, Malay, "idms", English},
		words: map[string]*entry{},
	}
	index := map[string]int{}
	for i, l := range d.langs {
		index[l] = i
	}
	phraseIdx := map[string]int{} // full phrase → index in its first word's phrases
	get := func(w string) *entry {
		e := d.words[w]
		if e == nil {
			e = &entry{}
			d.words[w] = e
		}
		return e
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.SplitN(s, " ", 3)
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want LANG WEIGHT entries, got %q", name, line, s)
		}
		lang := f[0]
		if !validLang(lang) {
			return nil, fmt.Errorf("%s:%d: bad language code %q", name, line, lang)
		}
		w, err := strconv.ParseFloat(f[1], 64)
		if err != nil || w <= 0 || math.IsInf(w, 0) || math.IsNaN(w) {
			return nil, fmt.Errorf("%s:%d: bad weight %q: want a positive number", name, line, f[1])
		}
		li, ok := index[lang]
		if !ok {
			li = len(d.langs)
			d.langs = append(d.langs, lang)
			index[lang] = li
		}
		for _, e := range strings.Split(f[2], ",") {
			words := tokenize(e)
			if len(words) == 0 {
				if strings.TrimSpace(e) != "" {
					return nil, fmt.Errorf("%s:%d: entry %q has no letters", name, line, e)
				}
				continue
			}
			h := hit{li, w}
			e := get(words[0])
			if len(words) == 1 {
				e.hits = append(e.hits, h)
				continue
			}
			key := strings.Join(words, " ")
			if i, ok := phraseIdx[key]; ok {
				e.phrases[i].hits = append(e.phrases[i].hits, h)
				continue
			}
			phraseIdx[key] = len(e.phrases)
			e.phrases = append(e.phrases, phrase{rest: words[1:], hits: []hit{h}})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	if len(d.words) == 0 {
		return nil, fmt.Errorf("%s: no entries", name)
	}
	// Longest phrases first; reindexing is not needed after this point.
	for _, e := range d.words {
		ps := e.phrases
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].rest) > len(ps[j].rest) })
	}
	return d, nil
}

func validLang(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// tokenize lower-cases s and splits it into words (runs of letters and
// marks, with inner apostrophes and hyphens kept).
func tokenize(s string) []string {
	var sc scanner
	sc.scan(s)
	out := make([]string, 0, len(sc.spans))
	for _, sp := range sc.spans {
		out = append(out, string(sc.buf[sp.start:sp.end]))
	}
	return out
}

// span is one word in scanner.buf.
type span struct {
	start, end int32
	latin      bool
}

// scanner splits text into lower-case words, all kept in one buffer, and
// counts Latin and other letters.
type scanner struct {
	buf          []byte
	spans        []span
	latin, other int
}

func (sc *scanner) scan(s string) {
	start := -1 // start of the current word in sc.buf
	wordLatin := true
	flush := func() {
		if start >= 0 {
			end := len(sc.buf)
			for end > start && (sc.buf[end-1] == '\'' || sc.buf[end-1] == '-') {
				end--
			}
			sc.buf = sc.buf[:end]
			if end > start {
				sc.spans = append(sc.spans, span{int32(start), int32(end), wordLatin})
			}
		}
		start = -1
		wordLatin = true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
				sc.latin++
			case 'A' <= c && c <= 'Z':
				sc.latin++
				c += 'a' - 'A'
			case (c == '\'' || c == '-') && start >= 0:
				// kept inside a word; trimmed at its end
			default:
				flush()
				continue
			}
			if start < 0 {
				start = len(sc.buf)
			}
			sc.buf = append(sc.buf, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '’' && start >= 0:
			sc.buf = append(sc.buf, '\'')
		case unicode.IsLetter(r) || (unicode.Is(unicode.Mn, r) && start >= 0):
			if unicode.IsLetter(r) {
				if unicode.Is(unicode.Latin, r) {
					sc.latin++
				} else {
					sc.other++
					wordLatin = false
				}
			}
			if start < 0 {
				start = len(sc.buf)
			}
			sc.buf = utf8.AppendRune(sc.buf, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
}

var scannerPool = sync.Pool{New: func() any { return new(scanner) }}

// Detect guesses the language of text.
func (d *Detector) Detect(text string) Guess {
	if len(text) > MaxScan {
		cut := MaxScan
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	sc := scannerPool.Get().(*scanner)
	sc.buf, sc.spans, sc.latin, sc.other = sc.buf[:0], sc.spans[:0], 0, 0
	defer scannerPool.Put(sc)
	sc.scan(text)
	words := len(sc.spans)
	// Only Latin-script words are scored; drop the others in place.
	toks := sc.spans[:0]
	for _, sp := range sc.spans {
		if sp.latin {
			toks = append(toks, sp)
		}
	}
	sc.spans = toks
	buf := sc.buf
	if sc.other > sc.latin && sc.other >= 10 {
		return Guess{Lang: Other, Confidence: conf(float64(sc.other-sc.latin) / float64(sc.other+sc.latin)),
			Reason: "non-Latin script"}
	}
	if words < MinWords {
		return Guess{Lang: Unknown, Reason: fmt.Sprintf("too short (%d words)", words)}
	}

	var small [16]float64
	score := small[:0]
	if len(d.langs) <= len(small) {
		score = small[:len(d.langs)]
	} else {
		score = make([]float64, len(d.langs))
	}
	covered := 0
	for i := 0; i < len(toks); i++ {
		w := buf[toks[i].start:toks[i].end]
		if e := d.words[string(w)]; e != nil {
			if n := matchPhrase(e.phrases, buf, toks, i, score); n > 0 {
				covered += n
				i += n - 1
				continue
			}
			if len(e.hits) > 0 {
				covered++
				for _, h := range e.hits {
					score[h.lang] += h.w
				}
				continue
			}
		}
		if bytes.IndexByte(w, '-') > 0 {
			// Reduplication (anak-anak) or a compound: score each distinct part once.
			var prev []byte
			found := false
			for part := range bytes.SplitSeq(w, []byte("-")) {
				if bytes.Equal(part, prev) {
					continue
				}
				prev = part
				e := d.words[string(part)]
				if e == nil {
					continue
				}
				for _, h := range e.hits {
					score[h.lang] += h.w
					found = true
				}
			}
			if found {
				covered++
			}
		}
	}

	// Families: Malay/Indonesian (id+ms+idms), English, each other language.
	family := score[langID] + score[langMS] + score[langIDMS]
	best, bestName, second := family, "idms", 0.0
	consider := func(s float64, name string) {
		switch {
		case s > best:
			best, second, bestName = s, best, name
		case s > second:
			second = s
		}
	}
	consider(score[langEN], English)
	for i := langEN + 1; i < len(score); i++ {
		consider(score[i], d.langs[i])
	}
	if best == 0 {
		return Guess{Lang: Other, Confidence: 0.5, Reason: "no marker words"}
	}
	coverage := float64(covered) / float64(len(toks)+1)
	if len(toks) >= 10 && coverage < 0.10 {
		return Guess{Lang: Other, Confidence: conf(1 - coverage/0.10),
			Reason: fmt.Sprintf("few marker words (%d of %d)", covered, len(toks))}
	}
	famConf := (best - second) / best
	switch bestName {
	case English:
		return Guess{Lang: English, Confidence: conf(famConf),
			Reason: fmt.Sprintf("marker words (en %.3g vs %.3g)", best, second)}
	case "idms":
	default:
		return Guess{Lang: Other, Confidence: conf(famConf),
			Reason: fmt.Sprintf("marker words (%s %.3g vs %.3g)", bestName, best, second)}
	}
	id, ms := score[langID], score[langMS]
	margin := math.Abs(id-ms) / (id + ms + 1)
	c := conf(famConf * (0.5 + 0.5*margin))
	if id == 0 && ms == 0 {
		return Guess{Lang: Indonesian, Confidence: c, Reason: "Malay/Indonesian without id/ms markers; Indonesian by default"}
	}
	reason := fmt.Sprintf("marker words (id %.3g vs ms %.3g)", id, ms)
	// Malay needs a clear lead: Indonesian news (sport, pages from Kuala
	// Lumpur bureaus) uses many words the marker list counts as Malay, and
	// dropping an Indonesian article is the costlier mistake.
	if ms > id+idPrior && ms >= 1.5*id {
		return Guess{Lang: Malay, Confidence: c, Reason: reason}
	}
	return Guess{Lang: Indonesian, Confidence: c, Reason: reason}
}

// matchPhrase scores the longest of ps (the phrases toks[i] starts) and returns how
// many tokens it covers (0: none).
func matchPhrase(ps []phrase, buf []byte, toks []span, i int, score []float64) int {
next:
	for _, p := range ps {
		if i+len(p.rest) >= len(toks) {
			continue
		}
		for j, w := range p.rest {
			if t := toks[i+1+j]; string(buf[t.start:t.end]) != w {
				continue next
			}
		}
		for _, h := range p.hits {
			score[h.lang] += h.w
		}
		return 1 + len(p.rest)
	}
	return 0
}

// conf clamps a confidence into [0, 1] and rounds it to three decimals.
func conf(x float64) float64 {
	if math.IsNaN(x) || x < 0 {
		return 0
	}
	if x > 1 {
		x = 1
	}
	return math.Round(x*1000) / 1000
}
