package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/extract"
	"github.com/warta-id/warta/feed"
	"github.com/warta-id/warta/fetch"
	"github.com/warta-id/warta/source"
	"github.com/warta-id/warta/warc"
)

// read expands each source — file, directory, glob, URL, "-" — into jobs, in
// order. Directories are walked in lexical order.
func (in *Ingester) read(ctx context.Context, sources []string, out chan<- *job) {
	send := func(j *job) bool {
		select {
		case out <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for _, src := range sources {
		if ctx.Err() != nil {
			return
		}
		switch {
		case src == "-":
			in.readText("-", send)
		case isURL(src) && in.expanding:
			send(&job{name: src, work: &Work{Name: src, Kind: KindURL, URL: src}})
		case isURL(src):
			if fs := in.readURL(ctx, src, send); fs != nil {
				in.mu.Lock()
				in.feedState = append(in.feedState, *fs)
				in.mu.Unlock()
			}
		case strings.ContainsAny(src, "*?["):
			matches, err := filepath.Glob(src)
			if err != nil || len(matches) == 0 {
				if err == nil {
					err = errors.New("matches no file")
				}
				send(&job{name: src, err: failed("read-error", fmt.Errorf("%s: %w", src, err))})
				continue
			}
			sort.Strings(matches)
			for _, m := range matches {
				in.readPath(ctx, m, send)
			}
		default:
			in.readPath(ctx, src, send)
		}
	}
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// readPath reads a file, or every supported file under a directory.
func (in *Ingester) readPath(ctx context.Context, p string, send func(*job) bool) {
	fi, err := os.Stat(p)
	if err != nil {
		send(&job{name: p, err: failed("read-error", err)})
		return
	}
	if !fi.IsDir() {
		in.readFile(ctx, p, fi.Size(), send)
		return
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			send(&job{name: path, err: failed("read-error", err)})
			return nil
		}
		if !d.IsDir() && kindOf(path) != "" {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		send(&job{name: p, err: failed("read-error", err)})
	}
	sort.Strings(files) // WalkDir is lexical already; be explicit
	for _, f := range files {
		if ctx.Err() != nil {
			return
		}
		var size int64
		if fi, err := os.Stat(f); err == nil {
			size = fi.Size()
		}
		in.readFile(ctx, f, size, send)
	}
}

// kindOf names a file's input kind by its extension ("" when unsupported).
func kindOf(p string) string {
	l := strings.ToLower(p)
	switch {
	case strings.HasSuffix(l, ".txt"):
		return "text"
	case strings.HasSuffix(l, ".jsonl"):
		return "jsonl"
	case strings.HasSuffix(l, ".html"), strings.HasSuffix(l, ".htm"):
		return "html"
	case strings.HasSuffix(l, ".warc"), strings.HasSuffix(l, ".warc.gz"):
		return "warc"
	}
	return ""
}

func (in *Ingester) readFile(ctx context.Context, p string, size int64, send func(*job) bool) {
	switch kindOf(p) {
	case "text", "jsonl":
		in.readText(p, send)
	case "html":
		pg := &Page{File: p}
		send(&job{name: p, size: size, work: &Work{Name: p, Kind: KindPage, Page: pg},
			load: func() (*doc.Document, error) { return in.loadPage(p, pg) }})
	case "warc":
		in.readWARC(ctx, p, send)
	default:
		send(&job{name: p, err: skipped("unsupported-file", fmt.Errorf("%s: not a .txt, .jsonl, .html or .warc(.gz) file", p))})
	}
}

func (in *Ingester) maxBytes() int {
	if in.opts.MaxBytes > 0 {
		return in.opts.MaxBytes
	}
	return source.DefaultMaxBytes
}

// readLimited reads a file of at most max bytes.
func readLimited(p string, max int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, failed("read-error", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, failed("read-error", fmt.Errorf("%s: %w", p, err))
	}
	if int64(len(b)) > max {
		return nil, skipped("too-large", fmt.Errorf("%s: larger than %d bytes", p, max))
	}
	return b, nil
}

// readText reads .txt and .jsonl files (and stdin) with package source.
func (in *Ingester) readText(p string, send func(*job) bool) {
	r := &source.Reader{MaxBytes: in.opts.MaxBytes}
	items := make(chan source.Item, 16)
	go func() {
		defer close(items)
		r.ReadPaths([]string{p}, os.Stdin, items)
	}()
	stop := false
	for it := range items {
		if stop {
			continue // drain
		}
		j := &job{name: it.Name, doc: it.Doc}
		if it.Err != nil {
			j.err = failed("read-error", it.Err)
		} else if it.Doc != nil {
			j.size = int64(len(it.Doc.Raw))
		}
		if !send(j) {
			stop = true
		}
	}
}

// page makes a Document from an HTML page. Its id comes from the canonical
// URL, or from the text when the page has none.
func (in *Ingester) page(name string, raw []byte, contentType, pageURL string) (*doc.Document, error) {
	pg, err := extract.Extract(name, raw, contentType, pageURL)
	if err != nil {
		switch {
		case errors.Is(err, extract.ErrNoArticle):
			return nil, skipped("no-article", err)
		case errors.Is(err, extract.ErrTooLarge):
			return nil, skipped("too-large", err)
		case errors.Is(err, extract.ErrEmpty):
			return nil, failed("empty", err)
		case errors.Is(err, extract.ErrBinary):
			return nil, failed("binary", err)
		}
		return nil, failed("unreadable-html", err)
	}
	if len(pg.Text) > in.maxBytes() {
		return nil, skipped("too-large", fmt.Errorf("%s: article text of %d bytes is larger than %d", name, len(pg.Text), in.maxBytes()))
	}
	text := pg.Text
	if pg.Title != "" {
		text = pg.Title + "\n\n" + pg.Text
	}
	d := &doc.Document{
		ID:        ArticleID(pg.URL, pg.Text),
		Title:     pg.Title,
		URL:       pg.URL,
		Source:    pg.Outlet,
		Published: pg.Published,
		Raw:       text,
	}
	return d, nil
}

// ArticleID derives an article's id from its canonical URL ("u" and 16 hex
// digits of its SHA-256), or from its text ("c" and 16 hex digits) when it
// has no URL, so the same article gets the same id in every run.
func ArticleID(canonicalURL, text string) string {
	if u := NormalizeURL(canonicalURL); u != "" {
		h := sha256.Sum256([]byte(u))
		return "u" + hex.EncodeToString(h[:8])
	}
	h := sha256.Sum256([]byte(text))
	return "c" + hex.EncodeToString(h[:8])
}

// NormalizeURL lower-cases the scheme and host, drops the fragment,
// tracking parameters (utm_*, fbclid, gclid) and a trailing slash; "" when
// the string is not an absolute http(s) URL.
func NormalizeURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	u.Fragment = ""
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u.String()
}

// readWARC sends the HTML responses of a WARC file.
func (in *Ingester) readWARC(ctx context.Context, p string, send func(*job) bool) {
	f, err := os.Open(p)
	if err != nil {
		send(&job{name: p, err: failed("read-error", err)})
		return
	}
	defer f.Close()
	stats, err := warc.Read(p, bufio.NewReaderSize(f, 1<<20), func(r warc.Record) error {
		name := fmt.Sprintf("%s@%d", p, r.Offset)
		pg := &Page{Body: r.Body, ContentType: r.ContentType, URL: r.URI, WARC: true, Date: r.Date}
		j := &job{name: name, size: int64(len(r.Body)), work: &Work{Name: name, Kind: KindPage, Page: pg},
			load: func() (*doc.Document, error) { return in.loadPage(name, pg) }}
		if !send(j) {
			return ctx.Err()
		}
		return nil
	})
	for reason, n := range stats.Skipped {
		in.prog.logf("%s: %d WARC records skipped: %s", p, n, reason)
	}
	in.warcSkipped(stats)
	if err != nil && ctx.Err() == nil {
		send(&job{name: p, err: failed("broken-warc", err)})
	}
}

// loadPage makes a Document from a page held in memory: an HTML page, or
// a WARC record's (whose URI and date stand in for what the page lacks).
func (in *Ingester) loadPage(name string, pg *Page) (*doc.Document, error) {
	body := pg.Body
	if pg.File != "" && body == nil {
		raw, err := readLimited(pg.File, int64(in.maxBytes())*4)
		if err != nil {
			return nil, err
		}
		body = raw
	}
	if !pg.WARC {
		return in.page(name, body, pg.ContentType, pg.URL)
	}
	d, err := in.page(name, body, pg.ContentType, pg.URL)
	if err != nil {
		return nil, err
	}
	if d.URL == "" {
		d.URL = pg.URL
		d.ID = ArticleID(pg.URL, d.Raw)
	}
	if d.Published.IsZero() && !pg.Date.IsZero() {
		d.Published, d.PublishedGuessed = pg.Date, true
	}
	return d, nil
}

// warcSkipped counts the records a WARC reader passed over (requests,
// metadata, non-HTML and non-200 responses), so the summary accounts for
// them.
func (in *Ingester) warcSkipped(st warc.Stats) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.warcCounts == nil {
		in.warcCounts = map[string]int{}
	}
	for k, v := range st.Skipped {
		in.warcCounts[k] += v
	}
}

// readURL fetches a feed (then each new item's page) or an article page.
// For a feed read to its end it returns the validators to save once its
// items are stored; otherwise nil.
func (in *Ingester) readURL(ctx context.Context, u string, send func(*job) bool) *feedState {
	etag, lm, err := in.opts.Store.FeedValidators(ctx, u)
	if err != nil {
		send(&job{name: u, err: err})
		return nil
	}
	resp, err := in.opts.Fetcher.Get(ctx, u, fetch.Validators{ETag: etag, LastModified: lm})
	if err != nil {
		send(&job{name: u, err: fetchError(u, err)})
		return nil
	}
	if resp.NotModified {
		in.prog.logf("%s: not modified since the last poll", u)
		return nil
	}
	if !looksLikeFeed(resp.ContentType, resp.Body) {
		body, ct, final := resp.Body, resp.ContentType, resp.URL
		send(&job{name: u, size: int64(len(body)), load: func() (*doc.Document, error) {
			return in.page(u, body, ct, final)
		}})
		return nil
	}
	fd, err := feed.Parse(u, resp.Body)
	if err != nil {
		send(&job{name: u, err: failed("broken-feed", err)})
		return nil
	}
	for _, it := range fd.Items {
		if ctx.Err() != nil {
			return nil
		}
		guid := it.GUID
		if guid == "" {
			guid = it.Link
		}
		seen, err := in.opts.Store.SeenFeedItem(ctx, u, guid)
		if err != nil {
			send(&job{name: u, err: err})
			return nil
		}
		if seen || it.Link == "" {
			continue
		}
		item := it
		link := it.Link
		ok := send(&job{name: link, feed: u, guid: guid, load: func() (*doc.Document, error) {
			r, err := in.opts.Fetcher.Get(ctx, link, fetch.Validators{})
			if err != nil {
				return nil, fetchError(link, err)
			}
			d, err := in.page(link, r.Body, r.ContentType, r.URL)
			if err != nil {
				return nil, err
			}
			if d.Title == "" {
				d.Title = item.Title
			}
			if d.Published.IsZero() {
				d.Published = item.Published
			}
			return d, nil
		}})
		if !ok {
			return nil
		}
	}
	return &feedState{u, resp.Validators.ETag, resp.Validators.LastModified}
}

// fetchError classifies a fetch failure: robots.txt refusals and client
// errors are permanent (recorded, not tried again); the rest (server
// errors, timeouts) are transient and retried on the next run.
func fetchError(u string, err error) error {
	if errors.Is(err, fetch.ErrDisallowed) {
		return skipped("robots-disallowed", err)
	}
	var se *fetch.StatusError
	if errors.As(err, &se) && se.Status >= 400 && se.Status < 500 && se.Status != 429 {
		return failed(fmt.Sprintf("http-%d", se.Status), err)
	}
	if errors.Is(err, fetch.ErrTooLarge) {
		return skipped("too-large", err)
	}
	return failed("fetch", err)
}

// looksLikeFeed tells a feed from a page by its content type and first
// element.
func looksLikeFeed(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") {
		return true
	}
	head := body
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.ToLower(head)
	if bytes.Contains(head, []byte("<html")) {
		return false
	}
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf"))
}
