// Package fetch is a polite HTTP fetcher for news feeds and article pages.
//
// It takes a URL (and the validators kept from the last fetch of it) and
// gives the response body, the final URL after redirects, the status, the
// content type and the validators to keep for next time. On the way it
// honours robots.txt, limits concurrent requests and spaces them out per
// host, retries transient failures with backoff, sends conditional requests
// and refuses bodies over a size limit.
//
// A Fetcher is safe for concurrent use by many goroutines; share one
// Fetcher across the program so that its per-host limits hold. It must not
// be copied after first use.
package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultUserAgent is the User-Agent sent when Fetcher.UserAgent is empty.
const DefaultUserAgent = "Warta/0.1 (+https://github.com/warta-id/warta)"

// Defaults for the Fetcher fields left zero.
const (
	DefaultPerHost  = 1
	DefaultDelay    = time.Second
	DefaultTimeout  = 30 * time.Second
	DefaultRetries  = 3
	DefaultBackoff  = 2 * time.Second
	DefaultMaxBytes = 50 << 20
)

const (
	maxRedirects   = 10
	maxBackoff     = 5 * time.Minute
	maxRetryAfter  = time.Minute // a longer Retry-After gives up instead of waiting
	maxCrawlDelay  = time.Minute // Crawl-delay in robots.txt is honoured up to this
	robotsMaxBytes = 512 << 10   // robots.txt beyond this is cut, as Google does
)

// How long a host's robots.txt is kept. Variables so that tests can shorten
// them.
var (
	robotsTTL     = 24 * time.Hour   // after a successful fetch (or a 4xx)
	robotsFailTTL = 10 * time.Minute // after a 5xx or an unreachable robots.txt
)

var (
	// ErrDisallowed is returned (wrapped) when robots.txt forbids the URL
	// to Fetcher's user agent, or when the host's robots.txt answered with a
	// server error and the host is treated as disallowed for a while.
	ErrDisallowed = errors.New("disallowed by robots.txt")

	// ErrTooLarge is returned (wrapped) when a body is larger than MaxBytes.
	ErrTooLarge = errors.New("response too large")
)

// StatusError is returned (wrapped) when the server answers with a status
// that is neither success, redirect nor 304 Not Modified, after any retries.
type StatusError struct {
	URL    string // the URL that answered, after redirects
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
}

// Fetcher fetches web pages politely. Zero fields take the defaults given;
// for Delay, Retries and Backoff a negative value means none.
type Fetcher struct {
	UserAgent    string        // default DefaultUserAgent; its product token ("Warta") is matched in robots.txt
	PerHost      int           // max concurrent requests per host, default 1 (2 is still polite)
	Delay        time.Duration // min gap between requests to the same host, default 1s
	Timeout      time.Duration // per request attempt, including reading the body, default 30s
	Retries      int           // retries for 5xx/429/timeouts/connection errors, default 3
	Backoff      time.Duration // first retry wait, doubled each retry, with jitter; default 2s
	MaxBytes     int64         // body limit, default 50 MiB: a larger body is an error
	Client       *http.Client  // default a client with sane transport timeouts; its redirect policy is not used
	IgnoreRobots bool          // do not fetch or honour robots.txt

	mu     sync.Mutex
	hosts  map[string]*host // by scheme://host:port
	client *http.Client     // the default client, made on first use
}

// Validators are the cache validators from the previous fetch of a URL.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is the outcome of a successful fetch.
type Response struct {
	URL         string     // final URL after redirects
	Status      int        // 2xx, or 304 when NotModified
	ContentType string     // the Content-Type header as sent
	Body        []byte     // nil when NotModified
	NotModified bool       // 304 to a conditional request: keep what you have
	Validators  Validators // ETag / Last-Modified to store for next time
}

// Get fetches url with GET, following redirects (each hop is checked
// against its host's robots.txt and limits). prev holds the validators
// from the previous fetch of the same URL; when set, the request is
// conditional and an unchanged page gives NotModified.
//
// Errors name the URL and say what happened: ErrDisallowed,
// ErrTooLarge, a *StatusError, a timeout, a connection failure, a garbage
// response, or the context's error when ctx ends first.
func (f *Fetcher) Get(ctx context.Context, rawURL string, prev Validators) (Response, error) {
	u, err := parseWebURL(rawURL)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	wrap := func(err error) error {
		if cur := u.String(); cur != rawURL {
			return fmt.Errorf("fetch %s (redirected to %s): %w", rawURL, cur, err)
		}
		return fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	for hops := 0; ; hops++ {
		if !f.IgnoreRobots {
			if err := f.checkRobots(ctx, u); err != nil {
				return Response{}, wrap(err)
			}
		}
		res, err := f.retrieve(ctx, u, prev, f.maxBytes(), false)
		if err != nil {
			return Response{}, wrap(err)
		}
		if isRedirect(res.status) {
			next, err := redirectTarget(u, res.header)
			if err != nil {
				return Response{}, wrap(err)
			}
			if hops >= maxRedirects {
				return Response{}, wrap(fmt.Errorf("stopped after %d redirects", maxRedirects))
			}
			u = next
			continue
		}
		out := Response{
			URL:         u.String(),
			Status:      res.status,
			ContentType: res.header.Get("Content-Type"),
			Validators: Validators{
				ETag:         res.header.Get("ETag"),
				LastModified: res.header.Get("Last-Modified"),
			},
		}
		switch {
		case res.status == http.StatusNotModified:
			out.NotModified = true
			if out.Validators.ETag == "" {
				out.Validators.ETag = prev.ETag
			}
			if out.Validators.LastModified == "" {
				out.Validators.LastModified = prev.LastModified
			}
		case res.status >= 200 && res.status < 300:
			out.Body = res.body
			if out.Body == nil {
				out.Body = []byte{}
			}
		default:
			return Response{}, wrap(&StatusError{URL: u.String(), Status: res.status})
		}
		return out, nil
	}
}

// result is one HTTP exchange.
type result struct {
	status int
	header http.Header
	body   []byte // 2xx only
}

// retrieve does one GET of u without following redirects, retrying
// transient failures. A status that is not retried is returned as a result,
// not an error; a status still failing after the retries is a *StatusError.
// When truncate is set, a body over limit is cut rather than refused.
func (f *Fetcher) retrieve(ctx context.Context, u *url.URL, prev Validators, limit int64, truncate bool) (*result, error) {
	h := f.host(u)
	retries := f.retries()
	for attempt := 0; ; attempt++ {
		res, retry, err := f.attempt(ctx, h, u, prev, limit, truncate)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("stopped: %w", context.Cause(ctx))
		}
		if err == nil && !retryStatus(res.status) {
			return res, nil
		}
		var wait time.Duration
		if err == nil {
			err = &StatusError{URL: u.String(), Status: res.status}
			if ra, ok := retryAfter(res.header); ok {
				if ra > maxRetryAfter {
					return nil, fmt.Errorf("%w; server asks to retry after %v, not waiting that long", err, ra)
				}
				h.holdOff(ra)
				wait = ra
			}
			retry = true
		}
		if !retry {
			return nil, err
		}
		if attempt >= retries {
			if attempt == 0 {
				return nil, err
			}
			return nil, fmt.Errorf("giving up after %d attempts: %w", attempt+1, err)
		}
		wait = max(wait, f.backoff(attempt))
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("stopped: %w", err)
		}
	}
}

// attempt does one HTTP exchange within the host's limits. retry reports
// whether a failure is worth retrying.
func (f *Fetcher) attempt(ctx context.Context, h *host, u *url.URL, prev Validators, limit int64, truncate bool) (res *result, retry bool, err error) {
	release, err := h.acquire(ctx, f.delay())
	if err != nil {
		return nil, false, err
	}
	defer release()

	timeout := f.timeout()
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", f.userAgent())
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Language", "id,en;q=0.8")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}

	resp, err := f.httpClient().Do(req)
	if err != nil {
		err, retry = describe(err, actx, timeout)
		return nil, retry, err
	}
	defer resp.Body.Close()
	res = &result{status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		// Read a little of an error page so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
		return res, false, nil
	}
	if resp.ContentLength > limit && !truncate {
		return nil, false, fmt.Errorf("body of %d bytes exceeds the limit of %d: %w", resp.ContentLength, limit, ErrTooLarge)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		err, retry = describe(err, actx, timeout)
		return nil, retry, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > limit {
		if !truncate {
			return nil, false, fmt.Errorf("body exceeds the limit of %d bytes: %w", limit, ErrTooLarge)
		}
		body = body[:limit]
	}
	res.body = body
	return res, false, nil
}

// describe turns a transport error into one that says what happened, and
// reports whether it is worth retrying.
func describe(err error, actx context.Context, timeout time.Duration) (error, bool) {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // its message repeats the URL
	}
	var ne net.Error
	switch {
	case errors.Is(actx.Err(), context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("timed out after %v: %w", timeout, context.DeadlineExceeded), true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("connection failed: %w", err), true
	case strings.Contains(err.Error(), "malformed HTTP"):
		return fmt.Errorf("garbage response: %w", err), false
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var authErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.As(err, &dnsErr):
		return fmt.Errorf("host not found: %w", err), dnsErr.IsTemporary || dnsErr.IsTimeout
	case errors.As(err, &certErr), errors.As(err, &authErr), errors.As(err, &hostErr):
		return fmt.Errorf("bad TLS certificate: %w", err), false
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return fmt.Errorf("connection failed: %w", err), true
	}
	return err, false
}

func retryStatus(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500 && status <= 599
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// redirectTarget resolves a redirect's Location against the URL that sent it.
func redirectTarget(from *url.URL, h http.Header) (*url.URL, error) {
	loc := h.Get("Location")
	if loc == "" {
		return nil, errors.New("redirect without a Location")
	}
	ref, err := url.Parse(loc)
	if err != nil {
		return nil, fmt.Errorf("redirect to a bad Location %q: %w", loc, err)
	}
	next := from.ResolveReference(ref)
	next.Fragment = ""
	if next.Scheme != "http" && next.Scheme != "https" || next.Host == "" {
		return nil, fmt.Errorf("redirect to %q, not an http(s) URL", loc)
	}
	return next, nil
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date.
func retryAfter(h http.Header) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(min(n, 1<<20)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// backoff gives the wait before retry number attempt+1: Backoff doubled
// per attempt, capped, with jitter in [d/2, 3d/2).
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.Backoff
	switch {
	case d < 0:
		return 0
	case d == 0:
		d = DefaultBackoff
	}
	for i := 0; i < attempt && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	return d/2 + rand.N(d)
}

func parseWebURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("invalid URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("invalid URL: not http or https")
	}
	if u.Host == "" {
		return nil, errors.New("invalid URL: no host")
	}
	u.Fragment = ""
	return u, nil
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

func (f *Fetcher) userAgent() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	return DefaultUserAgent
}

func (f *Fetcher) perHost() int {
	if f.PerHost > 0 {
		return f.PerHost
	}
	return DefaultPerHost
}

func (f *Fetcher) delay() time.Duration {
	switch {
	case f.Delay < 0:
		return 0
	case f.Delay == 0:
		return DefaultDelay
	}
	return f.Delay
}

func (f *Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

func (f *Fetcher) retries() int {
	switch {
	case f.Retries < 0:
		return 0
	case f.Retries == 0:
		return DefaultRetries
	}
	return f.Retries
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

// httpClient returns the client to use, with redirects left to Get.
func (f *Fetcher) httpClient() *http.Client {
	var c http.Client
	if f.Client != nil {
		c = *f.Client
	} else {
		f.mu.Lock()
		if f.client == nil {
			f.client = &http.Client{Transport: &http.Transport{
				Proxy:                 http.ProxyFromEnvironment,
				DialContext:           (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
				ForceAttemptHTTP2:     true,
				TLSHandshakeTimeout:   15 * time.Second,
				ResponseHeaderTimeout: 30 * time.Second,
				ExpectContinueTimeout: time.Second,
				IdleConnTimeout:       90 * time.Second,
				MaxIdleConns:          100,
				MaxIdleConnsPerHost:   2,
			}}
		}
		c = *f.client
		f.mu.Unlock()
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}
