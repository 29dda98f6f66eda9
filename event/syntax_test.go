package event_test

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/pipeline"
)

// setTree gives sentence si of d the dependency parse spec (one
// "head:relation" per token, heads 1-based within the sentence, 0 for the
// root), as the pipeline's parsing stage would. Hand-written trees keep
// these tests independent of the parser model, which is retrained on its
// own schedule.
func setTree(t *testing.T, d *doc.Document, si int, spec string) {
	t.Helper()
	s := &d.Sentences[si]
	arcs := strings.Fields(spec)
	if len(arcs) != s.LastToken-s.FirstToken {
		t.Fatalf("tree for %q has %d arcs for %d tokens", d.SentenceText(si), len(arcs), s.LastToken-s.FirstToken)
	}
	for i, a := range arcs {
		h, rel, _ := strings.Cut(a, ":")
		n, err := strconv.Atoi(h)
		if err != nil {
			t.Fatalf("bad arc %q", a)
		}
		tok := &d.Tokens[s.FirstToken+i]
		tok.Head, tok.Deprel = s.FirstToken+n-1, rel
		if n == 0 {
			tok.Head = -1
		}
	}
	s.Parsed = true
}

// codeWithTrees runs the pipeline over text without its own tagging and
// parsing, gives the sentences listed in trees (by index) their hand-made
// parse and codes the Document again.
func codeWithTrees(t *testing.T, text string, trees map[int]string) *doc.Document {
	t.Helper()
	p, err := pipeline.New(pipeline.Options{Parse: pipeline.ScopeNone})
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{ID: "t", Raw: text, Published: time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)}
	p.Process(d)
	for si, spec := range trees {
		setTree(t, d, si, spec)
	}
	p.Coder.Code(d)
	return d
}

// dyad gives "TYPE A>R" with each party as code/sector, sorted.
func dyad(ev doc.Event) string {
	side := func(as []doc.Actor) string {
		var out []string
		for _, a := range as {
			out = append(out, a.Code+"/"+a.Sector)
		}
		sort.Strings(out)
		return strings.Join(out, "+")
	}
	return ev.EventType + " " + side(ev.Actor) + ">" + side(ev.Recipient)
}

// TestParseRules checks the rules that take an event's parties from the
// dependency parse, on sentences written for this test with hand-made
// trees shaped like the parser's output (including its usual mistakes).
func TestParseRules(t *testing.T) {
	tests := []struct {
		name, text, tree string
		want             string // dyad of the first event, "" for none
	}{
		{"coordinated subject: the parse names only the last conjunct",
			"Menjelang subuh tentara dan polisi Myanmar menyerang desa itu .",
			"7:advcl 1:obj 7:advcl 7:cc 7:nsubj 5:nmod 0:root 7:obj 8:det 7:punct",
			"ASSAULT MMR/COP+MMR/MIL>"},
		{"subject where word order finds none",
			"Menjelang subuh pasukan Rusia menyerang Kyiv .",
			"5:advcl 1:obj 5:nsubj 3:nmod 0:root 5:obj 5:punct",
			"ASSAULT RUS/MIL>UKR/GOV"},
		{"object past the word-order window, through a noun-phrase link",
			"Indonesia mengecam sikap dan tindakan keras aparat keamanan Malaysia .",
			"2:nsubj 0:root 2:obj 5:cc 3:conj 5:amod 3:nmod 7:nmod 7:nmod 2:punct",
			"ACCUSE IDN/GOV>MYS/COP"},
		{"saling: the object is not a third party",
			"India dan Pakistan saling mengusir diplomat negara rivalnya .",
			"5:nsubj 3:cc 1:conj 5:advmod 0:root 5:obj 6:nmod 6:nmod 5:punct",
			"SANCTION IND/GOV>PAK/GOV"},
		{"a prepositional modifier of the object is not the target",
			"Amerika Serikat menandatangani kerja sama iklim di Paris .",
			"3:nsubj 1:flat:name 0:root 3:obj 4:amod 4:nmod 8:case 4:nmod 3:punct",
			""},
		{"an unparsed sentence is coded by word order",
			"Militer Israel menyerang Gaza .",
			"",
			"ASSAULT ISR/MIL>PSE/"},
		{"an unparsed sentence gives no subject word order does not find",
			"Menjelang subuh pasukan Rusia menyerang Kyiv .",
			"",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			trees := map[int]string{}
			if tt.tree != "" {
				trees[0] = tt.tree
			}
			d := codeWithTrees(t, tt.text, trees)
			got := ""
			if len(d.Events) > 0 {
				got = dyad(d.Events[0])
			}
			if got != tt.want {
				var all []string
				for _, ev := range d.Events {
					all = append(all, dyad(ev)+" ("+ev.Explanation+")")
				}
				t.Errorf("%s\n got  %q\n want %q\n all: %s", tt.text, got, tt.want, strings.Join(all, "\n      "))
			}
		})
	}
}

// TestParseOutsideSentence checks that a parse whose arcs leave their
// sentence (a Document built by hand) is ignored, not followed.
func TestParseOutsideSentence(t *testing.T) {
	text := "Cuaca cerah . Menjelang subuh pasukan Rusia menyerang Kyiv ."
	d := codeWithTrees(t, text, map[int]string{1: "5:advcl 1:obj 5:nsubj 3:nmod 0:root 5:obj 5:punct"})
	if len(d.Events) != 1 || dyad(d.Events[0]) != "ASSAULT RUS/MIL>UKR/GOV" {
		t.Fatalf("with a good tree: %d events", len(d.Events))
	}
	s := d.Sentences[1]
	d.Tokens[s.FirstToken+2].Head = 0 // a token of sentence 0
	d.Tokens[s.FirstToken+3].Head = len(d.Tokens) + 5
	pipe, err := pipeline.New(pipeline.Options{Parse: pipeline.ScopeNone})
	if err != nil {
		t.Fatal(err)
	}
	pipe.Coder.Code(d)
	if len(d.Events) != 0 {
		t.Errorf("with arcs out of the sentence: got %s, want no event (word order finds no subject)", dyad(d.Events[0]))
	}
}

// TestCodeWithoutParse checks which sentences the coder lists for the
// pipeline to parse (those where an event verb finds no party by word
// order and one is named elsewhere in the sentence), and what it leaves in
// the Document: the events when it lists none, else the mentions as they
// were.
func TestCodeWithoutParse(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{Parse: pipeline.ScopeNone})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []int
	}{
		// word order finds the parties of the second sentence, not the
		// subject of the third
		{"Cuaca di Jakarta cerah sepanjang hari. Militer Israel menyerang Gaza. Menjelang subuh pasukan Rusia menyerang Kyiv.", []int{2}},
		{"Cuaca di Jakarta cerah sepanjang hari. Militer Israel menyerang Gaza.", nil},
		// no event verb
		{"Harga beras naik tajam. Cuaca di Bogor cerah.", nil},
		// no party named anywhere the parse could find one
		{"Menjelang subuh mereka menyerang desa itu.", nil},
		// the recipient of an event that needs one is not right after the verb
		{"Indonesia mengecam sikap dan tindakan keras aparat keamanan Malaysia.", []int{0}},
		// coding settles the country of the people held (a mention that
		// must be as it was when the coder is asked to code again)
		{"KPK akhirnya menahan anggota Komisi V DPR dari fraksi Partai Amanat Nasional (PAN) Andi Taufan Tiro setelah ia diperiksa sebagai tersangka. Menjelang subuh pasukan Rusia menyerang Kyiv.", []int{1}},
		{"KPK akhirnya menahan anggota Komisi V DPR dari fraksi Partai Amanat Nasional (PAN) Andi Taufan Tiro setelah ia diperiksa sebagai tersangka.", nil},
		{"", nil},
	}
	for _, tt := range tests {
		d := &doc.Document{ID: "t", Raw: tt.text}
		p.Process(d) // codes without a parse
		coded := fmt.Sprint(d.Events)
		p.Resolver.Resolve(d) // the mentions as resolved, before coding settled any
		resolved := fmt.Sprint(d.Mentions)
		got := p.Coder.CodeWithoutParse(d)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
		if len(got) == 0 && fmt.Sprint(d.Events) != coded {
			t.Errorf("%q: listing no sentence, it coded\n %v\nnot as Code does\n %s", tt.text, d.Events, coded)
		}
		if len(got) > 0 && (len(d.Events) != 0 || fmt.Sprint(d.Mentions) != resolved) {
			t.Errorf("%q: listing sentences, it left %d events or changed the mentions", tt.text, len(d.Events))
		}
	}
}
