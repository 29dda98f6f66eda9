package parser

import "strings"

// Scores counts attachment scores over gold-tokenized sentences with the
// CoNLL 2018 shared-task semantics: every word counts (punctuation
// included), and a relation is right when its universal part (before any
// ':') matches.
type Scores struct {
	Words      int
	HeadRight  int // UAS numerator
	LabelRight int // LAS numerator
}

// UAS is the unlabelled attachment score (0..1).
func (s Scores) UAS() float64 { return ratio(s.HeadRight, s.Words) }

// LAS is the labelled attachment score (0..1).
func (s Scores) LAS() float64 { return ratio(s.LabelRight, s.Words) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Add counts one sentence: gold and predicted heads and relations.
func (s *Scores) Add(goldHeads []int, goldRels []string, heads []int, rels []string) {
	for i := range goldHeads {
		s.Words++
		if i < len(heads) && heads[i] == goldHeads[i] {
			s.HeadRight++
			if i < len(rels) && Universal(rels[i]) == Universal(goldRels[i]) {
				s.LabelRight++
			}
		}
	}
}

// Universal is the universal part of a relation: "nsubj" of "nsubj:pass".
func Universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

// Score parses sents with their own UPOS tags and scores the result.
func (p *Parser) Score(sents []Sentence) (Scores, error) {
	var sc Scores
	for _, s := range sents {
		heads, rels, err := p.Parse(s.Words, s.UPOS)
		if err != nil {
			return sc, err
		}
		sc.Add(s.Heads, s.Rels, heads, rels)
	}
	return sc, nil
}
