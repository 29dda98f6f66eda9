// Package morph analyses Indonesian words into prefix, root, suffix and
// clitic by affix stripping against a root lexicon (data/morph/roots.txt,
// derived from the Hunspell id_ID word list).
//
// It takes a word ("menyerukan", "pertemuannya", "negara-negara") and gives
// an Analysis (prefix "meN", root "seru", suffix "kan"; prefix "per", root
// "temu", suffix "an", clitic "nya"; root "negara", reduplicated), and a
// UD-style lemma (Lemma: "tersebut" stays "tersebut", "nya" → "dia") from a
// lemma table learned from UD Indonesian (data/morph/udlemma) and rules.
// The pipeline stage Lemmatize sets Token.Lemma and Token.Clitic on a
// Document.
//
// Derivation keys (Analysis.Key) let the event coder match a pattern word
// to every voice of the same derivation: menyerang, diserang and serang
// share a key, while serangan, penyerangan and menyerangkan do not.
package morph

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/data"
	"github.com/warta-id/warta/doc"
)

// Analysis is the morphological analysis of one word.
type Analysis struct {
	Word   string // the lowercased input
	Prefix string // "", "meN", "di", "ber", "ter", "ke", "peN", "per", "se", "memper", "diper"
	Root   string // root (lemma); the word itself when no analysis was found
	Suffix string // "", "kan", "i", "an"
	Clitic string // "", "nya", "lah", "kah", "pun", "ku", "mu"
	Redup  bool   // the word was reduplicated (negara-negara)
	Known  bool   // Root is in the lexicon
}

// Key is the derivation key used to match pattern words: active (meN-)
// and passive (di-) verb forms share a key; the bare form (often a noun:
// "sanksi", "serang") and other affixations differ.
func (a Analysis) Key() string {
	p := a.Prefix
	switch p {
	case "meN", "di":
		p = "V"
	case "":
		p = "0"
	case "memper", "diper":
		p = "VPER"
	}
	return p + "+" + a.Root + "+" + a.Suffix
}

// Passive reports whether the word is a di- passive.
func (a Analysis) Passive() bool { return a.Prefix == "di" || a.Prefix == "diper" }

// Analyzer holds a root lexicon. The zero value is not usable; use Default
// or New.
type Analyzer struct {
	roots map[string]struct{}
	mu    sync.RWMutex
	cache map[string]Analysis

	// UD-style lemma table (lemma.go), loaded on first use.
	lemOnce    sync.Once
	lemDefault bool // load the embedded table
	lemMu      sync.RWMutex
	lemmas     map[string]string
	lemRoots   map[string]struct{} // lemmas attested in UD training data
	lemCache   map[ruleKey]string  // rule lemmas already computed
	lemErr     error
}

var (
	defaultOnce sync.Once
	defaultA    *Analyzer
	defaultErr  error
)

// Default returns the analyzer over the embedded root lexicon.
func Default() (*Analyzer, error) {
	defaultOnce.Do(func() {
		defaultA, defaultErr = Load(data.FS, "morph/roots.txt")
		if defaultErr != nil {
			return
		}
		f, err := data.FS.Open("morph/lexicalized.txt")
		if err != nil {
			defaultErr = fmt.Errorf("morph: %w", err)
			return
		}
		defer f.Close()
		defaultErr = defaultA.AddLexicalized(f, "data/morph/lexicalized.txt")
		defaultA.lemDefault = true
	})
	return defaultA, defaultErr
}

// Load reads a root lexicon (one root a line, # comments) from fsys.
func Load(fsys fs.FS, name string) (*Analyzer, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("morph: open %s: %w", name, err)
	}
	defer f.Close()
	a := New(nil)
	if err := a.AddRoots(f, name); err != nil {
		return nil, err
	}
	return a, nil
}

// New returns an analyzer over the given roots.
func New(roots []string) *Analyzer {
	a := &Analyzer{roots: make(map[string]struct{}, 32000), cache: make(map[string]Analysis, 4096)}
	for _, r := range roots {
		a.roots[strings.ToLower(r)] = struct{}{}
	}
	return a
}

// AddRoots adds roots read from r (one a line, # comments); name is used in
// error messages.
func (a *Analyzer) AddRoots(r io.Reader, name string) error {
	return a.addWords(r, name, func(w string) { a.roots[w] = struct{}{} })
}

// AddLexicalized adds words (one a line, # comments) that are their own
// lemma although they look affixed ("sebagai", "terhadap", "tersebut").
// They join the root lexicon: a word that is a root is never stripped.
func (a *Analyzer) AddLexicalized(r io.Reader, name string) error {
	return a.addWords(r, name, func(w string) { a.roots[w] = struct{}{} })
}

// addWords reads a one-word-a-line list and empties the analysis cache.
func (a *Analyzer) addWords(r io.Reader, name string, add func(string)) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || t[0] == '#' {
			continue
		}
		if strings.ContainsAny(t, " \t") {
			return fmt.Errorf("%s:%d: one word a line, got %q", name, line, t)
		}
		add(strings.ToLower(t))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	a.mu.Lock()
	a.cache = make(map[string]Analysis, 4096)
	a.mu.Unlock()
	a.lemMu.Lock()
	a.lemCache = nil
	a.lemMu.Unlock()
	return nil
}

// IsRoot reports whether w (lowercase) is in the lexicon.
func (a *Analyzer) IsRoot(w string) bool {
	_, ok := a.roots[w]
	return ok
}

const maxCache = 200000

// Analyze returns the analysis of word. It never fails: unknown words are
// their own root with Known false.
func (a *Analyzer) Analyze(word string) Analysis {
	w := lower(word)
	a.mu.RLock()
	an, ok := a.cache[w]
	a.mu.RUnlock()
	if ok {
		return an
	}
	an = a.analyze(w)
	a.mu.Lock()
	if len(a.cache) < maxCache {
		a.cache[w] = an
	}
	a.mu.Unlock()
	return an
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

var clitics = []string{"nya", "lah", "kah", "pun", "ku", "mu"}

func (a *Analyzer) analyze(w string) Analysis {
	res := Analysis{Word: w, Root: w}
	if w == "" || !isWordy(w) {
		return res
	}
	// Reduplication: negara-negara, pukul-memukul, sayur-mayur.
	if i := strings.IndexByte(w, '-'); i > 0 && i < len(w)-1 {
		left, right := w[:i], w[i+1:]
		if left == right {
			in := a.analyze(left)
			in.Word, in.Redup = w, true
			return in
		}
		if _, ok := a.roots[w]; ok {
			res.Known = true
			return res
		}
		// pukul-memukul: right is an affixed form of left.
		if ra := a.analyze(right); ra.Root == left && ra.Known {
			ra.Word, ra.Redup = w, true
			return ra
		}
		// kerja-kerjanya / negara-negaranya: clitic on the copy.
		for _, c := range clitics {
			if strings.HasSuffix(right, c) && strings.TrimSuffix(right, c) == left {
				in := a.analyze(left)
				in.Word, in.Redup, in.Clitic = w, true, c
				return in
			}
		}
		return res
	}
	if _, ok := a.roots[w]; ok {
		res.Known = true
		return res
	}
	best, found := a.strip(w)
	if !found {
		// Try with a clitic removed.
		for _, c := range clitics {
			if len(w) > len(c)+2 && strings.HasSuffix(w, c) {
				base := w[:len(w)-len(c)]
				if _, ok := a.roots[base]; ok {
					return Analysis{Word: w, Root: base, Clitic: c, Known: true}
				}
				if an, ok := a.strip(base); ok {
					an.Word, an.Clitic = w, c
					return an
				}
			}
		}
		return res
	}
	best.Word = w
	return best
}

func isWordy(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || r == '-' || r == '\'' {
			continue
		}
		return false
	}
	return true
}

var suffixes = []string{"kan", "an", "i", ""}

// strip tries prefix × suffix combinations and returns the analysis whose
// root is known, preferring fewer affixes and longer roots.
func (a *Analyzer) strip(w string) (Analysis, bool) {
	var best Analysis
	bestScore := -1
	consider := func(prefix, root, suffix string, penalty int) {
		if len(root) < 2 {
			return
		}
		if _, ok := a.roots[root]; !ok {
			return
		}
		if !validConfix(prefix, suffix) {
			return
		}
		if score := splitScore(prefix, root, suffix, penalty); score > bestScore {
			bestScore = score
			best = Analysis{Prefix: prefix, Root: root, Suffix: suffix, Known: true}
		}
	}
	splits(w, consider)
	return best, bestScore >= 0
}

// splitScore ranks a split: longer roots first, each affix costs 3 and
// rarer readings their penalty.
func splitScore(prefix, root, suffix string, penalty int) int {
	score := len(root)*2 - penalty
	if prefix != "" {
		score -= 3
	}
	if suffix != "" {
		score -= 3
	}
	return score
}

// splits calls visit with every (prefix, root, suffix) split of w that
// affix stripping considers, and the split's tie-breaking penalty.
func splits(w string, visit func(prefix, root, suffix string, penalty int)) {
	for _, suf := range suffixes {
		if !strings.HasSuffix(w, suf) || len(w)-len(suf) < 2 {
			continue
		}
		stem := w[:len(w)-len(suf)]
		if suf != "" {
			visit("", stem, suf, 0)
		}
		for _, p := range prefixVariants(stem) {
			visit(p.prefix, p.root, suf, p.penalty)
		}
	}
}

// validConfix rules out combinations Indonesian does not use.
func validConfix(prefix, suffix string) bool {
	switch prefix {
	case "ber":
		return suffix != "i" // bertemu, berhadapan, berdasarkan
	case "ke":
		return suffix == "an" || suffix == ""
	case "di", "meN", "memper", "diper":
		return suffix != "an"
	case "se":
		return suffix == "" || suffix == "an" || suffix == "nya"
	}
	return true
}

// cand is one (prefix, root) split; penalty makes rarer readings lose ties:
// a restored initial consonant (memulai: mulai before pulai), the be-/pe-
// allomorphs (berada: ber+ada before be+rada) and double prefixes.
type cand struct {
	prefix, root string
	penalty      int
}

// prefixVariants lists possible (prefix, root) splits of stem, recovering
// the initial consonant that meN- and peN- assimilate.
func prefixVariants(s string) []cand {
	var out []cand
	add := func(p, r string) {
		if len(r) >= 2 {
			out = append(out, cand{p, r, 0})
		}
	}
	addP := func(p, r string, penalty int) {
		if len(r) >= 2 {
			out = append(out, cand{p, r, penalty})
		}
	}
	// Nested prefixes first (memper-, diper-).
	for _, pp := range []struct{ p, tag string }{{"memper", "memper"}, {"diper", "diper"}, {"mempel", "memper"}} {
		if strings.HasPrefix(s, pp.p) {
			add(pp.tag, s[len(pp.p):])
		}
	}
	nasal := func(tag, base string) {
		// base is "me" or "pe"
		if !strings.HasPrefix(s, base) {
			return
		}
		r := s[len(base):]
		switch {
		case strings.HasPrefix(r, "ng"):
			rest := r[2:]
			add(tag, rest)     // meng+ambil, meng+gali
			add(tag, "k"+rest) // meng+kirim → mengirim
			if strings.HasPrefix(rest, "e") {
				add(tag, rest[1:]) // menge+bom (monosyllabic roots)
			}
		case strings.HasPrefix(r, "ny"):
			addP(tag, "s"+r[2:], 1) // meny+serang → menyerang
			add(tag, r)             // me+nyanyi
		case strings.HasPrefix(r, "m"):
			add(tag, r[1:])         // mem+beri, mem+fitnah
			addP(tag, "p"+r[1:], 1) // mem+pukul → memukul
			add(tag, r)             // me+makan
		case strings.HasPrefix(r, "n"):
			add(tag, r[1:])         // men+dukung, men+cari
			addP(tag, "t"+r[1:], 1) // men+tangkap → menangkap
			add(tag, r)             // me+nanti
		default:
			add(tag, r) // me+lihat, me+rusak, me+wakili, pe+lajar
		}
	}
	nasal("meN", "me")
	nasal("peN", "pe")
	if strings.HasPrefix(s, "di") {
		add("di", s[2:])
	}
	if strings.HasPrefix(s, "ber") {
		add("ber", s[3:])
	}
	if strings.HasPrefix(s, "be") {
		addP("ber", s[2:], 2) // bekerja, beternak
	}
	if strings.HasPrefix(s, "bel") {
		add("ber", s[3:]) // belajar
	}
	if strings.HasPrefix(s, "ter") {
		add("ter", s[3:])
	}
	if strings.HasPrefix(s, "per") {
		add("per", s[3:])
	}
	if strings.HasPrefix(s, "pe") {
		addP("per", s[2:], 2) // peternak-style fallbacks
	}
	if strings.HasPrefix(s, "ke") {
		add("ke", s[2:])
	}
	if strings.HasPrefix(s, "se") {
		add("se", s[2:])
	}
	// Double prefixes: memper-/diper- handled; ke+ber (keberadaan), peN+ber? rare.
	if strings.HasPrefix(s, "keber") {
		addP("ke", s[5:], 4)
	}
	if strings.HasPrefix(s, "keter") {
		addP("ke", s[5:], 4)
	}
	if strings.HasPrefix(s, "diber") {
		addP("di", s[5:], 4)
	}
	if strings.HasPrefix(s, "meng") && strings.HasPrefix(s[4:], "ke") {
		add("meN", s[4:])
	}
	return out
}

// Lemmatize is the pipeline stage: it sets Lemma (the UD-style lemma, see
// Lemma) and Clitic (from Analyze) on every word token of d. The event
// coder does not read Lemma: it analyses words itself with Analyze.
func (a *Analyzer) Lemmatize(d *doc.Document) {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != doc.Word {
			t.Lemma = lower(t.Text)
			continue
		}
		t.Lemma = a.Lemma(t.Text)
		t.Clitic = a.Analyze(t.Text).Clitic
	}
}
