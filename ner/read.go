package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadCoNLL reads sentences in CoNLL column format: one word a line, columns
// separated by spaces or tabs, the word in the first column and its BIO tag
// in the last; a blank line ends a sentence; "-DOCSTART-" lines are skipped.
// This covers idner-news-2k (word, UPOS, tag), IndoLEM NER-UI/UGM, NERGRIT
// and NERP (word, tag). Tags are mapped with MapLabel.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []Sentence
	var cur Sentence
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r\n")
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cols := strings.Fields(l)
		if cols[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(cols) < 2 {
			return nil, fmt.Errorf("line %d: want a word and a tag, got %q", line, l)
		}
		cur.Words = append(cur.Words, cols[0])
		cur.Tags = append(cur.Tags, MapLabel(cols[len(cols)-1]))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	flush()
	return out, nil
}

// ReadFile reads a CoNLL file with ReadCoNLL.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
