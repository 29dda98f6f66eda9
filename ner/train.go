package ner

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/warta-id/warta/internal/weights"
	"github.com/warta-id/warta/kb"
)

// Sentence is one training or evaluation sentence: words and gold BIO tags
// (already mapped with MapLabel).
type Sentence struct {
	Words []string
	Tags  []string
}

// EpochStats reports one training epoch.
type EpochStats struct {
	Epoch    int
	Loss     float64 // mean structured hinge loss per sentence: score(predicted) − score(gold), before each update
	TrainAcc float64 // tag accuracy of the Viterbi output during the epoch (before each update)
	DevF1    float64 // entity F1 of the averaged, quantised model on Dev; -1 without Dev
	Features int     // features in the averaged, pruned model
}

// TrainOptions controls Train.
type TrainOptions struct {
	Epochs int        // passes over the training data (default 10)
	Seed   uint64     // shuffling seed (same seed and data, same model)
	Dev    []Sentence // optional: keep the epoch with the best entity F1 here
	MinAbs float64    // prune averaged weights below this share of the largest (default 0.001)
	Report func(EpochStats)
}

// Train trains an averaged structured perceptron. Training is deterministic:
// sentences are shuffled by a PCG generator seeded with opt.Seed, features
// get rows in first-seen order, and the model file is written in sorted
// order.
func Train(train []Sentence, opt TrainOptions) (*Recognizer, error) {
	if len(train) == 0 {
		return nil, errors.New("ner: no training sentences")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.MinAbs <= 0 {
		opt.MinAbs = 0.001
	}
	k, err := kb.Default()
	if err != nil {
		return nil, err
	}
	tagIdx := map[string]int{}
	for i, s := range Tags {
		tagIdx[s] = i
	}
	type sent struct {
		feats [][]uint64
		gold  []int
	}
	p := &sperc{em: weights.NewAveraged(nt)}
	data := make([]sent, 0, len(train))
	for si, s := range train {
		if len(s.Words) != len(s.Tags) {
			return nil, fmt.Errorf("ner: sentence %d: %d words, %d tags", si+1, len(s.Words), len(s.Tags))
		}
		if len(s.Words) == 0 {
			continue
		}
		x := sent{feats: make([][]uint64, len(s.Words)), gold: make([]int, len(s.Words))}
		ts := prepare(s.Words, k)
		for i := range ts {
			x.feats[i] = features(nil, ts, i)
		}
		for i, t := range Repair(s.Tags) {
			g, ok := tagIdx[t]
			if !ok {
				return nil, fmt.Errorf("ner: sentence %d: unknown tag %q", si+1, s.Tags[i])
			}
			x.gold[i] = g
		}
		data = append(data, x)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var best *Recognizer
	bestF1 := -1.0
	var em []float64
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		loss := 0.0
		for _, oi := range order {
			s := data[oi]
			n := len(s.gold)
			if cap(em) < n*nt {
				em = make([]float64, n*nt)
			}
			em = em[:n*nt]
			for i, fs := range s.feats {
				p.em.Scores(fs, em[i*nt:i*nt+nt])
			}
			pred := viterbi(em, n, p.trans[:])
			p.em.Tick()
			sg, sp := 0.0, 0.0
			prevG, prevP := nt, nt
			for i := 0; i < n; i++ {
				g, q := s.gold[i], pred[i]
				sg += em[i*nt+g] + p.trans[prevG*nt+g]
				sp += em[i*nt+q] + p.trans[prevP*nt+q]
				if g == q {
					correct++
				}
				total++
				prevG, prevP = g, q
			}
			loss += sp - sg
			prevG, prevP = nt, nt
			for i := 0; i < n; i++ {
				g, q := s.gold[i], pred[i]
				if g != q {
					p.em.Update(s.feats[i], g, q)
				}
				if g != q || prevG != prevP {
					p.updateTrans(prevG*nt+g, 1)
					p.updateTrans(prevP*nt+q, -1)
				}
				prevG, prevP = g, q
			}
		}
		st := EpochStats{Epoch: ep, Loss: loss / float64(len(data)), TrainAcc: float64(correct) / float64(total), DevF1: -1}
		r := p.average(opt.MinAbs)
		r.kb = k
		st.Features = len(r.index)
		if len(opt.Dev) > 0 {
			st.DevF1 = r.Evaluate(opt.Dev).F1
			if st.DevF1 > bestF1 {
				best, bestF1 = r, st.DevF1
			}
		} else {
			best = r
		}
		if opt.Report != nil {
			opt.Report(st)
		}
	}
	return best, nil
}

// Repair makes a tag sequence valid BIO the way conlleval reads it: an I-X
// that does not continue an X entity becomes B-X.
func Repair(tags []string) []string {
	out := make([]string, len(tags))
	prev := ""
	for i, t := range tags {
		p, typ := splitTag(t)
		switch p {
		case 'I':
			if prev != typ {
				t = "B-" + typ
			}
			prev = typ
		case 'B':
			prev = typ
		default:
			t, prev = "O", ""
		}
		out[i] = t
	}
	return out
}

// sperc is the structured perceptron being trained: emission weights in a
// shared averaged table, transition weights averaged alongside it.
type sperc struct {
	em    *weights.Averaged
	trans [(nt + 1) * nt]float64
	ttot  [(nt + 1) * nt]float64
	tts   [(nt + 1) * nt]int64
}

func (p *sperc) updateTrans(i int, d float64) {
	step := p.em.Steps()
	p.ttot[i] += float64(step-p.tts[i]) * p.trans[i]
	p.tts[i] = step
	p.trans[i] += d
}

// average returns the averaged model: emission weights quantised to int16,
// weights below minAbs × the largest dropped, empty features pruned.
func (p *sperc) average(minAbs float64) *Recognizer {
	step := p.em.Steps()
	T := float64(step)
	if T == 0 {
		T = 1
	}
	r := &Recognizer{}
	for i := range p.trans {
		r.trans[i] = float32((p.ttot[i] + float64(step-p.tts[i])*p.trans[i]) / T)
	}
	index, w, scale := p.em.Quantise(minAbs)
	if scale == 0 {
		scale = 1 // every emission weight is zero
	}
	r.index, r.w, r.scale = index, w, float32(scale)
	return r
}
