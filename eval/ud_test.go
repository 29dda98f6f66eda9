package eval_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/warta-id/warta/eval"
	"github.com/warta-id/warta/morph"
	"github.com/warta-id/warta/segment"
)

func TestUDMini(t *testing.T) {
	sents, err := eval.ReadCoNLLU(filepath.Join("testdata", "mini.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 || len(sents[1].Tokens) != 4 || len(sents[1].Words) != 5 {
		t.Fatalf("read %d sentences; second has %d tokens, %d words", len(sents), len(sents[1].Tokens), len(sents[1].Words))
	}
	an, err := morph.Default()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eval.UD(sents, segment.Segment, an.Lemma)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Tokens.F1 != 1 || rep.Sentences.F1 != 1 {
		t.Errorf("segmentation = %+v / %+v, want perfect", rep.Tokens, rep.Sentences)
	}
	// 12 words; "Dr." (gold "dr.") and the rest match.
	if rep.Words != 12 || rep.Lemma < 0.9 {
		t.Errorf("lemma accuracy %.3f over %d words", rep.Lemma, rep.Words)
	}
}

// TestUDShared checks the segmenter and lemmatizer against UD Indonesian
// test sets when ../shared is present (bars are the v0 figures; raise them
// as the stages improve).
func TestUDShared(t *testing.T) {
	an, err := morph.Default()
	if err != nil {
		t.Fatal(err)
	}
	bars := []struct {
		file                 string
		tokens, sents, lemma float64
	}{
		{"UD_Indonesian-GSD/id_gsd-ud-test.conllu", 0.99, 0.85, 0.96},
		{"UD_Indonesian-CSUI/id_csui-ud-test.conllu", 0.99, 0.90, 0.92},
		{"UD_Indonesian-PUD/id_pud-ud-test.conllu", 0.99, 0.96, 0.91},
	}
	for _, b := range bars {
		path := filepath.Join("..", "..", "shared", "data", "ud", b.file)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("UD data not available (%v): ../shared is absent; CI runs this", err)
		}
		sents, err := eval.ReadCoNLLU(path)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eval.UD(sents, segment.Segment, an.Lemma)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: tokens F1 %.4f, sentences F1 %.4f, lemma %.4f", b.file, rep.Tokens.F1, rep.Sentences.F1, rep.Lemma)
		if rep.Tokens.F1 < b.tokens || rep.Sentences.F1 < b.sents || rep.Lemma < b.lemma {
			t.Errorf("%s below its bars (tokens %.2f, sentences %.2f, lemma %.2f)", b.file, b.tokens, b.sents, b.lemma)
		}
	}
}
