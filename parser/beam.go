package parser

import (
	"math/rand/v2"
	"slices"

	"github.com/warta-id/warta/internal/weights"
)

// Beam search: instead of the best move of one state, the k best-scoring
// partial parses (a move sequence scores the sum of its moves' scores) are
// kept at every step. A beam model's move weights are trained for it
// globally (Zhang and Clark 2008; Zhang and Nivre 2011): after each
// training sentence, a perceptron update rewards the gold move sequence and
// penalises the beam's best one, both cut at the step where the best item,
// no longer on the way to the gold tree, outscores the gold sequence most
// (max-violation update, Huang, Fayong and Guo 2012). Relations are still
// given greedily when an arc is made, as in greedy parsing.

// copyFrom makes s an independent copy of o.
func (s *state) copyFrom(o *state) {
	s.n, s.b, s.tb = o.n, o.b, o.tb
	s.stack = append(s.stack[:0], o.stack...)
	s.heads = append(s.heads[:0], o.heads...)
	s.rels = append(s.rels[:0], o.rels...)
	s.lc1 = append(s.lc1[:0], o.lc1...)
	s.lc2 = append(s.lc2[:0], o.lc2...)
	s.rc1 = append(s.rc1[:0], o.rc1...)
	s.rc2 = append(s.rc2[:0], o.rc2...)
	s.nl = append(s.nl[:0], o.nl...)
	s.nr = append(s.nr[:0], o.nr...)
}

// step is one move of a beam item and the relation given to its arc.
type step struct{ move, rel int }

type beamItem struct {
	st    state
	score int64
	hist  []step
	gold  bool // training: every move so far had zero cost
}

func (it *beamItem) copyFrom(o *beamItem) {
	it.st.copyFrom(&o.st)
	it.score, it.gold = o.score, o.gold
	it.hist = append(it.hist[:0], o.hist...)
}

type beamCand struct {
	item, move int
	score      int64
	gold       bool
}

// beamWork holds the beam's buffers (kept in work between parses).
type beamWork struct {
	cur, next []*beamItem
	cands     []beamCand
}

func (bw *beamWork) items(k int) {
	for len(bw.cur) < k {
		bw.cur = append(bw.cur, &beamItem{})
		bw.next = append(bw.next, &beamItem{})
	}
}

// bestCands sorts cands best first (ties: the earlier item, then the lower
// move) and keeps at most k.
func bestCands(cands []beamCand, k int) []beamCand {
	slices.SortStableFunc(cands, func(a, b beamCand) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	if len(cands) > k {
		cands = cands[:k]
	}
	return cands
}

// parseBeam parses the n words in w.ts with a beam of p.beam items and
// leaves the best parse in w.st.
func (p *Parser) parseBeam(w *work, n int, tb uint64) {
	k := p.beam
	bw := &w.beam
	bw.items(k)
	cur := bw.cur[:1]
	cur[0].st.reset(n)
	cur[0].st.tb = tb
	cur[0].score = 0
	for !cur[0].st.terminal() {
		bw.cands = bw.cands[:0]
		for i, it := range cur {
			w.feats = it.st.features(w.feats[:0], w.ts)
			p.moves.scores(w.feats, w.mscore)
			for m := 0; m < nMoves; m++ {
				if it.st.valid(m) {
					bw.cands = append(bw.cands, beamCand{item: i, move: m, score: it.score + int64(w.mscore[m])})
				}
			}
		}
		sel := bestCands(bw.cands, k)
		next := bw.next[:len(sel)]
		for j, c := range sel {
			it := next[j]
			it.st.copyFrom(&cur[c.item].st)
			it.score = c.score
			head, dep := it.st.apply(c.move)
			if dep != none {
				w.feats = it.st.labelFeatures(w.feats[:0], w.ts, head, dep)
				p.labels.scores(w.feats, w.lscore)
				it.st.rels[dep] = argmax(w.lscore, relMask{root: p.root, fromRoot: head == it.st.n})
			}
		}
		bw.cur, bw.next = bw.next, bw.cur
		cur = bw.cur[:len(sel)]
	}
	w.st.copyFrom(&cur[0].st)
}

// trainBeam trains move and relation weights for beam search of width k on
// data (global perceptron with max-violation updates; the relation
// classifier is trained on the arcs of the gold move sequence).
// It returns the parser of the epoch with the best LAS on opt.Dev (the
// last without Dev).
func trainBeam(data []trainSent, rels []string, opt TrainOptions, k int) (*Parser, error) {
	root := slices.Index(rels, "root")
	filter := keepOnly(frequent(data, opt.MinCount))
	// A fourth, never-scored move class takes the other side of each
	// update, so a sequence's features can be rewarded or penalised alone.
	const dummy = nMoves
	mv := weights.NewAveraged(nMoves + 1)
	lb := weights.NewAveraged(len(rels))
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var best *Parser
	bestLAS := -1.0
	var feats []uint64
	mscore := make([]float64, nMoves+1)
	lscore := make([]float64, len(rels))
	var bw beamWork
	bw.items(k)
	gold, replay := &beamItem{}, &state{}
	var vhist []step // the best beam item's moves at the largest violation
	label := func(st *state, x *trainSent, head, dep int, train bool) {
		feats = filter(st.labelFeatures(feats[:0], x.ts, head, dep))
		lb.Scores(feats, lscore)
		guess := argmax(lscore, relMask{root: root, fromRoot: head == st.n})
		if train && head == x.gold[dep] {
			lb.Tick()
			if guess != x.rels[dep] {
				lb.Update(feats, x.rels[dep], guess)
			}
		}
		st.rels[dep] = guess
	}
	// update rewards (sign +1) or penalises (-1) the moves of hist.
	update := func(x *trainSent, hist []step, sign int) {
		replay.reset(x.words)
		replay.tb = x.tb
		for _, s := range hist {
			feats = filter(replay.features(feats[:0], x.ts))
			if sign > 0 {
				mv.Update(feats, s.move, dummy)
			} else {
				mv.Update(feats, dummy, s.move)
			}
			if _, dep := replay.apply(s.move); dep != none {
				replay.rels[dep] = s.rel
			}
		}
	}
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, oi := range order {
			x := &data[oi]
			cur := bw.cur[:1]
			cur[0].st.reset(x.words)
			cur[0].st.tb = x.tb
			cur[0].score, cur[0].gold, cur[0].hist = 0, true, cur[0].hist[:0]
			gold.st.reset(x.words)
			gold.st.tb = x.tb
			gold.hist = gold.hist[:0]
			gold.score = 0
			maxViol := int64(-1)
			vhist = vhist[:0]
			for !cur[0].st.terminal() {
				mv.Tick()
				total++
				// The gold sequence: the best-scoring zero-cost move.
				feats = filter(gold.st.features(feats[:0], x.ts))
				mv.Scores(feats, mscore)
				gm := -1
				for m := 0; m < nMoves; m++ {
					if gold.st.valid(m) && gold.st.cost(m, x.gold) == 0 && (gm < 0 || mscore[m] > mscore[gm]) {
						gm = m
					}
				}
				if gm < 0 { // not reachable for projective trees
					for gm = 0; !gold.st.valid(gm); gm++ {
					}
				}
				gold.score += int64(mscore[gm] * 1024)
				if head, dep := gold.st.apply(gm); dep != none {
					label(&gold.st, x, head, dep, true)
					gold.hist = append(gold.hist, step{gm, gold.st.rels[dep]})
				} else {
					gold.hist = append(gold.hist, step{gm, none})
				}
				// The beam.
				bw.cands = bw.cands[:0]
				for i, it := range cur {
					feats = filter(it.st.features(feats[:0], x.ts))
					mv.Scores(feats, mscore)
					for m := 0; m < nMoves; m++ {
						if it.st.valid(m) {
							g := it.gold && it.st.cost(m, x.gold) == 0
							// Scores are float sums of integer updates; scaled
							// to int64 they keep their order.
							bw.cands = append(bw.cands, beamCand{item: i, move: m, score: it.score + int64(mscore[m]*1024), gold: g})
						}
					}
				}
				sel := bestCands(bw.cands, k)
				next := bw.next[:len(sel)]
				for j, c := range sel {
					it := next[j]
					it.copyFrom(cur[c.item])
					it.score, it.gold = c.score, c.gold
					r := none
					if head, dep := it.st.apply(c.move); dep != none {
						label(&it.st, x, head, dep, false)
						r = it.st.rels[dep]
					}
					it.hist = append(it.hist, step{c.move, r})
				}
				bw.cur, bw.next = bw.next, bw.cur
				cur = bw.cur[:len(sel)]
				if cur[0].gold {
					right++
				} else if v := cur[0].score - gold.score; v > maxViol {
					maxViol = v
					vhist = append(vhist[:0], cur[0].hist...)
				}
			}
			if maxViol >= 0 {
				update(x, gold.hist[:len(vhist)], 1)
				update(x, vhist, -1)
			}
		}
		p := &Parser{rels: rels, root: root, target: opt.Target, beam: k}
		p.moves = dropClass(mv, nMoves, opt.MinAbs)
		p.labels = quantised(lb, len(rels), opt.MinAbs)
		es := EpochStats{Epoch: ep, Moves: float64(right) / float64(max(total, 1)), DevUAS: -1, DevLAS: -1, Features: p.Features()}
		if err := epochDone(p, es, opt, &best, &bestLAS); err != nil {
			return nil, err
		}
	}
	return best, nil
}

// dropClass is the table of the first n classes of a, quantised.
func dropClass(a *weights.Averaged, n int, minAbs float64) table {
	index, w, scale := a.Quantise(minAbs)
	m := n + 1
	hashes := make([]uint64, len(index))
	for h, row := range index {
		hashes[row] = h
	}
	keep := make(map[uint64]int32, len(index))
	out := make([]int16, 0, n*len(index))
	for row, h := range hashes {
		r := w[row*m : row*m+n]
		nz := false
		for _, v := range r {
			nz = nz || v != 0
		}
		if nz {
			keep[h] = int32(len(out) / n)
			out = append(out, r...)
		}
	}
	return newTable(keep, out, n, float32(scale))
}
