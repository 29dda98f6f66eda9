package pipeline

import (
	"strings"
	"testing"
	"time"
)

// TestNamingStage checks that the naming stage labels the sentences its
// scope selects — BIO tags on every token of a Named sentence, nothing on
// the others — and that an unknown name is what makes a sentence selected
// by default.
func TestNamingStage(t *testing.T) {
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
	text := "Harga beras naik tajam di Jakarta. Polisi menangkap Baltazar Okonkwo di Surabaya kemarin."
	tests := []struct {
		scope NameScope
		named []bool
	}{
		{"", []bool{false, true}}, // the default: sentences with an unknown name
		{NamesSentences, []bool{false, true}},
		{NamesAll, []bool{true, true}},
		{NamesNone, []bool{false, false}},
	}
	for _, tt := range tests {
		t.Run(string(tt.scope), func(t *testing.T) {
			p, err := New(Options{Names: tt.scope})
			if err != nil {
				t.Fatal(err)
			}
			d := codeText(t, p, "t", text, pub)
			if len(d.Sentences) != len(tt.named) {
				t.Fatalf("%d sentences, want %d", len(d.Sentences), len(tt.named))
			}
			for si, s := range d.Sentences {
				if s.Named != tt.named[si] {
					t.Errorf("sentence %d %q: named %v, want %v", si, d.SentenceText(si), s.Named, tt.named[si])
				}
				for _, tok := range d.SentenceTokens(si) {
					switch {
					case !s.Named && tok.NER != "":
						t.Errorf("sentence %d is not named but %q has NER %q", si, tok.Text, tok.NER)
					case s.Named && tok.NER != "O" && !strings.HasPrefix(tok.NER, "B-") && !strings.HasPrefix(tok.NER, "I-"):
						t.Errorf("sentence %d is named but %q has NER %q", si, tok.Text, tok.NER)
					}
					if s.Named && tok.Text == "Baltazar" && tok.NER != "B-PER" {
						t.Errorf("%q tagged %q, want B-PER", tok.Text, tok.NER)
					}
				}
			}
		})
	}
	if _, err := New(Options{Names: "some"}); err == nil {
		t.Error("New accepted the naming scope \"some\"")
	}
}

// TestNamingStageCodesAsOnDemand checks, on the repository's fixtures and
// on development articles when ../shared is present, that resolving with
// the naming stage's tags (whole sentences) codes the same events as
// asking the recogniser on demand about a few words around each unknown
// name (--names none), as the resolver did before the stage existed.
func TestNamingStageCodesAsOnDemand(t *testing.T) {
	texts := comparisonTexts(t)
	staged, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	onDemand, err := New(Options{Names: NamesNone})
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2023, 3, 10, 0, 0, 0, 0, time.UTC)
	named, sentences, differ := 0, 0, 0
	for i, text := range texts {
		a := codeText(t, staged, "t", text, pub)
		b := codeText(t, onDemand, "t", text, pub)
		if ja, jb := eventsJSON(t, a), eventsJSON(t, b); ja != jb {
			differ++
			t.Logf("text %d %.60q: events differ\n staged:    %s\n on demand: %s", i, text, ja, jb)
		}
		for _, s := range a.Sentences {
			if s.Named {
				named++
			}
		}
		sentences += len(a.Sentences)
	}
	t.Logf("%d texts, %d sentences, %d named by default; %d texts code differently", len(texts), sentences, named, differ)
	if differ > len(texts)/50 {
		t.Errorf("%d of %d texts code differently with the naming stage (more than 2%%)", differ, len(texts))
	}
}
