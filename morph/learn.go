package morph

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// LemmaExample is one syntactic word of a lemma-annotated treebank.
type LemmaExample struct {
	Form, Lemma, UPOS string
}

// ReadLemmaExamples reads the syntactic words (FORM, LEMMA, UPOS) of a
// CoNLL-U file; multiword-token ranges and empty nodes are skipped. name is
// used in error messages.
func ReadLemmaExamples(r io.Reader, name string) ([]LemmaExample, error) {
	var out []LemmaExample
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 columns, got %d", name, n, len(c))
		}
		if strings.ContainsAny(c[0], "-.") {
			continue
		}
		out = append(out, LemmaExample{Form: c[1], Lemma: c[2], UPOS: c[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// LearnLemmas learns a lemma table (lowercased form → lemma) from
// treebanks given in priority order: a form takes the lemma it has most
// often in the first source where it occurs (ties go to the alphabetically
// first lemma), so a later treebank with other conventions only fills in
// forms the earlier ones lack. Words without a lemma ("_") and forms or
// lemmas with white space are skipped. The result depends only on the data.
func LearnLemmas(sources ...[]LemmaExample) map[string]string {
	table := make(map[string]string)
	for _, src := range sources {
		counts := make(map[string]map[string]int)
		for _, ex := range src {
			f, l := lower(ex.Form), lower(ex.Lemma)
			if f == "" || l == "" || l == "_" || strings.ContainsAny(f+l, " \t") {
				continue
			}
			if _, done := table[f]; done {
				continue
			}
			m := counts[f]
			if m == nil {
				m = make(map[string]int)
				counts[f] = m
			}
			m[l]++
		}
		for f, m := range counts {
			best, bestN := "", 0
			for l, n := range m {
				if n > bestN || n == bestN && l < best {
					best, bestN = l, n
				}
			}
			table[f] = best
		}
	}
	return table
}

// WriteLemmaTable writes table as sorted "form<TAB>lemma" lines after the
// given header lines (each written as a # comment).
func WriteLemmaTable(w io.Writer, table map[string]string, header []string) error {
	bw := bufio.NewWriter(w)
	for _, h := range header {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	forms := make([]string, 0, len(table))
	for f := range table {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	for _, f := range forms {
		fmt.Fprintf(bw, "%s\t%s\n", f, table[f])
	}
	return bw.Flush()
}
