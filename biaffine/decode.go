package biaffine

import (
	"fmt"
	"math"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/parser"
)

// eisner returns the best projective tree with exactly one word attached to
// the root. score(h, d) is the score of head h (0 the root, 1..n words) for
// dependent d (1..n). heads[d-1] is d's head.
func eisner(n int, score func(h, d int) float64) []int {
	heads := make([]int, n)
	if n == 1 {
		return heads
	}
	N := n + 1
	idx := func(s, t, dir int) int { return (s*N+t)*2 + dir } // dir 0: head at t, 1: head at s
	C := make([]float64, N*N*2)
	I := make([]float64, N*N*2)
	Cb := make([]int32, N*N*2)
	Ib := make([]int32, N*N*2)
	for k := 1; k < n; k++ {
		for s := 1; s+k <= n; s++ {
			t := s + k
			best0, best1 := math.Inf(-1), math.Inf(-1)
			var b0, b1 int32
			st, ts := score(s, t), score(t, s)
			for r := s; r < t; r++ {
				v := C[idx(s, r, 1)] + C[idx(r+1, t, 0)]
				if v+ts > best0 {
					best0, b0 = v+ts, int32(r)
				}
				if v+st > best1 {
					best1, b1 = v+st, int32(r)
				}
			}
			I[idx(s, t, 0)], Ib[idx(s, t, 0)] = best0, b0
			I[idx(s, t, 1)], Ib[idx(s, t, 1)] = best1, b1
			best0, best1 = math.Inf(-1), math.Inf(-1)
			for r := s; r < t; r++ {
				if v := C[idx(s, r, 0)] + I[idx(r, t, 0)]; v > best0 {
					best0, b0 = v, int32(r)
				}
			}
			for r := s + 1; r <= t; r++ {
				if v := I[idx(s, r, 1)] + C[idx(r, t, 1)]; v > best1 {
					best1, b1 = v, int32(r)
				}
			}
			C[idx(s, t, 0)], Cb[idx(s, t, 0)] = best0, b0
			C[idx(s, t, 1)], Cb[idx(s, t, 1)] = best1, b1
		}
	}
	root, bv := 1, math.Inf(-1)
	for r := 1; r <= n; r++ {
		v := score(0, r)
		if r > 1 {
			v += C[idx(1, r, 0)]
		}
		if r < n {
			v += C[idx(r, n, 1)]
		}
		if v > bv {
			bv, root = v, r
		}
	}
	heads[root-1] = 0
	var comp, inc func(s, t, dir int)
	comp = func(s, t, dir int) {
		if s == t {
			return
		}
		r := int(Cb[idx(s, t, dir)])
		if dir == 0 {
			comp(s, r, 0)
			inc(r, t, 0)
		} else {
			inc(s, r, 1)
			comp(r, t, 1)
		}
	}
	inc = func(s, t, dir int) {
		r := int(Ib[idx(s, t, dir)])
		if dir == 0 {
			heads[s-1] = t
		} else {
			heads[t-1] = s
		}
		comp(s, r, 1)
		comp(r+1, t, 0)
	}
	if root > 1 {
		comp(1, root, 0)
	}
	if root < n {
		comp(root, n, 1)
	}
	return heads
}

// Parse returns the head (1-based word index, 0 for the root) and the
// relation of each word. words and upos must have the same length.
func (m *Model) Parse(words, upos []string) (heads []int, rels []string, err error) {
	if len(words) != len(upos) {
		return nil, nil, fmt.Errorf("biaffine: %d words but %d tags", len(words), len(upos))
	}
	n := len(words)
	if n == 0 {
		return []int{}, []string{}, nil
	}
	ws, _ := m.pool.Get().(*workspace)
	if ws == nil {
		ws = m.newWorkspace()
	}
	defer m.pool.Put(ws)
	m.forward(ws, m.encode(words, upos, m.target), nil)
	s := m.arcScores(ws)
	for i := 0; i < n; i++ { // log-probabilities of each word's heads
		row := s[i*(n+1) : i*(n+1)+n+1]
		self := i + 1
		lz := logSumExp(row, self)
		for j := range row {
			row[j] -= lz
		}
	}
	if len(m.helpers) > 0 {
		// each helper's arcs add a vote to the log-probabilities
		for _, parse := range m.helpers {
			hh, _, err := parse(words, upos)
			if err != nil || len(hh) != n {
				continue
			}
			for i, h := range hh {
				if h >= 0 && h <= n && h != i+1 {
					s[i*(n+1)+h] += m.helperWeight
				}
			}
		}
	}
	heads = eisner(n, func(h, d int) float64 { return s[(d-1)*(n+1)+h] })
	rels = make([]string, n)
	B, L := m.cfg.Label, len(m.rels)
	feat, z := make([]float64, 3*B), make([]float64, L)
	for i, h := range heads {
		m.labelScores(ws, h, i, feat, z)
		best := -1
		for k, v := range z {
			if (k == m.root) != (h == 0) && m.root >= 0 {
				continue
			}
			if best < 0 || v > z[best] {
				best = k
			}
		}
		rels[i] = m.rels[max(best, 0)]
	}
	return heads, rels, nil
}

func logSumExp(row []float64, skip int) float64 {
	mx := math.Inf(-1)
	for j, v := range row {
		if j != skip && v > mx {
			mx = v
		}
	}
	z := 0.0
	for j, v := range row {
		if j != skip {
			z += math.Exp(v - mx)
		}
	}
	return mx + math.Log(z)
}

// WithHelpers returns a parser over the same model whose tree is chosen
// with the help of other parsers (such as package parser's transition
// parser): each arc a helper predicts adds weight to the arc's
// log-probability before the best tree is found (Sagae and Lavie 2006's
// reparsing, with this model's probabilities as the base). The relations
// are this model's.
func (m *Model) WithHelpers(weight float64, helpers ...parser.ParseFunc) *Model {
	q := m.ForTreebank(m.target)
	q.helpers, q.helperWeight = helpers, weight
	return q
}

// ParseDocument is the pipeline's parsing stage with this parser (see
// parser.Parser.ParseDocument): it parses the tagged sentences of d listed
// in sentences and sets their tokens' heads and relations.
func (m *Model) ParseDocument(d *doc.Document, sentences []int) int {
	return parser.ParseSentences(d, sentences, m.Parse)
}
