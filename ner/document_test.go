package ner

import (
	"testing"

	"github.com/warta-id/warta/doc"
)

// TestLabelDocument checks that LabelDocument labels exactly the listed
// sentences, whole, as Label labels their words, and skips indices out of
// range.
func TestLabelDocument(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := [][]string{
		{"Harga", "beras", "naik", "."},
		{"Joko", "Widodo", "tiba", "di", "Jakarta", "."},
		{"Presiden", "Emmanuel", "Macron", "bertemu", "PBB", "."},
	}
	d := &doc.Document{}
	for _, words := range sents {
		s := doc.Sentence{FirstToken: len(d.Tokens)}
		for _, w := range words {
			d.Tokens = append(d.Tokens, doc.Token{Text: w, Kind: doc.Word})
		}
		s.LastToken = len(d.Tokens)
		d.Sentences = append(d.Sentences, s)
	}
	if n := r.LabelDocument(d, []int{1, 2, 7, -1}); n != 2 {
		t.Errorf("labelled %d sentences, want 2", n)
	}
	for si, s := range d.Sentences {
		want := si > 0
		if s.Named != want {
			t.Errorf("sentence %d: named %v, want %v", si, s.Named, want)
		}
		toks := d.Tokens[s.FirstToken:s.LastToken]
		var tags []string
		if want {
			tags = r.Label(sents[si])
		}
		for i, tok := range toks {
			w := ""
			if want {
				w = tags[i]
			}
			if tok.NER != w {
				t.Errorf("sentence %d token %q: NER %q, want %q", si, tok.Text, tok.NER, w)
			}
		}
	}
	if d.Tokens[4].NER != "B-PER" {
		t.Errorf("%q tagged %q, want B-PER", d.Tokens[4].Text, d.Tokens[4].NER)
	}
}
