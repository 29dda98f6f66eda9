package pipeline

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
)

// checkArcs checks the analysis of every sentence of d: a parsed sentence
// has a tag and an arc on every token, one root, and heads inside the
// sentence; an unparsed one has neither tags nor arcs when untagged is set.
func checkArcs(t *testing.T, d *doc.Document, untagged bool) {
	t.Helper()
	for si, s := range d.Sentences {
		toks := d.Tokens[s.FirstToken:s.LastToken]
		if !s.Parsed {
			for _, tok := range toks {
				if untagged && (tok.UPOS != "" || tok.Deprel != "" || tok.Head != 0) {
					t.Errorf("sentence %d is not parsed but %q has UPOS %q, head %d, deprel %q", si, tok.Text, tok.UPOS, tok.Head, tok.Deprel)
				}
			}
			continue
		}
		roots := 0
		for _, tok := range toks {
			if tok.UPOS == "" || tok.Deprel == "" {
				t.Errorf("sentence %d is parsed but %q has UPOS %q, deprel %q", si, tok.Text, tok.UPOS, tok.Deprel)
			}
			switch {
			case tok.Head == -1:
				roots++
			case tok.Head < s.FirstToken || tok.Head >= s.LastToken:
				t.Errorf("sentence %d: %q has its head %d outside the sentence [%d, %d)", si, tok.Text, tok.Head, s.FirstToken, s.LastToken)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d %q has %d roots, want 1", si, d.SentenceText(si), roots)
		}
	}
}

// TestAnalysisStages checks that the tagging and parsing stages leave UPOS
// tags and dependency arcs on the sentences the scope selects, and nothing
// on the others.
func TestAnalysisStages(t *testing.T) {
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		scope  Scope
		text   string
		parsed []int // the sentences that must be parsed
		verb   string
	}{
		{"all: every sentence", ScopeAll,
			"Harga cabai di Pasar Senen naik tajam. Militer Israel menyerang Gaza pada Kamis malam.",
			[]int{0, 1}, "menyerang"},
		{"events: the sentence whose subject word order does not find", ScopeEvents,
			"Cuaca di Jakarta cerah sepanjang hari. Militer Israel menyerang Gaza. Menjelang subuh pasukan Rusia menyerang Kyiv.",
			[]int{2}, "menyerang"},
		{"events: no event, nothing analysed", ScopeEvents,
			"Harga beras naik tajam. Cuaca di Bogor cerah.",
			nil, ""},
		{"none: nothing analysed", ScopeNone,
			"Menjelang subuh pasukan Rusia menyerang Kyiv. Indonesia mengecam sikap aparat keamanan Malaysia.",
			nil, ""},
		{"none through NoParse", "",
			"Menjelang subuh pasukan Rusia menyerang Kyiv.",
			nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Parse: tt.scope}
			if tt.scope == "" {
				opts.NoParse = true
			}
			p, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			d := codeText(t, p, "t", tt.text, pub)
			want := map[int]bool{}
			for _, si := range tt.parsed {
				want[si] = true
			}
			for si, s := range d.Sentences {
				if s.Parsed != want[si] {
					t.Errorf("sentence %d %q: parsed %v, want %v", si, d.SentenceText(si), s.Parsed, want[si])
				}
			}
			checkArcs(t, d, true)
			if tt.verb == "" {
				return
			}
			for _, si := range tt.parsed {
				for _, tok := range d.SentenceTokens(si) {
					if tok.Text == tt.verb && tok.UPOS != "VERB" {
						t.Errorf("%q is tagged %s, want VERB", tok.Text, tok.UPOS)
					}
				}
			}
		})
	}
}

// TestUnknownScope checks that New refuses a scope it does not know.
func TestUnknownScope(t *testing.T) {
	if _, err := New(Options{Parse: "some"}); err == nil {
		t.Error("New accepted the parse scope \"some\"")
	}
	for _, s := range []string{"events", "all", "none"} {
		if _, err := ParseScope(s); err != nil {
			t.Errorf("ParseScope(%q): %v", s, err)
		}
	}
}

// TestEventsScopeCodesAsAll checks, on the repository's fixtures (the
// example article, the dictionary's test cases, the fuzz seeds) and on
// development articles when ../shared is present, that parsing only the
// sentences the coder asks for (the default) codes the same events as
// parsing every sentence. Parsing every sentence gives the coder what it
// had before the parse became a pipeline stage, when it could parse any
// sentence on demand, so the default codes as before.
func TestEventsScopeCodesAsAll(t *testing.T) {
	texts := comparisonTexts(t,
		// coding settles the country of the people held: the listing of
		// the sentences to parse must not do it before coding does
		"Jakarta - KPK akhirnya menahan anggota Komisi V DPR dari fraksi Partai Amanat Nasional (PAN) Andi Taufan Tiro setelah ia diperiksa sebagai tersangka. Menjelang subuh pasukan Rusia menyerang Kyiv.",
		"Menjelang subuh tentara dan polisi Myanmar menyerang desa itu. Indonesia mengecam sikap dan tindakan keras aparat keamanan Malaysia.",
	)
	events, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := New(Options{Parse: ScopeAll})
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
	parsed, sentences := 0, 0
	for i, text := range texts {
		a := codeText(t, events, "t", text, pub)
		b := codeText(t, all, "t", text, pub)
		checkArcs(t, a, true)
		checkArcs(t, b, false)
		if ja, jb := eventsJSON(t, a), eventsJSON(t, b); ja != jb {
			t.Errorf("text %d %.60q: events differ\n default: %s\n all:     %s", i, text, ja, jb)
		}
		for _, s := range a.Sentences {
			if s.Parsed {
				parsed++
			}
		}
		sentences += len(a.Sentences)
	}
	t.Logf("%d texts, %d sentences, %d parsed by default", len(texts), sentences, parsed)
}

// comparisonTexts returns the texts on which two pipelines' events are
// compared: the fixtures, extra, and 150 development articles when
// ../shared is present (not with -short).
func comparisonTexts(t *testing.T, extra ...string) []string {
	t.Helper()
	texts := append(fixtureTexts(t), extra...)
	dev := filepath.Join("..", "..", "shared", "data", "news", "indosum-dev", "indosum_dev_text.jsonl")
	if _, err := os.Stat(dev); err != nil {
		t.Logf("news corpus not available (%v): fixtures only", err)
	} else if !testing.Short() {
		for _, d := range corpus(t, 150) {
			texts = append(texts, d.Raw)
		}
	}
	return texts
}

// fixtureTexts returns the example article, the sentences of
// data/dict/testcases.tsv (as the dictionary test codes them) and the
// fuzz seeds.
func fixtureTexts(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "cmd", "warta", "testdata", "example.txt"))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{string(raw)}
	f, err := os.Open(filepath.Join("..", "data", "dict", "testcases.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sentence, _, _ := strings.Cut(line, "\t")
		texts = append(texts, "Jakarta - "+sentence)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzProcess", "*"))
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			if arg, ok := strings.CutPrefix(line, "string("); ok {
				text, err := strconv.Unquote(strings.TrimSuffix(arg, ")"))
				if err != nil {
					t.Fatalf("%s:%d: %v", path, n+1, err)
				}
				texts = append(texts, text)
			}
		}
	}
	return texts
}

// eventsJSON gives d's events, with their explanations, as JSON.
func eventsJSON(t *testing.T, d *doc.Document) string {
	t.Helper()
	type withWhy struct {
		doc.Event
		Why string
	}
	var evs []withWhy
	for _, ev := range d.Events {
		evs = append(evs, withWhy{ev, ev.Explanation})
	}
	b, err := json.Marshal(evs)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
