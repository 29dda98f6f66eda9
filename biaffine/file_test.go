package biaffine

import (
	"bytes"
	"compress/gzip"
	"io"
	"slices"
	"strings"
	"testing"
)

func tinyModel(t testing.TB, epochs int) *Model { return tinyModelSeed(t, epochs, 1) }

func tinyModelSeed(t testing.TB, epochs int, seed uint64) *Model {
	cfg := Config{Word: 4, Cluster: 2, Cluster8: 2, Cluster4: 2, Suffix: 2, Tag: 3, Shape: 2, Hidden: 6, Layers: 2, Arc: 5, Label: 4}
	m, err := Train(tinySentences(), TrainOptions{Config: cfg, Epochs: epochs, Seed: seed,
		Clusters: map[string]string{"menteri": "0110", "presiden": "0111", "iran": "10"}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestWeightCount(t *testing.T) {
	m := tinyModel(t, 0)
	n := 0
	for _, p := range m.params {
		n += len(p.w)
	}
	if n != m.weightCount() {
		t.Fatalf("build allocated %d weights, weightCount says %d", n, m.weightCount())
	}
}

// TestRoundTrip saves a model, loads it and saves it again: same bytes,
// same parses. (Saving quantises the weights to int8, so the loaded model
// may differ from the one in memory on near ties; on legacy GSD dev the
// shipped model's LAS is the same before and after, model/README.md.)
func TestRoundTrip(t *testing.T) {
	m := tinyModel(t, 3)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := m2.MarshalBinary()
	if !bytes.Equal(b, b2) {
		t.Fatal("a loaded model encodes to different bytes")
	}
	m3, err := Load(b2)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range tinySentences() {
		h2, r2, _ := m2.Parse(s.Words, s.UPOS)
		h3, r3, _ := m3.Parse(s.Words, s.UPOS)
		if !slices.Equal(h2, h3) || !slices.Equal(r2, r3) {
			t.Fatalf("%v: %v %v after one load, %v %v after two", s.Words, h2, r2, h3, r3)
		}
	}
}

func gz(b []byte) []byte {
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

func TestLoadErrors(t *testing.T) {
	m := tinyModel(t, 1)
	b, _ := m.MarshalBinary()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(zr)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a biaffine parser model"},
		{"not gzip", []byte(magic), "not a biaffine parser model"},
		{"other gzip file", gz([]byte("warta-tagger 1\n")), "bad header"},
		{"truncated file", b[:len(b)/2], "decompress"},
		{"truncated content", gz(raw[:len(raw)/2]), "truncated"},
		{"trailing", gz(append(append([]byte(nil), raw...), 1, 2, 3)), "after the last table"},
		{"header only", gz([]byte(magic)), "truncated"},
	} {
		_, err := Load(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func FuzzLoad(f *testing.F) {
	m := tinyModel(f, 1)
	b, _ := m.MarshalBinary()
	f.Add(b)
	f.Add(b[:100])
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(data)
		if err != nil {
			return
		}
		words := []string{"Menteri", "bertemu", "presiden", "."}
		if _, _, err := m.Parse(words, []string{"NOUN", "VERB", "NOUN", "PUNCT"}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestParseShapes(t *testing.T) {
	m := tinyModel(t, 2)
	for _, tc := range []struct {
		words, tags []string
		err         bool
	}{
		{nil, nil, false},
		{[]string{"Iran"}, []string{"PROPN"}, false},
		{[]string{"Iran", "."}, []string{"PROPN"}, true},
		{[]string{"kata", "tak", "dikenal", "sama", "sekali"}, []string{"X", "X", "X", "X", "X"}, false},
	} {
		h, r, err := m.Parse(tc.words, tc.tags)
		if (err != nil) != tc.err {
			t.Fatalf("%v: error %v", tc.words, err)
		}
		if err != nil {
			continue
		}
		if len(h) != len(tc.words) || len(r) != len(tc.words) {
			t.Fatalf("%v: %d heads, %d relations", tc.words, len(h), len(r))
		}
		roots := 0
		for i, x := range h {
			if x == 0 {
				roots++
				if r[i] != "root" {
					t.Errorf("%v: root word has relation %q", tc.words, r[i])
				}
			}
		}
		if len(h) > 0 && roots != 1 {
			t.Errorf("%v: %d words on the root", tc.words, roots)
		}
	}
}

// TestTrainReproducible trains the toy model twice: same data and seed,
// same bytes; another seed, other bytes.
func TestTrainReproducible(t *testing.T) {
	a, _ := tinyModel(t, 3).MarshalBinary()
	b, _ := tinyModel(t, 3).MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Fatal("two runs gave different model bytes")
	}
	c, _ := tinyModelSeed(t, 3, 2).MarshalBinary()
	if bytes.Equal(a, c) {
		t.Fatal("another seed gave the same model bytes")
	}
}

// TestWithHelpers checks that helpers' arcs steer the tree: with a large
// weight the parse follows a helper's (projective) tree, with weight 0 it
// is the model's own.
func TestWithHelpers(t *testing.T) {
	m := tinyModel(t, 2)
	s := tinySentences()[0]
	chain := func(words, upos []string) ([]int, []string, error) {
		h := make([]int, len(words))
		for i := range h {
			h[i] = i // word 1 on the root, every other word on the one before
		}
		return h, make([]string, len(words)), nil
	}
	h, _, err := m.WithHelpers(1000, chain).Parse(s.Words, s.UPOS)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := chain(s.Words, s.UPOS)
	if !slices.Equal(h, want) {
		t.Errorf("with a heavy helper: heads %v, want the helper's %v", h, want)
	}
	own, _, _ := m.Parse(s.Words, s.UPOS)
	h0, _, _ := m.WithHelpers(0, chain).Parse(s.Words, s.UPOS)
	if !slices.Equal(h0, own) {
		t.Errorf("with weight 0: heads %v, want the model's own %v", h0, own)
	}
}
