package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/source"
)

// corpus reads up to n articles of the shared news corpus, or skips.
func corpus(tb testing.TB, n int) []*doc.Document {
	tb.Helper()
	path := filepath.Join("..", "..", "shared", "data", "news", "indosum-dev", "indosum_dev_text.jsonl")
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("news corpus not available (%v): ../shared is absent; CI runs this", err)
	}
	in := make(chan source.Item, 64)
	go func() {
		(&source.Reader{Published: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)}).ReadPaths([]string{path}, nil, in)
		close(in)
	}()
	var docs []*doc.Document
	for it := range in {
		if it.Doc != nil && len(docs) < n {
			docs = append(docs, it.Doc)
		}
	}
	return docs
}

// BenchmarkBaseline is the floor every tokenizer pays: lowercasing and
// splitting the same articles on white space. Compare BenchmarkPipeline to
// it (benchstat) to get a machine-independent ratio.
func BenchmarkBaseline(b *testing.B) {
	docs := corpus(b, 500)
	b.ResetTimer()
	words := 0
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			words += len(strings.Fields(strings.ToLower(d.Raw)))
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkPipeline measures the full pipeline on one core.
func BenchmarkPipeline(b *testing.B) { benchPipeline(b, Options{}) }

// BenchmarkPipelineNoParse measures it without tagging and parsing
// (ScopeNone), for the analysis stages' share.
func BenchmarkPipelineNoParse(b *testing.B) { benchPipeline(b, Options{Parse: ScopeNone}) }

// BenchmarkPipelineParseAll measures it tagging and parsing every sentence
// (ScopeAll).
func BenchmarkPipelineParseAll(b *testing.B) { benchPipeline(b, Options{Parse: ScopeAll}) }

func benchPipeline(b *testing.B, opts Options) {
	docs := corpus(b, 500)
	p, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	// load the tagger and the parser outside the timing
	p.Process(&doc.Document{ID: "warm-up", Raw: "Militer Israel menyerang Gaza."})
	b.ResetTimer()
	sentences, parsedWords := 0, 0
	for i := 0; i < b.N; i++ {
		for _, src := range docs {
			d := &doc.Document{ID: src.ID, Raw: src.Raw, Published: src.Published}
			p.Process(d)
			sentences += len(d.Sentences)
			for _, s := range d.Sentences {
				if s.Parsed {
					parsedWords += s.LastToken - s.FirstToken
				}
			}
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(sentences)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(float64(parsedWords)/float64(b.N*len(docs)), "parsed-words/article")
}

// TestCorpusSmoke runs the pipeline over the whole development corpus (when
// present) and checks that nothing fails and events come out.
func TestCorpusSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	docs := corpus(t, 1<<30)
	p := load(t)
	events := 0
	for _, src := range docs {
		if err := p.Try(src, src.ID); err != nil {
			t.Errorf("%v", err)
		}
		events += len(src.Events)
		for _, ev := range src.Events {
			if ev.Evidence.Start < 0 || ev.Evidence.End > len(src.Text) || src.Text[ev.Evidence.Start:ev.Evidence.End] != ev.Evidence.Text {
				t.Fatalf("%s: evidence offsets do not point at the evidence text", src.ID)
			}
		}
	}
	if events < len(docs)/5 {
		t.Errorf("only %d events from %d articles", events, len(docs))
	}
	t.Logf("%d articles, %d events", len(docs), events)
}
