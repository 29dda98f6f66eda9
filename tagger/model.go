package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"

	"github.com/warta-id/warta/internal/weights"
)

// Model file format (gzip-compressed):
//
//	"WPOS" version(1 byte = 1)
//	the tag list (package weights)
//	float32 scale (little endian)
//	the weight table (package weights)
//
// Weights are int16; the real weight is w*scale.

const magic = "WPOS\x01"

// MarshalBinary writes the model; the same model always gives the same bytes.
func (t *Tagger) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	w := weights.NewWriter(zw)
	w.String(magic)
	w.Tags(t.tags)
	w.Float32(t.scale)
	w.Rows(t.index, t.w, len(t.tags))
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decode(b []byte) (*Tagger, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(zr)
	if !weights.Magic(r, magic) {
		return nil, errors.New("not a warta POS model (bad header)")
	}
	bad := func(what string, err error) error { return fmt.Errorf("corrupt model: %s: %v", what, err) }
	tags, err := weights.Tags(r)
	if err != nil {
		return nil, bad("tags", err)
	}
	t := &Tagger{tags: tags}
	if t.scale, err = weights.Float32(r); err != nil {
		return nil, bad("scale", err)
	}
	if t.index, t.w, err = weights.Rows(r, len(tags)); err != nil {
		return nil, bad("weights", err)
	}
	return t, nil
}
