package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/warta-id/warta/fetch"
	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/source"
	"github.com/warta-id/warta/store"
	"golang.org/x/term"
)

func cmdIngest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", store.DefaultPath, "SQLite database file (created when missing), or a postgres://user@host/db URL (the database must exist; its tables are created)")
	feeds := fs.String("feeds", "", "file of feed URLs, one a line (# comments allowed)")
	watch := fs.Duration("watch", 0, "keep polling the URL sources and feeds at this interval (e.g. 10m); 0 polls once")
	published := fs.String("published", "", "publication date (YYYY-MM-DD or RFC 3339) for inputs that lack one")
	workers := fs.Int("workers", 0, "worker goroutines per stage (default: number of CPUs)")
	batch := fs.Int("batch", 200, "articles written per transaction")
	near := fs.Float64("near", 0, "near-duplicate similarity threshold (0: the default; negative: exact duplicates only)")
	kbDir := fs.String("kb", "", "directory of knowledge-base files laid over the embedded ones")
	scopeOf := parseScopeFlags(fs, false)
	dictDir := fs.String("dict", "", "directory of dictionary files laid over the embedded ones")
	maxBytes := fs.Int("max-bytes", source.DefaultMaxBytes, "largest accepted article text, in bytes")
	delay := fs.Duration("delay", time.Second, "pause between requests to one host")
	perHost := fs.Int("per-host", 1, "concurrent requests per host (1 or 2)")
	jsonOut := fs.Bool("json", false, "print the summary as JSON on stdout")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `usage: warta ingest [flags] SOURCE ...

A SOURCE is a file, directory or glob of .txt, .jsonl, .html and .warc(.gz)
files, an http(s) URL of an RSS/Atom feed or article page, or "-" (stdin).
Articles are extracted, checked to be Indonesian, deduplicated, coded and
stored in the database; running the same ingest again changes nothing, and
an interrupted one picks up where it stopped.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	sources := fs.Args()
	if *feeds != "" {
		urls, err := readFeedList(*feeds)
		if err != nil {
			fmt.Fprintf(stderr, "warta ingest: --feeds: %v\n", err)
			return 2
		}
		sources = append(sources, urls...)
	}
	if len(sources) == 0 {
		fs.Usage()
		return 2
	}
	if *perHost < 1 || *perHost > 2 {
		fmt.Fprintln(stderr, "warta ingest: --per-host must be 1 or 2")
		return 2
	}
	opts := ingest.Options{
		Workers:       *workers,
		Batch:         *batch,
		NearDuplicate: *near,
		MaxBytes:      *maxBytes,
		Fetcher:       &fetch.Fetcher{Delay: *delay, PerHost: *perHost},
		Log:           stderr,
	}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		opts.Terminal = true
	}
	var ok bool
	if opts.Published, ok = publishedFlag("ingest", *published, stderr); !ok {
		return 2
	}
	scope, err := scopeOf()
	if err != nil {
		fmt.Fprintf(stderr, "warta ingest: --parse: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	in, st, err := openIngester(ctx, ctx, *dbPath, pipeline.Options{KBDir: *kbDir, DictDir: *dictDir, Parse: scope}, opts)
	if err != nil {
		fmt.Fprintf(stderr, "warta ingest: %v\n", err)
		return 1
	}
	defer st.Close()
	status := 0
	for round := 0; ; round++ {
		run := sources
		if round > 0 {
			run = urlSources(sources)
		}
		sum, err := in.Run(ctx, run)
		if *jsonOut {
			enc := json.NewEncoder(stdout)
			enc.Encode(sum)
		}
		fmt.Fprintf(stderr, "warta ingest: %s → %s\n", sum, st.Path())
		if err != nil {
			if ctx.Err() != nil {
				fmt.Fprintln(stderr, "warta ingest: interrupted; run the same command again to resume")
			} else {
				fmt.Fprintf(stderr, "warta ingest: %v\n", err)
			}
			return 1
		}
		if len(sum.Failed) > 0 {
			status = 1
		}
		if *watch <= 0 || len(urlSources(sources)) == 0 {
			return status
		}
		select {
		case <-ctx.Done():
			return status
		case <-time.After(*watch):
		}
	}
}

func urlSources(sources []string) []string {
	var out []string
	for _, s := range sources {
		if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
			out = append(out, s)
		}
	}
	return out
}

// readFeedList reads one URL a line, skipping blanks and # comments.
func readFeedList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var urls []string
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			return nil, fmt.Errorf("%s:%d: %q is not an http(s) URL", path, line, s)
		}
		urls = append(urls, s)
	}
	return urls, sc.Err()
}

// openIngester opens the store at dbPath (with storeCtx) and an Ingester
// (with ctx) that codes into it with a pipeline of popts and the other
// settings of opts. On an error nothing is left open; otherwise the caller
// closes the store.
func openIngester(storeCtx, ctx context.Context, dbPath string, popts pipeline.Options, opts ingest.Options) (*ingest.Ingester, *store.Store, error) {
	st, err := store.Open(storeCtx, dbPath)
	if err != nil {
		return nil, nil, err
	}
	p, err := pipeline.New(popts)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	opts.Store, opts.Pipeline = st, p
	in, err := ingest.New(ctx, opts)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return in, st, nil
}
