package biaffine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/warta-id/warta/parser"
	"github.com/warta-id/warta/tagger"
)

// TrainOptions control training.
type TrainOptions struct {
	Config   Config
	Epochs   int
	Seed     uint64
	Batch    int               // sentences per update (default 32)
	Rate     float64           // Adam learning rate (default 0.002)
	Workers  int               // goroutines per batch (default 2)
	Clusters map[string]string // word key -> cluster path (tagger/model/clusters.txt)
	Target   string            // treebank (Sentence.Treebank) whose annotation style the parser follows; "" for none
	Dev      []parser.Sentence // keep the epoch with the best LAS on these (words, tags, gold tree)
	Report   func(EpochStats)
}

// EpochStats reports one training epoch.
type EpochStats struct {
	Epoch          int
	Loss           float64 // mean loss per word
	DevUAS, DevLAS float64 // -1 without dev data
}

type example struct {
	enc   []word
	heads []int
	rels  []int
}

// Train trains a parser on sentences with their words, UPOS tags, heads and
// relations. The same data and options give the same model.
func Train(train []parser.Sentence, opt TrainOptions) (*Model, error) {
	if opt.Batch <= 0 {
		opt.Batch = 32
	}
	if opt.Rate <= 0 {
		opt.Rate = 0.002
	}
	if opt.Workers <= 0 {
		opt.Workers = 2
	}
	if opt.Config.Hidden == 0 {
		opt.Config = DefaultConfig
	}
	if len(train) == 0 {
		return nil, fmt.Errorf("biaffine: no training sentences")
	}
	m := &Model{cfg: opt.Config, words: newVocab(), sufs: newVocab(), clus: newVocab(), c8: newVocab(), c4: newVocab(), tags: newVocab(), tbs: newVocab(), target: opt.Target, clusters: opt.Clusters}
	if m.clusters == nil {
		m.clusters = map[string]string{}
	}
	freq := map[string]int{}
	sufFreq := map[string]int{}
	relSet := map[string]bool{}
	for si, s := range train {
		if len(s.Words) != len(s.UPOS) || len(s.Words) != len(s.Heads) || len(s.Words) != len(s.Rels) {
			return nil, fmt.Errorf("biaffine: training sentence %d: words, tags, heads and relations differ in length", si+1)
		}
		if s.Treebank != "" {
			m.tbs.add(s.Treebank)
		}
		for i, w := range s.Words {
			k := tagger.ClusterKey(w)
			freq[k]++
			sufFreq[suffix(k)]++
			m.tags.add(s.UPOS[i])
			relSet[s.Rels[i]] = true
		}
	}
	m.words.addFrequent(freq, 2)
	m.sufs.addFrequent(sufFreq, 2)
	paths := make([]string, 0, len(m.clusters))
	for _, p := range m.clusters {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		m.clus.add(p)
		m.c8.add(prefix(p, 8))
		m.c4.add(prefix(p, 4))
	}
	for r := range relSet {
		m.rels = append(m.rels, r)
	}
	slices.Sort(m.rels)
	m.root = slices.Index(m.rels, "root")
	relIdx := map[string]int{}
	for i, r := range m.rels {
		relIdx[r] = i
	}
	m.build()
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	m.initialise(rng)

	data := make([]example, len(train))
	for i, s := range train {
		e := example{enc: m.encode(s.Words, s.UPOS, s.Treebank), heads: s.Heads, rels: make([]int, len(s.Rels))}
		for k, w := range s.Words {
			e.enc[k].freq = int32(freq[tagger.ClusterKey(w)])
			e.rels[k] = relIdx[s.Rels[k]]
		}
		data[i] = e
	}
	type worker struct {
		ws      *workspace
		g       [][]float64
		scratch []float64
		loss    float64
		words   int
	}
	workers := make([]*worker, opt.Workers)
	H, B, L := m.cfg.Hidden, m.cfg.Label, len(m.rels)
	for w := range workers {
		wk := &worker{ws: m.newWorkspace(), scratch: make([]float64, max(6*H, 6*B+L))}
		for _, p := range m.params {
			wk.g = append(wk.g, make([]float64, len(p.w)))
		}
		workers[w] = wk
	}
	adamM := make([][]float64, len(m.params))
	adamV := make([][]float64, len(m.params))
	for i, p := range m.params {
		adamM[i] = make([]float64, len(p.w))
		adamV[i] = make([]float64, len(p.w))
	}
	const beta1, beta2, eps, clip = 0.9, 0.9, 1e-8, 5.0
	step := 0
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var best []float64
	bestLAS, bestEpoch := -1.0, 0
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		totalLoss, totalWords := 0.0, 0
		for b0 := 0; b0 < len(order); b0 += opt.Batch {
			batch := order[b0:min(b0+opt.Batch, len(order))]
			var wg sync.WaitGroup
			for w, wk := range workers {
				wg.Add(1)
				go func(w int, wk *worker) {
					defer wg.Done()
					for _, g := range wk.g {
						zero(g)
					}
					wk.loss, wk.words = 0, 0
					r := rand.New(rand.NewPCG(opt.Seed, uint64(ep)<<32|uint64(b0)<<4|uint64(w)))
					for k := w; k < len(batch); k += len(workers) {
						e := &data[batch[k]]
						m.forward(wk.ws, e.enc, r)
						wk.loss += m.backward(wk.ws, e.heads, e.rels, wk.g, wk.scratch)
						m.embedBackward(wk.ws, e.enc, wk.g)
						wk.words += len(e.enc)
					}
				}(w, wk)
			}
			wg.Wait()
			g := workers[0].g
			words := 0
			for _, wk := range workers {
				totalLoss += wk.loss
				words += wk.words
			}
			totalWords += words
			for _, wk := range workers[1:] {
				for i := range g {
					axpy(g[i], wk.g[i], 1)
				}
			}
			norm := 0.0
			scale := 1 / float64(words)
			for i := range g {
				for _, v := range g[i] {
					norm += v * v
				}
			}
			norm = math.Sqrt(norm) * scale
			if norm > clip {
				scale *= clip / norm
			}
			step++
			c1 := 1 - math.Pow(beta1, float64(step))
			c2 := 1 - math.Pow(beta2, float64(step))
			lr := opt.Rate * math.Sqrt(c2) / c1
			for i, p := range m.params {
				gm, gv, gi := adamM[i], adamV[i], g[i]
				for k := range p.w {
					d := gi[k] * scale
					if d == 0 && gm[k] == 0 {
						continue
					}
					gm[k] = beta1*gm[k] + (1-beta1)*d
					gv[k] = beta2*gv[k] + (1-beta2)*d*d
					p.w[k] -= lr * gm[k] / (math.Sqrt(gv[k]) + eps)
				}
			}
		}
		es := EpochStats{Epoch: ep, Loss: totalLoss / float64(max(totalWords, 1)), DevUAS: -1, DevLAS: -1}
		if len(opt.Dev) > 0 {
			sc, err := m.Score(opt.Dev)
			if err != nil {
				return nil, err
			}
			es.DevUAS, es.DevLAS = sc.UAS(), sc.LAS()
			if es.DevLAS > bestLAS {
				bestLAS, bestEpoch = es.DevLAS, ep
				best = m.snapshot(best)
			}
		}
		if opt.Report != nil {
			opt.Report(es)
		}
	}
	if best != nil && bestEpoch != opt.Epochs {
		m.restore(best)
	}
	return m, nil
}

func (m *Model) snapshot(dst []float64) []float64 {
	dst = dst[:0]
	for _, p := range m.params {
		dst = append(dst, p.w...)
	}
	return dst
}

func (m *Model) restore(src []float64) {
	for _, p := range m.params {
		copy(p.w, src[:len(p.w)])
		src = src[len(p.w):]
	}
}

// Score parses sents with their own UPOS tags and scores the result.
func (m *Model) Score(sents []parser.Sentence) (parser.Scores, error) {
	var sc parser.Scores
	for _, s := range sents {
		h, r, err := m.Parse(s.Words, s.UPOS)
		if err != nil {
			return sc, err
		}
		sc.Add(s.Heads, s.Rels, h, r)
	}
	return sc, nil
}
