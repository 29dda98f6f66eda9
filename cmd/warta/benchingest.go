package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/source"
	"github.com/warta-id/warta/store"
)

// cmdBenchIngest measures `warta ingest` into a fresh SQLite file over a
// JSONL corpus replayed N times with fresh ids, and, in the same run, v0's
// coder alone over the same file as the baseline.
func cmdBenchIngest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	replay := fs.Int("replay", 20, "replay the articles this many times, with fresh ids")
	workers := fs.Int("workers", 0, "workers per stage (default: number of CPUs)")
	keep := fs.Bool("keep-duplicates", true, "code every replayed copy (false: the replays are found as exact duplicates)")
	dir := fs.String("dir", "", "directory for the replay file and database (default: a temporary one, removed after)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: warta bench ingest [--replay 20] [--workers N] FILE.jsonl ...")
		return 2
	}
	work := *dir
	if work == "" {
		d, err := os.MkdirTemp("", "warta-bench-")
		if err != nil {
			fmt.Fprintf(stderr, "warta bench ingest: %v\n", err)
			return 1
		}
		defer os.RemoveAll(d)
		work = d
	}
	corpus := filepath.Join(work, "replay.jsonl")
	n, err := writeReplay(corpus, fs.Args(), *replay)
	if err != nil {
		fmt.Fprintf(stderr, "warta bench ingest: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "warta bench ingest: %d articles (%d × %d replays) in %s\n", n, n / *replay, *replay, corpus)
	ctx := context.Background()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "warta bench ingest: %v\n", err)
		return 1
	}
	published := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

	dbPath := filepath.Join(work, "bench.db")
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "warta bench ingest: %v\n", err)
		return 1
	}
	in, err := ingest.New(ctx, ingest.Options{Store: st, Pipeline: p, Workers: *workers, KeepDuplicates: *keep,
		Published: published, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "warta bench ingest: %v\n", err)
		return 1
	}
	sum, err := in.Run(ctx, []string{corpus})
	st.Close()
	if err != nil {
		fmt.Fprintf(stderr, "warta bench ingest: %v\n", err)
		return 1
	}
	peak := peakRSS()
	var dbSize int64
	if fi, err := os.Stat(dbPath); err == nil {
		dbSize = fi.Size()
	}

	// Baseline in the same run: the v0 coder alone (`warta code`) over the
	// same file, events discarded.
	items := make(chan source.Item, 64)
	go func() {
		(&source.Reader{Published: published}).ReadPaths([]string{corpus}, nil, items)
		close(items)
	}()
	bstart := time.Now()
	coded := 0
	p.Run(items, *workers, func(r pipeline.Result) {
		if r.Doc != nil {
			coded++
		}
	})
	base := time.Since(bstart).Seconds()

	out := map[string]any{
		"articles":             sum.Read,
		"ingested":             sum.Ingested,
		"duplicates":           sum.Duplicates + sum.NearDuplicate,
		"sentences":            sum.Sentences,
		"events":               sum.Events,
		"seconds":              round2(sum.Seconds),
		"articles_per_s":       round2(float64(sum.Read) / sum.Seconds),
		"sentences_per_s":      round2(float64(sum.Sentences) / sum.Seconds),
		"peak_rss_mb":          round2(float64(peak) / (1 << 20)),
		"db_mb":                round2(float64(dbSize) / (1 << 20)),
		"coder_only_seconds":   round2(base),
		"coder_only_articles":  coded,
		"ingest_vs_coder_only": round2(sum.Seconds / base),
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Fprintln(stdout, string(b))
	return 0
}

// writeReplay writes the JSONL articles of files replay times to path,
// giving each copy the id "ID~rN"; it returns the number of lines written.
func writeReplay(path string, files []string, replay int) (int, error) {
	var lines [][]byte
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return 0, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), source.DefaultMaxBytes)
		for sc.Scan() {
			if len(strings.TrimSpace(sc.Text())) > 0 {
				lines = append(lines, append([]byte(nil), sc.Bytes()...))
			}
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			return 0, fmt.Errorf("%s: %w", f, err)
		}
	}
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	n := 0
	for r := 0; r < replay; r++ {
		for i, l := range lines {
			var rec map[string]any
			if err := json.Unmarshal(l, &rec); err != nil {
				continue
			}
			id, _ := rec["id"].(string)
			if id == "" {
				id = "line" + strconv.Itoa(i)
			}
			rec["id"] = fmt.Sprintf("%s~r%d", id, r)
			b, _ := json.Marshal(rec)
			w.Write(b)
			w.WriteByte('\n')
			n++
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return 0, err
	}
	return n, out.Close()
}

// peakRSS is the process's peak resident set size in bytes (VmHWM), 0 when
// unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
