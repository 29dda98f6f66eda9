package tagger

import (
	"errors"
	"fmt"
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
	an, err := morph.Default()
	if err != nil {
		return nil, err
	}
	tagIdx := map[string]int{}
	for i, s := range UPOS {
		tagIdx[s] = i
	}
	type sent struct {
		ws   []word
		gold []int
	}
	data := make([]sent, 0, len(train))
	for si, s := range train {
		if len(s.Words) != len(s.Tags) {
			return nil, fmt.Errorf("tagger: sentence %d: %d words, %d tags", si+1, len(s.Words), len(s.Tags))
		}
		x := sent{ws: make([]word, len(s.Words)), gold: make([]int, len(s.Words))}
		for i, w := range s.Words {
			x.ws[i] = analyse(an, w)
			k, ok := tagIdx[s.Tags[i]]
			if !ok {
				return nil, fmt.Errorf("tagger: sentence %d: unknown tag %q", si+1, s.Tags[i])
			}
			x.gold[i] = k
		}
		data = append(data, x)
	}
	nt := len(UPOS)
	p := weights.NewAveraged(nt)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var best *Tagger
	bestAcc := -1.0
	scores := make([]float64, nt)
	feats := make([]uint64, 0, 64)
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, oi := range order {
			s := data[oi]
			p1, p2 := boundaryStart, boundaryStart
			for i := range s.ws {
				feats = features(feats[:0], s.ws, i, p1, p2)
				p.Scores(feats, scores)
				guess := argmax(scores)
				p.Tick()
				if guess != s.gold[i] {
					p.Update(feats, s.gold[i], guess)
				} else {
					correct++
				}
				total++
				p2, p1 = p1, UPOS[guess]
			}
		}
		st := EpochStats{Epoch: ep, TrainAcc: float64(correct) / float64(total), DevAcc: -1}
		t := averaged(p, opt.MinAbs)
		t.an = an
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

// averaged returns the tagger with p's averaged weights, quantised to int16
// with weights below minAbs (relative to the largest; default 0.005)
// dropped and empty features pruned.
func averaged(p *weights.Averaged, minAbs float64) *Tagger {
	if minAbs <= 0 {
		minAbs = 0.005
	}
	index, w, scale := p.Quantise(minAbs)
	if scale == 0 {
		scale = 1.0 / 32767 // every weight is zero
	}
	return &Tagger{tags: append([]string(nil), UPOS...), index: index, w: w, scale: float32(scale)}
}
