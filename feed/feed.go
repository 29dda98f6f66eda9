// Package feed reads the RSS and Atom feeds of news sites.
//
// It takes the raw bytes of an RSS 2.0, RSS 1.0 (RDF) or Atom document, as
// fetched from a newsroom's feed URL, and gives a Feed: the feed's title and
// link and, for each item, a stable identifier (GUID), the absolute URL of
// the article, its title, its publication time and a plain-text summary.
//
// Indonesian feeds often write dates the general-purpose parser does not
// understand ("Senin, 21 Nov 2022 13:21:00 WIB"); ParseDate reads those, and
// Parse uses it for every item. Parsing is done by github.com/mmcdole/gofeed,
// which also accepts JSON Feed documents.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// Item is one entry of a feed, usually one article.
type Item struct {
	GUID      string    // guid (RSS) or id (Atom), else the link
	Link      string    // article URL, absolute when the feed gives enough to resolve it
	Title     string    // plain text
	Published time.Time // publication (else update) time; zero when unknown
	Summary   string    // description (else content) as plain text
}

// Feed is a parsed feed.
type Feed struct {
	Title string
	Link  string // the site's home page, as the feed gives it
	Items []Item
}

// ErrNotFeed is returned (wrapped) when a document is empty, is an HTML
// page, or is not a feed at all.
var ErrNotFeed = errors.New("not an RSS or Atom feed")

// Parse reads an RSS 2.0, RSS 1.0 or Atom document. name names it in errors;
// when name is an absolute http(s) URL (the feed's own URL) it is also the
// base against which a relative feed link is resolved. Relative item links
// are resolved against the feed link.
//
// An empty body, an HTML page, or anything else that is not a feed gives an
// error wrapping ErrNotFeed; malformed or truncated XML gives an error
// describing the problem.
func Parse(name string, raw []byte) (Feed, error) {
	body := bytes.TrimLeft(raw, " \t\r\n\ufeff")
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	body = bytes.TrimLeft(body, " \t\r\n")
	if len(body) == 0 {
		return Feed{}, fmt.Errorf("feed %s: empty document: %w", name, ErrNotFeed)
	}
	if looksLikeHTML(body) {
		return Feed{}, fmt.Errorf("feed %s: got an HTML page: %w", name, ErrNotFeed)
	}
	if body[0] != '<' && body[0] != '{' {
		return Feed{}, fmt.Errorf("feed %s: document starts with %q, not XML: %w", name, snippet(body), ErrNotFeed)
	}

	gf, err := parseGofeed(raw)
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return Feed{}, fmt.Errorf("feed %s: no <rss>, <rdf:RDF> or <feed> root element: %w", name, ErrNotFeed)
	case err != nil:
		return Feed{}, fmt.Errorf("feed %s: malformed feed: %w", name, err)
	case gf == nil:
		return Feed{}, fmt.Errorf("feed %s: parser returned nothing: %w", name, ErrNotFeed)
	}

	var base *url.URL
	if u, err := url.Parse(strings.TrimSpace(name)); err == nil && isWeb(u) {
		base = u
	}
	f := Feed{
		Title: plainText(gf.Title),
		Link:  resolve(base, gf.Link),
	}
	if u, err := url.Parse(f.Link); err == nil && isWeb(u) {
		base = u
	}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		f.Items = append(f.Items, item(gi, base))
	}
	return f, nil
}

// parseGofeed runs gofeed, turning a panic in it into an error.
func parseGofeed(raw []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parser failed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(raw))
}

// item converts one gofeed item.
func item(gi *gofeed.Item, base *url.URL) Item {
	link := strings.TrimSpace(gi.Link)
	if link == "" {
		for _, l := range gi.Links {
			if l = strings.TrimSpace(l); l != "" {
				link = l
				break
			}
		}
	}
	it := Item{
		GUID:      strings.TrimSpace(gi.GUID),
		Link:      resolve(base, link),
		Title:     plainText(gi.Title),
		Published: published(gi),
		Summary:   plainText(gi.Description),
	}
	if it.GUID == "" {
		it.GUID = it.Link
	}
	if it.Summary == "" {
		it.Summary = plainText(gi.Content)
	}
	return it
}

// published picks the item's publication time, else its update time.
// ParseDate comes first because gofeed reads an unknown zone name such as
// WIB as UTC, seven hours off.
func published(gi *gofeed.Item) time.Time {
	if t, ok := ParseDate(gi.Published); ok {
		return t
	}
	if gi.PublishedParsed != nil {
		return *gi.PublishedParsed
	}
	if t, ok := ParseDate(gi.Updated); ok {
		return t
	}
	if gi.UpdatedParsed != nil {
		return *gi.UpdatedParsed
	}
	return time.Time{}
}

// resolve makes ref absolute against base when it can, else returns it as
// given.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

func isWeb(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// looksLikeHTML reports whether a document starts like an HTML page.
func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	// Skip an XML declaration and comments before the root element.
	for {
		head = strings.TrimLeft(head, " \t\r\n")
		if strings.HasPrefix(head, "<?xml") || strings.HasPrefix(head, "<!--") {
			end := "?>"
			if strings.HasPrefix(head, "<!--") {
				end = "-->"
			}
			i := strings.Index(head, end)
			if i < 0 {
				return false
			}
			head = head[i+len(end):]
			continue
		}
		break
	}
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<head") || strings.HasPrefix(head, "<body")
}

// snippet returns the start of b for an error message.
func snippet(b []byte) string {
	s := string(b[:min(len(b), 20)])
	for !utf8.ValidString(s) && len(s) > 0 {
		s = s[:len(s)-1]
	}
	return s
}

// plainText turns a possibly HTML-bearing string into plain text with
// collapsed white space.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip++
			case "br", "p", "div", "li":
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if skip > 0 {
					skip--
				}
			case "p", "div", "li":
				b.WriteByte(' ')
			}
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}
