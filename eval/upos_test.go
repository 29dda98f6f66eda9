package eval_test

import (
	"testing"

	"github.com/warta-id/warta/eval"
)

func TestUPOS(t *testing.T) {
	sents := []eval.UDSentence{
		{Words: []eval.UDWord{{Form: "Dia", UPOS: "PRON"}, {Form: "datang", UPOS: "VERB"}, {Form: ".", UPOS: "PUNCT"}}},
		{Words: []eval.UDWord{{Form: "Bandung", UPOS: "PROPN"}}},
	}
	rep := eval.UPOS(sents, func(words []string) []string {
		out := make([]string, len(words))
		for i, w := range words {
			switch w {
			case "Dia":
				out[i] = "PRON"
			case ".":
				out[i] = "PUNCT"
			default:
				out[i] = "NOUN"
			}
		}
		return out
	})
	if rep.Words != 4 || rep.Correct != 2 || rep.Accuracy != 0.5 {
		t.Errorf("got %+v", rep)
	}
	if rep.Confusions["VERB>NOUN"] != 1 || rep.Confusions["PROPN>NOUN"] != 1 {
		t.Errorf("confusions %v", rep.Confusions)
	}
	// A tagger returning too few tags scores the rest as wrong.
	if r := eval.UPOS(sents, func([]string) []string { return nil }); r.Correct != 0 || r.Words != 4 {
		t.Errorf("short tagger: %+v", r)
	}
}
