package morph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warta-id/warta/data"
)

// UD-style lemmas.
//
// Analyze gives the root the event coder and the tagger need ("tersebut" →
// sebut, "Kecamatan" → camat). Universal Dependencies Indonesian (GSD v2.17)
// lemmatises differently: lexicalised derivations and proper names keep
// their form ("tersebut", "kecamatan"), stand-alone enclitics get their
// pronoun ("nya" → dia) and a few words have conventional lemmas ("tapi" →
// tetapi). Lemma gives that UD-style lemma: a word listed in the lemma table
// learned from UD training treebanks (data/morph/udlemma/lemmas.tsv, rebuilt
// by `warta train lemma`) gets its table lemma; any other word gets the
// rule lemma of udRule, built on Analyze.

// lemmaTablePath is the embedded lemma table read by Default's analyzer.
const lemmaTablePath = "morph/udlemma/lemmas.tsv"

// AddLemmas adds a lemma table read from r: lines "form<TAB>lemma" (form in
// lower case), # comments; name is used in error messages. Its entries
// replace those of the embedded table.
func (a *Analyzer) AddLemmas(r io.Reader, name string) error {
	m, err := parseLemmas(r, name)
	if err != nil {
		return err
	}
	a.lemOnce.Do(a.loadLemmas)
	a.lemMu.Lock()
	if a.lemmas == nil {
		a.lemmas = make(map[string]string, len(m))
	}
	for k, v := range m {
		a.lemmas[k] = v
	}
	a.lemRoots = attested(a.lemmas)
	a.lemCache = nil
	a.lemMu.Unlock()
	return nil
}

// attested is the set of lemmas of a lemma table.
func attested(table map[string]string) map[string]struct{} {
	set := make(map[string]struct{}, len(table))
	for _, l := range table {
		set[l] = struct{}{}
	}
	return set
}

func parseLemmas(r io.Reader, name string) (map[string]string, error) {
	sc := bufio.NewScanner(r)
	line := 0
	m := make(map[string]string, 4096)
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		form, lemma, ok := strings.Cut(t, "\t")
		if !ok || form == "" || lemma == "" || strings.Contains(lemma, "\t") {
			return nil, fmt.Errorf("%s:%d: want form<TAB>lemma, got %q", name, line, t)
		}
		m[lower(form)] = lemma
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return m, nil
}

// loadLemmas reads the embedded lemma table, for Default's analyzer, the
// first time a lemma is asked for.
func (a *Analyzer) loadLemmas() {
	if !a.lemDefault {
		return
	}
	f, err := data.FS.Open(lemmaTablePath)
	if err != nil {
		a.lemErr = fmt.Errorf("morph: %w", err)
		return
	}
	defer f.Close()
	m, err := parseLemmas(f, "data/"+lemmaTablePath)
	if err != nil {
		a.lemErr = err
		return
	}
	a.lemMu.Lock()
	a.lemmas, a.lemRoots = m, attested(m)
	a.lemMu.Unlock()
}

// LemmaTableErr reports why the embedded lemma table could not be read (nil
// when it was read or is not used); Lemma then uses the rules alone.
func (a *Analyzer) LemmaTableErr() error {
	a.lemOnce.Do(a.loadLemmas)
	return a.lemErr
}

// cliticLemmas are the lemmas UD Indonesian gives to enclitic pronouns
// written as separate words ("berdiri" + "nya" → "dia").
var cliticLemmas = map[string]string{"nya": "dia", "ku": "aku", "mu": "kamu", "ia": "dia"}

// Lemma returns the UD-style lemma of one word, in lower case: its entry in
// the lemma table if it has one, else the rule lemma (see udRule).
func (a *Analyzer) Lemma(word string) string {
	a.lemOnce.Do(a.loadLemmas)
	w := lower(word)
	capital := false
	if w != word {
		r, _ := utf8.DecodeRuneInString(word)
		capital = unicode.IsUpper(r)
	}
	a.lemMu.RLock()
	l, ok := a.lemmas[w]
	if !ok {
		l, ok = a.lemCache[ruleKey{w, capital}]
	}
	a.lemMu.RUnlock()
	if ok {
		return l
	}
	l = a.udRule(word, w)
	a.lemMu.Lock()
	if a.lemCache == nil {
		a.lemCache = make(map[ruleKey]string, 4096)
	}
	if len(a.lemCache) < maxCache {
		a.lemCache[ruleKey{w, capital}] = l
	}
	a.lemMu.Unlock()
	return l
}

// ruleKey keys the cache of rule lemmas: udRule depends on the lowercased
// word and whether it was capitalised.
type ruleKey struct {
	w       string
	capital bool
}

// RuleLemma returns the UD-style lemma of word without the lemma table.
func (a *Analyzer) RuleLemma(word string) string { return a.udRule(word, lower(word)) }

// attestedBonus is the score a split gains when its root is attested as a
// lemma in the UD training data: enough to beat any longer Hunspell root.
const attestedBonus = 20

// udRule is the UD-style lemma of a word the lemma table does not list:
//   - a stand-alone enclitic pronoun gets its pronoun (nya → dia);
//   - numbers, symbols and other non-words keep their form;
//   - a reduplicated word gets the lemma of its first half;
//   - a capitalised word keeps its form: unseen capitalised words are
//     mostly proper names, which UD does not strip ("Kebangkitan");
//   - a word whose only affix is an enclitic keeps its form: UD splits
//     pronoun clitics off as words, so those left are lexicalised
//     ("umumnya", "biasanya");
//   - any other word gets its root, chosen by udRoot among the splits
//     affix stripping considers.
func (a *Analyzer) udRule(word, w string) string {
	if l, ok := cliticLemmas[w]; ok {
		return l
	}
	if w == "" || !isWordy(w) {
		return w
	}
	an := a.Analyze(w)
	if an.Redup {
		if i := strings.IndexByte(w, '-'); i > 0 && strings.HasPrefix(w[i+1:], w[:i]) {
			return a.Lemma(w[:i])
		}
		return an.Root
	}
	if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) {
		return w
	}
	if an.Clitic != "" && an.Prefix == "" && an.Suffix == "" {
		return w
	}
	if an.Prefix == "" && an.Suffix == "" {
		return an.Root
	}
	return a.udRoot(strings.TrimSuffix(w, an.Clitic), an.Root)
}

// udRoot re-chooses the root of an affixed word (base, without its clitic;
// root is Analyze's choice), preferring lemmas attested in the UD training
// data: a base that is itself a lemma stays whole ("pengetahuan"), and an
// attested root beats a Hunspell-only one ("peralatan": alat, not ralat).
func (a *Analyzer) udRoot(base, root string) string {
	a.lemMu.RLock()
	defer a.lemMu.RUnlock()
	if len(a.lemRoots) == 0 {
		return root
	}
	if _, ok := a.lemRoots[base]; ok {
		return base
	}
	best, bestScore := root, -1<<30
	splits(base, func(prefix, r, suffix string, penalty int) {
		if len(r) < 2 || !validConfix(prefix, suffix) {
			return
		}
		_, known := a.roots[r]
		_, att := a.lemRoots[r]
		if !known && !att {
			return
		}
		score := splitScore(prefix, r, suffix, penalty)
		if att {
			score += attestedBonus
		}
		if score > bestScore {
			best, bestScore = r, score
		}
	})
	return best
}
