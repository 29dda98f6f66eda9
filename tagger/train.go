package tagger

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/warta-id/warta/internal/weights"
	"github.com/warta-id/warta/morph"
)

// Sentence is one training or evaluation sentence: words and gold tags.
type Sentence struct {
	Words []string
	Tags  []string
}

// EpochStats reports one training epoch.
type EpochStats struct {
	Epoch    int
	TrainAcc float64 // accuracy of the greedy tagger during the epoch (before each update)
	DevAcc   float64 // accuracy of the averaged, quantised model on Dev; -1 without Dev
	Features int     // features in the averaged, quantised model
}

// TrainOptions controls Train.
type TrainOptions struct {
	Epochs int        // passes over the training data (default 10)
	Seed   uint64     // shuffling seed (same seed and data, same model)
	Dev    []Sentence // optional: keep the epoch with the best accuracy here
	MinAbs float64    // prune averaged weights below this magnitude (default 0.005 of the largest)
	// Clusters are word clusters (TrainClusters) used as features; the
	// model keeps them. Nil for none.
	Clusters Clusters
	// Bags > 1 trains that many perceptrons side by side, each shuffling
	// the data with its own seed (Seed, Seed+1, ...), and averages their
	// averaged weights: one model, a little more accurate than each.
	Bags   int
	Report func(EpochStats)
}

// Train trains an averaged-perceptron tagger. Training is deterministic:
// sentences are shuffled by a PCG generator seeded with opt.Seed, and every
// map is visited in sorted order when the model is written.
func Train(train []Sentence, opt TrainOptions) (*Tagger, error) {
	if len(train) == 0 {
		return nil, errors.New("tagger: no training sentences")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Bags <= 0 {
		opt.Bags = 1
	}
	if opt.MinAbs <= 0 {
		opt.MinAbs = 0.005
	}
	an, err := morph.Default()
	if err != nil {
		return nil, err
	}
	tagIdx := map[string]int{}
	for i, s := range UPOS {
		tagIdx[s] = i
	}
	data := make([]sent, 0, len(train))
	for si, s := range train {
		if len(s.Words) != len(s.Tags) {
			return nil, fmt.Errorf("tagger: sentence %d: %d words, %d tags", si+1, len(s.Words), len(s.Tags))
		}
		x := sent{ws: make([]word, len(s.Words)), gold: make([]int, len(s.Words))}
		for i, w := range s.Words {
			x.ws[i] = analyse(an, opt.Clusters, w)
			k, ok := tagIdx[s.Tags[i]]
			if !ok {
				return nil, fmt.Errorf("tagger: sentence %d: unknown tag %q", si+1, s.Tags[i])
			}
			x.gold[i] = k
		}
		data = append(data, x)
	}
	bags := make([]*bag, opt.Bags)
	for b := range bags {
		bags[b] = newBag(len(data), opt.Seed+uint64(b))
	}
	var best *Tagger
	bestAcc := -1.0
	for ep := 1; ep <= opt.Epochs; ep++ {
		correct, total := 0, 0
		for _, b := range bags {
			c, n := b.epoch(data)
			correct += c
			total += n
		}
		st := EpochStats{Epoch: ep, TrainAcc: float64(correct) / float64(total), DevAcc: -1}
		t := averaged(bags, opt.MinAbs)
		t.an = an
		t.cl = opt.Clusters
		st.Features = len(t.index)
		if len(opt.Dev) > 0 {
			st.DevAcc = t.Accuracy(opt.Dev)
			if st.DevAcc > bestAcc {
				best, bestAcc = t, st.DevAcc
			}
		} else {
			best = t
		}
		if opt.Report != nil {
			opt.Report(st)
		}
	}
	return best, nil
}

// sent is a training sentence, analysed.
type sent struct {
	ws   []word
	gold []int
}

// bag is one perceptron being trained with its own shuffling.
type bag struct {
	p      *weights.Averaged
	rng    *rand.Rand
	order  []int
	scores []float64
	feats  []uint64
}

func newBag(n int, seed uint64) *bag {
	b := &bag{
		p:      weights.NewAveraged(len(UPOS)),
		rng:    rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		order:  make([]int, n),
		scores: make([]float64, len(UPOS)),
		feats:  make([]uint64, 0, 64),
	}
	for i := range b.order {
		b.order[i] = i
	}
	return b
}

// epoch makes one pass over data in a new random order and returns the
// words tagged right (before each update) and the words seen.
func (b *bag) epoch(data []sent) (correct, total int) {
	b.rng.Shuffle(len(b.order), func(i, j int) { b.order[i], b.order[j] = b.order[j], b.order[i] })
	for _, oi := range b.order {
		s := data[oi]
		p1, p2 := boundaryStart, boundaryStart
		for i := range s.ws {
			b.feats = features(b.feats[:0], s.ws, i, p1, p2)
			b.p.Scores(b.feats, b.scores)
			guess := argmax(b.scores)
			b.p.Tick()
			if guess != s.gold[i] {
				b.p.Update(b.feats, s.gold[i], guess)
			} else {
				correct++
			}
			total++
			p2, p1 = p1, UPOS[guess]
		}
	}
	return correct, total
}

// Accuracy is the share of words of sents the tagger tags as the gold does.
func (t *Tagger) Accuracy(sents []Sentence) float64 {
	c, n := 0, 0
	for _, s := range sents {
		got := t.Tag(s.Words)
		for i := range got {
			if i < len(s.Tags) && got[i] == s.Tags[i] {
				c++
			}
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(c) / float64(n)
}

// argmax is the index of the largest score (the first, on ties).
func argmax(scores []float64) int {
	best := 0
	for k := 1; k < len(scores); k++ {
		if scores[k] > scores[best] {
			best = k
		}
	}
	return best
}

// averaged returns the tagger with the mean of the bags' averaged weights,
// quantised to int16 with weights below minAbs (relative to the largest)
// dropped and empty features pruned.
func averaged(bags []*bag, minAbs float64) *Tagger {
	if len(bags) == 1 {
		index, w, scale := bags[0].p.Quantise(minAbs)
		if scale == 0 {
			scale = 1.0 / 32767 // every weight is zero
		}
		return &Tagger{tags: append([]string(nil), UPOS...), index: index, w: w, scale: float32(scale)}
	}
	// Each bag's weights at (almost) full precision, summed per feature
	// in first-seen order (bag by bag), then quantised once.
	nt := len(UPOS)
	sumIdx := map[uint64]int32{}
	var order []uint64
	var sum []float64
	for _, b := range bags {
		index, w, scale := b.p.Quantise(1e-6)
		hashes := make([]uint64, len(index))
		for h, row := range index {
			hashes[row] = h
		}
		for row, h := range hashes {
			r, ok := sumIdx[h]
			if !ok {
				r = int32(len(order))
				sumIdx[h] = r
				order = append(order, h)
				sum = append(sum, make([]float64, nt)...)
			}
			for k := 0; k < nt; k++ {
				sum[int(r)*nt+k] += float64(w[row*nt+k]) * scale
			}
		}
	}
	maxAbs := 0.0
	for _, v := range sum {
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	t := &Tagger{tags: append([]string(nil), UPOS...), index: map[uint64]int32{}, scale: 1.0 / 32767}
	if maxAbs == 0 {
		return t
	}
	scale := maxAbs / 32767
	cut := minAbs * maxAbs
	q := make([]int16, nt)
	for r, h := range order {
		nz := false
		for k := 0; k < nt; k++ {
			v := sum[r*nt+k]
			q[k] = 0
			if math.Abs(v) >= cut {
				q[k] = int16(math.Round(v / scale))
			}
			nz = nz || q[k] != 0
		}
		if nz {
			t.index[h] = int32(len(t.index))
			t.w = append(t.w, q...)
		}
	}
	t.scale = float32(scale)
	return t
}
