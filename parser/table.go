package parser

// table is a quantised weight table: a row of n int16 weights per feature
// hash, in an open-addressing hash table (linear probing, at most 2/3
// full), so a lookup touches one or two cache lines instead of a Go map's
// buckets. Tables of up to 3 classes (the moves) keep the weights inside
// the slot: packed[2i] is the hash, packed[2i+1] the three weights and an
// occupied bit, one cache line per lookup.
type table struct {
	slots  []slot   // n > 3
	packed []uint64 // n <= 3
	mask   uint64
	w      []int16 // rows of n weights (n > 3)
	n      int     // classes
	scale  float32 // real weight = w*scale
	size   int     // features
}

type slot struct {
	key uint64
	row int32 // -1: empty
}

const occupied = 1 << 63

// newTable builds the table from a feature index and its rows.
func newTable(index map[uint64]int32, w []int16, n int, scale float32) table {
	size := 1
	for size < len(index)+len(index)/2+1 {
		size *= 2
	}
	t := table{mask: uint64(size - 1), n: n, scale: scale, size: len(index)}
	if n <= 3 {
		t.packed = make([]uint64, 2*size)
		for h, row := range index {
			v := uint64(occupied)
			for k, x := range w[int(row)*n : int(row)*n+n] {
				v |= uint64(uint16(x)) << (16 * k)
			}
			i := h & t.mask
			for t.packed[2*i+1] != 0 {
				i = (i + 1) & t.mask
			}
			t.packed[2*i], t.packed[2*i+1] = h, v
		}
		return t
	}
	t.slots, t.w = make([]slot, size), w
	for i := range t.slots {
		t.slots[i].row = -1
	}
	for h, row := range index {
		i := h & t.mask
		for t.slots[i].row >= 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = slot{key: h, row: row}
	}
	return t
}

// rows returns the feature index (hash -> row) and the weight rows.
func (t *table) rows() (map[uint64]int32, []int16) {
	index := make(map[uint64]int32, t.size)
	if t.packed == nil {
		for _, s := range t.slots {
			if s.row >= 0 {
				index[s.key] = s.row
			}
		}
		return index, t.w
	}
	w := make([]int16, 0, t.size*t.n)
	for i := 0; i < len(t.packed); i += 2 {
		if v := t.packed[i+1]; v != 0 {
			index[t.packed[i]] = int32(len(index))
			for k := 0; k < t.n; k++ {
				w = append(w, int16(uint16(v>>(16*k))))
			}
		}
	}
	return index, w
}

// scores sets out[k] to the sum of class k's weights over feats.
func (t *table) scores(feats []uint64, out []int32) {
	for k := range out {
		out[k] = 0
	}
	if t.packed != nil {
		t.packedScores(feats, out)
		return
	}
	if len(t.slots) == 0 {
		return
	}
	for _, f := range feats {
		i := f & t.mask
		for {
			s := &t.slots[i]
			if s.row < 0 {
				break
			}
			if s.key == f {
				for k, v := range t.w[int(s.row)*t.n : int(s.row)*t.n+t.n] {
					out[k] += int32(v)
				}
				break
			}
			i = (i + 1) & t.mask
		}
	}
}

func (t *table) packedScores(feats []uint64, out []int32) {
	var a, b, c int32
	for _, f := range feats {
		i := f & t.mask
		for {
			v := t.packed[2*i+1]
			if v == 0 {
				break
			}
			if t.packed[2*i] == f {
				a += int32(int16(uint16(v)))
				b += int32(int16(uint16(v >> 16)))
				c += int32(int16(uint16(v >> 32)))
				break
			}
			i = (i + 1) & t.mask
		}
	}
	for k, v := range [3]int32{a, b, c} {
		if k < len(out) {
			out[k] = v
		}
	}
}
