package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/source"
)

// cmdBench measures the throughput of the full pipeline over article files,
// reading them into memory first so disk speed does not count.
func cmdBench(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "ingest" {
		return cmdBenchIngest(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "serve" {
		return cmdBenchServe(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workers := fs.Int("workers", 1, "worker goroutines (1 measures per-core throughput)")
	limit := fs.Int("n", 0, "use at most this many articles (0: all)")
	rounds := fs.Int("rounds", 1, "process the set this many times")
	stagesOf := stageFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: warta bench [--workers N] [--n N] FILE.jsonl ...  (e.g. ../shared/data/news/indosum-dev/indosum_dev_text.jsonl)")
		return 2
	}
	var opts pipeline.Options
	if err := stagesOf(&opts); err != nil {
		fmt.Fprintf(stderr, "warta bench: %v\n", err)
		return 2
	}
	p, err := pipeline.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "warta bench: %v\n", err)
		return 1
	}
	var docs []*doc.Document
	in := make(chan source.Item, 64)
	go func() {
		(&source.Reader{Published: time.Now()}).ReadPaths(fs.Args(), nil, in)
		close(in)
	}()
	bytes := 0
	for it := range in {
		if it.Doc != nil && (*limit == 0 || len(docs) < *limit) {
			docs = append(docs, it.Doc)
			bytes += len(it.Doc.Raw)
		}
	}
	if len(docs) == 0 {
		fmt.Fprintln(stderr, "warta bench: no articles read")
		return 1
	}
	// Baseline measured in the same run: lowercasing and splitting the same
	// texts on white space, the floor any tokenizer pays. Reporting the
	// pipeline as a multiple of it makes figures comparable across machines.
	bstart := time.Now()
	words := 0
	for r := 0; r < *rounds; r++ {
		for _, d := range docs {
			words += len(strings.Fields(strings.ToLower(d.Raw)))
		}
	}
	base := time.Since(bstart).Seconds()
	var sentences, events int
	start := time.Now()
	for r := 0; r < *rounds; r++ {
		items := make(chan source.Item, 64)
		go func() {
			for _, d := range docs {
				c := &doc.Document{ID: d.ID, Raw: d.Raw, Published: d.Published}
				items <- source.Item{Name: d.ID, Doc: c}
			}
			close(items)
		}()
		p.Run(items, *workers, func(res pipeline.Result) {
			if res.Doc != nil {
				sentences += len(res.Doc.Sentences)
				events += len(res.Doc.Events)
			}
		})
	}
	el := time.Since(start).Seconds()
	n := len(docs) * *rounds
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	out := map[string]any{
		"articles":                   n,
		"sentences":                  sentences,
		"events":                     events,
		"megabytes":                  float64(bytes**rounds) / 1e6,
		"seconds":                    round2(el),
		"workers":                    *workers,
		"articles_per_s":             round2(float64(n) / el),
		"sentences_per_s":            round2(float64(sentences) / el),
		"sentences_per_s_per_worker": round2(float64(sentences) / el / float64(*workers)),
		"heap_inuse_mb":              round2(float64(ms.HeapInuse) / 1e6),
		"baseline_seconds":           round2(base),
		"pipeline_vs_baseline":       round2(el / base),
		"words":                      words,
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Fprintln(stdout, string(b))
	return 0
}

func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }
