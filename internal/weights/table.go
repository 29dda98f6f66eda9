package weights

// Table is an open-addressing hash table from feature hash to weight row,
// built once from a model's feature index for labelling: one flat array of
// keys probed linearly is faster than a Go map for the tens of lookups per
// word, most of them for features the model does not have. It is read-only
// and safe for concurrent use.
type Table struct {
	keys    []uint64 // 0 = empty slot
	rows    []int32
	mask    uint64
	zeroRow int32 // row of the feature whose hash is 0, or -1
}

// NewTable builds the table of index (feature hash → row), at most half full.
func NewTable(index map[uint64]int32) *Table {
	size := 1
	for size < 2*len(index)+1 {
		size <<= 1
	}
	t := &Table{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1), zeroRow: -1}
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

// Row returns the weight row of feature h, or -1 when the model has none.
func (t *Table) Row(h uint64) int32 {
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
