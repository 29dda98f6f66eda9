package dedup

import "math"

// Index finds near-duplicates among added signatures. Signatures are split
// into b bands of r rows (LSH banding); two signatures that agree on every
// row of at least one band become candidates, and a candidate is confirmed
// when its estimated Jaccard similarity is at least the threshold. b and r
// are chosen by NewIndex so that a pair whose true similarity equals the
// threshold becomes a candidate with probability at least 0.99.
//
// An Index is not safe for concurrent use; guard it with a mutex when
// sharing it between goroutines.
type Index struct {
	threshold float64
	k         int // signature length
	bands     int
	rows      int
	ids       []string
	sigs      []Signature // nil for entries replaced by a later Add
	pos       map[string]int
	buckets   []map[uint64][]int32 // one map per band: band key → entries
	live      int
	seen      []uint32 // per-entry stamp, to visit each candidate once
	stamp     uint32
}

// NewIndex returns an empty Index that confirms candidates whose estimated
// similarity is ≥ threshold. A threshold outside (0, 1] (or NaN) is replaced
// by DefaultThreshold.
func NewIndex(threshold float64) *Index {
	return newIndexK(threshold, K)
}

// newIndexK is NewIndex for signatures of k elements (used by the
// evaluation to compare K).
func newIndexK(threshold float64, k int) *Index {
	if !(threshold > 0 && threshold <= 1) {
		threshold = DefaultThreshold
	}
	if k <= 0 {
		k = K
	}
	b, r := banding(k, threshold)
	return &Index{threshold: threshold, k: k, bands: b, rows: r, pos: map[string]int{}}
}

// banding picks the largest rows-per-band r (and b = k/r bands) for which a
// pair of true similarity t becomes a candidate with probability ≥ 0.99.
func banding(k int, t float64) (b, r int) {
	best := 1
	for r := 1; r <= 16 && r <= k; r++ {
		b := k / r
		p := 1 - math.Pow(1-math.Pow(t, float64(r)), float64(b))
		if p >= 0.99 {
			best = r
		}
	}
	return k / best, best
}

// Threshold returns the similarity at or above which Near reports a match.
func (ix *Index) Threshold() float64 { return ix.threshold }

// Banding returns the number of bands and rows per band.
func (ix *Index) Banding() (bands, rows int) { return ix.bands, ix.rows }

// Len returns the number of articles in the index.
func (ix *Index) Len() int { return ix.live }

// Add indexes s under id. Adding an id that is already present replaces its
// signature (the entry then counts as added last). A signature whose length
// is not K (e.g. the nil Signature of an empty text) is not indexed; if id
// was present, it is removed.
func (ix *Index) Add(id string, s Signature) {
	if old, ok := ix.pos[id]; ok {
		ix.sigs[old] = nil
		delete(ix.pos, id)
		ix.live--
	}
	if len(s) != ix.k {
		return
	}
	if ix.buckets == nil {
		ix.buckets = make([]map[uint64][]int32, ix.bands)
		for i := range ix.buckets {
			ix.buckets[i] = map[uint64][]int32{}
		}
	}
	n := len(ix.sigs)
	if n >= math.MaxInt32 {
		return
	}
	cp := append(Signature(nil), s...)
	ix.ids = append(ix.ids, id)
	ix.sigs = append(ix.sigs, cp)
	ix.seen = append(ix.seen, 0)
	ix.pos[id] = n
	ix.live++
	for band := 0; band < ix.bands; band++ {
		key := ix.bandKey(cp, band)
		ix.buckets[band][key] = append(ix.buckets[band][key], int32(n))
	}
}

// bandKey hashes the rows of one band with FNV-1a 64.
func (ix *Index) bandKey(s Signature, band int) uint64 {
	h := uint64(fnvOffset)
	for _, v := range s[band*ix.rows : (band+1)*ix.rows] {
		for i := 0; i < 4; i++ {
			h ^= uint64(byte(v >> (8 * i)))
			h *= fnvPrime
		}
	}
	return h
}

// Near returns the id and estimated similarity of the most similar indexed
// article whose similarity to s is at least the threshold; ties go to the
// article added first. ok is false when there is none (or s is not a
// K-element signature). Only LSH candidates are compared, so a match just
// above the threshold is missed with probability up to 1 %.
func (ix *Index) Near(s Signature) (id string, sim float64, ok bool) {
	if len(s) != ix.k || ix.live == 0 {
		return "", 0, false
	}
	ix.stamp++
	if ix.stamp == 0 { // wrapped: reset stamps
		for i := range ix.seen {
			ix.seen[i] = 0
		}
		ix.stamp = 1
	}
	best := -1
	bestSim := 0.0
	for band := 0; band < ix.bands; band++ {
		for _, e := range ix.buckets[band][ix.bandKey(s, band)] {
			if ix.seen[e] == ix.stamp || ix.sigs[e] == nil {
				continue
			}
			ix.seen[e] = ix.stamp
			v := s.Similarity(ix.sigs[e])
			if v < ix.threshold {
				continue
			}
			if best < 0 || v > bestSim || (v == bestSim && int(e) < best) {
				best, bestSim = int(e), v
			}
		}
	}
	if best < 0 {
		return "", 0, false
	}
	return ix.ids[best], bestSim, true
}
