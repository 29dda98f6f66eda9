package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-id/warta/fetch"
	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/store"
)

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

func sharedPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.New(pipeline.Options{}) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func run(t testing.TB, s *store.Store, workers int, sources ...string) ingest.Summary {
	t.Helper()
	var log bytes.Buffer
	in, err := ingest.New(context.Background(), ingest.Options{
		Store: s, Pipeline: sharedPipeline(t), Workers: workers, Batch: 3, Log: &log,
		Published: time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC),
		Fetcher:   &fetch.Fetcher{Delay: time.Millisecond, Backoff: time.Millisecond, Retries: 1, Timeout: time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := in.Run(context.Background(), sources)
	if err != nil {
		t.Fatalf("ingest: %v\nlog:\n%s", err, log.String())
	}
	t.Logf("summary: %s\nlog:\n%s", sum, log.String())
	return sum
}

func dump(t testing.TB, s *store.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestIngestFiles ingests a directory of mixed inputs and a JSONL file: the
// Indonesian articles are stored and coded, the copy is stored as a
// duplicate, and every other input is skipped or failed with its reason.
func TestIngestFiles(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "w.db"))
	sum := run(t, s, 2, "testdata/articles", "testdata/batch.jsonl")
	if sum.Read != 12 { // 8 files and 4 JSONL lines
		t.Errorf("read %d inputs, want 12", sum.Read)
	}
	// berita-kompas, berita-tokyo, halaman-jakarta and jsonl-gaza are new;
	// jsonl-tokyo has berita-tokyo's text, salinan-tokyo adds boilerplate.
	if sum.Ingested != 4 || sum.Duplicates != 1 || sum.NearDuplicate != 1 {
		t.Errorf("ingested %d, exact duplicates %d, near duplicates %d; want 4, 1, 1", sum.Ingested, sum.Duplicates, sum.NearDuplicate)
	}
	for _, reason := range []string{"language:en", "language:ms"} {
		if sum.Skipped[reason] == 0 {
			t.Errorf("no input skipped for %s: %v", reason, sum.Skipped)
		}
	}
	if sum.Failed["read-error"] < 3 { // kosong.txt (empty), rusak.txt (binary), the broken JSONL line
		t.Errorf("failed = %v; want ≥3 read errors", sum.Failed)
	}
	if sum.Events == 0 {
		t.Error("no events coded")
	}
	db := s.DB()
	var title, url string
	if err := db.QueryRow("SELECT title, url FROM articles WHERE url LIKE '%polisi-bubarkan%'").Scan(&title, &url); err != nil {
		t.Fatalf("HTML page not stored: %v", err)
	}
	if title != "Polisi Bubarkan Unjuk Rasa Mahasiswa di Depan Gedung DPR" {
		t.Errorf("title = %q", title)
	}
	var dupOf string
	if err := db.QueryRow(`SELECT o.id FROM articles a JOIN articles o ON o.n = a.duplicate_of WHERE a.id = 'salinan-tokyo'`).Scan(&dupOf); err != nil || dupOf != "berita-tokyo" {
		t.Errorf("salinan-tokyo duplicate of %q (%v), want berita-tokyo", dupOf, err)
	}
	var rejects int
	db.QueryRow("SELECT count(*) FROM rejects").Scan(&rejects)
	if rejects != 6 { // english, malay, kosong, rusak, the broken JSONL line, jsonl-malay
		t.Errorf("%d rejects recorded, want 6", rejects)
	}
	var hits int
	db.QueryRow("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'mahasiswa'").Scan(&hits)
	if hits != 1 {
		t.Errorf("full-text search for mahasiswa: %d hits, want 1", hits)
	}
}

// TestIngestTwiceChangesNothing runs the same ingest twice.
func TestIngestTwiceChangesNothing(t *testing.T) {
	s := openStore(t, filepath.Join(t.TempDir(), "w.db"))
	run(t, s, 2, "testdata/articles", "testdata/batch.jsonl")
	before := dump(t, s)
	sum := run(t, s, 1, "testdata/articles", "testdata/batch.jsonl")
	if after := dump(t, s); after != before {
		t.Errorf("second ingest changed the database:\n%s", firstDiff(before, after))
	}
	if sum.Ingested != 0 || sum.AlreadyStored == 0 {
		t.Errorf("second run: %s", sum)
	}
}

// TestWorkersGiveSameDatabase: 1 and 3 workers store identical databases.
func TestWorkersGiveSameDatabase(t *testing.T) {
	a := openStore(t, filepath.Join(t.TempDir(), "a.db"))
	b := openStore(t, filepath.Join(t.TempDir(), "b.db"))
	run(t, a, 1, "testdata/articles", "testdata/batch.jsonl")
	run(t, b, 3, "testdata/articles", "testdata/batch.jsonl")
	if da, db := dump(t, a), dump(t, b); da != db {
		t.Errorf("1 and 3 workers differ:\n%s", firstDiff(da, db))
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths differ: %d vs %d lines", len(la), len(lb))
}

// TestIngestFeed serves a feed and its pages from 127.0.0.1: new items are
// fetched and stored, a 404 item is recorded, and the next poll sends the
// ETag and fetches nothing again.
func TestIngestFeed(t *testing.T) {
	page, err := os.ReadFile("testdata/articles/halaman-jakarta.html")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	hits := map[string]int{}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprintln(w, "User-agent: *\nDisallow: /private/")
		case "/rss":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Warta Contoh</title><link>%[1]s/</link>
<item><title>Polisi Bubarkan Unjuk Rasa</title><link>%[1]s/berita/1</link><guid>berita-1</guid><pubDate>Rabu, 05 Jun 2024 14:30:00 WIB</pubDate></item>
<item><title>Hilang</title><link>%[1]s/berita/hilang</link><guid>berita-hilang</guid></item>
<item><title>Rahasia</title><link>%[1]s/private/3</link><guid>berita-3</guid></item>
</channel></rss>`, srv.URL)
		case "/berita/1":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	s := openStore(t, filepath.Join(t.TempDir(), "w.db"))
	sum := run(t, s, 2, srv.URL+"/rss")
	if sum.Ingested != 1 || sum.Failed["http-404"] != 1 || sum.Skipped["robots-disallowed"] != 1 {
		t.Errorf("first poll: %s", sum)
	}
	if hits["/private/3"] != 0 {
		t.Error("fetched a page robots.txt disallows")
	}
	before := dump(t, s)
	sum = run(t, s, 2, srv.URL+"/rss")
	if sum.Read != 0 {
		t.Errorf("second poll read %d items, want 0 (304 Not Modified)", sum.Read)
	}
	if dump(t, s) != before {
		t.Error("second poll changed the database")
	}
	if hits["/berita/1"] != 1 {
		t.Errorf("article fetched %d times, want 1", hits["/berita/1"])
	}
}

// TestFeedItemRetriedAfterTransientFailure: an item whose page fails with a
// server error is not recorded and the feed's ETag is not kept, so the next
// poll (which would otherwise get 304) fetches the item again.
func TestFeedItemRetriedAfterTransientFailure(t *testing.T) {
	page, err := os.ReadFile("testdata/articles/halaman-jakarta.html")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	pageHits := 0
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/rss":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>C</title><link>%[1]s/</link>
<item><title>A</title><link>%[1]s/berita/1</link><guid>g1</guid></item></channel></rss>`, srv.URL)
		case "/berita/1":
			mu.Lock()
			pageHits++
			n := pageHits
			mu.Unlock()
			if n <= 2 { // the first poll and its one retry fail
				http.Error(w, "sibuk", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		}
	}))
	defer srv.Close()
	s := openStore(t, filepath.Join(t.TempDir(), "w.db"))
	first := run(t, s, 1, srv.URL+"/rss")
	if first.Failed["fetch"] != 1 || first.Ingested != 0 {
		t.Fatalf("first poll: %s", first)
	}
	second := run(t, s, 1, srv.URL+"/rss")
	if second.Ingested != 1 {
		t.Fatalf("second poll did not fetch the item again: %s", second)
	}
	third := run(t, s, 1, srv.URL+"/rss")
	if third.Read != 0 {
		t.Errorf("third poll read %d inputs, want 0 (304)", third.Read)
	}
}
