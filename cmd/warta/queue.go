package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/queue"
	"github.com/warta-id/warta/source"
	"github.com/warta-id/warta/store"
)

const defaultNATS = "nats://127.0.0.1:4222"

// cmdEnqueue publishes work items for workers: warta enqueue --nats URL SOURCE ...
func cmdEnqueue(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("enqueue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	natsURL := fs.String("nats", defaultNATS, "NATS server URL (JetStream enabled)")
	stream := fs.String("stream", queue.DefaultStream, "JetStream stream name (subjects <stream>.work and <stream>.dead)")
	published := fs.String("published", "", "publication date (YYYY-MM-DD or RFC 3339) for inputs that lack one")
	maxBytes := fs.Int("max-bytes", source.DefaultMaxBytes, "largest accepted article text, in bytes")
	jsonOut := fs.Bool("json", false, "print the counts as JSON on stdout")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `usage: warta enqueue [flags] SOURCE ...

Publishes one work item per input — files, directories and globs of .txt,
.jsonl, .html and .warc(.gz) files, "-" (stdin), and feed or article URLs
(fetched by the workers) — to a NATS JetStream stream, in order, for
"warta worker" processes to ingest. The items carry the articles' text, so
workers need no access to the files.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	opts := ingest.Options{MaxBytes: *maxBytes, Log: stderr}
	var ok bool
	if opts.Published, ok = publishedFlag("enqueue", *published, stderr); !ok {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	nc, js, err := queue.Connect(ctx, *natsURL, "warta enqueue")
	if err != nil {
		fmt.Fprintf(stderr, "warta enqueue: %v\n", err)
		return 1
	}
	defer nc.Close()
	start := time.Now()
	c, err := queue.Enqueue(ctx, nc, js, queue.NamesOf(*stream), ingest.NewExpander(opts), fs.Args())
	if *jsonOut {
		json.NewEncoder(stdout).Encode(c)
	}
	fmt.Fprintf(stderr, "warta enqueue: %d items (%d articles, %d URLs, %d unreadable inputs) → %s on %s in %.1fs\n",
		c.Items, c.Articles, c.URLs, c.Rejects, *stream, *natsURL, time.Since(start).Seconds())
	if err != nil {
		fmt.Fprintf(stderr, "warta enqueue: %v\n", err)
		return 1
	}
	return 0
}

// cmdWorker ingests work items from the queue into a store.
func cmdWorker(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	natsURL := fs.String("nats", defaultNATS, "NATS server URL (JetStream enabled)")
	stream := fs.String("stream", queue.DefaultStream, "JetStream stream name")
	dbPath := fs.String("db", store.DefaultPath, "store: postgres://… URL (shared by all workers), or an SQLite file (workers on this machine)")
	host, _ := os.Hostname()
	name := fs.String("name", fmt.Sprintf("%s-%d", host, os.Getpid()), "worker name shown by warta status")
	threads := fs.Int("threads", 1, "items read and coded at once (run one worker per core instead of raising this)")
	fetchN := fs.Int("fetch", 16, "items pulled at a time")
	ackWait := fs.Duration("ack-wait", 30*time.Second, "how long the server waits for an item before delivering it again")
	maxPending := fs.Int("max-ack-pending", 1024, "items delivered and not yet acknowledged, across all workers (back-pressure; keep above workers × 8 × --fetch)")
	maxDeliver := fs.Int("max-deliver", 5, "deliveries before an item is sent to the dead-letter subject")
	drain := fs.Bool("drain", false, "exit once the stream is empty (for backfills)")
	grace := fs.Duration("grace", 10*time.Second, "on SIGTERM, how long to keep committing before handing the rest back")
	kbDir := fs.String("kb", "", "directory of knowledge-base files laid over the embedded ones")
	scopeOf := parseScopeFlags(fs, false)
	dictDir := fs.String("dict", "", "directory of dictionary files laid over the embedded ones")
	near := fs.Float64("near", 0, "near-duplicate similarity threshold (0: the default; negative: exact duplicates only)")
	maxBytes := fs.Int("max-bytes", source.DefaultMaxBytes, "largest accepted article text, in bytes")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `usage: warta worker --nats URL --db postgres://… [flags]

Pulls work items published by "warta enqueue", reads, checks, codes and
stores them. Any number of workers may share a stream and a store: items
are committed in stream order, so the store ends up as one "warta ingest"
of the same inputs leaves it. SIGTERM stops a worker gracefully.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	scope, err := scopeOf()
	if err != nil {
		fmt.Fprintf(stderr, "warta worker: --parse: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The store outlives the signal context: a SIGTERMed worker still
	// commits what it can within --grace.
	in, st, err := openIngester(context.Background(), ctx, *dbPath, pipeline.Options{KBDir: *kbDir, DictDir: *dictDir, Parse: scope},
		ingest.Options{NearDuplicate: *near, MaxBytes: *maxBytes, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "warta worker: %v\n", err)
		return 1
	}
	defer st.Close()
	nc, js, err := queue.Connect(ctx, *natsURL, "warta worker "+*name)
	if err != nil {
		fmt.Fprintf(stderr, "warta worker: %v\n", err)
		return 1
	}
	defer nc.Close()
	w := &queue.Worker{Name: *name, JS: js, Names: queue.NamesOf(*stream), Ingester: in, Store: st,
		Threads: *threads, Fetch: *fetchN, AckWait: *ackWait, MaxAckPending: *maxPending, MaxDeliver: *maxDeliver,
		Drain: *drain, Grace: *grace, Log: stderr}
	fmt.Fprintf(stderr, "warta worker %s: %s on %s → %s\n", *name, *stream, *natsURL, st.Path())
	if err := w.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "warta worker: %v\n", err)
		return 1
	}
	return 0
}

// cmdStatus prints the queue's and the workers' state.
func cmdStatus(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	natsURL := fs.String("nats", defaultNATS, "NATS server URL")
	stream := fs.String("stream", queue.DefaultStream, "JetStream stream name")
	dbPath := fs.String("db", store.DefaultPath, "the workers' store (postgres://… or SQLite file)")
	jsonOut := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "warta status: %v\n", err)
		return 1
	}
	defer st.Close()
	s, err := queue.Stat(ctx, *natsURL, queue.NamesOf(*stream), st)
	if err != nil {
		fmt.Fprintf(stderr, "warta status: %v\n", err)
		return 1
	}
	if *jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(s)
		return 0
	}
	fmt.Fprintf(stdout, "stream %s: %d items queued (%d waiting, %d in flight, %d redelivered), %d dead letters; committed through item %d in %s\n",
		s.Stream, s.Depth, s.Waiting, s.InFlight, s.Redelivered, s.Dead, s.Committed, s.Store)
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WORKER\tITEMS\tARTICLES\tEVENTS\tDEAD\tARTICLES/S\tLAST SEEN")
	for _, w := range s.Workers {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.1f\t%s ago\n", w.Name, w.Items, w.Articles, w.Events, w.Dead, w.ArticlesSec,
			s.At.Sub(w.LastSeen).Round(time.Second))
	}
	tw.Flush()
	return 0
}
