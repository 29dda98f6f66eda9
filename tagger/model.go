package tagger

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
)

// Model file format (gzip-compressed):
//
//	"WPOS" version(1 byte = 1)
//	uvarint ntags, then each tag as uvarint length + bytes
//	float32 scale (little endian)
//	uvarint nfeatures
//	per feature, hashes ascending: uvarint hash delta, uvarint number of
//	non-zero weights, then (tag index byte, zig-zag varint weight) pairs
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
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
	bw.WriteString(magic)
	uv(uint64(len(t.tags)))
	for _, s := range t.tags {
		uv(uint64(len(s)))
		bw.WriteString(s)
	}
	binary.Write(bw, binary.LittleEndian, math.Float32bits(t.scale))
	keys := make([]uint64, 0, len(t.index))
	for h := range t.index {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	uv(uint64(len(keys)))
	nt := len(t.tags)
	var prev uint64
	for _, h := range keys {
		uv(h - prev)
		prev = h
		r := t.w[int(t.index[h])*nt : int(t.index[h])*nt+nt]
		nz := 0
		for _, v := range r {
			if v != 0 {
				nz++
			}
		}
		uv(uint64(nz))
		for k, v := range r {
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

func decode(b []byte) (*Tagger, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, errors.New("not a warta POS model (bad header)")
	}
	bad := func(what string, err error) error { return fmt.Errorf("corrupt model: %s: %v", what, err) }
	nt, err := binary.ReadUvarint(r)
	if err != nil || nt == 0 || nt > 255 {
		return nil, bad("tag count", err)
	}
	t := &Tagger{tags: make([]string, nt)}
	for i := range t.tags {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > 64 {
			return nil, bad("tag", err)
		}
		s := make([]byte, n)
		if _, err := io.ReadFull(r, s); err != nil {
			return nil, bad("tag", err)
		}
		t.tags[i] = string(s)
	}
	var bits uint32
	if err := binary.Read(r, binary.LittleEndian, &bits); err != nil {
		return nil, bad("scale", err)
	}
	t.scale = math.Float32frombits(bits)
	nf, err := binary.ReadUvarint(r)
	if err != nil || nf > 1<<26 {
		return nil, bad("feature count", err)
	}
	t.index = make(map[uint64]int32, nf)
	t.w = make([]int16, int(nf)*int(nt))
	var h uint64
	for i := 0; i < int(nf); i++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, bad("feature", err)
		}
		h += d
		nz, err := binary.ReadUvarint(r)
		if err != nil || nz > nt {
			return nil, bad("weights", err)
		}
		row := t.w[i*int(nt) : i*int(nt)+int(nt)]
		for j := 0; j < int(nz); j++ {
			k, err := r.ReadByte()
			if err != nil || uint64(k) >= nt {
				return nil, bad("weight tag", err)
			}
			v, err := binary.ReadVarint(r)
			if err != nil || v < math.MinInt16 || v > math.MaxInt16 {
				return nil, bad("weight", err)
			}
			row[k] = int16(v)
		}
		t.index[h] = int32(i)
	}
	return t, nil
}
