package parser

import "github.com/warta-id/warta/doc"

// ParseDocument is the pipeline's parsing stage: it parses the sentences
// of a tagged d whose indices are listed in sentences, reading the words
// from Token.Text and the tags from Token.UPOS. For each parsed sentence it
// sets Token.Head (the index in d.Tokens of the head, -1 for the root) and
// Token.Deprel of every token and marks the sentence Parsed. Indices out of
// range, sentences whose token span does not fit d.Tokens and sentences
// with an untagged token (UPOS "") are skipped and stay unparsed. It
// returns the number of sentences parsed. Like Parse it is safe for
// concurrent use on different documents.
func (p *Parser) ParseDocument(d *doc.Document, sentences []int) int {
	return ParseSentences(d, sentences, p.Parse)
}

// ParseFunc parses one sentence: words and their UPOS tags in, the head
// (1-based, 0 for the root) and relation of each word out (Parser.Parse).
type ParseFunc func(words, upos []string) (heads []int, rels []string, err error)

// ParseSentences is ParseDocument with any parser: it parses the listed
// sentences of d with parse and sets the tokens' heads and relations.
func ParseSentences(d *doc.Document, sentences []int, parse ParseFunc) int {
	var words, upos []string
	parsed := 0
	for _, si := range sentences {
		s, toks, ok := d.SentenceSpan(si)
		if !ok {
			continue
		}
		words, upos = words[:0], upos[:0]
		tagged := true
		for _, tok := range toks {
			if tok.UPOS == "" {
				tagged = false
				break
			}
			words = append(words, tok.Text)
			upos = append(upos, tok.UPOS)
		}
		if !tagged {
			continue
		}
		heads, rels, err := parse(words, upos)
		if err != nil || len(heads) != len(toks) || len(rels) != len(toks) {
			continue // cannot happen with Parse: words and upos have the same length
		}
		for i := range toks {
			toks[i].Head = -1
			if h := heads[i]; h > 0 {
				toks[i].Head = s.FirstToken + h - 1
			}
			toks[i].Deprel = rels[i]
		}
		s.Parsed = true
		parsed++
	}
	return parsed
}
