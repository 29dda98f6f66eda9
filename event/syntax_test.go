package event_test

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/event"
	"github.com/warta-id/warta/pipeline"
)

// fakeParse returns a ParseFunc that knows the sentences of trees (words
// joined by spaces → one "head:relation" per word) and fails on any other,
// counting its calls. Hand-written trees keep these tests independent of
// the parser model, which is retrained on its own schedule.
func fakeParse(t *testing.T, trees map[string]string, calls *int) event.ParseFunc {
	return func(words []string) ([]int, []string, error) {
		*calls++
		spec, ok := trees[strings.Join(words, " ")]
		if !ok {
			return nil, nil, errors.New("no tree")
		}
		arcs := strings.Fields(spec)
		if len(arcs) != len(words) {
			t.Fatalf("tree for %q has %d arcs for %d words", strings.Join(words, " "), len(arcs), len(words))
		}
		heads := make([]int, len(words))
		rels := make([]string, len(words))
		for i, a := range arcs {
			h, rel, _ := strings.Cut(a, ":")
			n, err := strconv.Atoi(h)
			if err != nil {
				t.Fatalf("bad arc %q", a)
			}
			heads[i], rels[i] = n, rel
		}
		return heads, rels, nil
	}
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
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
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
		{"a sentence the parser fails on is coded by word order",
			"Militer Israel menyerang Gaza .",
			"",
			"ASSAULT ISR/MIL>PSE/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pipeline.New(pipeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			trees := map[string]string{}
			if tt.tree != "" {
				trees[tt.text] = tt.tree
			}
			calls := 0
			p.Coder.Parse = fakeParse(t, trees, &calls)
			d := &doc.Document{ID: "t", Raw: tt.text, Published: pub}
			p.Process(d)
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

// TestParseOnlyWhenNeeded checks that the coder parses only the sentences
// where a pattern matched and word order found no party: here the third.
func TestParseOnlyWhenNeeded(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	p.Coder.Parse = fakeParse(t, nil, &calls)
	d := &doc.Document{ID: "t", Raw: "Cuaca di Jakarta cerah sepanjang hari. Militer Israel menyerang Gaza. Menjelang subuh pasukan Rusia menyerang Kyiv.", Published: time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)}
	p.Process(d)
	if calls != 1 {
		t.Errorf("parsed %d sentences, want 1", calls)
	}
	if len(d.Events) != 1 {
		t.Errorf("got %d events, want 1 (the third sentence has no tree here, so no subject)", len(d.Events))
	}
}
