package parser

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/warta-id/warta/internal/weights"
)

// Model file format (gzip-compressed):
//
//	"WPAR" version(1 byte: 1 for greedy models, 2 for beam models)
//	the relation list (package weights)
//	the target treebank, as a one-entry tag list ("-" for none)
//	the move list (package weights): SHIFT LEFT RIGHT
//	float32 scale, then the move weight table (package weights)
//	float32 scale, then the relation weight table (package weights)
//	version 2 only: the beam width, as a one-entry tag list ("8")
//
// Weights are int16; the real weight is w*scale.

const (
	magic     = "WPAR\x01"
	magicBeam = "WPAR\x02"
)

// MaxBeam is the widest beam a model may be trained for.
const MaxBeam = 64

// maxFeatures and maxWeights bound the rows and the weights of a table
// Load accepts (the reader allocates the table before reading it).
const (
	maxFeatures = 1 << 21
	maxWeights  = 1 << 25
)

// MarshalBinary writes the model; the same model always gives the same bytes.
func (p *Parser) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	w := weights.NewWriter(zw)
	if p.beam > 1 {
		w.String(magicBeam)
	} else {
		w.String(magic)
	}
	w.Tags(p.rels)
	target := p.target
	if target == "" {
		target = "-"
	}
	w.Tags([]string{target})
	w.Tags(moveNames)
	for _, t := range []*table{&p.moves, &p.labels} {
		w.Float32(t.scale)
		index, rows := t.rows()
		w.Rows(index, rows, t.n)
	}
	if p.beam > 1 {
		w.Tags([]string{strconv.Itoa(p.beam)})
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Load reads a model written by MarshalBinary. A file that is not a parser
// model, or is truncated or corrupt, gives an error.
func Load(b []byte) (*Parser, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a warta parser model: %w", err)
	}
	r := bufio.NewReader(zr)
	// The versions share the first four bytes; the fifth is the version.
	if !weights.Magic(r, magic[:4]) {
		return nil, errors.New("not a warta parser model (bad header)")
	}
	version, err := r.ReadByte()
	if err != nil || (version != magic[4] && version != magicBeam[4]) {
		return nil, errors.New("not a warta parser model (unknown version)")
	}
	bad := func(what string, err error) error { return fmt.Errorf("corrupt parser model: %s: %v", what, err) }
	rels, err := weights.Tags(r)
	if err != nil {
		return nil, bad("relations", err)
	}
	target, err := weights.Tags(r)
	if err != nil || len(target) != 1 {
		return nil, bad("treebank", errOr(err, "want one name"))
	}
	moves, err := weights.Tags(r)
	if err != nil {
		return nil, bad("moves", err)
	}
	if len(moves) != nMoves || moves[0] != moveNames[0] || moves[1] != moveNames[1] || moves[2] != moveNames[2] {
		return nil, bad("moves", fmt.Errorf("got %v, want %v", moves, moveNames))
	}
	p := &Parser{rels: rels, root: -1}
	if target[0] != "-" {
		p.target = target[0]
	}
	for i, r := range rels {
		if r == "root" {
			p.root = i
		}
	}
	for _, x := range []struct {
		name string
		t    *table
		n    int
	}{{"move weights", &p.moves, nMoves}, {"relation weights", &p.labels, len(rels)}} {
		scale, err := weights.Float32(r)
		if err != nil {
			return nil, bad(x.name, err)
		}
		head, _ := r.Peek(binary.MaxVarintLen64)
		if nf, k := binary.Uvarint(head); k <= 0 || nf > maxFeatures || nf*uint64(x.n) > maxWeights {
			return nil, bad(x.name, errors.New("feature count out of range"))
		}
		index, w, err := weights.Rows(r, x.n)
		if err != nil {
			return nil, bad(x.name, err)
		}
		*x.t = newTable(index, w, x.n, scale)
	}
	if version == magicBeam[4] {
		beam, err := weights.Tags(r)
		if err != nil || len(beam) != 1 {
			return nil, bad("beam width", errOr(err, "want one number"))
		}
		k, err := strconv.Atoi(beam[0])
		if err != nil || k < 2 || k > MaxBeam {
			return nil, bad("beam width", errOr(err, fmt.Sprintf("%q out of range", beam[0])))
		}
		p.beam = k
	}
	switch _, err := r.ReadByte(); {
	case err == nil:
		return nil, bad("end", errors.New("trailing data"))
	case err != io.EOF:
		return nil, bad("end", err)
	}
	return p, nil
}

func errOr(err error, msg string) error {
	if err != nil {
		return err
	}
	return errors.New(msg)
}
