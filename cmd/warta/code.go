package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/source"
)

//go:embed testdata/example.txt
var exampleArticle string

func cmdCode(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	published := fs.String("published", "", "publication date (YYYY-MM-DD or RFC 3339) for inputs that lack one")
	explain := fs.Bool("explain", false, "print each sentence with its events and why, for humans, instead of JSON")
	all := fs.Bool("all", false, "also output negated and hypothetical events (flagged)")
	kbDir := fs.String("kb", "", "directory of knowledge-base files laid over the embedded ones")
	stagesOf := stageFlags(fs)
	dictDir := fs.String("dict", "", "directory of dictionary files (verbs.txt, contexts.txt, …) laid over the embedded ones")
	workers := fs.Int("workers", 0, "worker goroutines (default: number of CPUs)")
	maxBytes := fs.Int("max-bytes", source.DefaultMaxBytes, "largest accepted article, in bytes")
	onlyIDs := fs.String("ids", "", "only code articles whose ids are listed in this file (one id a line, or gold JSONL with article_id)")
	example := fs.Bool("example", false, "code the bundled example article (published 2024-03-09)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: warta code [flags] [FILE ...]\n\nReads .txt articles (id = file name), .jsonl articles (id, text, title, url, source,\npublished) or stdin, and writes one JSON event a line.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	r := &source.Reader{MaxBytes: *maxBytes}
	var ok bool
	if r.Published, ok = publishedFlag("code", *published, stderr); !ok {
		return 2
	}
	var keep map[string]bool
	if *onlyIDs != "" {
		var err error
		if keep, err = readIDs(*onlyIDs); err != nil {
			fmt.Fprintf(stderr, "warta code: --ids: %v\n", err)
			return 2
		}
	}
	opts := pipeline.Options{KBDir: *kbDir, DictDir: *dictDir}
	if err := stagesOf(&opts); err != nil {
		fmt.Fprintf(stderr, "warta code: %v\n", err)
		return 2
	}
	p, err := pipeline.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "warta code: %v\n", err)
		return 1
	}
	paths := fs.Args()
	in := make(chan source.Item, 16)
	go func() {
		if *example {
			d := &doc.Document{ID: "example", Raw: exampleArticle, Published: time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC)}
			in <- source.Item{Name: "example", Doc: d}
		} else {
			r.ReadPaths(paths, stdin, in)
		}
		close(in)
	}()
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := 0
	p.Run(filterIDs(in, keep), *workers, func(res pipeline.Result) {
		if res.Err != nil {
			failed++
			out.Flush()
			fmt.Fprintf(stderr, "warta: %v\n", res.Err)
			return
		}
		d := res.Doc
		if *explain {
			writeExplain(out, d, *all)
			return
		}
		for _, ev := range d.Events {
			if !*all && (ev.Negated || ev.Hypothetical) {
				continue
			}
			if err := enc.Encode(ev); err != nil {
				fmt.Fprintf(stderr, "warta: write: %v\n", err)
				failed++
				return
			}
		}
	})
	if failed > 0 {
		out.Flush()
		fmt.Fprintf(stderr, "warta: %d input(s) failed\n", failed)
		return 1
	}
	return 0
}

func filterIDs(in <-chan source.Item, keep map[string]bool) <-chan source.Item {
	if keep == nil {
		return in
	}
	out := make(chan source.Item, 16)
	go func() {
		for it := range in {
			if it.Doc != nil && !keep[it.Doc.ID] {
				continue
			}
			if it.Err != nil {
				// Errors in lines we were not asked to code are not ours to report.
				continue
			}
			out <- it
		}
		close(out)
	}()
	return out
}

// readIDs reads ids from a text file (one a line) or a JSONL file whose
// records have "article_id" or "id".
func readIDs(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "{") {
			var rec struct {
				ArticleID string `json:"article_id"`
				ID        string `json:"id"`
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n, err)
			}
			if rec.ArticleID != "" {
				ids[rec.ArticleID] = true
			} else if rec.ID != "" {
				ids[rec.ID] = true
			}
			continue
		}
		ids[line] = true
	}
	return ids, sc.Err()
}

func writeExplain(w io.Writer, d *doc.Document, all bool) {
	fmt.Fprintf(w, "== article %s", d.ID)
	if !d.Published.IsZero() {
		fmt.Fprintf(w, " (published %s", d.Published.Format("2006-01-02"))
		if d.PublishedGuessed {
			fmt.Fprint(w, ", from --published")
		}
		fmt.Fprint(w, ")")
	}
	fmt.Fprintln(w)
	if d.Dateline != nil {
		fmt.Fprintf(w, "   dateline: location %q, outlet %q", d.Dateline.Location, d.Dateline.Outlet)
		if d.Dateline.Place != nil {
			fmt.Fprintf(w, " → %s, %s (geonames %d)", d.Dateline.Place.Name, d.Dateline.Place.Country, d.Dateline.Place.GeonameID)
		}
		fmt.Fprintln(w)
	}
	for _, r := range d.Removed {
		fmt.Fprintf(w, "   removed (%s): %s\n", r.Reason, r.Line)
	}
	for si := range d.Sentences {
		fmt.Fprintf(w, "\n[%d] %s\n", si, d.SentenceText(si))
		for _, m := range d.Mentions {
			if m.Sentence != si {
				continue
			}
			var codes []string
			for _, a := range m.Actors {
				c := a.Code
				if a.Sector != "" {
					c += " " + a.Sector
				}
				codes = append(codes, c)
			}
			fmt.Fprintf(w, "    %s %q → [%s]", m.Kind, m.Text, strings.Join(codes, ", "))
			if m.Place != nil && m.Place.Name != "" {
				fmt.Fprintf(w, " place %s, %s", m.Place.Name, m.Place.Country)
			}
			if m.Resolution != "" {
				fmt.Fprintf(w, "  (%s)", m.Resolution)
			}
			fmt.Fprintln(w)
		}
		for _, t := range d.Times {
			if t.Start >= d.Sentences[si].Start && t.End <= d.Sentences[si].End {
				fmt.Fprintf(w, "    time %q → %s (%s)", t.Text, t.Date.Format("2006-01-02"), t.Precision)
				if t.WeekdayMismatch {
					fmt.Fprint(w, " [weekday disagrees with date]")
				}
				fmt.Fprintln(w)
			}
		}
		for _, ev := range d.Events {
			if ev.Evidence.Sentence != si {
				continue
			}
			skipped := ev.Negated || ev.Hypothetical
			mark := "EVENT"
			if skipped {
				mark = "event (not output without --all)"
			}
			fmt.Fprintf(w, "  → %s %s", mark, ev.EventType)
			if ev.Mode != "" {
				fmt.Fprintf(w, "/%s", ev.Mode)
			}
			fmt.Fprintf(w, " %s → %s  cameo %s goldstein %.1f quad %d  date %s (%s, %s)",
				actorList(ev.Actor), actorList(ev.Recipient), ev.CAMEO, ev.Goldstein, ev.QuadClass, ev.Date, ev.DatePrecision, ev.DateSource)
			if ev.Location != nil {
				fmt.Fprintf(w, "  at %s", ev.Location.Name)
			}
			var flags []string
			for _, f := range []struct {
				on   bool
				name string
			}{{ev.Negated, "negated"}, {ev.Future, "future"}, {ev.Hypothetical, "hypothetical"}, {ev.Historical, "historical"}} {
				if f.on {
					flags = append(flags, f.name)
				}
			}
			if len(flags) > 0 {
				fmt.Fprintf(w, "  [%s]", strings.Join(flags, ", "))
			}
			fmt.Fprintf(w, "  confidence %.2f\n      %s\n", ev.Confidence, ev.Explanation)
		}
	}
	fmt.Fprintln(w)
}

func actorList(as []doc.Actor) string {
	if len(as) == 0 {
		return "(none)"
	}
	var parts []string
	for _, a := range as {
		s := a.Code
		if a.Sector != "" {
			s += "/" + a.Sector
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "+")
}
