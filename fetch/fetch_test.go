package fetch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testFetcher returns a Fetcher with delays short enough for tests.
func testFetcher() *Fetcher {
	return &Fetcher{
		Delay:   5 * time.Millisecond,
		Timeout: 2 * time.Second,
		Retries: 3,
		Backoff: 2 * time.Millisecond,
	}
}

// server serves handler on 127.0.0.1 and counts requests per path. Without
// a robots handler, /robots.txt is a 404.
type server struct {
	*httptest.Server
	mu    sync.Mutex
	count map[string]int
}

func newServer(t *testing.T, handler http.HandlerFunc) *server {
	t.Helper()
	s := &server{count: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.count[r.URL.Path]++
		s.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[path]
}

const article = "<html><body><h1>Banjir Rendam Ratusan Rumah di Bekasi</h1></body></html>"

func TestGet(t *testing.T) {
	tests := []struct {
		label    string
		fetcher  func(*Fetcher)
		handler  func(n int) http.HandlerFunc // n counts requests to /berita, from 1
		path     string
		wantBody string
		wantURL  string // path of the final URL; default path
		wantErr  string // in the error message; "" for success
		is       error  // errors.Is target
		status   int    // StatusError.Status
		hits     int    // requests to path
		robots   bool   // handler serves /robots.txt; else it is a 404
	}{
		{
			label: "ok",
			handler: func(int) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					fmt.Fprint(w, article)
				}
			},
			wantBody: article, hits: 1,
		},
		{
			label:   "404 not retried",
			handler: func(int) http.HandlerFunc { return http.NotFound },
			wantErr: "HTTP 404 Not Found", status: 404, hits: 1,
		},
		{
			label:   "403 not retried",
			handler: func(int) http.HandlerFunc { return status(403) },
			wantErr: "HTTP 403 Forbidden", status: 403, hits: 1,
		},
		{
			label: "500 then 200 retried",
			handler: func(n int) http.HandlerFunc {
				if n == 1 {
					return status(500)
				}
				return text(article)
			},
			wantBody: article, hits: 2,
		},
		{
			label:   "persistent 500 gives up",
			handler: func(int) http.HandlerFunc { return status(500) },
			wantErr: "giving up after 4 attempts: HTTP 500 Internal Server Error", status: 500, hits: 4,
		},
		{
			label:   "persistent 502 with no retries",
			fetcher: func(f *Fetcher) { f.Retries = -1 },
			handler: func(int) http.HandlerFunc { return status(502) },
			wantErr: "HTTP 502 Bad Gateway", status: 502, hits: 1,
		},
		{
			label: "429 with Retry-After retried",
			handler: func(n int) http.HandlerFunc {
				if n == 1 {
					return func(w http.ResponseWriter, r *http.Request) {
						w.Header().Set("Retry-After", "0")
						w.WriteHeader(http.StatusTooManyRequests)
					}
				}
				return text(article)
			},
			wantBody: article, hits: 2,
		},
		{
			label: "503 with long Retry-After gives up at once",
			handler: func(int) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Retry-After", "3600")
					w.WriteHeader(http.StatusServiceUnavailable)
				}
			},
			wantErr: "retry after 1h0m0s", status: 503, hits: 1,
		},
		{
			label:   "slow server times out",
			fetcher: func(f *Fetcher) { f.Timeout = 50 * time.Millisecond; f.Retries = 1 },
			handler: func(int) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-time.After(time.Second):
					case <-r.Context().Done():
					}
				}
			},
			wantErr: "giving up after 2 attempts: timed out after 50ms", is: context.DeadlineExceeded, hits: 2,
		},
		{
			label:   "slow then fast",
			fetcher: func(f *Fetcher) { f.Timeout = 50 * time.Millisecond },
			handler: func(n int) http.HandlerFunc {
				if n == 1 {
					return func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
				}
				return text(article)
			},
			wantBody: article, hits: 2,
		},
		{
			label:   "body over MaxBytes",
			fetcher: func(f *Fetcher) { f.MaxBytes = 1000 },
			handler: func(int) http.HandlerFunc { return text(strings.Repeat("a", 1001)) },
			wantErr: "too large", is: ErrTooLarge, hits: 1,
		},
		{
			label:   "streamed body over MaxBytes",
			fetcher: func(f *Fetcher) { f.MaxBytes = 1000 },
			handler: func(int) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					for range 20 { // no Content-Length: chunked
						fmt.Fprint(w, strings.Repeat("b", 100))
						w.(http.Flusher).Flush()
					}
				}
			},
			wantErr: "too large", is: ErrTooLarge, hits: 1,
		},
		{
			label:    "body of exactly MaxBytes",
			fetcher:  func(f *Fetcher) { f.MaxBytes = 1000 },
			handler:  func(int) http.HandlerFunc { return text(strings.Repeat("c", 1000)) },
			wantBody: strings.Repeat("c", 1000), hits: 1,
		},
		{
			label: "redirects followed",
			path:  "/lama",
			handler: func(int) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					switch r.URL.Path {
					case "/lama":
						http.Redirect(w, r, "/antara", http.StatusMovedPermanently)
					case "/antara":
						http.Redirect(w, r, "/berita?id=7", http.StatusFound)
					default:
						text(article)(w, r)
					}
				}
			},
			wantBody: article, wantURL: "/berita?id=7", hits: 1,
		},
		{
			label: "redirect loop",
			handler: func(int) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path, http.StatusFound) }
			},
			wantErr: "stopped after 10 redirects", hits: 11,
		},
		{
			label: "robots.txt disallows",
			handler: func(int) http.HandlerFunc {
				return robots("User-agent: *\nAllow: /\n\nUser-agent: Warta\nDisallow: /berita\n", text(article))
			},
			wantErr: "disallowed by robots.txt", is: ErrDisallowed, hits: 0,
			robots: true,
		},
		{
			label: "robots.txt for other agents only",
			handler: func(int) http.HandlerFunc {
				return robots("User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /rahasia\n", text(article))
			},
			wantBody: article, hits: 1,
			robots: true,
		},
		{
			label:   "robots.txt ignored",
			fetcher: func(f *Fetcher) { f.IgnoreRobots = true },
			handler: func(int) http.HandlerFunc {
				return robots("User-agent: *\nDisallow: /\n", text(article))
			},
			wantBody: article, hits: 1,
			robots: true,
		},
		{
			label: "robots.txt server error disallows the host",
			handler: func(int) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/robots.txt" {
						status(503)(w, r)
						return
					}
					text(article)(w, r)
				}
			},
			wantErr: "robots.txt answered HTTP 503", is: ErrDisallowed, hits: 0,
			robots: true,
		},
		{
			label: "redirect to a disallowed path",
			path:  "/pendek",
			handler: func(int) http.HandlerFunc {
				return robots("User-agent: *\nDisallow: /berita\n", func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, "/berita", http.StatusFound)
				})
			},
			wantErr: "redirected to", is: ErrDisallowed, hits: 1,
			robots: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "/berita"
			}
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == path {
					tt.handler(int(n.Add(1)))(w, r)
					return
				}
				if r.URL.Path == "/robots.txt" && !tt.robots {
					http.NotFound(w, r)
					return
				}
				tt.handler(0)(w, r)
			})
			f := testFetcher()
			if tt.fetcher != nil {
				tt.fetcher(f)
			}
			url := srv.URL + path
			resp, err := f.Get(context.Background(), url, Validators{})
			if got := srv.hits(path); got != tt.hits {
				t.Errorf("%d requests to %s, want %d", got, path, tt.hits)
			}
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("Get succeeded with status %d, want error %q", resp.Status, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), url) {
					t.Errorf("error %q should name %s and contain %q", err, url, tt.wantErr)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
				}
				var se *StatusError
				if errors.As(err, &se) != (tt.status != 0) || tt.status != 0 && se.Status != tt.status {
					t.Errorf("error %v: want StatusError with status %d", err, tt.status)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if string(resp.Body) != tt.wantBody || resp.Status != 200 || resp.NotModified {
				t.Errorf("got status %d body %.40q notModified %v, want 200 %.40q", resp.Status, resp.Body, resp.NotModified, tt.wantBody)
			}
			wantURL := srv.URL + path
			if tt.wantURL != "" {
				wantURL = srv.URL + tt.wantURL
			}
			if resp.URL != wantURL {
				t.Errorf("URL = %s, want %s", resp.URL, wantURL)
			}
		})
	}
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
}

func text(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func robots(rules string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, rules)
			return
		}
		next(w, r)
	}
}

func TestConditionalGet(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 21 Nov 2022 06:21:00 GMT"
	var gotUA string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss/>")
	})
	f := testFetcher()
	first, err := f.Get(context.Background(), srv.URL+"/rss", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if gotUA != DefaultUserAgent {
		t.Errorf("User-Agent %q, want %q", gotUA, DefaultUserAgent)
	}
	want := Validators{ETag: etag, LastModified: lastMod}
	if first.NotModified || first.Validators != want || first.ContentType != "application/rss+xml" || string(first.Body) != "<rss/>" {
		t.Fatalf("first fetch = %+v", first)
	}
	tests := []struct {
		label string
		prev  Validators
	}{
		{"both", want},
		{"etag only", Validators{ETag: etag}},
		{"last-modified only", Validators{LastModified: lastMod}},
	}
	for _, tt := range tests {
		again, err := f.Get(context.Background(), srv.URL+"/rss", tt.prev)
		if err != nil {
			t.Fatalf("%s: %v", tt.label, err)
		}
		if !again.NotModified || again.Status != http.StatusNotModified || again.Body != nil || again.Validators != tt.prev {
			t.Errorf("%s: conditional fetch = %+v, want NotModified keeping %+v", tt.label, again, tt.prev)
		}
	}
}

// Five callers on one host with PerHost 1 never overlap and start at least
// Delay apart; the robots.txt fetch counts as a request too.
func TestPerHostSerialisation(t *testing.T) {
	const delay = 40 * time.Millisecond
	var (
		mu       sync.Mutex
		starts   []time.Time
		inFlight int
		overlap  bool
	)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		inFlight++
		if inFlight > 1 {
			overlap = true
		}
		mu.Unlock()
		time.Sleep(10 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
		text(article)(w, r)
	})
	f := testFetcher()
	f.Delay = delay
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), fmt.Sprintf("%s/berita/%d", srv.URL, i), Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if overlap {
		t.Error("requests to one host overlapped with PerHost 1")
	}
	if len(starts) != 6 {
		t.Fatalf("%d requests, want 6 (robots.txt and 5 pages)", len(starts))
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < delay {
			t.Errorf("request %d started %v after the one before, want ≥ %v", i, gap, delay)
		}
	}
}

// With PerHost 2 two requests run at once, never three.
func TestPerHostTwo(t *testing.T) {
	var cur, peak atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
		cur.Add(-1)
	})
	f := testFetcher()
	f.PerHost, f.Delay, f.IgnoreRobots = 2, -1, true
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i), Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("peak concurrency %d, want 2", p)
	}
}

// Two hosts do not wait for each other.
func TestHostsInParallel(t *testing.T) {
	const work, delay = 150 * time.Millisecond, 300 * time.Millisecond
	slow := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			time.Sleep(work)
		}
		text(article)(w, r)
	}
	a, b := newServer(t, slow), newServer(t, slow)
	f := testFetcher()
	f.Delay = delay // would serialise them badly if hosts were shared
	start := time.Now()
	var wg sync.WaitGroup
	for _, url := range []string{a.URL + "/satu", b.URL + "/dua"} {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), url, Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// Each host: robots.txt, then Delay, then the page. Sharing one host's
	// limits would take at least 2*delay+2*work.
	if elapsed := time.Since(start); elapsed >= 2*delay+work {
		t.Errorf("two hosts took %v, want about %v (in parallel)", elapsed, delay+work)
	}
}

func TestContextCancel(t *testing.T) {
	tests := []struct {
		label   string
		fetcher func(*Fetcher)
		handler http.HandlerFunc
		warm    bool // fetch once first so the next Get waits for Delay
	}{
		{"waiting for the host delay", func(f *Fetcher) { f.Delay, f.IgnoreRobots = time.Minute, true }, text(article), true},
		{"waiting for a retry", func(f *Fetcher) { f.Backoff = time.Minute }, status(500), false},
		{"waiting for a response", nil, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/robots.txt" {
				<-r.Context().Done()
			}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			srv := newServer(t, tt.handler)
			f := testFetcher()
			if tt.fetcher != nil {
				tt.fetcher(f)
			}
			if tt.warm {
				if _, err := f.Get(context.Background(), srv.URL+"/awal", Validators{}); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := f.Get(ctx, srv.URL+"/berita", Validators{})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err = %v, want context deadline", err)
			}
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("Get returned %v after the context ended", elapsed)
			}
		})
	}
}

// A server that answers with something other than HTTP.
func TestGarbageResponse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				// Read the request first, so the reply is not unsolicited.
				if _, err := http.ReadRequest(bufio.NewReader(c)); err != nil {
					return
				}
				fmt.Fprint(c, "SELAMAT DATANG DI SERVER KAMI\r\n\r\n")
			}()
		}
	}()
	f := testFetcher()
	f.IgnoreRobots = true
	url := "http://" + ln.Addr().String() + "/berita"
	_, err = f.Get(context.Background(), url, Validators{})
	if err == nil || !strings.Contains(err.Error(), "garbage") || !strings.Contains(err.Error(), url) {
		t.Errorf("err = %v, want a garbage response error naming %s", err, url)
	}
}

func TestBadURL(t *testing.T) {
	tests := []struct{ url, want string }{
		{"ftp://arsip.example.id/berita", "not http or https"},
		{"https:///berita", "no host"},
		{"http://[::1", "invalid URL"},
		{"berita/hari-ini", "not http or https"},
	}
	f := testFetcher()
	for _, tt := range tests {
		_, err := f.Get(context.Background(), tt.url, Validators{})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.url) {
			t.Errorf("Get(%q) err = %v, want %q naming the URL", tt.url, err, tt.want)
		}
	}
}

// robots.txt is fetched once per host, and a Crawl-delay longer than Delay
// is honoured.
func TestRobotsCachedAndCrawlDelay(t *testing.T) {
	srv := newServer(t, robots("User-agent: *\nCrawl-delay: 0.1\nDisallow: /admin\n", text(article)))
	f := testFetcher()
	start := time.Now()
	for i := range 3 {
		if _, err := f.Get(context.Background(), fmt.Sprintf("%s/berita/%d", srv.URL, i), Validators{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.hits("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	// robots.txt and three pages: three gaps of 100ms.
	if elapsed := time.Since(start); elapsed < 300*time.Millisecond {
		t.Errorf("4 requests took %v; Crawl-delay 0.1s not honoured", elapsed)
	}
}

func TestDefaults(t *testing.T) {
	var f Fetcher
	if f.userAgent() != DefaultUserAgent || f.perHost() != 1 || f.delay() != time.Second ||
		f.timeout() != 30*time.Second || f.retries() != 3 || f.maxBytes() != 50<<20 {
		t.Errorf("defaults: %q %d %v %v %d %d", f.userAgent(), f.perHost(), f.delay(), f.timeout(), f.retries(), f.maxBytes())
	}
	if got := productToken(DefaultUserAgent); got != "Warta" {
		t.Errorf("product token %q, want Warta", got)
	}
	for attempt, base := range []time.Duration{2, 4, 8} {
		base *= time.Second
		if d := f.backoff(attempt); d < base/2 || d >= base*3/2 {
			t.Errorf("backoff(%d) = %v, want in [%v, %v)", attempt, d, base/2, base*3/2)
		}
	}
}
