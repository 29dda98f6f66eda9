package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// host holds the per-host limits and robots.txt of one scheme://host:port.
type host struct {
	slots chan struct{} // one token per request in flight

	mu         sync.Mutex
	next       time.Time     // earliest start of the next request
	crawlDelay time.Duration // from robots.txt, when longer than Delay
	robots     *robotsState
}

// host returns the state for u's host, creating it on first use.
func (f *Fetcher) host(u *url.URL) *host {
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hosts == nil {
		f.hosts = make(map[string]*host)
	}
	h := f.hosts[key]
	if h == nil {
		h = &host{slots: make(chan struct{}, f.perHost())}
		f.hosts[key] = h
	}
	return h
}

// acquire waits for a free slot and for the host's delay to pass since the
// last request started and since the last one ended. release gives the slot
// back.
func (h *host) acquire(ctx context.Context, delay time.Duration) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for the host: %w", context.Cause(ctx))
	}
	h.mu.Lock()
	delay = max(delay, h.crawlDelay)
	start := time.Now()
	if h.next.After(start) {
		start = h.next
	}
	h.next = start.Add(delay)
	h.mu.Unlock()

	if err := sleep(ctx, time.Until(start)); err != nil {
		<-h.slots
		return nil, fmt.Errorf("waiting for the host: %w", err)
	}
	return func() {
		h.mu.Lock()
		if t := time.Now().Add(delay); t.After(h.next) {
			h.next = t
		}
		h.mu.Unlock()
		<-h.slots
	}, nil
}

// holdOff keeps requests to the host back for d (a server's Retry-After).
func (h *host) holdOff(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := time.Now().Add(d); t.After(h.next) {
		h.next = t
	}
}

// robotsState is a host's robots.txt, fetched once and shared by all
// callers; done is closed when it is ready or the fetch was abandoned.
type robotsState struct {
	done      chan struct{}
	ready     bool // under host.mu
	abandoned bool // the fetching caller's context ended: try again
	group     *robotstxt.Group
	err       error // robots.txt could not be had: refuse the host until expires
	expires   time.Time
}

// checkRobots reports an error wrapping ErrDisallowed when u may not be
// fetched, or the reason robots.txt could not be read.
func (f *Fetcher) checkRobots(ctx context.Context, u *url.URL) error {
	h := f.host(u)
	for {
		h.mu.Lock()
		rs := h.robots
		lead := rs == nil || rs.ready && time.Now().After(rs.expires)
		if lead {
			rs = &robotsState{done: make(chan struct{})}
			h.robots = rs
		}
		h.mu.Unlock()
		if lead {
			f.loadRobots(ctx, h, u, rs)
		}
		select {
		case <-rs.done:
		case <-ctx.Done():
			return fmt.Errorf("waiting for robots.txt: %w", context.Cause(ctx))
		}
		if rs.abandoned {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("fetching robots.txt: %w", context.Cause(ctx))
			}
			continue // another caller gave up; fetch it ourselves
		}
		if rs.err != nil {
			return rs.err
		}
		if !rs.group.Test(robotsPath(u)) {
			return ErrDisallowed
		}
		return nil
	}
}

// loadRobots fetches the robots.txt of u's host into rs.
//
// 2xx: parsed (a file that does not parse allows all). 4xx: no robots.txt,
// all allowed. 5xx or 429 (after retries) or unreachable: the host is
// refused for robotsFailTTL, as Google does for server errors, then tried
// again. A successful result is kept for robotsTTL.
func (f *Fetcher) loadRobots(ctx context.Context, h *host, u *url.URL, rs *robotsState) {
	defer close(rs.done)
	robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	cur := robotsURL
	var res *result
	var err error
	for hops := 0; ; hops++ {
		res, err = f.retrieve(ctx, cur, Validators{}, robotsMaxBytes, true)
		if err != nil || !isRedirect(res.status) || hops >= 5 {
			break
		}
		next, rerr := redirectTarget(cur, res.header)
		if rerr != nil {
			break
		}
		cur = next
	}

	ttl := robotsTTL
	var data *robotstxt.RobotsData
	var status *StatusError
	switch {
	case ctx.Err() != nil:
		h.mu.Lock()
		rs.abandoned = true
		if h.robots == rs {
			h.robots = nil
		}
		h.mu.Unlock()
		return
	case errors.As(err, &status):
		// Retried 5xx or 429 answers.
		ttl = robotsFailTTL
		until := time.Now().Add(ttl).Format(time.TimeOnly)
		rs.err = fmt.Errorf("%s answered HTTP %d, host treated as disallowed until %s: %w", robotsURL, status.Status, until, ErrDisallowed)
	case err != nil:
		ttl = robotsFailTTL
		rs.err = fmt.Errorf("%s unreachable (not retrying the host until %s): %w", robotsURL, time.Now().Add(ttl).Format(time.TimeOnly), err)
	case res.status >= 200 && res.status < 300:
		data, err = robotstxt.FromStatusAndBytes(res.status, res.body)
		if err != nil {
			data = nil // unparsable: allow all
		}
	}
	// Anything else (4xx, 304 or redirects that lead nowhere) means there
	// is no usable robots.txt: all allowed.
	if data == nil {
		data, _ = robotstxt.FromStatusAndBytes(404, nil)
	}
	rs.group = data.FindGroup(productToken(f.userAgent()))

	h.mu.Lock()
	if d := rs.group.CrawlDelay; d > 0 {
		h.crawlDelay = min(d, maxCrawlDelay)
		if t := time.Now().Add(h.crawlDelay); t.After(h.next) {
			h.next = t
		}
	} else {
		h.crawlDelay = 0
	}
	rs.expires = time.Now().Add(ttl)
	rs.ready = true
	h.mu.Unlock()
}

// productToken is the name robots.txt groups are matched against: the
// User-Agent up to the first slash or space ("Warta/0.1 (+…)" → "Warta").
func productToken(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i >= 0 {
		ua = ua[:i]
	}
	return ua
}

// robotsPath is the part of u that robots.txt rules match.
func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}
