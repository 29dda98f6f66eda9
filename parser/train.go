package parser

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/warta-id/warta/internal/weights"
)

// EpochStats reports one training epoch.
type EpochStats struct {
	Epoch int
	// Moves is the share of moves the parser got right during the epoch
	// (before updates); with a beam, the share of steps whose best item was
	// still on the way to the gold tree.
	Moves    float64
	DevUAS   float64 // of the averaged, quantised model on Dev; -1 without Dev
	DevLAS   float64
	Features int // in the averaged, quantised model
}

// TrainOptions controls Train.
type TrainOptions struct {
	Epochs  int        // passes over the training data (default 15)
	Seed    uint64     // shuffling and exploration seed (same seed and data, same model)
	Dev     []Sentence // optional: keep the epoch with the best LAS here
	MinAbs  float64    // prune averaged weights below this share of the largest (default 0.002)
	Explore float64    // after the first epoch, follow a wrong predicted move with this probability (default 0.9)
	// Target is the treebank (Sentence.Treebank) whose annotation style
	// the parser follows; with it, relation features and some move
	// features are learnt both shared and per treebank, and parsing uses
	// the shared and the Target weights. "" learns shared weights only.
	Target string
	// MinCount drops features seen fewer times on the gold move sequences
	// of the training data (default 2; 1 keeps all).
	MinCount int
	// Beam > 1 (at most MaxBeam) trains the move weights for beam search
	// of that width (global perceptron, max-violation updates; Explore is
	// not used), and the parser parses with that beam.
	Beam   int
	Report func(EpochStats)
}

// TrainStats says what Train did with the training sentences.
type TrainStats struct {
	Sentences, Words int
	Skipped          int // not a tree (cycles, several roots) or too long
	Projectivized    int // sentences with non-projective arcs, lifted
	Lifts            int // arcs lifted
}

// MaxWords is the longest sentence Train uses.
const MaxWords = 250

type trainSent struct {
	tb    uint64 // treebank hash (0 without opt.Target)
	ts    []token
	gold  []int // head token of each token (root = n)
	rels  []int
	words int
}

// Train trains a parser. Non-projective trees are made projective by
// lifting (each crossing arc's dependent moves to its head's head); trees
// that are not well-formed are skipped. Training is deterministic: the
// order of sentences and the exploration of wrong moves come from a PCG
// generator seeded with opt.Seed, relations are numbered in sorted order,
// and the model file is written in sorted order.
func Train(train []Sentence, opt TrainOptions) (*Parser, TrainStats, error) {
	var stats TrainStats
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	if opt.MinAbs <= 0 {
		opt.MinAbs = 0.002
	}
	if opt.Explore <= 0 {
		opt.Explore = 0.9
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 2
	}
	relSet := map[string]bool{"root": true}
	for si, s := range train {
		if err := check(s); err != nil {
			return nil, stats, fmt.Errorf("parser: training sentence %d: %w", si+1, err)
		}
		for _, r := range s.Rels {
			relSet[r] = true
		}
	}
	rels := make([]string, 0, len(relSet))
	for r := range relSet {
		rels = append(rels, r)
	}
	slices.Sort(rels)
	if len(rels) > 255 {
		return nil, stats, fmt.Errorf("parser: %d relations, at most 255", len(rels))
	}
	relIdx := map[string]int{}
	for i, r := range rels {
		relIdx[r] = i
	}
	var data []trainSent
	for _, s := range train {
		n := len(s.Words)
		if n == 0 || n > MaxWords || !isTree(s.Heads) {
			stats.Skipped++
			continue
		}
		heads := append([]int(nil), s.Heads...)
		if l := projectivize(heads); l > 0 {
			stats.Projectivized++
			stats.Lifts += l
		}
		x := trainSent{ts: tokens(nil, s.Words, s.UPOS), gold: make([]int, n+1), rels: make([]int, n), words: n}
		for i, h := range heads {
			if h == 0 {
				x.gold[i] = n
			} else {
				x.gold[i] = h - 1
			}
			x.rels[i] = relIdx[s.Rels[i]]
		}
		x.gold[n] = none
		if opt.Target != "" {
			x.tb = treebankHash(s.Treebank)
		}
		data = append(data, x)
		stats.Sentences++
		stats.Words += n
	}
	if len(data) == 0 {
		return nil, stats, errors.New("parser: no usable training sentences")
	}
	if opt.Beam > MaxBeam {
		return nil, stats, fmt.Errorf("parser: beam %d, at most %d", opt.Beam, MaxBeam)
	}
	if opt.Beam > 1 {
		p, err := trainBeam(data, rels, opt, opt.Beam)
		return p, stats, err
	}
	p, err := trainGreedy(data, rels, opt)
	return p, stats, err
}

// trainGreedy trains the move and relation classifiers on data for
// opt.Epochs epochs (dynamic oracle with exploration) and returns the
// parser of the epoch with the best LAS on opt.Dev (the last without Dev).
func trainGreedy(data []trainSent, rels []string, opt TrainOptions) (*Parser, error) {
	root := slices.Index(rels, "root")
	filter := keepOnly(frequent(data, opt.MinCount))
	mv := weights.NewAveraged(nMoves)
	lb := weights.NewAveraged(len(rels))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var best *Parser
	bestLAS := -1.0
	var st state
	feats := make([]uint64, 0, 128)
	mscore := make([]float64, nMoves)
	lscore := make([]float64, len(rels))
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, oi := range order {
			x := &data[oi]
			st.reset(x.words)
			st.tb = x.tb
			for !st.terminal() {
				feats = filter(st.features(feats[:0], x.ts))
				mv.Scores(feats, mscore)
				pred, gold := -1, -1
				var costs [nMoves]int
				minCost := -1
				for m := 0; m < nMoves; m++ {
					if !st.valid(m) {
						continue
					}
					costs[m] = st.cost(m, x.gold)
					if minCost < 0 || costs[m] < minCost {
						minCost = costs[m]
					}
					if pred < 0 || mscore[m] > mscore[pred] {
						pred = m
					}
				}
				for m := 0; m < nMoves; m++ {
					if st.valid(m) && costs[m] == minCost && (gold < 0 || mscore[m] > mscore[gold]) {
						gold = m
					}
				}
				mv.Tick()
				total++
				next := pred
				if costs[pred] == minCost {
					right++
				} else {
					mv.Update(feats, gold, pred)
					if ep == 1 || rng.Float64() >= opt.Explore {
						next = gold
					}
				}
				head, dep := st.apply(next)
				if dep == none {
					continue
				}
				feats = filter(st.labelFeatures(feats[:0], x.ts, head, dep))
				lb.Scores(feats, lscore)
				mask := relMask{root: root, fromRoot: head == st.n}
				guess := argmax(lscore, mask)
				if head == x.gold[dep] {
					lb.Tick()
					if guess != x.rels[dep] {
						lb.Update(feats, x.rels[dep], guess)
					}
				}
				st.rels[dep] = guess
			}
		}
		p := &Parser{rels: rels, root: root, target: opt.Target}
		p.moves = quantised(mv, nMoves, opt.MinAbs)
		p.labels = quantised(lb, len(rels), opt.MinAbs)
		es := EpochStats{Epoch: ep, Moves: float64(right) / float64(total), DevUAS: -1, DevLAS: -1, Features: p.Features()}
		if err := epochDone(p, es, opt, &best, &bestLAS); err != nil {
			return nil, err
		}
	}
	return best, nil
}

// keepOnly returns a filter that keeps, in place, the features of a list
// that are in keep.
func keepOnly(keep map[uint64]bool) func([]uint64) []uint64 {
	return func(f []uint64) []uint64 {
		out := f[:0]
		for _, h := range f {
			if keep[h] {
				out = append(out, h)
			}
		}
		return out
	}
}

// epochDone ends a training epoch: it scores the epoch's model p on
// opt.Dev (when given) into es, keeps p in *best when it is the best so far
// (the last one without Dev), and reports es.
func epochDone(p *Parser, es EpochStats, opt TrainOptions, best **Parser, bestLAS *float64) error {
	if len(opt.Dev) > 0 {
		sc, err := p.Score(opt.Dev)
		if err != nil {
			return err
		}
		es.DevUAS, es.DevLAS = sc.UAS(), sc.LAS()
		if es.DevLAS > *bestLAS {
			*best, *bestLAS = p, es.DevLAS
		}
	} else {
		*best = p
	}
	if opt.Report != nil {
		opt.Report(es)
	}
	return nil
}

// frequent returns the features seen at least min times along the gold
// move sequences of data (the first zero-cost move at each step, gold
// relations on the arcs).
func frequent(data []trainSent, min int) map[uint64]bool {
	counts := map[uint64]int32{}
	var st state
	var feats []uint64
	for i := range data {
		x := &data[i]
		st.reset(x.words)
		st.tb = x.tb
		for !st.terminal() {
			feats = st.features(feats[:0], x.ts)
			for _, h := range feats {
				counts[h]++
			}
			m := 0
			for m < nMoves && !(st.valid(m) && st.cost(m, x.gold) == 0) {
				m++
			}
			if m == nMoves { // not reachable for projective trees
				for m = 0; !st.valid(m); m++ {
				}
			}
			head, dep := st.apply(m)
			if dep == none {
				continue
			}
			feats = st.labelFeatures(feats[:0], x.ts, head, dep)
			for _, h := range feats {
				counts[h]++
			}
			st.rels[dep] = x.rels[dep]
		}
	}
	keep := make(map[uint64]bool, len(counts)/2)
	for h, c := range counts {
		if int(c) >= min {
			keep[h] = true
		}
	}
	return keep
}

// treebankHash is the feature hash of a treebank name.
func treebankHash(name string) uint64 { return mix(hashString("\x00tb"+name), 17) }

func quantised(a *weights.Averaged, n int, minAbs float64) table {
	index, w, scale := a.Quantise(minAbs)
	return newTable(index, w, n, float32(scale))
}

// check reports whether a sentence's columns have one entry per word.
func check(s Sentence) error {
	n := len(s.Words)
	if len(s.UPOS) != n || len(s.Heads) != n || len(s.Rels) != n {
		return fmt.Errorf("%d words, %d tags, %d heads, %d relations", n, len(s.UPOS), len(s.Heads), len(s.Rels))
	}
	return nil
}
