package tagger

import (
	"math"
	"slices"
	"strings"
)

// ClusterOptions controls TrainClusters.
type ClusterOptions struct {
	MinCount int // words seen fewer times get no cluster (default 5)
	Contexts int // the most frequent words used as left/right contexts (default 1000)
	Depth    int // maximal path length in bits (default 16)
	MinSize  int // nodes with fewer words are not split further (default 2)
	Window   int // neighbours on each side used as contexts: 1 (default) or 2
}

// TrainClusters clusters the words of unlabelled sentences (tokens as they
// appear; they are looked up under ClusterKey) by the words next to them:
// each word with at least MinCount occurrences becomes a vector of the
// counts of its left and right neighbours among the Contexts most frequent
// words (square-rooted and normalised to unit length), and the vocabulary
// is split in two recursively (bisecting spherical k-means, each split
// started from the principal direction of its node's vectors) down to Depth
// bits. A word's path is the sequence of its branches ("0" left, "1"
// right). The result is deterministic: no random numbers, and ties are
// broken by word order.
func TrainClusters(sents [][]string, opt ClusterOptions) []ClusterEntry {
	if opt.MinCount <= 0 {
		opt.MinCount = 5
	}
	if opt.Contexts <= 0 {
		opt.Contexts = 1000
	}
	if opt.Depth <= 0 {
		opt.Depth = 16
	}
	if opt.MinSize < 2 {
		opt.MinSize = 2
	}
	counts := map[string]int{}
	keyed := make([][]string, len(sents))
	for i, s := range sents {
		keyed[i] = make([]string, len(s))
		for j, w := range s {
			k := ClusterKey(w)
			keyed[i][j] = k
			counts[k]++
		}
	}
	vocab := make([]string, 0, len(counts))
	for w, n := range counts {
		if n >= opt.MinCount {
			vocab = append(vocab, w)
		}
	}
	// Most frequent first, then by word: word ids and context ids.
	slices.SortFunc(vocab, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	if len(vocab) == 0 {
		return nil
	}
	id := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		id[w] = int32(i)
	}
	nctx := min(opt.Contexts, len(vocab))
	// Context dimensions: one block of nctx+1 per neighbour position
	// (-Window..-1, 1..Window): the context word's id, or nctx for the
	// sentence boundary. Words two places away count half.
	offsets := []int{-1, 1}
	if opt.Window >= 2 {
		offsets = []int{-2, -1, 1, 2}
	}
	dim := len(offsets) * (nctx + 1)
	rows := make([]map[int32]float64, len(vocab))
	for i := range rows {
		rows[i] = map[int32]float64{}
	}
	for _, s := range keyed {
		for j, w := range s {
			wi, ok := id[w]
			if !ok {
				continue
			}
			for b, off := range offsets {
				base := int32(b * (nctx + 1))
				c := int32(nctx) // boundary
				if k := j + off; k >= 0 && k < len(s) {
					ci, ok := id[s[k]]
					if !ok || int(ci) >= nctx {
						continue
					}
					c = ci
				}
				wt := 1.0
				if off < -1 || off > 1 {
					wt = 0.5
				}
				rows[wi][base+c] += wt
			}
		}
	}
	vecs := make([]sparse, len(vocab))
	for i, m := range rows {
		vecs[i] = newSparse(m)
	}
	rows = nil

	paths := make([][]byte, len(vocab))
	all := make([]int32, len(vocab))
	for i := range all {
		all[i] = int32(i)
	}
	c := &clusterer{vecs: vecs, dim: dim, paths: paths, depth: opt.Depth, minSize: opt.MinSize}
	c.split(all, 0)
	out := make([]ClusterEntry, len(vocab))
	for i, w := range vocab {
		p := string(paths[i])
		if p == "" {
			p = "0"
		}
		out[i] = ClusterEntry{Path: p, Word: w, Count: counts[w]}
	}
	return out
}

// sparse is a unit-length vector stored as sorted (index, value) pairs.
type sparse struct {
	idx []int32
	val []float64
}

func newSparse(m map[int32]float64) sparse {
	var s sparse
	for k := range m {
		s.idx = append(s.idx, k)
	}
	slices.Sort(s.idx)
	norm := 0.0
	s.val = make([]float64, len(s.idx))
	for i, k := range s.idx {
		v := math.Sqrt(m[k])
		s.val[i] = v
		norm += v * v
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range s.val {
			s.val[i] /= norm
		}
	}
	return s
}

func (s sparse) dot(d []float64) float64 {
	x := 0.0
	for i, k := range s.idx {
		x += s.val[i] * d[k]
	}
	return x
}

func (s sparse) addTo(d []float64, f float64) {
	for i, k := range s.idx {
		d[k] += f * s.val[i]
	}
}

type clusterer struct {
	vecs    []sparse
	dim     int
	paths   [][]byte
	depth   int
	minSize int
}

// split divides the words of a node in two and recurses on both halves.
func (c *clusterer) split(node []int32, depth int) {
	if depth >= c.depth || len(node) < c.minSize {
		return
	}
	side := c.bisect(node)
	var left, right []int32
	for i, w := range node {
		if side[i] {
			right = append(right, w)
			c.paths[w] = append(c.paths[w], '1')
		} else {
			left = append(left, w)
			c.paths[w] = append(c.paths[w], '0')
		}
	}
	if len(left) == 0 || len(right) == 0 {
		// Identical vectors: undo this level and stop.
		for _, w := range node {
			c.paths[w] = c.paths[w][:len(c.paths[w])-1]
		}
		return
	}
	c.split(left, depth+1)
	c.split(right, depth+1)
}

// bisect returns which words of node go right: the sign of their
// projection on the node's principal direction (power iteration from a
// fixed start), refined by a few rounds of spherical 2-means.
func (c *clusterer) bisect(node []int32) []bool {
	mean := make([]float64, c.dim)
	for _, w := range node {
		c.vecs[w].addTo(mean, 1/float64(len(node)))
	}
	v := make([]float64, c.dim)
	for i := range v {
		v[i] = float64(i%7) - 3 // fixed, uneven start
	}
	normalise(v)
	next := make([]float64, c.dim)
	proj := make([]float64, len(node))
	for it := 0; it < 25; it++ {
		mv := dotDense(mean, v)
		for i := range next {
			next[i] = 0
		}
		sum := 0.0
		for i, w := range node {
			s := c.vecs[w].dot(v) - mv
			proj[i] = s
			c.vecs[w].addTo(next, s)
			sum += s
		}
		for i := range next {
			next[i] -= sum * mean[i]
		}
		if normalise(next) == 0 {
			break
		}
		v, next = next, v
	}
	mv := dotDense(mean, v)
	side := make([]bool, len(node))
	for i, w := range node {
		side[i] = c.vecs[w].dot(v)-mv > 0
	}
	// Spherical 2-means refinement.
	cent := [2][]float64{make([]float64, c.dim), make([]float64, c.dim)}
	for it := 0; it < 6; it++ {
		for k := range cent {
			for i := range cent[k] {
				cent[k][i] = 0
			}
		}
		for i, w := range node {
			k := 0
			if side[i] {
				k = 1
			}
			c.vecs[w].addTo(cent[k], 1)
		}
		if normalise(cent[0]) == 0 || normalise(cent[1]) == 0 {
			break
		}
		changed := 0
		for i, w := range node {
			r := c.vecs[w].dot(cent[1]) > c.vecs[w].dot(cent[0])
			if r != side[i] {
				side[i] = r
				changed++
			}
		}
		if changed == 0 {
			break
		}
	}
	return side
}

func dotDense(a, b []float64) float64 {
	x := 0.0
	for i := range a {
		x += a[i] * b[i]
	}
	return x
}

// normalise scales v to unit length and returns its former length.
func normalise(v []float64) float64 {
	n := math.Sqrt(dotDense(v, v))
	if n > 0 {
		for i := range v {
			v[i] /= n
		}
	}
	return n
}
