package resolve

import (
	"strings"
	"testing"
)

// TestEmbeddedWords checks that data/resolve/words.txt loads with every list.
func TestEmbeddedWords(t *testing.T) {
	if err := WordsError(); err != nil {
		t.Fatal(err)
	}
	for _, n := range wordListNames {
		if len(words.list(n)) == 0 {
			t.Errorf("list %s is empty", n)
		}
	}
	if !notName["senin"] || !orgHeads["bandara"] || !speechVerbs["kata"] || !clauseOpeners[","] {
		t.Error("the lists do not hold what the resolver expects")
	}
}

// TestParseWordsErrors checks that a malformed word list is refused with
// the file and line.
func TestParseWordsErrors(t *testing.T) {
	all := ""
	for _, n := range wordListNames {
		all += n + " x\n"
	}
	tests := []struct{ in, want string }{
		{all + "frobnicate a, b\n", "w.txt:14: unknown list \"frobnicate\""},
		{"# c\npronouns dia,, ia\n", "w.txt:2: pronouns: empty word"},
		{"pronouns dia, kita semua\n", "w.txt:1: pronouns: \"kita semua\" is not one word"},
		{"pronouns Dia\n", "w.txt:1: pronouns: \"Dia\" is not lower case"},
		{"pronouns dia\n", "w.txt: list countwords is missing"},
	}
	for _, tt := range tests {
		_, err := parseWords("w.txt", strings.NewReader(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("parseWords(%q) error = %v, want prefix %q", tt.in, err, tt.want)
		}
	}
	if _, err := parseWords("w.txt", strings.NewReader(all)); err != nil {
		t.Errorf("a complete file: %v", err)
	}
}
