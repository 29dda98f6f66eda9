package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/segment"
	"github.com/warta-id/warta/tagger"
)

// cmdTrainClusters learns the tagger's word clusters from unlabelled news
// articles: warta train clusters --news A.jsonl,B.jsonl --exclude IDS --out FILE.
func cmdTrainClusters(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train clusters", flag.ContinueOnError)
	fs.SetOutput(stderr)
	news := fs.String("news", "", "comma-separated JSONL article files (one {\"id\",\"text\"} object a line)")
	exclude := fs.String("exclude", "", "file of article ids to leave out (one a line, # comments), e.g. the held-out evaluation articles")
	minCount := fs.Int("min-count", 5, "words seen fewer times get no cluster")
	contexts := fs.Int("contexts", 1000, "most frequent words used as contexts")
	depth := fs.Int("depth", 16, "maximal cluster path length in bits")
	window := fs.Int("window", 1, "neighbours on each side used as contexts (1 or 2)")
	out := fs.String("out", "", "cluster file to write (path<TAB>word<TAB>count lines)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *news == "" || *out == "" {
		fmt.Fprintln(stderr, "usage: warta train clusters --news A.jsonl,B.jsonl [--exclude heldout-ids.txt] [--min-count 5] [--contexts 1000] [--depth 16] --out FILE")
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "warta train clusters: %v\n", err)
		return 1
	}
	start := time.Now()
	skip := map[string]bool{}
	if *exclude != "" {
		b, err := os.ReadFile(*exclude)
		if err != nil {
			return fail(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				skip[l] = true
			}
		}
	}
	var sents [][]string
	articles, skipped, tokens := 0, 0, 0
	for _, path := range fileList(*news) {
		f, err := os.Open(path)
		if err != nil {
			return fail(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			var rec struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}
			if err := json.Unmarshal(b, &rec); err != nil {
				f.Close()
				return fail(fmt.Errorf("%s:%d: %w", path, line, err))
			}
			if skip[rec.ID] {
				skipped++
				continue
			}
			articles++
			d := &doc.Document{Text: rec.Text}
			segment.Segment(d)
			for _, s := range d.Sentences {
				if s.FirstToken < 0 || s.LastToken > len(d.Tokens) || s.FirstToken >= s.LastToken {
					continue
				}
				ws := make([]string, 0, s.LastToken-s.FirstToken)
				for _, t := range d.Tokens[s.FirstToken:s.LastToken] {
					ws = append(ws, t.Text)
				}
				tokens += len(ws)
				sents = append(sents, ws)
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return fail(fmt.Errorf("%s:%d: %w", path, line, err))
		}
	}
	fmt.Fprintf(stdout, "news: %d articles (%d excluded), %d sentences, %d tokens\n", articles, skipped, len(sents), tokens)
	entries := tagger.TrainClusters(sents, tagger.ClusterOptions{MinCount: *minCount, Contexts: *contexts, Depth: *depth, Window: *window})
	f, err := os.Create(*out)
	if err != nil {
		return fail(err)
	}
	if err := tagger.WriteClusters(f, entries); err != nil {
		f.Close()
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d words (%s)\n", *out, len(entries), time.Since(start).Round(time.Millisecond))
	return 0
}
