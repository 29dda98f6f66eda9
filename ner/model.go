package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/warta-id/warta/kb"
)

// Model file format (gzip-compressed):
//
//	"WNER" version(1 byte = 1)
//	uvarint ntags, then each tag as uvarint length + bytes
//	float32 scale (little endian)
//	(ntags+1) × ntags float32 transition weights (last row: sentence start)
//	uvarint nfeatures
//	per feature, hashes ascending: uvarint hash delta, uvarint number of
//	non-zero weights, then (tag index byte, zig-zag varint weight) pairs
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
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
	f32 := func(f float32) {
		binary.LittleEndian.PutUint32(tmp[:4], math.Float32bits(f))
		bw.Write(tmp[:4])
	}
	bw.WriteString(magic)
	uv(uint64(len(Tags)))
	for _, s := range Tags {
		uv(uint64(len(s)))
		bw.WriteString(s)
	}
	f32(r.scale)
	for _, v := range r.trans {
		f32(v)
	}
	keys := make([]uint64, 0, len(r.index))
	for h := range r.index {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	uv(uint64(len(keys)))
	var prev uint64
	for _, h := range keys {
		uv(h - prev)
		prev = h
		row := r.w[int(r.index[h])*nt : int(r.index[h])*nt+nt]
		nz := 0
		for _, v := range row {
			if v != 0 {
				nz++
			}
		}
		uv(uint64(nz))
		for k, v := range row {
			if v != 0 {
				bw.WriteByte(byte(k))
				sv(int64(v))
			}
		}
	}
	if err := bw.Flush(); err != nil {
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
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("not a Warta NER model (bad magic)")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n != nt {
		return nil, fmt.Errorf("model has %d tags, want %d", n, nt)
	}
	for i := 0; i < nt; i++ {
		l, err := binary.ReadUvarint(br)
		if err != nil || l > 64 {
			return nil, errors.New("bad tag")
		}
		s := make([]byte, l)
		if _, err := io.ReadFull(br, s); err != nil {
			return nil, err
		}
		if string(s) != Tags[i] {
			return nil, fmt.Errorf("model tag %d is %q, want %q", i, s, Tags[i])
		}
	}
	var tmp [4]byte
	f32 := func() (float32, error) {
		if _, err := io.ReadFull(br, tmp[:]); err != nil {
			return 0, err
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(tmp[:])), nil
	}
	r := &Recognizer{}
	if r.scale, err = f32(); err != nil {
		return nil, err
	}
	for i := range r.trans {
		if r.trans[i], err = f32(); err != nil {
			return nil, err
		}
	}
	nf, err := binary.ReadUvarint(br)
	if err != nil || nf > 1<<26 {
		return nil, errors.New("bad feature count")
	}
	r.index = make(map[uint64]int32, nf)
	r.w = make([]int16, int(nf)*nt)
	var h uint64
	for i := 0; i < int(nf); i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("feature %d: %w", i, err)
		}
		h += d
		r.index[h] = int32(i)
		nz, err := binary.ReadUvarint(br)
		if err != nil || nz > nt {
			return nil, fmt.Errorf("feature %d: bad weight count", i)
		}
		for j := 0; j < int(nz); j++ {
			k, err := br.ReadByte()
			if err != nil || int(k) >= nt {
				return nil, fmt.Errorf("feature %d: bad tag index", i)
			}
			v, err := binary.ReadVarint(br)
			if err != nil || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, fmt.Errorf("feature %d: bad weight", i)
			}
			r.w[i*nt+int(k)] = int16(v)
		}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("trailing data after model")
	}
	if r.kb, err = kb.Default(); err != nil {
		return nil, err
	}
	return r, nil
}
