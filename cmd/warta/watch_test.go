package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/warta-id/warta/store"
)

// TestIngestWatch polls a feed that gains an item between polls: `warta
// ingest --watch` fetches the new item on the next poll, leaves the old one
// alone, and stops cleanly on SIGTERM.
func TestIngestWatch(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "ingest", "testdata", "articles", "halaman-jakarta.html"))
	if err != nil {
		t.Fatal(err)
	}
	var polls, fetched atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/rss":
			n := polls.Add(1)
			items := fmt.Sprintf(`<item><title>Satu</title><link>%s/berita/1</link><guid>g1</guid></item>`, srv.URL)
			if n >= 2 {
				items += fmt.Sprintf(`<item><title>Dua</title><link>%s/berita/2</link><guid>g2</guid></item>`, srv.URL)
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Contoh</title><link>%s/</link>%s</channel></rss>`, srv.URL, items)
		case "/berita/1", "/berita/2":
			fetched.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			// Two different articles: the canonical link names the path.
			body := []byte(string(page))
			body = []byte(replaceCanonical(string(body), srv.URL+r.URL.Path))
			if r.URL.Path == "/berita/2" {
				body = []byte(replaceOnce(string(body), "Ribuan mahasiswa", "Ratusan buruh"))
			}
			w.Write(body)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "w.db")
	cmd := wartaCmd("ingest", "--db", db, "--watch", "300ms", "--delay", "1ms", srv.URL+"/rss")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for polls.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("ingest --watch did not stop on SIGTERM")
	}
	if polls.Load() < 3 {
		t.Fatalf("feed polled %d times, want ≥ 3", polls.Load())
	}
	if fetched.Load() != 2 {
		t.Errorf("article pages fetched %d times, want 2 (each item once)", fetched.Load())
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var items, arts int
	s.DB().QueryRow("SELECT count(*) FROM feed_items").Scan(&items)
	s.DB().QueryRow("SELECT count(*) FROM articles").Scan(&arts)
	if items != 2 || arts != 2 {
		t.Errorf("feed items %d, articles %d; want 2 and 2", items, arts)
	}
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

func replaceCanonical(s, url string) string {
	return replaceOnce(s, "https://contoh.example/berita/2024/06/05/polisi-bubarkan-unjuk-rasa", url)
}
