package weights

import "math"

// Averaged is a perceptron weight table being trained: a weight per
// (feature hash, tag), with lazily accumulated sums so Quantise can return
// the averaged weights (Collins 2002). Rows are added in first-seen order.
type Averaged struct {
	ntags int
	index map[uint64]int32
	w     []float64 // current weights
	tot   []float64 // accumulated weights, up to ts
	ts    []int64   // step of the last change
	step  int64
}

// NewAveraged returns an empty table for ntags tags.
func NewAveraged(ntags int) *Averaged {
	return &Averaged{ntags: ntags, index: map[uint64]int32{}}
}

// Tick counts one training step (one prediction); averages are over steps.
func (a *Averaged) Tick() { a.step++ }

// Steps is the number of Tick calls so far.
func (a *Averaged) Steps() int64 { return a.step }

// Features is the number of features seen in updates.
func (a *Averaged) Features() int { return len(a.index) }

// Scores sets out[k] to the sum of the current weights of tag k over feats.
func (a *Averaged) Scores(feats []uint64, out []float64) {
	for k := range out {
		out[k] = 0
	}
	for _, f := range feats {
		row, ok := a.index[f]
		if !ok {
			continue
		}
		for k, v := range a.w[int(row)*a.ntags : int(row)*a.ntags+a.ntags] {
			out[k] += v
		}
	}
}

// Update adds 1 to the weights of truth and 1 less to those of guess for
// every feature (both happen when they are equal, which cancels).
func (a *Averaged) Update(feats []uint64, truth, guess int) {
	for _, f := range feats {
		row, ok := a.index[f]
		if !ok {
			row = int32(len(a.index))
			a.index[f] = row
			a.w = append(a.w, make([]float64, a.ntags)...)
			a.tot = append(a.tot, make([]float64, a.ntags)...)
			a.ts = append(a.ts, make([]int64, a.ntags)...)
		}
		base := int(row) * a.ntags
		for _, c := range [2]struct {
			k int
			d float64
		}{{truth, 1}, {guess, -1}} {
			i := base + c.k
			a.tot[i] += float64(a.step-a.ts[i]) * a.w[i]
			a.ts[i] = a.step
			a.w[i] += c.d
		}
	}
}

// Quantise returns the averaged weights as int16 rows, ready for
// Writer.Rows: weights below minAbs × the largest are dropped, features
// left without a weight are pruned, and real weight = w × scale. scale is
// 0 when every averaged weight is 0 (then there are no rows).
func (a *Averaged) Quantise(minAbs float64) (index map[uint64]int32, w []int16, scale float64) {
	T := float64(a.step)
	if T == 0 {
		T = 1
	}
	avg := make([]float64, len(a.w))
	maxAbs := 0.0
	for i := range a.w {
		v := (a.tot[i] + float64(a.step-a.ts[i])*a.w[i]) / T
		avg[i] = v
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	index = map[uint64]int32{}
	if maxAbs == 0 {
		return index, nil, 0
	}
	scale = maxAbs / 32767
	cut := minAbs * maxAbs
	// Rows in first-seen order, so the result does not depend on map
	// iteration.
	hashes := make([]uint64, len(a.index))
	for h, row := range a.index {
		hashes[row] = h
	}
	q := make([]int16, a.ntags)
	for row, h := range hashes {
		nz := false
		for k := 0; k < a.ntags; k++ {
			v := avg[row*a.ntags+k]
			q[k] = 0
			if math.Abs(v) < cut {
				continue
			}
			q[k] = int16(math.Round(v / scale))
			nz = nz || q[k] != 0
		}
		if !nz {
			continue
		}
		index[h] = int32(len(index))
		w = append(w, q...)
	}
	return index, w, scale
}
