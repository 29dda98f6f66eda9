package weights

import (
	"bufio"
	"bytes"
	"testing"
)

func TestRoundTripAndCorruption(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.String("TEST")
	w.Tags([]string{"O", "B-PER"})
	w.Float32(0.25)
	index := map[uint64]int32{42: 1, 7: 0}
	w.Rows(index, []int16{0, -3, 5, 0}, 2)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	r := bufio.NewReader(bytes.NewReader(b))
	if !Magic(r, "TEST") {
		t.Fatal("magic")
	}
	tags, err := Tags(r)
	if err != nil || len(tags) != 2 || tags[1] != "B-PER" {
		t.Fatalf("tags %v %v", tags, err)
	}
	if f, err := Float32(r); err != nil || f != 0.25 {
		t.Fatalf("scale %v %v", f, err)
	}
	ix, ws, err := Rows(r, 2)
	if err != nil {
		t.Fatal(err)
	}
	if row := ws[ix[7]*2 : ix[7]*2+2]; row[0] != 0 || row[1] != -3 {
		t.Errorf("row of 7 = %v", row)
	}
	if row := ws[ix[42]*2 : ix[42]*2+2]; row[0] != 5 || row[1] != 0 {
		t.Errorf("row of 42 = %v", row)
	}
	// Every truncation is an error, never a panic.
	for n := 4; n < len(b); n++ {
		r := bufio.NewReader(bytes.NewReader(b[:n]))
		Magic(r, "TEST")
		if _, err := Tags(r); err != nil {
			continue
		}
		if _, err := Float32(r); err != nil {
			continue
		}
		if _, _, err := Rows(r, 2); err == nil {
			t.Errorf("truncated at %d of %d bytes: no error", n, len(b))
		}
	}
}

func TestAveraged(t *testing.T) {
	a := NewAveraged(2)
	scores := make([]float64, 2)
	// Step 1: feature 9 votes for tag 0; step 2: nothing changes.
	a.Tick()
	a.Update([]uint64{9}, 0, 1)
	a.Tick()
	a.Scores([]uint64{9, 100}, scores)
	if scores[0] != 1 || scores[1] != -1 {
		t.Fatalf("scores %v", scores)
	}
	index, w, scale := a.Quantise(0.001)
	if len(index) != 1 || scale == 0 {
		t.Fatalf("index %v scale %v", index, scale)
	}
	// The update came at step 1 of 2, so the averaged weights are ±0.5.
	row := w[index[9]*2 : index[9]*2+2]
	if got := float64(row[0]) * scale; got < 0.49 || got > 0.51 {
		t.Errorf("averaged weight %v, want 0.5", got)
	}
	if _, w, scale := NewAveraged(3).Quantise(0.001); w != nil || scale != 0 {
		t.Errorf("empty table: %v %v", w, scale)
	}
}

// TestTable checks that the probing table answers as the map it was built
// from, the zero hash and colliding hashes included.
func TestTable(t *testing.T) {
	index := map[uint64]int32{0: 7, 1: 1, 17: 2, 33: 3, 1 << 40: 4, 12345: 5}
	tab := NewTable(index)
	for h, row := range index {
		if got := tab.Row(h); got != row {
			t.Errorf("Row(%d) = %d, want %d", h, got, row)
		}
	}
	for _, h := range []uint64{2, 49, 1<<40 + 1} {
		if got := tab.Row(h); got != -1 {
			t.Errorf("Row(%d) = %d, want -1", h, got)
		}
	}
	if got := NewTable(map[uint64]int32{}).Row(0); got != -1 {
		t.Errorf("empty table Row(0) = %d", got)
	}
}
