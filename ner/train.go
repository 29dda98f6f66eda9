package ner

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

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
	p := &sperc{index: map[uint64]int32{}}
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
				p.emit(fs, em[i*nt:i*nt+nt])
			}
			pred := viterbi(em, n, p.trans[:])
			p.step++
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
					p.updateEmit(s.feats[i], g, q)
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

// sperc is the structured perceptron being trained, with lazily averaged
// weights.
type sperc struct {
	index map[uint64]int32
	w     []float64 // current emission weights
	tot   []float64 // accumulated emission weights
	ts    []int64   // step of the last change
	trans [(nt + 1) * nt]float64
	ttot  [(nt + 1) * nt]float64
	tts   [(nt + 1) * nt]int64
	step  int64
}

func (p *sperc) emit(fs []uint64, out []float64) {
	for k := range out {
		out[k] = 0
	}
	for _, f := range fs {
		row, ok := p.index[f]
		if !ok {
			continue
		}
		for k, v := range p.w[int(row)*nt : int(row)*nt+nt] {
			out[k] += v
		}
	}
}

func (p *sperc) updateEmit(fs []uint64, truth, guess int) {
	for _, f := range fs {
		row, ok := p.index[f]
		if !ok {
			row = int32(len(p.index))
			p.index[f] = row
			p.w = append(p.w, make([]float64, nt)...)
			p.tot = append(p.tot, make([]float64, nt)...)
			p.ts = append(p.ts, make([]int64, nt)...)
		}
		base := int(row) * nt
		for _, c := range [2]struct {
			k int
			d float64
		}{{truth, 1}, {guess, -1}} {
			i := base + c.k
			p.tot[i] += float64(p.step-p.ts[i]) * p.w[i]
			p.ts[i] = p.step
			p.w[i] += c.d
		}
	}
}

func (p *sperc) updateTrans(i int, d float64) {
	p.ttot[i] += float64(p.step-p.tts[i]) * p.trans[i]
	p.tts[i] = p.step
	p.trans[i] += d
}

// average returns the averaged model: emission weights quantised to int16,
// weights below minAbs × the largest dropped, empty features pruned.
func (p *sperc) average(minAbs float64) *Recognizer {
	T := float64(p.step)
	if T == 0 {
		T = 1
	}
	avg := make([]float64, len(p.w))
	maxAbs := 0.0
	for i := range p.w {
		a := (p.tot[i] + float64(p.step-p.ts[i])*p.w[i]) / T
		avg[i] = a
		maxAbs = math.Max(maxAbs, math.Abs(a))
	}
	r := &Recognizer{index: map[uint64]int32{}}
	for i := range p.trans {
		r.trans[i] = float32((p.ttot[i] + float64(p.step-p.tts[i])*p.trans[i]) / T)
	}
	if maxAbs == 0 {
		r.scale = 1
		return r
	}
	scale := maxAbs / 32767
	r.scale = float32(scale)
	cut := minAbs * maxAbs
	// Visit rows in row order (first-seen order), so the result does not
	// depend on map iteration.
	hashes := make([]uint64, len(p.index))
	for h, row := range p.index {
		hashes[row] = h
	}
	for row, h := range hashes {
		var q [nt]int16
		nz := false
		for k := 0; k < nt; k++ {
			a := avg[row*nt+k]
			if math.Abs(a) < cut {
				continue
			}
			q[k] = int16(math.Round(a / scale))
			nz = nz || q[k] != 0
		}
		if !nz {
			continue
		}
		r.index[h] = int32(len(r.index))
		r.w = append(r.w, q[:]...)
	}
	return r
}
