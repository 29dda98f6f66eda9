package tagger_test

import (
	"fmt"
	"testing"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/segment"
)

// TestTagDocument checks that the tagging stage tags the listed sentences
// as Tag tags their words, and leaves the others untagged.
func TestTagDocument(t *testing.T) {
	tg := mustDefault(t)
	const text = "Harga cabai naik tajam. Militer Israel menyerang Gaza pada Kamis. Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Bogor."
	tests := []struct {
		name      string
		sentences []int
		tagged    []bool // per sentence
	}{
		{"all", []int{0, 1, 2}, []bool{true, true, true}},
		{"the middle one", []int{1}, []bool{false, true, false}},
		{"none", nil, []bool{false, false, false}},
		{"out of range indices are skipped", []int{-1, 2, 3, 99}, []bool{false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &doc.Document{Text: text}
			segment.Segment(d)
			if len(d.Sentences) != 3 {
				t.Fatalf("segmented into %d sentences, want 3", len(d.Sentences))
			}
			tg.TagDocument(d, tt.sentences)
			for si := range d.Sentences {
				toks := d.SentenceTokens(si)
				var words, got []string
				for _, tok := range toks {
					words = append(words, tok.Text)
					got = append(got, tok.UPOS)
				}
				want := make([]string, len(words))
				if tt.tagged[si] {
					want = tg.Tag(words)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("sentence %d: tags %v, want %v", si, got, want)
				}
			}
		})
	}
}

// TestTagDocumentBadSpans checks that sentences whose token span does not
// fit the tokens are skipped, not a panic.
func TestTagDocumentBadSpans(t *testing.T) {
	tg := mustDefault(t)
	d := &doc.Document{
		Tokens:    []doc.Token{{Text: "Indonesia"}, {Text: "menang"}},
		Sentences: []doc.Sentence{{FirstToken: 1, LastToken: 5}, {FirstToken: 2, LastToken: 1}, {FirstToken: 0, LastToken: 2}},
	}
	tg.TagDocument(d, []int{0, 1, 2})
	if d.Tokens[0].UPOS == "" || d.Tokens[1].UPOS == "" {
		t.Errorf("the good sentence is untagged: %+v", d.Tokens)
	}
}
