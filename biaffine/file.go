package biaffine

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file is gzip-compressed. Inside: the magic line, the configuration, the vocabularies
// (the target treebank, then word forms, suffixes, cluster paths and their
// 8- and 4-bit prefixes, tags, treebanks, relations), the word-cluster
// table, and every parameter table as rows and columns, then per row a
// float32 scale and int8 weights (weight = int8 × scale); all other
// integers are uvarints.
const magic = "warta-biaffine 1\n"

// IsModel reports whether data is a biaffine parser model file (a gzip
// stream whose content starts with the format's header).
func IsModel(data []byte) bool {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return false
	}
	head := make([]byte, len(magic))
	_, err = io.ReadFull(zr, head)
	return err == nil && string(head) == magic
}

// MarshalBinary encodes the model. The same model always gives the same
// bytes.
func (m *Model) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(magic)
	u := func(x int) { b.Write(binary.AppendUvarint(nil, uint64(x))) }
	str := func(s string) { u(len(s)); b.WriteString(s) }
	c := m.cfg
	for _, x := range []int{c.Word, c.Cluster, c.Cluster8, c.Cluster4, c.Suffix, c.Tag, c.Shape, c.Treebank, c.Hidden, c.Layers, c.Arc, c.Label} {
		u(x)
	}
	str(m.target)
	for _, v := range []vocab{m.words, m.sufs, m.clus, m.c8, m.c4, m.tags, m.tbs} {
		u(len(v.names) - 1)
		for _, s := range v.names[1:] {
			str(s)
		}
	}
	u(len(m.rels))
	for _, r := range m.rels {
		str(r)
	}
	keys := make([]string, 0, len(m.clusters))
	for k := range m.clusters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	u(len(keys))
	for _, k := range keys {
		str(k)
		str(m.clusters[k])
	}
	var f [4]byte
	for _, p := range m.params {
		u(p.rows)
		u(p.cols)
		w := make([]float64, len(p.w)) // rounded to float32 first, so a
		for k, v := range p.w {        // model kept as float32 quantises alike
			w[k] = float64(float32(v))
		}
		for r := 0; r < p.rows; r++ {
			row := w[r*p.cols : (r+1)*p.cols]
			scale := rowScale(row)
			binary.LittleEndian.PutUint32(f[:], math.Float32bits(scale))
			b.Write(f[:])
			for _, v := range row {
				b.WriteByte(byte(quantise(v, scale)))
			}
		}
	}
	var z bytes.Buffer
	zw, err := gzip.NewWriterLevel(&z, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

// Load decodes a model written by MarshalBinary. A truncated or corrupt
// file gives an error, never a panic.
func Load(data []byte) (*Model, error) {
	m, err := load(data)
	if err != nil {
		return nil, fmt.Errorf("biaffine: model: %w", err)
	}
	return m, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) u(limit int) int {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated")
		return 0
	}
	if x > uint64(limit) {
		r.err = fmt.Errorf("value %d over %d", x, limit)
		return 0
	}
	r.b = r.b[n:]
	return int(x)
}

func (r *reader) str() string {
	n := r.u(1 << 16)
	if r.err != nil {
		return ""
	}
	if n > len(r.b) {
		r.err = errors.New("truncated string")
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// maxModel bounds a decompressed model file.
const maxModel = 1 << 28

func load(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a biaffine parser model (%v)", err)
	}
	data, err = io.ReadAll(io.LimitReader(zr, maxModel+1))
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	if len(data) > maxModel {
		return nil, fmt.Errorf("over %d bytes decompressed", maxModel)
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("not a biaffine parser model (bad header)")
	}
	r := &reader{b: data[len(magic):]}
	var c Config
	for _, x := range []*int{&c.Word, &c.Cluster, &c.Cluster8, &c.Cluster4, &c.Suffix, &c.Tag, &c.Shape, &c.Treebank, &c.Hidden, &c.Layers, &c.Arc, &c.Label} {
		*x = r.u(1024)
	}
	if r.err == nil && (c.Hidden == 0 || c.Layers == 0 || c.Layers > 8 || c.Arc == 0 || c.Label == 0) {
		return nil, errors.New("bad configuration")
	}
	m := &Model{cfg: c}
	m.target = r.str()
	for _, v := range []*vocab{&m.words, &m.sufs, &m.clus, &m.c8, &m.c4, &m.tags, &m.tbs} {
		*v = newVocab()
		n := r.u(1 << 24)
		for i := 0; i < n && r.err == nil; i++ {
			v.add(r.str())
		}
	}
	nr := r.u(1 << 12)
	for i := 0; i < nr && r.err == nil; i++ {
		m.rels = append(m.rels, r.str())
	}
	nc := r.u(1 << 24)
	m.clusters = make(map[string]string, min(nc, 1<<16))
	for i := 0; i < nc && r.err == nil; i++ {
		k := r.str()
		m.clusters[k] = r.str()
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(m.rels) == 0 {
		return nil, errors.New("no relations")
	}
	m.root = slices.Index(m.rels, "root")
	if need := m.weightCount(); need > len(r.b) {
		return nil, fmt.Errorf("truncated: %d weights need over %d bytes, %d left", need, need, len(r.b))
	}
	m.build()
	for i, p := range m.params {
		rows, cols := r.u(1<<24), r.u(1<<24)
		if r.err != nil {
			return nil, r.err
		}
		if rows != p.rows || cols != p.cols {
			return nil, fmt.Errorf("table %d is %d×%d, expected %d×%d", i, rows, cols, p.rows, p.cols)
		}
		if len(r.b) < 4*p.rows+len(p.w) {
			return nil, fmt.Errorf("table %d truncated", i)
		}
		for row := 0; row < p.rows; row++ {
			scale := float64(math.Float32frombits(binary.LittleEndian.Uint32(r.b)))
			if math.IsNaN(scale) || math.IsInf(scale, 0) || scale < 0 {
				return nil, fmt.Errorf("table %d row %d: bad scale", i, row)
			}
			for k, q := range r.b[4 : 4+p.cols] {
				p.w[row*p.cols+k] = float64(int8(q)) * scale
			}
			r.b = r.b[4+p.cols:]
		}
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%d bytes after the last table", len(r.b))
	}
	return m, nil
}

// rowScale is the step of a row's int8 weights: its largest magnitude over
// 127 (0 for an all-zero row).
func rowScale(w []float64) float32 {
	mx := 0.0
	for _, v := range w {
		mx = math.Max(mx, math.Abs(v))
	}
	return float32(mx / 127)
}

func quantise(v float64, scale float32) int8 {
	if scale == 0 {
		return 0
	}
	q := math.Round(v / float64(scale))
	return int8(math.Max(-127, math.Min(127, q)))
}
