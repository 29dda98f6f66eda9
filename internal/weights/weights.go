// Package weights reads and writes the sparse weight tables of Warta's
// trained models (the part-of-speech tagger and the named-entity
// recogniser): a list of tag names, float32 values, and one row of int16
// weights per feature hash, each row holding a weight per tag.
//
// On disk a table is: uvarint number of features, then per feature, hashes
// ascending, uvarint hash delta, uvarint number of non-zero weights, then
// (tag index byte, zig-zag varint weight) pairs. Writing sorts the hashes,
// so the same table always gives the same bytes.
package weights

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// MaxFeatures bounds the feature count a reader accepts.
const MaxFeatures = 1 << 26

// Writer writes the parts of a model file.
type Writer struct {
	w   *bufio.Writer
	tmp [binary.MaxVarintLen64]byte
}

// NewWriter writes to w; call Flush at the end.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Flush writes what is buffered.
func (w *Writer) Flush() error { return w.w.Flush() }

// String writes s as it is (a file's magic header).
func (w *Writer) String(s string) { w.w.WriteString(s) }

func (w *Writer) uvarint(x uint64) { w.w.Write(w.tmp[:binary.PutUvarint(w.tmp[:], x)]) }

// Tags writes a tag list: its length, then each tag's length and bytes.
func (w *Writer) Tags(tags []string) {
	w.uvarint(uint64(len(tags)))
	for _, s := range tags {
		w.uvarint(uint64(len(s)))
		w.w.WriteString(s)
	}
}

// Float32 writes f little-endian.
func (w *Writer) Float32(f float32) {
	binary.LittleEndian.PutUint32(w.tmp[:4], math.Float32bits(f))
	w.w.Write(w.tmp[:4])
}

// Rows writes the table: index maps a feature hash to its row, and row i
// is weights[i*ntags : (i+1)*ntags].
func (w *Writer) Rows(index map[uint64]int32, weights []int16, ntags int) {
	keys := make([]uint64, 0, len(index))
	for h := range index {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	w.uvarint(uint64(len(keys)))
	var prev uint64
	for _, h := range keys {
		w.uvarint(h - prev)
		prev = h
		row := weights[int(index[h])*ntags : int(index[h])*ntags+ntags]
		nz := 0
		for _, v := range row {
			if v != 0 {
				nz++
			}
		}
		w.uvarint(uint64(nz))
		for k, v := range row {
			if v != 0 {
				w.w.WriteByte(byte(k))
				w.w.Write(w.tmp[:binary.PutVarint(w.tmp[:], int64(v))])
			}
		}
	}
}

// Magic reads len(magic) bytes and reports whether they are magic.
func Magic(r *bufio.Reader, magic string) bool {
	head := make([]byte, len(magic))
	_, err := io.ReadFull(r, head)
	return err == nil && string(head) == magic
}

// Tags reads a tag list of at most 255 tags of at most 64 bytes each.
func Tags(r *bufio.Reader) ([]string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n == 0 || n > 255 {
		return nil, fmt.Errorf("tag count: %v", errOr(err, "out of range"))
	}
	tags := make([]string, n)
	for i := range tags {
		l, err := binary.ReadUvarint(r)
		if err != nil || l > 64 {
			return nil, fmt.Errorf("tag %d: %v", i, errOr(err, "too long"))
		}
		s := make([]byte, l)
		if _, err := io.ReadFull(r, s); err != nil {
			return nil, fmt.Errorf("tag %d: %v", i, err)
		}
		tags[i] = string(s)
	}
	return tags, nil
}

// Float32 reads a little-endian float32.
func Float32(r *bufio.Reader) (float32, error) {
	var b [4]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, err
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(b[:])), nil
}

// Rows reads a table written by Writer.Rows for ntags tags.
func Rows(r *bufio.Reader, ntags int) (map[uint64]int32, []int16, error) {
	nf, err := binary.ReadUvarint(r)
	if err != nil || nf > MaxFeatures {
		return nil, nil, fmt.Errorf("feature count: %v", errOr(err, "out of range"))
	}
	index := make(map[uint64]int32, nf)
	weights := make([]int16, int(nf)*ntags)
	var h uint64
	for i := 0; i < int(nf); i++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, nil, fmt.Errorf("feature %d: %w", i, err)
		}
		h += d
		index[h] = int32(i)
		nz, err := binary.ReadUvarint(r)
		if err != nil || nz > uint64(ntags) {
			return nil, nil, fmt.Errorf("feature %d: bad weight count", i)
		}
		row := weights[i*ntags : i*ntags+ntags]
		for j := 0; j < int(nz); j++ {
			k, err := r.ReadByte()
			if err != nil || int(k) >= ntags {
				return nil, nil, fmt.Errorf("feature %d: bad tag index", i)
			}
			v, err := binary.ReadVarint(r)
			if err != nil || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, nil, fmt.Errorf("feature %d: bad weight", i)
			}
			row[k] = int16(v)
		}
	}
	return index, weights, nil
}

func errOr(err error, msg string) error {
	if err != nil {
		return err
	}
	return errors.New(msg)
}
