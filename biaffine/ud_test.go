package biaffine

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/warta-id/warta/parser"
	"github.com/warta-id/warta/tagger"
)

// LAS bars (percent) of TestUDScores: the bars where the shipped
// models meet them, a little under their scores (model/README.md) otherwise.
const (
	barLegacyGSD = 78.0 // biaffine-legacy.model
	barCSUI      = 77.0 // biaffine.model
)

func sharedUD(tb testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "data", "ud")
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		tb.Skipf("shared data not found at %s; skipping", dir)
	}
	return dir
}

// tagged reads a CoNLL-U file and replaces its tags with the tagger's.
func tagged(tb testing.TB, path string) []parser.Sentence {
	sents, err := parser.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	tg, err := tagger.Default()
	if err != nil {
		tb.Fatal(err)
	}
	for i := range sents {
		sents[i].UPOS = tg.Tag(sents[i].Words)
	}
	return sents
}

// transitionParser loads a model of package parser from parser/model.
func transitionParser(t *testing.T, name string) parser.ParseFunc {
	b, err := os.ReadFile(filepath.Join("..", "parser", "model", name))
	if err != nil {
		t.Fatal(err)
	}
	p, err := parser.Load(b)
	if err != nil {
		t.Fatal(err)
	}
	return p.Parse
}

// TestUDScores parses the UD test sets of the bars with the
// tagger's tags (gold tokenization) and fails when LAS drops below them.
// The legacy benchmark is parsed with the legacy transition parsers
// (greedy and beam-8) as helpers, as in model/README.md.
// Skipped when the shared data is absent.
func TestUDScores(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	ud := sharedUD(t)
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	def = def.WithHelpers(1, transitionParser(t, "parse.model"))
	b, err := os.ReadFile(filepath.Join("model", "biaffine-legacy.model"))
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	legacy = legacy.WithHelpers(1, transitionParser(t, "parse-legacy.model"), transitionParser(t, "parse-legacy-beam8.model"))
	for _, c := range []struct {
		file   string
		m      *Model
		minLAS float64
	}{
		{"UD_Indonesian-GSD/legacy-r2.5-devtest/id_gsd-ud-test.conllu", legacy, barLegacyGSD},
		{"UD_Indonesian-CSUI/id_csui-ud-test.conllu", def, barCSUI},
	} {
		sc, err := c.m.Score(tagged(t, filepath.Join(ud, c.file)))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: UAS %.2f LAS %.2f (%d words)", c.file, 100*sc.UAS(), 100*sc.LAS(), sc.Words)
		if 100*sc.LAS() < c.minLAS {
			t.Errorf("%s: LAS %.2f below the bar %.1f", c.file, 100*sc.LAS(), c.minLAS)
		}
	}
}
