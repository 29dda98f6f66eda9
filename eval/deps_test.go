package eval_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/eval"
)

func TestDeps(t *testing.T) {
	sents, err := eval.ReadCoNLLU(filepath.Join("testdata", "mini.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	if w := sents[1].Words[1]; w.Head != 1 || w.Deprel != "nmod" {
		t.Fatalf("word nya: head %d deprel %q", w.Head, w.Deprel)
	}
	tag := func(words []string) []string { return make([]string, len(words)) }
	// gold returns the gold tree of the sentence with these words, with
	// the relations changed by rel.
	gold := func(rel func(string) string) eval.DepParser {
		return func(words, _ []string) ([]int, []string, error) {
			for _, s := range sents {
				if len(s.Words) == len(words) && s.Words[0].Form == words[0] {
					heads, rels := make([]int, len(words)), make([]string, len(words))
					for i, w := range s.Words {
						heads[i], rels[i] = w.Head, rel(w.Deprel)
					}
					return heads, rels, nil
				}
			}
			return nil, nil, errors.New("unknown sentence")
		}
	}
	cases := []struct {
		name     string
		parse    eval.DepParser
		uas, las float64
		err      bool
	}{
		{"gold", gold(func(r string) string { return r }), 1, 1, false},
		// Subtypes do not count: "obl:tmod" matches "obl".
		{"subtypes", gold(func(r string) string { return r + ":x" }), 1, 1, false},
		// Every relation wrong: UAS stays, LAS is 0.
		{"labels", gold(func(string) string { return "dep" }), 1, 0, false},
		// Everything attached to the root as "root": 2 of 12 right.
		{"flat", func(words, _ []string) ([]int, []string, error) {
			return make([]int, len(words)), slicesOf(len(words), "root"), nil
		}, 0.1667, 0.1667, false},
		{"short", func(words, _ []string) ([]int, []string, error) { return nil, nil, nil }, 0, 0, true},
		{"error", func(words, _ []string) ([]int, []string, error) { return nil, nil, errors.New("x") }, 0, 0, true},
	}
	for _, c := range cases {
		rep, err := eval.Deps(sents, tag, c.parse)
		if (err != nil) != c.err {
			t.Errorf("%s: error %v", c.name, err)
			continue
		}
		if c.err {
			continue
		}
		if rep.Words != 12 || rep.UAS != c.uas || rep.LAS != c.las {
			t.Errorf("%s: %+v, want UAS %v LAS %v over 12 words", c.name, rep, c.uas, c.las)
		}
	}
}

func slicesOf(n int, s string) []string { return strings.Fields(strings.Repeat(s+" ", n)) }
