// Package ingest takes what users have — text and JSONL files, saved HTML
// pages, WARC archives, RSS/Atom feeds and article URLs — through
// extraction, language identification, deduplication and the event
// pipeline into a store.Store.
//
// It runs in two ordered, parallel stages with one sequential decision
// between them and one sequential writer after them:
//
//	read → [load: extract, identify language, hash] → decide duplicates
//	     → [process: the event pipeline] → write batches
//
// Both stages keep the input order, and every decision that depends on
// earlier articles (exact and near duplicates, event clustering) is taken
// in that order, so a run gives the same database whatever the number of
// workers, and a killed run resumed later gives the same database as an
// uninterrupted one: articles already stored are recognised by id and
// skipped, and the duplicate index is rebuilt from the store.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/dedup"
	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/fetch"
	"github.com/warta-id/warta/langid"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/store"
)

// Options configure an ingest run.
type Options struct {
	Store    *store.Store
	Pipeline *pipeline.Pipeline
	Workers  int           // per stage; runtime.NumCPU when 0
	Batch    int           // articles per transaction; 200 when 0
	Flush    time.Duration // longest a finished article waits to be written; 2s when 0
	// Published is the publication date for inputs that have none.
	Published time.Time
	MaxBytes  int // largest accepted article text; source.DefaultMaxBytes when 0
	// NearDuplicate is the estimated Jaccard similarity above which an
	// article is stored as a near-duplicate of an earlier one; 0 uses
	// dedup's default, a negative value turns near-duplicate detection off
	// (exact duplicates are still found).
	NearDuplicate float64
	// KeepDuplicates stores and codes every article as new, copies too
	// (for benchmarks, or users who want each outlet's copy coded).
	KeepDuplicates bool
	Fetcher        *fetch.Fetcher // for URLs and feeds; a default one when nil
	// Log receives progress and per-input problems; Terminal draws a
	// one-line progress display instead of periodic log lines.
	Log      io.Writer
	Terminal bool
}

// Summary counts what a run did.
type Summary struct {
	Read          int            `json:"read"`            // inputs read (articles, pages, records)
	Ingested      int            `json:"ingested"`        // new articles stored and coded
	Duplicates    int            `json:"duplicates"`      // exact copies of stored articles
	NearDuplicate int            `json:"near_duplicates"` // near copies (syndication, re-posts)
	AlreadyStored int            `json:"already_stored"`  // stored by an earlier run
	Skipped       map[string]int `json:"skipped"`         // by reason (language, no article, …)
	Failed        map[string]int `json:"failed"`          // by reason (unreadable, fetch error, …)
	Events        int            `json:"events"`          // events coded in the new articles
	Sentences     int            `json:"sentences"`
	Elapsed       time.Duration  `json:"-"`
	Seconds       float64        `json:"seconds"`
}

// Skip is an input Warta does not ingest, by design or by failure.
type Skip struct {
	Failed bool   // an error rather than a choice
	Reason string // short and stable, used for counting: "language:en", "no-article", "read-error"
	Err    error  // the full message, naming the input
}

func (s *Skip) Error() string { return s.Err.Error() }
func (s *Skip) Unwrap() error { return s.Err }

func skipped(reason string, err error) error { return &Skip{Reason: reason, Err: err} }
func failed(reason string, err error) error  { return &Skip{Failed: true, Reason: reason, Err: err} }

// job is one input on its way through the stages.
type job struct {
	name       string
	doc        *doc.Document
	err        error
	load       func() (*doc.Document, error)
	feed, guid string        // feed item, marked handled once stored
	size       int64         // input bytes, for the progress estimate
	work       *Work         // the input as a queue work item (see Expand)
	loaded     *doc.Document // a worker's copy of doc before the pipeline ran
	published  time.Time     // publication date for an input without one (else Options.Published)

	// set by the load stage
	lang string
	hash string
	sig  dedup.Signature
	// set by the duplicate decision
	dupOf string
	sim   float64
	exact bool // dupOf has the same content hash
	known bool // stored by an earlier run
}

// Ingester runs ingests into one store.
type Ingester struct {
	opts Options

	mu     sync.Mutex // guards the fields below, read by the load stage
	stored map[string]bool

	hashes map[string]string // content hash → id of the original
	index  *dedup.Index
	// threshold is the near-duplicate similarity; lastN the number of the
	// last stored article the decisions know of
	threshold float64
	lastN     int64
	// expanding: Expand is reading sources for a queue (URLs are not fetched)
	expanding bool
	sum       Summary
	prog      *progress
	// validators to save once a poll's items are all written
	feedState []feedState
	// WARC records passed over by reason (requests, non-HTML, …)
	warcCounts map[string]int
	// feeds with an item that failed transiently this run: their
	// validators are not saved, so the next poll sees the item again
	feedRetry map[string]bool
}

type feedState struct{ url, etag, lastModified string }

// New prepares an ingest into opts.Store, loading what it already holds.
func New(ctx context.Context, opts Options) (*Ingester, error) {
	if opts.Store == nil || opts.Pipeline == nil {
		return nil, errors.New("ingest: a store and a pipeline are required")
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Batch <= 0 {
		opts.Batch = 200
	}
	if opts.Flush <= 0 {
		opts.Flush = 2 * time.Second
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Fetcher == nil {
		opts.Fetcher = &fetch.Fetcher{}
	}
	threshold := opts.NearDuplicate
	if threshold == 0 {
		threshold = dedup.DefaultThreshold
	}
	in := &Ingester{
		opts:      opts,
		stored:    map[string]bool{},
		hashes:    map[string]string{},
		threshold: threshold,
		prog:      newProgress(opts.Log, false, 0),
	}
	if threshold > 0 && !opts.KeepDuplicates {
		in.index = dedup.NewIndex(threshold)
	}
	if err := in.catchUp(ctx); err != nil {
		return nil, err
	}
	return in, nil
}

// catchUp adds the articles stored since the last call (by this run or,
// for a worker, by others) to what the duplicate decisions know.
func (in *Ingester) catchUp(ctx context.Context) error {
	last, err := in.opts.Store.EachArticleAfter(ctx, in.lastN, func(k store.Known) error {
		in.mu.Lock()
		in.stored[k.ID] = true
		in.mu.Unlock()
		if k.Duplicate {
			return nil
		}
		if _, ok := in.hashes[k.Hash]; !ok {
			in.hashes[k.Hash] = k.ID
		}
		if in.index != nil && len(k.MinHash) > 0 {
			var s dedup.Signature
			if err := s.UnmarshalBinary(k.MinHash); err != nil {
				return fmt.Errorf("article %s: signature: %w", k.ID, err)
			}
			in.index.Add(k.ID, s)
		}
		return nil
	})
	in.lastN = last
	return err
}

// forget drops what the duplicate decisions know, to be read again from
// the store: after a failed commit, whose decisions were not stored.
func (in *Ingester) forget() {
	in.mu.Lock()
	in.stored = map[string]bool{}
	in.mu.Unlock()
	in.hashes = map[string]string{}
	if in.index != nil {
		in.index = dedup.NewIndex(in.threshold)
	}
	in.lastN = 0
}

// Summary returns the counts so far.
func (in *Ingester) Summary() Summary {
	s := in.sum
	s.Skipped = copyCounts(s.Skipped)
	s.Failed = copyCounts(s.Failed)
	return s
}

func copyCounts(m map[string]int) map[string]int {
	c := make(map[string]int, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// Run ingests every source once. Problems with single inputs are counted,
// logged and recorded in the store; the error is for problems that stop the
// whole run (the store failing, the context cancelled).
func (in *Ingester) Run(ctx context.Context, sources []string) (Summary, error) {
	start := time.Now()
	in.sum = Summary{Skipped: map[string]int{}, Failed: map[string]int{}}
	in.prog = newProgress(in.opts.Log, in.opts.Terminal, totalBytes(sources))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan *job, in.opts.Workers*2)
	go func() {
		defer close(jobs)
		in.read(ctx, sources, jobs)
	}()

	decided := make(chan *job, in.opts.Workers*2)
	go func() {
		defer close(decided)
		pipeline.Ordered(jobs, in.opts.Workers, in.load, func(j *job) {
			in.decide(j)
			decided <- j
		})
	}()

	w := newBatchWriter(ctx, in)
	pipeline.Ordered(decided, in.opts.Workers, in.process, func(j *job) {
		if w.failed() {
			return // drain after a store failure
		}
		w.add(j)
	})
	w.close()
	if w.err == nil && ctx.Err() == nil {
		w.err = in.saveFeedState(ctx)
	}
	in.mu.Lock()
	for k, v := range in.warcCounts {
		in.sum.Skipped["warc-record:"+k] += v
	}
	in.warcCounts = nil
	in.mu.Unlock()
	in.sum.Elapsed = time.Since(start)
	in.sum.Seconds = in.sum.Elapsed.Seconds()
	in.prog.done(in.sum)
	if w.err != nil {
		return in.Summary(), w.err
	}
	return in.Summary(), ctx.Err()
}

// load runs on the first stage's workers: read or extract the article,
// identify its language, hash and sign it.
func (in *Ingester) load(j *job) *job {
	if j.err != nil || (j.doc == nil && j.load == nil) {
		return j
	}
	if j.doc == nil {
		d, err := safely(j.name, j.load)
		if err != nil {
			j.err = err
			return j
		}
		j.doc = d
	}
	d := j.doc
	def := in.opts.Published
	if !j.published.IsZero() {
		def = j.published
	}
	if d.Published.IsZero() && !def.IsZero() {
		d.Published, d.PublishedGuessed = def, true
	}
	in.mu.Lock()
	known := in.stored[d.ID]
	in.mu.Unlock()
	if known {
		j.known = true
		return j
	}
	g := langid.Detect(d.Raw)
	j.lang = g.Lang
	if g.Lang != langid.Indonesian {
		j.err = skipped("language:"+g.Lang, fmt.Errorf("%s: not Indonesian (%s, confidence %.2f, %s)", j.name, g.Lang, g.Confidence, g.Reason))
		return j
	}
	j.hash = dedup.ContentHash(d.Raw)
	if in.index != nil {
		// cleaned once here, for the signature; the pipeline keeps it
		article.Clean(d)
		j.sig = dedup.SignCleaned(d.Text)
	}
	return j
}

func safely(name string, load func() (*doc.Document, error)) (d *doc.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, failed("internal-error", fmt.Errorf("%s: internal error while reading: %v", name, r))
		}
	}()
	return load()
}

// decide runs in input order between the stages: is the article new, an
// exact copy, or a near copy of one already seen?
func (in *Ingester) decide(j *job) {
	if j.err != nil || j.doc == nil || j.known {
		return
	}
	id := j.doc.ID
	in.mu.Lock()
	seen := in.stored[id]
	in.stored[id] = true
	in.mu.Unlock()
	if seen {
		j.known = true
		return
	}
	if in.opts.KeepDuplicates {
		return
	}
	if orig, ok := in.hashes[j.hash]; ok {
		j.dupOf, j.sim, j.exact = orig, 1, true
		return
	}
	if in.index != nil {
		if orig, sim, ok := in.index.Near(j.sig); ok {
			j.dupOf, j.sim = orig, sim
			return
		}
	}
	in.hashes[j.hash] = id
	if in.index != nil {
		in.index.Add(id, j.sig)
	}
}

// process runs on the second stage's workers: code the new articles.
func (in *Ingester) process(j *job) *job {
	if j.err != nil || j.doc == nil || j.known || j.dupOf != "" {
		return j
	}
	if err := in.opts.Pipeline.Try(j.doc, j.name); err != nil {
		j.err = failed("internal-error", err)
	}
	return j
}

// batchWriter collects finished jobs and writes them in batches, on its
// own goroutine so the pipeline keeps working while SQLite writes. Batches
// are written in order, one at a time.
type batchWriter struct {
	in     *Ingester
	ctx    context.Context
	batch  []store.Entry
	last   time.Time
	writes chan []store.Entry
	result chan error
	bad    atomic.Bool
	err    error // set by close
}

func newBatchWriter(ctx context.Context, in *Ingester) *batchWriter {
	w := &batchWriter{in: in, ctx: ctx, last: time.Now(),
		writes: make(chan []store.Entry, 1), result: make(chan error, 1)}
	go func() {
		var err error
		for b := range w.writes {
			if err == nil {
				if err = in.opts.Store.Write(ctx, b); err != nil {
					w.bad.Store(true)
				}
			}
		}
		w.result <- err
	}()
	return w
}

func (w *batchWriter) failed() bool { return w.bad.Load() }

// close writes what is left and waits for the writes to finish.
func (w *batchWriter) close() {
	w.flush()
	close(w.writes)
	w.err = <-w.result
}

func (w *batchWriter) add(j *job) {
	in := w.in
	if e, ok := in.entry(j); ok {
		w.batch = append(w.batch, e)
	}
	in.prog.update(in.sum)
	if len(w.batch) >= in.opts.Batch || (len(w.batch) > 0 && time.Since(w.last) >= in.opts.Flush) {
		w.flush()
	}
}

// entry counts a finished job in the summary and gives the store entry
// that records it (false when nothing is to be stored: a transient
// failure, tried again on the next run, or an article already stored).
func (in *Ingester) entry(j *job) (store.Entry, bool) {
	in.sum.Read++
	in.prog.read(j.size)
	switch {
	case j.known:
		in.sum.AlreadyStored++
		if j.feed != "" {
			return store.Entry{Input: j.name, Doc: j.doc, Feed: j.feed, GUID: j.guid}, true
		}
		return store.Entry{}, false
	case j.err != nil:
		s := skipOf(j.err)
		if s.Failed {
			in.sum.Failed[s.Reason]++
		} else {
			in.sum.Skipped[s.Reason]++
		}
		in.prog.logf("%s: %v", kindWord(s.Failed), s.Err)
		if s.Reason == "fetch" {
			// transient: not recorded, tried again on the next run
			if j.feed != "" {
				if in.feedRetry == nil {
					in.feedRetry = map[string]bool{}
				}
				in.feedRetry[j.feed] = true
			}
			return store.Entry{}, false
		}
		return store.Entry{Input: j.name, Feed: j.feed, GUID: j.guid,
			Reject: &store.Reject{Failed: s.Failed, Reason: s.Reason, Detail: s.Err.Error()}}, true
	default:
		e := store.Entry{Input: j.name, Doc: j.doc, Lang: j.lang, Hash: j.hash, Feed: j.feed, GUID: j.guid}
		if j.sig != nil {
			b, err := j.sig.MarshalBinary()
			if err != nil {
				b = nil // cannot happen for a signature Sign made; the article is kept
			}
			e.MinHash = b
		}
		if j.dupOf != "" {
			e.DuplicateOf, e.Similarity = j.dupOf, j.sim
			if j.exact {
				in.sum.Duplicates++
			} else {
				in.sum.NearDuplicate++
			}
		} else {
			in.sum.Ingested++
			in.sum.Events += countEvents(j.doc)
			in.sum.Sentences += len(j.doc.Sentences)
		}
		return e, true
	}
}

// skipOf is the Skip a job's error is, or wraps.
func skipOf(err error) *Skip {
	var s *Skip
	if !errors.As(err, &s) {
		s = &Skip{Failed: true, Reason: "read-error", Err: err}
	}
	return s
}

func kindWord(failed bool) string {
	if failed {
		return "failed"
	}
	return "skipped"
}

// countEvents counts the events the store keeps (not negated, not
// hypothetical).
func countEvents(d *doc.Document) int {
	n := 0
	for i := range d.Events {
		if !d.Events[i].Negated && !d.Events[i].Hypothetical {
			n++
		}
	}
	return n
}

func (w *batchWriter) flush() {
	w.last = time.Now()
	if len(w.batch) == 0 || w.failed() {
		return
	}
	w.writes <- w.batch
	w.batch = make([]store.Entry, 0, w.in.opts.Batch)
}

func (in *Ingester) saveFeedState(ctx context.Context) error {
	in.mu.Lock()
	states := in.feedState
	in.feedState = nil
	in.mu.Unlock()
	retry := in.feedRetry
	in.feedRetry = nil
	for _, f := range states {
		if retry[f.url] {
			continue // an item failed for now: fetch the whole feed again next time
		}
		if err := in.opts.Store.SetFeedValidators(ctx, f.url, f.etag, f.lastModified); err != nil {
			return err
		}
	}
	return nil
}

// String formats a summary for people.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d, ingested %d (%d sentences, %d events), exact duplicates %d, near duplicates %d, already stored %d",
		s.Read, s.Ingested, s.Sentences, s.Events, s.Duplicates, s.NearDuplicate, s.AlreadyStored)
	writeCounts(&b, "skipped", s.Skipped)
	writeCounts(&b, "failed", s.Failed)
	if s.Seconds > 0 {
		fmt.Fprintf(&b, "; %.1fs, %.0f articles/s", s.Seconds, float64(s.Read)/s.Seconds)
	}
	return b.String()
}

func writeCounts(b *strings.Builder, what string, m map[string]int) {
	total := 0
	var keys []string
	for k, v := range m {
		total += v
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(b, ", %s %d", what, total)
	if total == 0 {
		return
	}
	b.WriteString(" (")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%s %d", k, m[k])
	}
	b.WriteString(")")
}
