package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"

	"github.com/warta-id/warta/internal/weights"
	"github.com/warta-id/warta/kb"
)

// Model file format (gzip-compressed):
//
//	"WNER" version(1 byte = 1)
//	the tag list (package weights)
//	float32 scale (little endian)
//	(ntags+1) × ntags float32 transition weights (last row: sentence start)
//	the emission weight table (package weights)
//
// Emission weights are int16; the real weight is w*scale.

const magic = "WNER\x01"

// MarshalBinary writes the model; the same model always gives the same bytes.
func (r *Recognizer) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	w := weights.NewWriter(zw)
	w.String(magic)
	w.Tags(Tags)
	w.Float32(r.scale)
	for _, v := range r.trans {
		w.Float32(v)
	}
	w.Rows(r.index, r.w, nt)
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Load reads a model written by MarshalBinary. The knowledge base for the
// gazetteer features is kb.Default().
func Load(b []byte) (*Recognizer, error) {
	if len(b) == 0 {
		return nil, errors.New("empty model")
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(zr)
	if !weights.Magic(br, magic) {
		return nil, errors.New("not a Warta NER model (bad magic)")
	}
	tags, err := weights.Tags(br)
	if err != nil {
		return nil, err
	}
	if len(tags) != nt {
		return nil, fmt.Errorf("model has %d tags, want %d", len(tags), nt)
	}
	for i, s := range tags {
		if s != Tags[i] {
			return nil, fmt.Errorf("model tag %d is %q, want %q", i, s, Tags[i])
		}
	}
	r := &Recognizer{}
	if r.scale, err = weights.Float32(br); err != nil {
		return nil, err
	}
	for i := range r.trans {
		if r.trans[i], err = weights.Float32(br); err != nil {
			return nil, err
		}
	}
	if r.index, r.w, err = weights.Rows(br, nt); err != nil {
		return nil, err
	}
	if _, err := br.ReadByte(); err == nil {
		return nil, errors.New("trailing data after model")
	}
	if r.kb, err = kb.Default(); err != nil {
		return nil, err
	}
	return r, nil
}
