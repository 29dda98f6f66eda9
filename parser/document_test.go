package parser

import (
	"fmt"
	"sync"
	"testing"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/segment"
)

// taggedDoc segments text and gives each token its UPOS tag from tags (one
// list per sentence, nil to leave a sentence untagged), so the test does
// not depend on the tagger's model.
func taggedDoc(t *testing.T, text string, tags ...[]string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text}
	segment.Segment(d)
	if len(d.Sentences) != len(tags) {
		t.Fatalf("%q: %d sentences, want %d", text, len(d.Sentences), len(tags))
	}
	for si, s := range d.Sentences {
		if tags[si] == nil {
			continue
		}
		if len(tags[si]) != s.LastToken-s.FirstToken {
			t.Fatalf("sentence %d: %d tags for %d tokens", si, len(tags[si]), s.LastToken-s.FirstToken)
		}
		for i, tag := range tags[si] {
			d.Tokens[s.FirstToken+i].UPOS = tag
		}
	}
	return d
}

// TestParseDocument checks that the parsing stage gives the listed tagged
// sentences the arcs Parse gives their words, with heads as indices into
// d.Tokens, and leaves untagged or unlisted sentences unparsed.
func TestParseDocument(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const text = "Budi membeli buku. Militer Israel menyerang Gaza. Cuaca cerah."
	tags := [][]string{
		{"PROPN", "VERB", "NOUN", "PUNCT"},
		{"NOUN", "PROPN", "VERB", "PROPN", "PUNCT"},
		nil, // untagged
	}
	tests := []struct {
		name      string
		sentences []int
		parsed    []bool
	}{
		{"all", []int{0, 1, 2}, []bool{true, true, false}},
		{"the second", []int{1}, []bool{false, true, false}},
		{"none", nil, []bool{false, false, false}},
		{"out of range indices are skipped", []int{-3, 0, 7}, []bool{true, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := taggedDoc(t, text, tags...)
			n := p.ParseDocument(d, tt.sentences)
			want := 0
			for si, s := range d.Sentences {
				if s.Parsed != tt.parsed[si] {
					t.Errorf("sentence %d: parsed %v, want %v", si, s.Parsed, tt.parsed[si])
				}
				if !tt.parsed[si] {
					continue
				}
				want++
				toks := d.Tokens[s.FirstToken:s.LastToken]
				var words, upos []string
				for _, tok := range toks {
					words, upos = append(words, tok.Text), append(upos, tok.UPOS)
				}
				heads, rels, err := p.Parse(words, upos)
				if err != nil {
					t.Fatal(err)
				}
				for i, tok := range toks {
					wantHead := -1
					if heads[i] > 0 {
						wantHead = s.FirstToken + heads[i] - 1
					}
					if tok.Head != wantHead || tok.Deprel != rels[i] {
						t.Errorf("sentence %d, %q: arc %d %s, want %d %s", si, tok.Text, tok.Head, tok.Deprel, wantHead, rels[i])
					}
				}
			}
			if n != want {
				t.Errorf("ParseDocument returned %d, want %d", n, want)
			}
		})
	}
}

// TestParseDocumentConcurrent parses documents on several goroutines with
// one parser: each gets the arcs it gets alone.
func TestParseDocumentConcurrent(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const text = "Militer Israel menyerang Gaza. Budi membeli buku."
	tags := [][]string{{"NOUN", "PROPN", "VERB", "PROPN", "PUNCT"}, {"PROPN", "VERB", "NOUN", "PUNCT"}}
	arcs := func(d *doc.Document) string {
		var out []string
		for _, tok := range d.Tokens {
			out = append(out, fmt.Sprintf("%d:%s", tok.Head, tok.Deprel))
		}
		return fmt.Sprint(out)
	}
	alone := taggedDoc(t, text, tags...)
	p.ParseDocument(alone, []int{0, 1})
	want := arcs(alone)
	docs := make([]*doc.Document, 8)
	for i := range docs {
		docs[i] = taggedDoc(t, text, tags...)
	}
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		go func(d *doc.Document) {
			defer wg.Done()
			for r := 0; r < 20; r++ {
				p.ParseDocument(d, []int{0, 1})
			}
		}(d)
	}
	wg.Wait()
	for i, d := range docs {
		if got := arcs(d); got != want {
			t.Errorf("document %d: %s, want %s", i, got, want)
		}
	}
}
