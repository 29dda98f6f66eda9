package tagger

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Clusters maps lower-cased words to word-cluster paths: bit strings such as
// "0110100" where words sharing a longer prefix occur in more similar
// contexts (Brown et al. 1992 style). The tagger uses path prefixes as
// features, so words never seen in the treebanks still share weights with
// the treebank words of their cluster. TrainClusters learns them from
// unlabelled text; the model file carries the table it was trained with.
type Clusters map[string]string

// ClusterKey is the form a word is looked up under: lower-cased, with every
// digit replaced by 0 ("2.500" and "1.250" share a cluster).
func ClusterKey(w string) string {
	hasUpper, hasDigit := false, false
	for _, r := range w {
		if unicode.IsUpper(r) {
			hasUpper = true
		} else if r >= '0' && r <= '9' {
			hasDigit = true
		}
	}
	if !hasUpper && !hasDigit {
		return w
	}
	w = strings.ToLower(w)
	if !hasDigit {
		return w
	}
	b := []byte(w)
	for i, c := range b {
		if c >= '1' && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

// ReadClusters reads a cluster file: one "path<TAB>word<TAB>count" line per
// word (the count is optional), paths made of 0 and 1. name is used in
// error messages.
func ReadClusters(r io.Reader, name string) (Clusters, error) {
	c := Clusters{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < 2 || f[1] == "" || strings.Trim(f[0], "01") != "" || len(f[0]) > 64 {
			return nil, fmt.Errorf("%s:%d: want path<TAB>word[<TAB>count], path of 0/1", name, line)
		}
		if len(f) > 2 {
			if _, err := strconv.Atoi(f[2]); err != nil {
				return nil, fmt.Errorf("%s:%d: bad count %q", name, line, f[2])
			}
		}
		c[f[1]] = f[0]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	return c, nil
}

// ClusterEntry is one word of a cluster table with its corpus count.
type ClusterEntry struct {
	Path  string
	Word  string
	Count int
}

// WriteClusters writes entries in the ReadClusters format, sorted by path,
// then by count (descending), then by word.
func WriteClusters(w io.Writer, entries []ClusterEntry) error {
	es := slices.Clone(entries)
	slices.SortFunc(es, func(a, b ClusterEntry) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Word, b.Word)
	})
	bw := bufio.NewWriter(w)
	for _, e := range es {
		fmt.Fprintf(bw, "%s\t%s\t%d\n", e.Path, e.Word, e.Count)
	}
	return bw.Flush()
}

// sortedWords are the words of c, sorted (for writing c deterministically).
func (c Clusters) sortedWords() []string {
	ws := make([]string, 0, len(c))
	for w := range c {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	return ws
}
