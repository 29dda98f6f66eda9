package parser

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Sentence is one dependency-annotated sentence: per syntactic word its
// form, UPOS tag, lemma, head (1-based word index, 0 for the root) and
// relation (the full UD deprel, subtype included: "nsubj:pass").
type Sentence struct {
	// Treebank names the annotation style of a training sentence (such as
	// "csui" or "gsd-legacy"), "" for none; see TrainOptions.Target.
	Treebank string
	Words    []string
	UPOS     []string
	Lemmas   []string
	Heads    []int
	Rels     []string
}

// ReadCoNLLU reads the syntactic words of a CoNLL-U stream (multiword token
// lines and empty nodes are skipped). name is used in error messages, which
// give the line: a row without 10 columns, a bad id or head, a head out of
// the sentence, or ids out of order are errors.
func ReadCoNLLU(r io.Reader, name string) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	start := 0 // line of the current sentence's first word
	flush := func() error {
		if len(cur.Words) == 0 {
			return nil
		}
		for i, h := range cur.Heads {
			if h > len(cur.Words) {
				return fmt.Errorf("%s:%d: word %d: head %d outside the sentence of %d words", name, start, i+1, h, len(cur.Words))
			}
		}
		out = append(out, cur)
		cur = Sentence{}
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(line, "#"):
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 tab-separated columns, got %d", name, n, len(c))
		}
		if strings.ContainsAny(c[0], "-.") {
			continue // multiword token range or empty node
		}
		id, err := strconv.Atoi(c[0])
		if err != nil || id != len(cur.Words)+1 {
			return nil, fmt.Errorf("%s:%d: bad word id %q (want %d)", name, n, c[0], len(cur.Words)+1)
		}
		head := 0
		if c[6] != "_" {
			if head, err = strconv.Atoi(c[6]); err != nil || head < 0 {
				return nil, fmt.Errorf("%s:%d: bad head %q", name, n, c[6])
			}
		}
		if head == id {
			return nil, fmt.Errorf("%s:%d: word %d is its own head", name, n, id)
		}
		if id == 1 {
			start = n
		}
		cur.Words = append(cur.Words, c[1])
		cur.Lemmas = append(cur.Lemmas, c[2])
		cur.UPOS = append(cur.UPOS, c[3])
		cur.Heads = append(cur.Heads, head)
		cur.Rels = append(cur.Rels, c[7])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadFile reads a CoNLL-U file with ReadCoNLLU.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoNLLU(f, path)
}

// isTree reports whether heads (1-based, 0 = root) form one tree rooted at
// 0 with exactly one word attached to the root.
func isTree(heads []int) bool {
	roots := 0
	for i, h := range heads {
		if h < 0 || h > len(heads) || h == i+1 {
			return false
		}
		if h == 0 {
			roots++
		}
	}
	if roots != 1 {
		return false
	}
	// Every word reaches the root in at most n steps.
	for i := range heads {
		j, steps := i+1, 0
		for j != 0 {
			j = heads[j-1]
			if steps++; steps > len(heads) {
				return false
			}
		}
	}
	return true
}

// projectivize lifts non-projective arcs until the tree is projective: the
// dependent of the shortest crossing arc is re-attached to its head's head
// (relations are kept). It changes heads in place and returns the number of
// lifts. heads must be a tree (isTree).
func projectivize(heads []int) int {
	lifts := 0
	for {
		best, bestLen := -1, 0
		for d := 1; d <= len(heads); d++ {
			h := heads[d-1]
			if h == 0 {
				continue
			}
			if !projectiveArc(heads, h, d) {
				if l := abs(h - d); best < 0 || l < bestLen {
					best, bestLen = d, l
				}
			}
		}
		if best < 0 {
			return lifts
		}
		heads[best-1] = heads[heads[best-1]-1]
		lifts++
	}
}

// projectiveArc reports whether every word strictly between h and d is
// dominated by h.
func projectiveArc(heads []int, h, d int) bool {
	lo, hi := min(h, d), max(h, d)
	for k := lo + 1; k < hi; k++ {
		j := k
		for j != 0 && j != h {
			j = heads[j-1]
		}
		if j != h {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
