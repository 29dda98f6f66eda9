package tagger_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/tagger"
)

func TestClusterKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"jakarta", "jakarta"},
		{"Jakarta", "jakarta"},
		{"2.500", "0.000"},
		{"Rp10", "rp00"},
		{"", ""},
	} {
		if got := tagger.ClusterKey(c.in); got != c.want {
			t.Errorf("ClusterKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestReadWriteClusters(t *testing.T) {
	entries := []tagger.ClusterEntry{
		{Path: "01", Word: "rumah", Count: 5},
		{Path: "00", Word: "di", Count: 9},
		{Path: "01", Word: "gedung", Count: 7},
	}
	var buf bytes.Buffer
	if err := tagger.WriteClusters(&buf, entries); err != nil {
		t.Fatal(err)
	}
	if want := "00\tdi\t9\n01\tgedung\t7\n01\trumah\t5\n"; buf.String() != want {
		t.Errorf("written:\n%s\nwant:\n%s", buf.String(), want)
	}
	c, err := tagger.ReadClusters(&buf, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(c) != 3 || c["gedung"] != "01" || c["di"] != "00" {
		t.Errorf("read %v", c)
	}
	for _, bad := range []string{"012\tx\t1\n", "01\n", "01\tx\tmany\n"} {
		if _, err := tagger.ReadClusters(strings.NewReader(bad), "bad.txt"); err == nil || !strings.Contains(err.Error(), "bad.txt:1") {
			t.Errorf("%q: error %v, want one naming bad.txt:1", bad, err)
		}
	}
}

// TestTrainClusters checks that words used in the same contexts share
// longer path prefixes and that training is deterministic.
func TestTrainClusters(t *testing.T) {
	var sents [][]string
	for i := 0; i < 6; i++ {
		for _, n := range []string{"rumah", "gedung", "mobil"} {
			sents = append(sents, strings.Fields("dia membeli "+n+" itu"))
			sents = append(sents, strings.Fields("sebuah "+n+" baru"))
		}
		for _, v := range []string{"membeli", "menjual", "melihat"} {
			sents = append(sents, strings.Fields("mereka "+v+" barang"))
			sents = append(sents, strings.Fields("kami akan "+v+" itu"))
		}
	}
	run := func() []tagger.ClusterEntry {
		return tagger.TrainClusters(sents, tagger.ClusterOptions{MinCount: 3, Contexts: 20, Depth: 6})
	}
	a, b := run(), run()
	var wa, wb bytes.Buffer
	tagger.WriteClusters(&wa, a)
	tagger.WriteClusters(&wb, b)
	if wa.String() != wb.String() {
		t.Fatal("same sentences gave different clusters")
	}
	path := map[string]string{}
	for _, e := range a {
		path[e.Word] = e.Path
	}
	common := func(x, y string) int {
		n := 0
		for n < len(x) && n < len(y) && x[n] == y[n] {
			n++
		}
		return n
	}
	if common(path["rumah"], path["gedung"]) <= common(path["rumah"], path["menjual"]) {
		t.Errorf("rumah %s, gedung %s, menjual %s: nouns not closer to each other", path["rumah"], path["gedung"], path["menjual"])
	}
	if common(path["menjual"], path["melihat"]) <= common(path["melihat"], path["mobil"]) {
		t.Errorf("menjual %s, melihat %s, mobil %s: verbs not closer to each other", path["menjual"], path["melihat"], path["mobil"])
	}
}

// TestTrainWithClusters checks that a model with clusters and bags writes,
// loads and retrains to the same bytes.
func TestTrainWithClusters(t *testing.T) {
	train := []tagger.Sentence{
		{Words: strings.Fields("Polisi menangkap pencuri itu ."), Tags: strings.Fields("NOUN VERB NOUN DET PUNCT")},
		{Words: strings.Fields("Dia akan datang ke Bandung ."), Tags: strings.Fields("PRON AUX VERB ADP PROPN PUNCT")},
	}
	cl := tagger.Clusters{"polisi": "0010", "pencuri": "0011", "menangkap": "110", "rumah": "0010"}
	var out [2][]byte
	for i := range out {
		tg, err := tagger.Train(train, tagger.TrainOptions{Epochs: 4, Seed: 3, Clusters: cl, Bags: 2})
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = tg.MarshalBinary(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatal("same data and seed gave different model bytes")
	}
	tg, err := tagger.Load(out[0])
	if err != nil {
		t.Fatal(err)
	}
	again, _ := tg.MarshalBinary()
	if !bytes.Equal(again, out[0]) {
		t.Error("model bytes change on a load/write round trip")
	}
	if acc := tg.Accuracy(train); acc < 0.9 {
		t.Errorf("training accuracy %.3f", acc)
	}
	// Truncated models are refused, not panicked on.
	for _, n := range []int{10, len(out[0]) / 2, len(out[0]) - 3} {
		if _, err := tagger.Load(out[0][:n]); err == nil {
			t.Errorf("model cut to %d bytes accepted", n)
		}
	}
}

func TestVersionMap(t *testing.T) {
	s := func(words, tags string) tagger.Sentence {
		return tagger.Sentence{Words: strings.Fields(words), Tags: strings.Fields(tags)}
	}
	old := []tagger.Sentence{
		s("Saat itu dia datang", "NOUN DET PRON VERB"),
		s("Apa kabar", "NOUN NOUN"),
		s("tidak ada di sini", "PART VERB ADP PRON"),
	}
	updated := []tagger.Sentence{
		s("Saat itu dia datang", "PRON DET PRON VERB"),
		s("Apa kabar", "PRON NOUN"),
		s("kalimat lain", "NOUN ADJ"), // not in old: ignored
	}
	m := tagger.VersionMap(old, updated, 1)
	if len(m) != 2 || m["saat\x00NOUN"] != "PRON" || m["apa\x00NOUN"] != "PRON" {
		t.Fatalf("VersionMap = %q", m)
	}
	train := []tagger.Sentence{s("pada saat yang sama", "ADP NOUN PRON ADJ"), s("apa ini", "NOUN PRON")}
	if n := tagger.Relabel(train, m); n != 2 || train[0].Tags[1] != "PRON" || train[1].Tags[0] != "PRON" {
		t.Errorf("Relabel changed %d: %v", n, train)
	}
}

// TestTagModelRoundTrip checks that a written and reloaded model (with a
// fresh lookup table) tags as the embedded one does.
func TestTagModelRoundTrip(t *testing.T) {
	tg := mustDefault(t)
	b, err := tg.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	t2, err := tagger.Load(b)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("Menteri Luar Negeri Retno Marsudi mengatakan pemerintah akan mengirimkan bantuan ke Gaza .")
	if a, c := strings.Join(tg.Tag(words), " "), strings.Join(t2.Tag(words), " "); a != c {
		t.Errorf("reloaded model tags %s, embedded %s", c, a)
	}
}

// TestEmbeddedClusters checks that the embedded model carries the table of
// model/clusters.txt, which other models are trained with by default.
func TestEmbeddedClusters(t *testing.T) {
	tg, err := tagger.Default()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("model", "clusters.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := tagger.ReadClusters(f, "model/clusters.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := tg.Clusters()
	if len(got) != len(want) {
		t.Fatalf("embedded table: %d words, model/clusters.txt: %d", len(got), len(want))
	}
	for w, p := range want {
		if got[w] != p {
			t.Fatalf("%q: embedded path %q, file %q", w, got[w], p)
		}
	}
}
