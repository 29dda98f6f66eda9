package tagger_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/segment"
	"github.com/warta-id/warta/tagger"
)

func mustDefault(t testing.TB) *tagger.Tagger {
	t.Helper()
	tg, err := tagger.Default()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestTag checks tags the model must get right on invented news sentences
// ("_" = not checked).
func TestTag(t *testing.T) {
	tg := mustDefault(t)
	cases := []struct{ words, want string }{
		{"Presiden Joko Widodo meresmikan jembatan baru di Surabaya pada hari Senin .",
			"_ PROPN PROPN VERB NOUN ADJ ADP PROPN ADP NOUN PROPN PUNCT"},
		{"Polisi telah menangkap tiga orang yang diduga merampok bank itu .",
			"_ AUX VERB NUM NOUN PRON VERB VERB NOUN DET PUNCT"},
		{"Negara-negara anggota ASEAN akan bertemu untuk membahas krisis pangan .",
			"NOUN NOUN PROPN AUX VERB SCONJ VERB NOUN NOUN PUNCT"},
		{"Menurut dia , harga beras naik 15 persen sejak Januari 2024 .",
			"ADP PRON PUNCT NOUN NOUN VERB NUM NOUN ADP PROPN NUM PUNCT"},
		{"Mereka tidak mau menjual rumah itu kepada pengembang asing .",
			"PRON PART _ VERB NOUN DET ADP NOUN ADJ PUNCT"},
	}
	for _, c := range cases {
		words, want := strings.Fields(c.words), strings.Fields(c.want)
		got := tg.Tag(words)
		if len(got) != len(words) {
			t.Fatalf("%q: %d tags for %d words", c.words, len(got), len(words))
		}
		for i := range words {
			if want[i] != "_" && got[i] != want[i] {
				t.Errorf("%q: %s = %s, want %s", c.words, words[i], got[i], want[i])
			}
		}
	}
	if got := tg.Tag(nil); len(got) != 0 {
		t.Errorf("Tag(nil) = %v", got)
	}
}

func TestTagTokens(t *testing.T) {
	tg := mustDefault(t)
	d := &doc.Document{Text: "Menteri Luar Negeri bertemu duta besar Jepang di Jakarta. Keduanya membahas kerja sama ekonomi."}
	segment.Segment(d)
	tags := tg.TagTokens(d)
	if len(tags) != len(d.Tokens) {
		t.Fatalf("%d tags for %d tokens", len(tags), len(d.Tokens))
	}
	want := map[string]string{"bertemu": "VERB", "di": "ADP", "Jakarta": "PROPN", ".": "PUNCT", "membahas": "VERB"}
	for i, tok := range d.Tokens {
		if tags[i] == "" {
			t.Errorf("token %q untagged", tok.Text)
		}
		if w, ok := want[tok.Text]; ok && tags[i] != w {
			t.Errorf("%s = %s, want %s", tok.Text, tags[i], w)
		}
	}
	// No sentences: all tokens are one run.
	d.Sentences = nil
	if got := tg.TagTokens(d); len(got) != len(d.Tokens) || got[0] == "" {
		t.Errorf("without sentences: %v", got)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	tg := mustDefault(t)
	b, err := tg.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	t2, err := tagger.Load(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := t2.MarshalBinary()
	if string(b) != string(b2) {
		t.Error("model bytes change on a load/write round trip")
	}
	if _, err := tagger.Load([]byte("not a model")); err == nil {
		t.Error("Load accepted garbage")
	}
}

func TestTrainDeterministic(t *testing.T) {
	train := []tagger.Sentence{
		{Words: strings.Fields("Polisi menangkap pencuri itu ."), Tags: strings.Fields("NOUN VERB NOUN DET PUNCT")},
		{Words: strings.Fields("Dia akan datang ke Bandung ."), Tags: strings.Fields("PRON AUX VERB ADP PROPN PUNCT")},
		{Words: strings.Fields("Pemerintah menaikkan harga BBM ."), Tags: strings.Fields("NOUN VERB NOUN PROPN PUNCT")},
	}
	var out [2][]byte
	for i := range out {
		tg, err := tagger.Train(train, tagger.TrainOptions{Epochs: 5, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = tg.MarshalBinary(); err != nil {
			t.Fatal(err)
		}
		if acc := tg.Accuracy(train); acc < 0.9 {
			t.Errorf("training accuracy %.3f", acc)
		}
	}
	if string(out[0]) != string(out[1]) {
		t.Error("same data and seed gave different model bytes")
	}
	if _, err := tagger.Train([]tagger.Sentence{{Words: []string{"a"}, Tags: []string{"BOGUS"}}}, tagger.TrainOptions{}); err == nil {
		t.Error("unknown tag accepted")
	}
}

func TestHarmonize(t *testing.T) {
	cur := []tagger.Sentence{}
	for i := 0; i < 5; i++ {
		cur = append(cur,
			tagger.Sentence{Words: strings.Fields("ia telah pergi untuk makan"), Tags: strings.Fields("PRON AUX VERB SCONJ VERB")},
			tagger.Sentence{Words: strings.Fields("buku untuk anak"), Tags: strings.Fields("NOUN ADP NOUN")})
	}
	old := []tagger.Sentence{
		{Words: strings.Fields("Ia telah pergi untuk makan"), Tags: strings.Fields("PRON ADV VERB ADP VERB")},
		{Words: strings.Fields("hadiah untuk anak"), Tags: strings.Fields("NOUN ADP NOUN")},
		{Words: strings.Fields("pergi makan"), Tags: strings.Fields("NOUN ADJ")}, // open->open: kept
	}
	n := tagger.Harmonize(old, cur, 3, 0.9)
	if got := strings.Join(old[0].Tags, " "); got != "PRON AUX VERB SCONJ VERB" {
		t.Errorf("harmonised = %s", got)
	}
	if got := strings.Join(old[1].Tags, " "); got != "NOUN ADP NOUN" {
		t.Errorf("untuk before a noun = %s", got)
	}
	if got := strings.Join(old[2].Tags, " "); got != "NOUN ADJ" {
		t.Errorf("open-class tags changed: %s", got)
	}
	if n != 2 {
		t.Errorf("changed %d tags, want 2", n)
	}
}

// readUD reads words and UPOS tags of a CoNLL-U file (syntactic words,
// multiword token lines skipped).
func readUD(t testing.TB, path string) []tagger.Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("UD data not available (%v): ../shared is absent; CI runs this", err)
	}
	defer f.Close()
	var out []tagger.Sentence
	var cur tagger.Sentence
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			if len(cur.Words) > 0 {
				out = append(out, cur)
			}
			cur = tagger.Sentence{}
			continue
		}
		c := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(c) < 4 || strings.ContainsAny(c[0], "-.") {
			continue
		}
		cur.Words, cur.Tags = append(cur.Words, c[1]), append(cur.Tags, c[3])
	}
	if len(cur.Words) > 0 {
		out = append(out, cur)
	}
	return out
}

func udPath(file string) string {
	return filepath.Join("..", "..", "shared", "data", "ud", file)
}

// TestUDAccuracy holds the UPOS accuracy of the embedded model on the UD
// Indonesian test sets (gold tokenization) to the figures in the model card
// (tagger/model/README.md) minus a small margin; CSUI is held to the 95.0
// the tagger must reach.
func TestUDAccuracy(t *testing.T) {
	tg := mustDefault(t)
	bars := []struct {
		file string
		min  float64
	}{
		{"UD_Indonesian-GSD/id_gsd-ud-test.conllu", 0.930},   // 0.9326
		{"UD_Indonesian-CSUI/id_csui-ud-test.conllu", 0.950}, // 0.9502; the bar (UDPipe 2: 0.9645)
		{"UD_Indonesian-PUD/id_pud-ud-test.conllu", 0.926},   // 0.9286
	}
	for _, b := range bars {
		sents := readUD(t, udPath(b.file))
		if acc := tg.Accuracy(sents); acc < b.min {
			t.Errorf("%s: UPOS accuracy %.4f, want >= %.3f", b.file, acc, b.min)
		} else {
			t.Logf("%s: UPOS accuracy %.4f", b.file, acc)
		}
	}
}

// BenchmarkTag measures tagging throughput in tokens per second on the GSD
// test set (needs ../shared).
func BenchmarkTag(b *testing.B) {
	tg := mustDefault(b)
	sents := readUD(b, udPath("UD_Indonesian-GSD/id_gsd-ud-test.conllu"))
	tokens := 0
	for _, s := range sents {
		tokens += len(s.Words)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			tg.Tag(s.Words)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTagInvented needs no shared data.
func BenchmarkTagInvented(b *testing.B) {
	tg := mustDefault(b)
	words := strings.Fields("Menteri Luar Negeri Retno Marsudi mengatakan pemerintah akan mengirimkan bantuan kemanusiaan ke Gaza pekan depan .")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tg.Tag(words)
	}
	b.ReportMetric(float64(len(words)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func FuzzTag(f *testing.F) {
	tg := mustDefault(f)
	for _, s := range []string{"Presiden meresmikan jembatan .", "negara-negara", "", "  ", "\xff\xfe", "Rp2.500,00", "A-", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Split(s, " ")
		got := tg.Tag(words)
		if len(got) != len(words) {
			t.Fatalf("%d tags for %d words", len(got), len(words))
		}
		for _, g := range got {
			if g == "" {
				t.Fatal("empty tag")
			}
		}
		d := &doc.Document{Text: s}
		segment.Segment(d)
		if n := len(tg.TagTokens(d)); n != len(d.Tokens) {
			t.Fatalf("TagTokens: %d tags for %d tokens", n, len(d.Tokens))
		}
	})
}

// BenchmarkLoad measures reading the model (the embedded one, re-encoded):
// what the first Default call costs besides the morph analyser.
func BenchmarkLoad(b *testing.B) {
	m, err := mustDefault(b).MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := tagger.Load(m); err != nil { // morph.Default loads once
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tagger.Load(m); err != nil {
			b.Fatal(err)
		}
	}
}
