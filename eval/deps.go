package eval

import (
	"fmt"
	"strings"
)

// DepReport holds attachment scores under gold tokenization.
type DepReport struct {
	UAS   float64 `json:"uas"` // share of words with the gold head
	LAS   float64 `json:"las"` // ... and the gold relation (universal part)
	Words int     `json:"words"`
}

// Tagger gives one UPOS tag per word.
type Tagger func(words []string) []string

// DepParser gives a head (1-based, 0 for the root) and a relation per word.
type DepParser func(words, upos []string) (heads []int, rels []string, err error)

// Deps scores a dependency parser on gold-tokenized sentences with the
// CoNLL 2018 shared-task semantics: every syntactic word counts,
// punctuation included; LAS compares only the universal part of the
// relation ("nsubj" of "nsubj:pass"). The parser sees the tagger's UPOS
// tags, not the gold ones.
func Deps(sents []UDSentence, tag Tagger, parse DepParser) (DepReport, error) {
	var rep DepReport
	uas, las := 0, 0
	for si, s := range sents {
		words := make([]string, len(s.Words))
		for i, w := range s.Words {
			words[i] = w.Form
		}
		heads, rels, err := parse(words, tag(words))
		if err != nil {
			return rep, fmt.Errorf("sentence %d: %w", si+1, err)
		}
		if len(heads) != len(words) || len(rels) != len(words) {
			return rep, fmt.Errorf("sentence %d: %d words, %d heads, %d relations", si+1, len(words), len(heads), len(rels))
		}
		for i, w := range s.Words {
			rep.Words++
			if heads[i] != w.Head {
				continue
			}
			uas++
			if universal(rels[i]) == universal(w.Deprel) {
				las++
			}
		}
	}
	if rep.Words > 0 {
		rep.UAS = round(float64(uas) / float64(rep.Words))
		rep.LAS = round(float64(las) / float64(rep.Words))
	}
	return rep, nil
}

// universal is the part of a relation before any subtype: "nsubj" of
// "nsubj:pass".
func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
