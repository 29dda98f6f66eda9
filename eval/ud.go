package eval

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/warta-id/warta/doc"
)

// UDSentence is one sentence of a CoNLL-U file.
type UDSentence struct {
	Text   string   // the "# text =" comment
	Tokens []string // surface tokens (a multiword token counts once)
	Words  []UDWord // syntactic words
}

// UDWord is one syntactic word with its gold lemma, tag and dependency.
type UDWord struct {
	Form, Lemma, UPOS string
	InMWT             bool   // part of a multiword token ("berdiri" + "nya")
	Head              int    // 1-based index of the head word, 0 for the root (-1 when the file has "_")
	Deprel            string // relation to the head, subtype included
}

// ReadCoNLLU reads a CoNLL-U file.
func ReadCoNLLU(path string) ([]UDSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []UDSentence
	var cur UDSentence
	mwtEnd := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case line == "":
			if len(cur.Words) > 0 {
				out = append(out, cur)
			}
			cur, mwtEnd = UDSentence{}, 0
		case strings.HasPrefix(line, "# text ="):
			cur.Text = strings.TrimSpace(strings.TrimPrefix(line, "# text ="))
		case strings.HasPrefix(line, "#"):
		default:
			c := strings.Split(line, "\t")
			if len(c) < 10 {
				return nil, fmt.Errorf("%s:%d: want 10 columns, got %d", path, n, len(c))
			}
			id := c[0]
			if strings.Contains(id, ".") {
				continue // empty node
			}
			if i := strings.IndexByte(id, '-'); i > 0 {
				var a, b int
				if _, err := fmt.Sscanf(id, "%d-%d", &a, &b); err != nil {
					return nil, fmt.Errorf("%s:%d: bad range %q", path, n, id)
				}
				cur.Tokens = append(cur.Tokens, c[1])
				mwtEnd = b
				continue
			}
			var k int
			if _, err := fmt.Sscanf(id, "%d", &k); err != nil {
				return nil, fmt.Errorf("%s:%d: bad id %q", path, n, id)
			}
			w := UDWord{Form: c[1], Lemma: c[2], UPOS: c[3], InMWT: k <= mwtEnd, Head: -1, Deprel: c[7]}
			if c[6] != "_" {
				if _, err := fmt.Sscanf(c[6], "%d", &w.Head); err != nil || w.Head < 0 {
					return nil, fmt.Errorf("%s:%d: bad head %q", path, n, c[6])
				}
			}
			if !w.InMWT {
				cur.Tokens = append(cur.Tokens, c[1])
			}
			cur.Words = append(cur.Words, w)
		}
	}
	if len(cur.Words) > 0 {
		out = append(out, cur)
	}
	return out, sc.Err()
}

// UDReport is the result of evaluating segmentation and lemmas.
type UDReport struct {
	Sentences Score   `json:"sentences"`
	Tokens    Score   `json:"tokens"`
	Lemma     float64 `json:"lemma"` // accuracy on gold words (gold tokenization)
	Words     int     `json:"words"`
}

// Segmenter fills d.Sentences and d.Tokens from d.Text.
type Segmenter func(d *doc.Document)

// Lemmatizer returns the lemma of a word form.
type Lemmatizer func(form string) string

// UD scores a segmenter and a lemmatizer on CoNLL-U sentences with the
// CoNLL 2018 shared-task semantics for tokens and sentences (spans must
// match exactly on the raw text, here the sentences' texts joined by a
// space) and lemma accuracy under gold tokenization (case-insensitive).
func UD(sents []UDSentence, seg Segmenter, lemma Lemmatizer) (UDReport, error) {
	var b strings.Builder
	type span struct{ s, e int }
	gTok := map[span]bool{}
	gSent := map[span]bool{}
	for si, s := range sents {
		if si > 0 {
			b.WriteByte(' ')
		}
		base := b.Len()
		b.WriteString(s.Text)
		pos := 0
		first, last := -1, -1
		for _, t := range s.Tokens {
			i := strings.Index(s.Text[pos:], t)
			if i < 0 {
				return UDReport{}, fmt.Errorf("sentence %d: token %q not found in its text", si+1, t)
			}
			st := base + pos + i
			gTok[span{st, st + len(t)}] = true
			if first < 0 {
				first = st
			}
			last = st + len(t)
			pos += i + len(t)
		}
		gSent[span{first, last}] = true
	}
	d := &doc.Document{Text: b.String()}
	seg(d)
	var rep UDReport
	pTok := map[span]bool{}
	for _, t := range d.Tokens {
		pTok[span{t.Start, t.End}] = true
	}
	pSent := map[span]bool{}
	for _, s := range d.Sentences {
		if s.LastToken > s.FirstToken {
			pSent[span{d.Tokens[s.FirstToken].Start, d.Tokens[s.LastToken-1].End}] = true
		}
	}
	score := func(g, p map[span]bool) Score {
		sc := Score{Gold: len(g), Predicted: len(p)}
		for k := range p {
			if g[k] {
				sc.Correct++
			}
		}
		sc.finish()
		return sc
	}
	rep.Tokens = score(gTok, pTok)
	rep.Sentences = score(gSent, pSent)
	correct := 0
	for _, s := range sents {
		for _, w := range s.Words {
			rep.Words++
			if strings.EqualFold(lemma(w.Form), w.Lemma) {
				correct++
			}
		}
	}
	if rep.Words > 0 {
		rep.Lemma = round(float64(correct) / float64(rep.Words))
	}
	return rep, nil
}
