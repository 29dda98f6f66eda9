package tagger

import "strings"

// open are the open-class tags; a legacy tag is never changed from one of
// these to another (NOUN vs PROPN inside names, ADJ vs VERB, depend on
// context the word alone does not show).
var open = map[string]bool{"NOUN": true, "PROPN": true, "VERB": true, "ADJ": true}

// Harmonize relabels sentences in an older annotation (the legacy UD
// Indonesian-GSD r2.1 training file, where auxiliaries such as akan, telah,
// dapat, sudah are ADV, "untuk" is always ADP and "salah satu" is DET DET)
// to the current annotation, learned from sentences in it:
//
//   - if the current data tags (word, tag of the next word) at least
//     minCount times and one tag has at least share of them, the legacy word
//     in that context gets that tag ("untuk" before a VERB -> SCONJ);
//   - otherwise, if the current data tags the word alone that way, the
//     legacy word gets the word's majority tag ("telah" -> AUX);
//   - a tag is never changed when both the old and the new tag are open
//     class (NOUN, PROPN, VERB, ADJ).
//
// Words compare lower-cased. It changes legacy in place and returns the
// number of tags changed.
func Harmonize(legacy, current []Sentence, minCount int, share float64) int {
	type counts map[string]int
	byWord := map[string]counts{}
	byCtx := map[string]counts{}
	inc := func(m map[string]counts, k, tag string) {
		c := m[k]
		if c == nil {
			c = counts{}
			m[k] = c
		}
		c[tag]++
	}
	next := func(s Sentence, i int) string {
		if i+1 < len(s.Tags) {
			return s.Tags[i+1]
		}
		return "</s>"
	}
	for _, s := range current {
		for i, w := range s.Words {
			lw := strings.ToLower(w)
			inc(byWord, lw, s.Tags[i])
			inc(byCtx, lw+"\x00"+next(s, i), s.Tags[i])
		}
	}
	major := func(c counts) string {
		n, best, bestN := 0, "", 0
		for t, k := range c {
			n += k
			if k > bestN || (k == bestN && t < best) {
				best, bestN = t, k
			}
		}
		if n < minCount || float64(bestN) < share*float64(n) {
			return ""
		}
		return best
	}
	changed := 0
	for _, s := range legacy {
		// Decide on the original tags, then apply, so one change does
		// not feed the next word's context.
		newTags := make([]string, len(s.Tags))
		for i, w := range s.Words {
			lw := strings.ToLower(w)
			t := major(byCtx[lw+"\x00"+next(s, i)])
			if t == "" {
				t = major(byWord[lw])
			}
			if t == "" || t == s.Tags[i] || (open[t] && open[s.Tags[i]]) {
				newTags[i] = s.Tags[i]
				continue
			}
			newTags[i] = t
			changed++
		}
		copy(s.Tags, newTags)
	}
	return changed
}

// VersionMap learns how a treebank's tags changed between two releases
// from the same sentences in both (old and updated must hold the same
// sentences; those whose words differ are skipped): a lower-cased word with
// an old tag maps to a new tag when at least minCount of its occurrences
// with that old tag were changed, all to that tag ("saat" NOUN -> PRON
// between UD Indonesian-GSD r2.1 and r2.5). Keys are word + "\x00" + old tag.
func VersionMap(old, updated []Sentence, minCount int) map[string]string {
	key := func(s Sentence) string { return strings.Join(s.Words, "\x00") }
	byWords := map[string]Sentence{}
	for _, s := range old {
		byWords[key(s)] = s
	}
	seen := map[string]map[string]int{}
	for _, s := range updated {
		o, ok := byWords[key(s)]
		if !ok || len(o.Tags) != len(s.Tags) {
			continue
		}
		for i, w := range s.Words {
			k := strings.ToLower(w) + "\x00" + o.Tags[i]
			if seen[k] == nil {
				seen[k] = map[string]int{}
			}
			seen[k][s.Tags[i]]++
		}
	}
	m := map[string]string{}
	for k, c := range seen {
		if len(c) != 1 {
			continue
		}
		for t, n := range c {
			if n >= minCount && !strings.HasSuffix(k, "\x00"+t) {
				m[k] = t
			}
		}
	}
	return m
}

// Relabel applies a VersionMap to sents in place and returns the number of
// tags changed.
func Relabel(sents []Sentence, m map[string]string) int {
	n := 0
	for _, s := range sents {
		for i, w := range s.Words {
			if t, ok := m[strings.ToLower(w)+"\x00"+s.Tags[i]]; ok {
				s.Tags[i] = t
				n++
			}
		}
	}
	return n
}
