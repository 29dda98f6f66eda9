package kbgen

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/warta-id/warta/kb"
)

// row is one data line of a kb TSV file, with where it came from.
type row struct {
	where string // file:line
	cols  []string
}

// readTSV reads a kb-format file: '#' comment lines and blank lines are
// skipped, every other line must have exactly n tab-separated columns.
// Cells are trimmed of surrounding spaces.
func readTSV(path string, n int) ([]row, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []row
	var errs []string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSuffix(line, "\r")
		where := fmt.Sprintf("%s:%d", path, i+1)
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			errs = append(errs, where+": invalid UTF-8")
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != n {
			errs = append(errs, fmt.Sprintf("%s: want %d tab-separated columns, got %d", where, n, len(cols)))
			continue
		}
		for j := range cols {
			cols[j] = strings.TrimSpace(cols[j])
		}
		out = append(out, row{where, cols})
	}
	if len(errs) > 0 {
		return out, errList(errs)
	}
	return out, nil
}

// errList is several "file:line: problem" errors, one a line.
type errList []string

func (e errList) Error() string {
	if len(e) > 50 {
		return strings.Join(e[:50], "\n") + fmt.Sprintf("\n… and %d more problems", len(e)-50)
	}
	return strings.Join(e, "\n")
}

// writeTSV writes header comment lines (each prefixed with "# ") and rows to
// path. Cells must not hold tabs or newlines.
func writeTSV(path string, header []string, rows [][]string) error {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	for _, h := range header {
		if h == "" {
			w.WriteString("#\n")
		} else {
			w.WriteString("# " + h + "\n")
		}
	}
	for _, r := range rows {
		for i, c := range r {
			if strings.ContainsAny(c, "\t\n\r") {
				return fmt.Errorf("%s: cell %q holds a tab or newline", path, c)
			}
			if i > 0 {
				w.WriteByte('\t')
			}
			w.WriteString(c)
		}
		w.WriteByte('\n')
	}
	w.Flush()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// splitList splits a |-separated cell, trimming and dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// norm is the loader's alias key (lowercase, accents folded, punctuation
// split off), so clash checks here agree with what kb.Load sees.
func norm(s string) string { return kb.Norm(s) }

// aliasSet is an ordered set of aliases, deduplicated by normalised key and
// never holding the entry's own name.
type aliasSet struct {
	name string
	keys map[string]bool
	list []string
}

func newAliasSet(name string) *aliasSet {
	return &aliasSet{name: name, keys: map[string]bool{norm(name): true}}
}

func (a *aliasSet) add(s string) {
	s = cleanCell(s)
	k := norm(s)
	if k == "" || a.keys[k] {
		return
	}
	a.keys[k] = true
	a.list = append(a.list, s)
}

// remove drops an alias by normalised key.
func (a *aliasSet) remove(s string) {
	k := norm(s)
	delete(a.keys, k)
	out := a.list[:0]
	for _, x := range a.list {
		if norm(x) != k {
			out = append(out, x)
		}
	}
	a.list = out
}

// rename makes s the entry's name; the old name becomes an alias.
func (a *aliasSet) rename(s string) {
	old := a.name
	a.remove(s)
	delete(a.keys, norm(old))
	a.name = s
	a.keys[norm(s)] = true
	a.add(old)
}

// sorted returns the aliases sorted case-insensitively, stably.
func (a *aliasSet) sorted() []string {
	out := append([]string(nil), a.list...)
	sort.SliceStable(out, func(i, j int) bool {
		ki, kj := norm(out[i]), norm(out[j])
		if ki != kj {
			return ki < kj
		}
		return out[i] < out[j]
	})
	return out
}

func (a *aliasSet) join() string { return strings.Join(a.sorted(), "|") }

// cleanCell removes characters that would break the TSV format or the list
// separator, and collapses spaces.
func cleanCell(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '|':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// applyAliasEdits adds the aliases of a curated cell to set; an item written
// "-Alias" removes that alias instead.
func applyAliasEdits(set *aliasSet, cell string) {
	for _, a := range splitList(cell) {
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			set.remove(a[1:])
		} else {
			set.add(a)
		}
	}
}
