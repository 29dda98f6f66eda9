package tagger

// table is an open-addressing hash table from feature hash to weight row,
// built from Tagger.index for tagging: one flat array of keys probed
// linearly is faster than a Go map for the ~50 lookups per word, most of
// them for features the model does not have.
type table struct {
	keys    []uint64 // 0 = empty slot
	rows    []int32
	mask    uint64
	zeroRow int32 // row of the feature whose hash is 0, or -1
}

func newTable(index map[uint64]int32) *table {
	size := 1
	for size < 2*len(index)+1 {
		size <<= 1
	}
	t := &table{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1), zeroRow: -1}
	for h, row := range index {
		if h == 0 {
			t.zeroRow = row
			continue
		}
		i := h & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.rows[i] = h, row
	}
	return t
}

// row returns the weight row of feature h, or -1.
func (t *table) row(h uint64) int32 {
	if h == 0 {
		return t.zeroRow
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.rows[i]
		case 0:
			return -1
		}
	}
}
