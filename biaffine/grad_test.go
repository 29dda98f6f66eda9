package biaffine

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/warta-id/warta/parser"
)

func tinySentences() []parser.Sentence {
	return []parser.Sentence{
		{Words: []string{"Menteri", "itu", "bertemu", "presiden", "di", "Caracas", "."},
			UPOS:  []string{"NOUN", "DET", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"},
			Heads: []int{3, 1, 0, 3, 6, 3, 3},
			Rels:  []string{"nsubj", "det", "root", "obj", "case", "obl", "punct"}},
		{Words: []string{"Amerika", "menjatuhkan", "sanksi", "kepada", "Iran", "."},
			UPOS:  []string{"PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"},
			Heads: []int{2, 0, 2, 5, 2, 2},
			Rels:  []string{"nsubj", "root", "obj", "case", "obl", "punct"}},
		{Treebank: "b", Words: []string{"Menteri", "itu", "menjatuhkan", "sanksi", "."},
			UPOS:  []string{"NOUN", "DET", "VERB", "NOUN", "PUNCT"},
			Heads: []int{3, 1, 0, 3, 3},
			Rels:  []string{"nsubj", "det", "root", "obj", "punct"}},
	}
}

// TestGradients compares the analytic gradient of every parameter table
// with central differences of the loss (no dropout).
func TestGradients(t *testing.T) {
	cfg := Config{Word: 3, Cluster: 2, Cluster8: 2, Cluster4: 2, Suffix: 2, Tag: 3, Shape: 2, Treebank: 2, Hidden: 4, Layers: 2, Arc: 5, Label: 3}
	sents := tinySentences()
	m, err := Train(sents, TrainOptions{Config: cfg, Epochs: 0, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, p := range []*param{m.arcU, m.arcW, m.labV} { // start away from 0
		for i := range p.w {
			p.w[i] = rng.Float64() - 0.5
		}
	}
	relIdx := map[string]int{}
	for i, r := range m.rels {
		relIdx[r] = i
	}
	ws := m.newWorkspace()
	scratch := make([]float64, 1000)
	loss := func(g [][]float64) float64 {
		total := 0.0
		for _, s := range sents {
			rels := make([]int, len(s.Rels))
			for i, r := range s.Rels {
				rels[i] = relIdx[r]
			}
			enc := m.encode(s.Words, s.UPOS, s.Treebank)
			m.forward(ws, enc, nil)
			total += m.backward(ws, s.Heads, rels, g, scratch)
			m.embedBackward(ws, enc, g)
		}
		return total
	}
	newGrads := func() [][]float64 {
		var g [][]float64
		for _, p := range m.params {
			g = append(g, make([]float64, len(p.w)))
		}
		return g
	}
	g := newGrads()
	loss(g)
	const h = 1e-5
	checked := 0
	for pi, p := range m.params {
		for trial := 0; trial < 6; trial++ {
			k := rng.IntN(len(p.w))
			old := p.w[k]
			p.w[k] = old + h
			up := loss(newGrads())
			p.w[k] = old - h
			down := loss(newGrads())
			p.w[k] = old
			num := (up - down) / (2 * h)
			if d := math.Abs(num - g[pi][k]); d > 1e-4*math.Max(1, math.Abs(num)) {
				t.Errorf("param %d (%d×%d) entry %d: analytic %.8f numeric %.8f", pi, p.rows, p.cols, k, g[pi][k], num)
			}
			checked++
		}
	}
	t.Logf("%d gradient entries checked", checked)
}
