package ner

import "github.com/warta-id/warta/doc"

// LabelDocument is the pipeline's naming stage: it labels the sentences of
// a segmented d whose indices are listed in sentences, reading the words
// from Token.Text. For each labelled sentence it sets Token.NER of every
// token to its BIO tag (one of Tags) and marks the sentence Named. Each
// sentence is labelled whole and on its own, as Label labels one
// sentence's words. Indices out of range and sentences whose token span
// does not fit d.Tokens are skipped and stay unnamed; tokens of the
// sentences not listed keep their NER. It returns the number of sentences
// labelled. Like Label it is safe for concurrent use on different
// documents.
func (r *Recognizer) LabelDocument(d *doc.Document, sentences []int) int {
	var words []string
	named := 0
	for _, si := range sentences {
		s, toks, ok := d.SentenceSpan(si)
		if !ok {
			continue
		}
		words = words[:0]
		for _, tok := range toks {
			words = append(words, tok.Text)
		}
		for i, k := range r.decode(words) {
			toks[i].NER = Tags[k]
		}
		s.Named = true
		named++
	}
	return named
}
