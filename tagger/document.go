package tagger

import "github.com/warta-id/warta/doc"

// TagDocument is the pipeline's tagging stage: it tags the sentences of a
// segmented d whose indices are listed in sentences, setting Token.UPOS of
// their tokens. Each sentence is tagged on its own, as Tag tags one
// sentence's words. Indices out of range and sentences whose token span does
// not fit d.Tokens are skipped; tokens of the sentences not listed keep
// their UPOS. Like Tag it is safe for concurrent use on different
// documents.
func (t *Tagger) TagDocument(d *doc.Document, sentences []int) {
	var words []string
	for _, si := range sentences {
		_, toks, ok := d.SentenceSpan(si)
		if !ok {
			continue
		}
		words = words[:0]
		for _, tok := range toks {
			words = append(words, tok.Text)
		}
		for i, tag := range t.Tag(words) {
			toks[i].UPOS = tag
		}
	}
}
