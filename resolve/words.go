package resolve

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/warta-id/warta/data"
)

// WordsFile is the path, inside data.FS, of the resolver's word lists
// (data/resolve/words.txt): count words, pronouns, speech verbs, words that
// are never names, heads of organisation and facility names, and the like.
const WordsFile = "resolve/words.txt"

// wordListNames are the lists words.txt may define, each one the resolver
// reads.
var wordListNames = []string{"countwords", "linkwords", "pronouns", "speechverbs", "notname", "placewords",
	"clauseopeners", "introverbs", "thirdperson", "speakerdeterminers", "orgheads", "notmodifier", "notverbsme"}

// wordLists are the parsed lists, by name.
type wordLists struct {
	lists map[string]map[string]bool
	err   error // why the embedded file did not load, for WordsError
}

// list returns the named list (empty when the file failed to load).
func (w *wordLists) list(name string) map[string]bool {
	if l := w.lists[name]; l != nil {
		return l
	}
	return map[string]bool{}
}

// words are the embedded lists, read when the package is initialised.
var words = loadWords()

func loadWords() *wordLists {
	f, err := data.FS.Open(WordsFile)
	if err != nil {
		return &wordLists{err: fmt.Errorf("resolve: %w", err)}
	}
	defer f.Close()
	lists, err := parseWords("data/"+WordsFile, f)
	return &wordLists{lists: lists, err: err}
}

// WordsError reports why the embedded word lists failed to load, or nil.
// Without them the resolver still runs, but reads names, pronouns and
// quotations less well; the package's tests fail on any error.
func WordsError() error { return words.err }

// parseWords reads word lists in the format documented at the top of
// data/resolve/words.txt; errors have the form "name:line: problem". Every
// list of wordListNames must be defined.
func parseWords(name string, r io.Reader) (map[string]map[string]bool, error) {
	known := map[string]bool{}
	for _, n := range wordListNames {
		known[n] = true
	}
	lists := map[string]map[string]bool{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		list, rest, _ := strings.Cut(strings.Replace(s, "\t", " ", -1), " ")
		if !known[list] {
			return nil, fmt.Errorf("%s:%d: unknown list %q (want one of %s)", name, line, list, strings.Join(wordListNames, ", "))
		}
		if lists[list] == nil {
			lists[list] = map[string]bool{}
		}
		for _, w := range strings.Split(rest, ",") {
			w = strings.TrimSpace(w)
			if w == "<comma>" {
				w = ","
			}
			switch {
			case w == "":
				return nil, fmt.Errorf("%s:%d: %s: empty word", name, line, list)
			case strings.ContainsAny(w, " \t"):
				return nil, fmt.Errorf("%s:%d: %s: %q is not one word", name, line, list, w)
			case w != strings.ToLower(w):
				return nil, fmt.Errorf("%s:%d: %s: %q is not lower case", name, line, list, w)
			}
			lists[list][w] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	for _, n := range wordListNames {
		if lists[n] == nil {
			return nil, fmt.Errorf("%s: list %s is missing", name, n)
		}
	}
	return lists, nil
}
