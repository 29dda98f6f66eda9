package ner

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func mustDefault(t testing.TB) *Recognizer {
	t.Helper()
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// entityStrings renders entities as "LABEL:words".
func entityStrings(words []string, es []Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Label+":"+strings.Join(words[e.Start:e.End], " "))
	}
	return out
}

// Sentences written for this test (not from any corpus).
func TestEntities(t *testing.T) {
	r := mustDefault(t)
	tests := []struct {
		sent string
		want []string
	}{
		{"Presiden Joko Widodo bertemu Perdana Menteri Malaysia Anwar Ibrahim di Istana Bogor , Jawa Barat , pada Senin .",
			[]string{"PER:Joko Widodo", "PER:Anwar Ibrahim", "LOC:Istana Bogor", "LOC:Jawa Barat"}},
		{"Menteri Luar Negeri Retno Marsudi mengunjungi Jenewa untuk menghadiri sidang Perserikatan Bangsa-Bangsa .",
			[]string{"PER:Retno Marsudi", "LOC:Jenewa", "ORG:Perserikatan Bangsa-Bangsa"}},
		{"Komisi Pemberantasan Korupsi ( KPK ) menahan Bupati Sidoarjo di Jakarta .",
			[]string{"ORG:Komisi Pemberantasan Korupsi", "ORG:KPK", "LOC:Sidoarjo", "LOC:Jakarta"}},
		{"Bank Indonesia menaikkan suku bunga acuan menjadi 6 persen .",
			[]string{"ORG:Bank Indonesia"}},
		{"Sri Mulyani mengatakan Kementerian Keuangan akan memangkas anggaran .",
			[]string{"PER:Sri Mulyani", "ORG:Kementerian Keuangan"}},
		{"Tim SAR gabungan dari Basarnas mencari korban banjir di Kabupaten Garut .",
			[]string{"ORG:Basarnas", "LOC:Kabupaten Garut"}},
		{"Harga beras naik tajam pekan ini .", []string{}},
		{"", []string{}},
	}
	for _, tc := range tests {
		w := strings.Fields(tc.sent)
		got := entityStrings(w, r.Entities(w))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got  %q\n want %q", tc.sent, got, tc.want)
		}
		if tags := r.Label(w); len(tags) != len(w) {
			t.Errorf("%q: %d tags for %d words", tc.sent, len(tags), len(w))
		}
	}
}

func TestLabelValidBIO(t *testing.T) {
	r := mustDefault(t)
	w := strings.Fields("Dewan Perwakilan Rakyat ( DPR ) menggelar rapat dengan Gubernur Bank Indonesia Perry Warjiyo di Senayan , Jakarta .")
	tags := r.Label(w)
	if !reflect.DeepEqual(Repair(tags), tags) {
		t.Errorf("invalid BIO sequence %q", tags)
	}
}

func TestSpansConlleval(t *testing.T) {
	tests := []struct {
		tags []string
		want []Entity
	}{
		{[]string{"B-PER", "I-PER", "O", "B-LOC"}, []Entity{{0, 2, "PER"}, {3, 4, "LOC"}}},
		// An I- without a B- starts an entity.
		{[]string{"O", "I-ORG", "I-ORG", "O"}, []Entity{{1, 3, "ORG"}}},
		// A type change inside I- tags starts a new entity.
		{[]string{"B-PER", "I-LOC", "I-LOC"}, []Entity{{0, 1, "PER"}, {1, 3, "LOC"}}},
		// B- after B- of the same type: two entities.
		{[]string{"B-PER", "B-PER", "I-PER"}, []Entity{{0, 1, "PER"}, {1, 3, "PER"}}},
		{[]string{"O", "weird", ""}, nil},
	}
	for _, tc := range tests {
		if got := Spans(tc.tags); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Spans(%q) = %v, want %v", tc.tags, got, tc.want)
		}
	}
}

func TestScore(t *testing.T) {
	gold := [][]string{{"B-PER", "I-PER", "O", "B-LOC"}, {"B-ORG", "O"}}
	pred := [][]string{{"B-PER", "I-PER", "O", "B-ORG"}, {"I-ORG", "O"}}
	rep := Score(gold, pred)
	if rep.Gold != 3 || rep.Predicted != 3 || rep.Correct != 2 {
		t.Fatalf("counts %+v", rep.Scores)
	}
	if rep.Labels["LOC"].Recall != 0 || rep.Labels["ORG"].Precision != 0.5 || rep.Labels["PER"].F1 != 1 {
		t.Errorf("labels %+v", rep.Labels)
	}
	if rep.Tokens != 6 || rep.Accuracy != 4.0/6 {
		t.Errorf("tokens %d accuracy %v", rep.Tokens, rep.Accuracy)
	}
}

func TestMapLabel(t *testing.T) {
	for in, want := range map[string]string{
		"B-PERSON": "B-PER", "I-PER": "I-PER", "B-PPL": "B-PER",
		"B-ORGANIZATION": "B-ORG", "I-ORGANISATION": "I-ORG", "B-IND": "B-ORG",
		"B-LOCATION": "B-LOC", "I-GPE": "I-LOC", "B-PLACE": "B-LOC", "I-PLC": "I-LOC",
		"B-TIME": "O", "I-QUANTITY": "O", "B-EVT": "O", "O": "O", "": "O", "X": "O",
	} {
		if got := MapLabel(in); got != want {
			t.Errorf("MapLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadCoNLL(t *testing.T) {
	in := "Menurut ADP O\r\nHaposan NOUN B-PER\r\n\r\n-DOCSTART- O\n\nkata\tO\nFederer\tB-PERSON\nJakarta\tI-LOCATION\nBesok\tB-TIME\n"
	got, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Words: []string{"Menurut", "Haposan"}, Tags: []string{"O", "B-PER"}},
		{Words: []string{"kata", "Federer", "Jakarta", "Besok"}, Tags: []string{"O", "B-PER", "I-LOC", "O"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
	if _, err := ReadCoNLL(strings.NewReader("kata\n")); err == nil {
		t.Error("a line without a tag: no error")
	}
}

var tinyTrain = []Sentence{
	{strings.Fields("Budi Santoso pergi ke Bandung ."), []string{"B-PER", "I-PER", "O", "O", "B-LOC", "O"}},
	{strings.Fields("Siti bekerja di Bank Mandiri ."), []string{"B-PER", "O", "O", "B-ORG", "I-ORG", "O"}},
	{strings.Fields("Polisi Medan menangkap Andi ."), []string{"B-ORG", "I-ORG", "O", "B-PER", "O"}},
	{strings.Fields("Hujan turun di Bogor kemarin ."), []string{"O", "O", "O", "B-LOC", "O", "O"}},
}

// TestTrainDeterministic checks that training twice gives the same bytes and
// that a saved model loads and labels as the trained one does.
func TestTrainDeterministic(t *testing.T) {
	var prev []byte
	for range 2 {
		r, err := Train(tinyTrain, TrainOptions{Epochs: 5, Seed: 7, Dev: tinyTrain})
		if err != nil {
			t.Fatal(err)
		}
		b, err := r.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if prev != nil && !bytes.Equal(prev, b) {
			t.Fatal("two trainings gave different model bytes")
		}
		prev = b
		r2, err := Load(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tinyTrain {
			if a, b := r.Label(s.Words), r2.Label(s.Words); !reflect.DeepEqual(a, b) {
				t.Errorf("trained %q, loaded %q", a, b)
			}
		}
		if f := r2.Evaluate(tinyTrain).F1; f < 0.99 {
			t.Errorf("F1 on its own training data %.3f", f)
		}
	}
	if _, err := Train(nil, TrainOptions{}); err == nil {
		t.Error("no sentences: no error")
	}
	if _, err := Train([]Sentence{{Words: []string{"a"}, Tags: []string{"B-XYZ"}}}, TrainOptions{}); err == nil {
		t.Error("unknown tag: no error")
	}
}

func TestLoadBad(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not gzip"), embedded[:len(embedded)/2]} {
		if _, err := Load(b); err == nil {
			t.Errorf("Load(%d bytes): no error", len(b))
		}
	}
}

// TestCorpusF1 holds the F1 of the embedded model on the held-out test sets
// (idner-news-2k test; IndoLEM NER-UI fold 1 test) when ../shared is present.
func TestCorpusF1(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "ner")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("skipping: shared NER data not found at %s (%v)", dir, err)
	}
	r := mustDefault(t)
	for _, tc := range []struct {
		file string
		min  float64
	}{
		{"idner-news-2k/test.txt", 0.895},    // measured 0.9048
		{"indolem-nerui/test.01.tsv", 0.850}, // measured 0.8576
	} {
		s, err := ReadFile(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		rep := r.Evaluate(s)
		t.Logf("%s: P %.4f R %.4f F1 %.4f (PER %.4f ORG %.4f LOC %.4f)", tc.file, rep.Precision, rep.Recall, rep.F1,
			rep.Labels["PER"].F1, rep.Labels["ORG"].F1, rep.Labels["LOC"].F1)
		if rep.F1 < tc.min {
			t.Errorf("%s: F1 %.4f < %.3f", tc.file, rep.F1, tc.min)
		}
	}
}

func FuzzEntities(f *testing.F) {
	r := mustDefault(f)
	f.Add("Presiden Joko Widodo tiba di Jakarta .")
	f.Add("")
	f.Add("  \x00 \xff\xfe É É-É 123/45 - -- ( ) Ü")
	f.Add("amerika serikat AS A.S. U.S. Bank Dunia bank dunia")
	f.Fuzz(func(t *testing.T, s string) {
		w := strings.Fields(s)
		tags := r.Label(w)
		if len(tags) != len(w) {
			t.Fatalf("%d tags for %d words", len(tags), len(w))
		}
		for _, e := range r.Entities(w) {
			if e.Start < 0 || e.End > len(w) || e.Start >= e.End {
				t.Fatalf("bad entity %+v for %d words", e, len(w))
			}
		}
		// Words that are empty strings or contain spaces must not panic either.
		r.Label(append(w, "", " ", "a b"))
	})
}

func BenchmarkLabel(b *testing.B) {
	r := mustDefault(b)
	w := strings.Fields("Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Amerika Serikat Antony Blinken di Washington pada Selasa untuk membahas kerja sama kedua negara di bidang ekonomi dan keamanan .")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r.Label(w)
	}
	b.ReportMetric(float64(len(w))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(embedded); err != nil {
			b.Fatal(err)
		}
	}
}
