package tagger

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
//	"WPOS" version(1 byte: 1, or 2 with word clusters)
//	the tag list (package weights)
//	version 2 only: an options byte (bit 0: two passes, bit 1: lexicon),
//	  then the word
//	  clusters: uvarint count, then per word
//	  (sorted) uvarint length, the word's bytes, uvarint path length in
//	  bits, uvarint path value
//	float32 scale (little endian)
//	the weight table (package weights)
//
// Weights are int16; the real weight is w*scale.

const (
	magicV1 = "WPOS\x01"
	magicV2 = "WPOS\x02"
)

// maxClusterWords bounds the cluster table a reader accepts.
const maxClusterWords = 1 << 22

// MarshalBinary writes the model; the same model always gives the same bytes.
func (t *Tagger) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	w := weights.NewWriter(zw)
	if t.cl == nil {
		w.String(magicV1)
		w.Tags(t.tags)
	} else {
		w.String(magicV2)
		w.Tags(t.tags)
		w.String(string(encodeClusters(t.cl)))
	}
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

func encodeClusters(c Clusters) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(c)))
	for _, w := range c.sortedWords() {
		p := c[w]
		v, _ := strconv.ParseUint(p, 2, 64)
		b = binary.AppendUvarint(b, uint64(len(w)))
		b = append(b, w...)
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = binary.AppendUvarint(b, v)
	}
	return b
}

func decodeClusters(r *bufio.Reader) (Clusters, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > maxClusterWords {
		return nil, fmt.Errorf("count: %v", errOr(err, "out of range"))
	}
	c := make(Clusters, n)
	for i := 0; i < int(n); i++ {
		l, err := binary.ReadUvarint(r)
		if err != nil || l > 1024 {
			return nil, fmt.Errorf("word %d: %v", i, errOr(err, "too long"))
		}
		wb := make([]byte, l)
		if _, err := io.ReadFull(r, wb); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		bits, err := binary.ReadUvarint(r)
		if err != nil || bits == 0 || bits > 64 {
			return nil, fmt.Errorf("word %d: path length: %v", i, errOr(err, "out of range"))
		}
		v, err := binary.ReadUvarint(r)
		if err != nil || (bits < 64 && v>>bits != 0) {
			return nil, fmt.Errorf("word %d: path: %v", i, errOr(err, "out of range"))
		}
		p := strconv.FormatUint(v, 2)
		for len(p) < int(bits) {
			p = "0" + p
		}
		c[string(wb)] = p
	}
	return c, nil
}

func errOr(err error, msg string) error {
	if err != nil {
		return err
	}
	return errors.New(msg)
}

func decode(b []byte) (*Tagger, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(zr)
	head := make([]byte, len(magicV1))
	if _, err := io.ReadFull(r, head); err != nil || (string(head) != magicV1 && string(head) != magicV2) {
		return nil, errors.New("not a warta POS model (bad header)")
	}
	bad := func(what string, err error) error { return fmt.Errorf("corrupt model: %s: %v", what, err) }
	tags, err := weights.Tags(r)
	if err != nil {
		return nil, bad("tags", err)
	}
	t := &Tagger{tags: tags}
	if string(head) == magicV2 {
		if t.cl, err = decodeClusters(r); err != nil {
			return nil, bad("clusters", err)
		}
	}
	if t.scale, err = weights.Float32(r); err != nil {
		return nil, bad("scale", err)
	}
	if t.index, t.w, err = weights.Rows(r, len(tags)); err != nil {
		return nil, bad("weights", err)
	}
	// Read to the end, so a cut or damaged file fails gzip's checksum.
	if n, err := io.Copy(io.Discard, r); err != nil || n != 0 {
		return nil, bad("end", errOr(err, "trailing data"))
	}
	return t, nil
}
