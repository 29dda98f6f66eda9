package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/warta-id/warta/article"
	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/store"
)

// Kinds of work items.
const (
	KindArticle = "article" // an article's text and metadata (from .txt, .jsonl, stdin)
	KindPage    = "page"    // an HTML page or a WARC record's payload, with its body
	KindURL     = "url"     // an article or feed URL, fetched by the worker
	KindReject  = "reject"  // an input that could not be read, recorded as such
)

// Work is one input as a queue carries it between `warta enqueue` and the
// workers: everything a worker needs to process it without the enqueuer's
// files, except URLs, which the worker fetches. Name is the input's name
// as a single-process ingest gives it (file, file:line, WARC file@offset,
// URL), so both record the same thing.
type Work struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Article *Article `json:"article,omitempty"`
	Page    *Page    `json:"page,omitempty"`
	URL     string   `json:"url,omitempty"`
	Reject  *Failure `json:"reject,omitempty"`
	// Published is the publication date for an article without one (the
	// enqueuer's --published).
	Published time.Time `json:"published,omitzero"`
}

// Article is an article read from text or JSONL, before any processing.
type Article struct {
	ID               string    `json:"id"`
	Title            string    `json:"title,omitempty"`
	URL              string    `json:"url,omitempty"`
	Source           string    `json:"source,omitempty"`
	Published        time.Time `json:"published,omitzero"`
	PublishedGuessed bool      `json:"published_guessed,omitempty"`
	Text             string    `json:"text"`
}

// Page is an HTML page: a file's or a WARC record's body.
type Page struct {
	Body        []byte    `json:"body,omitempty"`
	File        string    `json:"-"` // read by Expand into Body
	ContentType string    `json:"content_type,omitempty"`
	URL         string    `json:"url,omitempty"`
	WARC        bool      `json:"warc,omitempty"` // a WARC record: its URI and date stand in for the page's own
	Date        time.Time `json:"date,omitzero"`
}

// Failure is why an input could not be read.
type Failure struct {
	Failed bool   `json:"failed"` // an error rather than a choice
	Reason string `json:"reason"`
	Detail string `json:"detail"`
}

// NewExpander prepares an Ingester for Expand only (no store, no
// pipeline): what `warta enqueue` needs.
func NewExpander(opts Options) *Ingester {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Ingester{opts: opts, stored: map[string]bool{}, hashes: map[string]string{}, prog: newProgress(opts.Log, false, 0)}
}

// Expand reads sources — files, directories, globs, "-" — as Run does and
// calls fn with each input as a work item, in order; URLs are passed on
// unfetched. Unreadable inputs become KindReject items, so that workers
// record them as a single process would.
func (in *Ingester) Expand(ctx context.Context, sources []string, fn func(Work) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *job, 16)
	in.expanding = true
	go func() {
		defer close(jobs)
		in.read(ctx, sources, jobs)
	}()
	var err error
	for j := range jobs {
		if err != nil {
			continue // drain
		}
		if e := fn(in.workOf(j)); e != nil {
			err = e
			cancel()
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

func (in *Ingester) workOf(j *job) Work {
	w := Work{Name: j.name, Published: in.opts.Published}
	switch {
	case j.err != nil:
		w.Kind, w.Reject = KindReject, failureOf(j.err)
	case j.work != nil && j.work.Kind == KindURL:
		w.Kind, w.URL = KindURL, j.work.URL
	case j.work != nil && j.work.Page != nil:
		pg := *j.work.Page
		if pg.File != "" {
			raw, err := readLimited(pg.File, int64(in.maxBytes())*4)
			if err != nil {
				w.Kind, w.Reject = KindReject, failureOf(err)
				return w
			}
			pg.Body, pg.File = raw, ""
		}
		w.Kind, w.Page = KindPage, &pg
	case j.doc != nil:
		d := j.doc
		w.Kind = KindArticle
		w.Article = &Article{ID: d.ID, Title: d.Title, URL: d.URL, Source: d.Source,
			Published: d.Published, PublishedGuessed: d.PublishedGuessed, Text: d.Raw}
	default:
		w.Kind, w.Reject = KindReject, &Failure{Failed: true, Reason: "read-error", Detail: j.name + ": nothing to read"}
	}
	return w
}

// failureOf describes an input's error as a work item carries it.
func failureOf(err error) *Failure {
	s := skipOf(err)
	return &Failure{Failed: s.Failed, Reason: s.Reason, Detail: s.Err.Error()}
}

// Prepared is a work item read, identified and coded by a worker, waiting
// for its turn to be committed.
type Prepared struct {
	Work Work
	jobs []*job
	feed *feedState // a feed's validators, saved once its items are stored
}

// Failures lists the inputs of a prepared item that failed (not those
// skipped by design), with their reasons: a worker sends them to the
// dead-letter subject as well as recording them.
func (p *Prepared) Failures() []Failure {
	var out []Failure
	for _, j := range p.jobs {
		if j.err == nil {
			continue
		}
		if f := failureOf(j.err); f.Failed {
			out = append(out, *f)
		}
	}
	return out
}

// Transient reports whether the item met a failure worth trying again
// later (a fetch that timed out, a server error).
func (p *Prepared) Transient() bool {
	for _, j := range p.jobs {
		if j.err != nil && skipOf(j.err).Reason == "fetch" {
			return true
		}
	}
	return false
}

// Prepare does a work item's share of the work that depends on nothing
// stored — reading, extraction, language identification, hashing and the
// event pipeline — and may run on many goroutines and machines at once.
// Decisions that depend on earlier articles wait for Commit.
func (in *Ingester) Prepare(ctx context.Context, w Work) *Prepared {
	p := &Prepared{Work: w}
	add := func(j *job) bool { p.jobs = append(p.jobs, j); return true }
	switch w.Kind {
	case KindArticle:
		if w.Article == nil {
			add(&job{name: w.Name, err: failed("bad-work-item", fmt.Errorf("%s: article item without an article", w.Name))})
			break
		}
		a := w.Article
		if err := article.Check(w.Name, []byte(a.Text), in.maxBytes()); err != nil {
			add(&job{name: w.Name, err: failed("read-error", err)})
			break
		}
		add(&job{name: w.Name, size: int64(len(a.Text)), doc: &doc.Document{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source,
			Published: a.Published, PublishedGuessed: a.PublishedGuessed, Raw: a.Text}})
	case KindPage:
		if w.Page == nil {
			add(&job{name: w.Name, err: failed("bad-work-item", fmt.Errorf("%s: page item without a page", w.Name))})
			break
		}
		pg := w.Page
		add(&job{name: w.Name, size: int64(len(pg.Body)), load: func() (*doc.Document, error) { return in.loadPage(w.Name, pg) }})
	case KindURL:
		p.feed = in.readURL(ctx, w.URL, add)
	case KindReject:
		r := w.Reject
		if r == nil {
			r = &Failure{Failed: true, Reason: "bad-work-item", Detail: w.Name + ": reject item without a reason"}
		}
		add(&job{name: w.Name, err: &Skip{Failed: r.Failed, Reason: r.Reason, Err: errors.New(r.Detail)}})
	default:
		add(&job{name: w.Name, err: failed("bad-work-item", fmt.Errorf("%s: unknown kind of work item %q", w.Name, w.Kind))})
	}
	for _, j := range p.jobs {
		j.published = w.Published
		in.load(j)
		if j.doc != nil {
			loaded := *j.doc
			j.loaded = &loaded
		}
		in.process(j)
	}
	return p
}

// Commit takes the decisions Prepare left — already stored, exact or near
// duplicate of an earlier article — for a run of prepared items, in order,
// and stores them with WriteTurn. It must be called for one stream's items
// in stream order, from one goroutine. When the write fails (another
// worker committed the items, or the store failed) the decisions are
// forgotten and read again from the store on the next call.
func (in *Ingester) Commit(ctx context.Context, ps []*Prepared, turn store.Turn) error {
	if err := in.catchUp(ctx); err != nil {
		return err
	}
	in.sum = Summary{Skipped: map[string]int{}, Failed: map[string]int{}}
	var batch []store.Entry
	for _, p := range ps {
		for _, j := range p.jobs {
			in.decide(j)
			if j.dupOf != "" && j.loaded != nil {
				// a copy is stored as read, uncoded, as a single process does
				j.doc = j.loaded
			}
			if e, ok := in.entry(j); ok {
				batch = append(batch, e)
			}
		}
	}
	turn.Articles, turn.Events = in.sum.Ingested, in.sum.Events
	if err := in.opts.Store.WriteTurn(ctx, batch, turn); err != nil {
		in.forget()
		return err
	}
	for _, p := range ps {
		if f := p.feed; f != nil && !p.Transient() {
			if err := in.opts.Store.SetFeedValidators(ctx, f.url, f.etag, f.lastModified); err != nil {
				return err
			}
		}
	}
	return nil
}
