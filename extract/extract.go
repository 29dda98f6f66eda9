// Package extract finds the article in one saved HTML page.
//
// Extract takes the raw bytes of a page (any charset; the HTTP Content-Type
// header and the page URL when known) and gives a Page: headline,
// publication time with its zone, canonical URL, outlet, language and the
// main article text, one paragraph per line, without bylines, navigation,
// share widgets, captions or "Baca juga"/"Berita Terkait" link lists.
//
// The main text comes from readeck's go-readability (a port of Mozilla's
// Readability.js) run on a copy of the page from which boilerplate blocks
// have been removed; the metadata comes from the page's own markup via
// goquery: Open Graph and Twitter tags, JSON-LD, <title>/<h1>, the many
// publication-date meta tags, dates written in the page (Indonesian or
// English month names, d/m/yyyy, WIB/WITA/WIT) and dates in the URL.
//
// Published carries the zone the page gives (WIB +07:00, WITA +08:00,
// WIT +09:00, or a numeric offset); times written without a zone are taken
// as WIB, where nearly all Indonesian outlets publish from. When the page
// gives only a calendar date (from a URL like /2015/11/05/), Published is
// midnight of that date in WIB. A meta time labelled UTC ("…T10:08:58Z")
// that the page itself shows as "10:08 WIB" is read as WIB.
//
// Bad input — empty, binary, larger than MaxBytes, broken markup, a wrong
// charset declaration — gives an error naming the input, never a panic;
// truncated markup still yields whatever article text is there. A page
// without article text (a home or index page) gives ErrNoArticle.
//
// Evaluate measures Extract against a directory of fixtures with expected
// values (see eval.go).
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Page is the article found in one HTML page.
type Page struct {
	Title     string    // headline
	Published time.Time // publication time (with its zone, WIB=+07:00, WITA=+08, WIT=+09 when the page says so); zero when unknown
	URL       string    // canonical URL (link rel=canonical, og:url), else the pageURL given
	Outlet    string    // site name (og:site_name, JSON-LD publisher) or the host name
	Lang      string    // <html lang>, "" when absent
	Text      string    // main article text, one paragraph per line ("\n" separated), no byline/nav/related-links
}

// ErrNoArticle means the page has no article text: a home or index page, or
// an empty body.
var ErrNoArticle = errors.New("no article text in page")

// MaxBytes is the largest input Extract accepts; bigger input is refused
// with ErrTooLarge before any parsing.
var MaxBytes = 10 << 20

// minArticleRunes is the shortest text accepted as an article.
const minArticleRunes = 80

var rxFeed = regexp.MustCompile(`(?is)^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<\?xml-stylesheet[^>]*>\s*)?<(rss|feed|rdf:rdf)\b`)

// isFeed reports whether s is an RSS, Atom or RDF feed rather than a page.
func isFeed(s string) bool {
	if len(s) > 4096 {
		s = s[:4096]
	}
	return rxFeed.MatchString(s)
}

// Extract finds the article in raw HTML. contentType is the HTTP
// Content-Type header ("" when unknown) and is used for the charset; pageURL
// may be "". name identifies the input in errors (usually the file name).
func Extract(name string, raw []byte, contentType, pageURL string) (Page, error) {
	p, _, err := extract(name, raw, contentType, pageURL)
	return p, err
}

// result carries what Evaluate needs beyond Page.
type result struct {
	dateHasClock bool   // Published came with a time of day
	charset      string // encoding the page was decoded from
}

func extract(name string, raw []byte, contentType, pageURL string) (p Page, res result, err error) {
	defer func() {
		// The HTML libraries are not expected to panic, but a page must
		// never take the caller down with it.
		if r := recover(); r != nil {
			p, err = Page{}, fmt.Errorf("extract %s: internal error: %v", name, r)
		}
	}()
	switch {
	case len(raw) == 0 || len(bytes.TrimSpace(raw)) == 0:
		return p, res, fmt.Errorf("extract %s: %w", name, ErrEmpty)
	case len(raw) > MaxBytes:
		return p, res, fmt.Errorf("extract %s: %w (%d > %d bytes)", name, ErrTooLarge, len(raw), MaxBytes)
	case sniffBinary(raw):
		return p, res, fmt.Errorf("extract %s: %w", name, ErrBinary)
	}
	text, cs, err := decode(raw, contentType)
	if err != nil {
		return p, res, fmt.Errorf("extract %s: %w", name, err)
	}
	if isFeed(text) {
		return p, res, fmt.Errorf("extract %s: %w: an RSS/Atom feed, not an HTML page", name, ErrNoArticle)
	}
	res.charset = cs
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return p, res, fmt.Errorf("extract %s: parse HTML: %w", name, err)
	}
	doc := goquery.NewDocumentFromNode(root)

	var base *url.URL
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
			base = u
		}
	}
	m := readMeta(doc, pageURL)
	p.Lang = m.lang
	p.URL = m.url
	p.Outlet = m.outlet
	if base == nil && p.URL != "" {
		if u, err := url.Parse(p.URL); err == nil && u.Scheme != "" && u.Host != "" {
			base = u
		}
	}

	// Main text: readability on a copy with the boilerplate removed.
	work, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return p, res, fmt.Errorf("extract %s: parse HTML: %w", name, err)
	}
	preClean(work)
	parser := readability.NewParser()
	parser.CharThresholds = 250
	art, err := parser.ParseAndMutate(work, base)
	if err != nil {
		return p, res, fmt.Errorf("extract %s: readability: %w", name, err)
	}
	if m.outlet == "" && art.SiteName() != "" {
		p.Outlet = art.SiteName()
	}
	var anchor *html.Node
	p.Title, anchor = chooseTitle(doc, m, art.Title())
	var rendered []line
	if art.Node != nil {
		rendered = renderLines(art.Node)
	}
	lines := cleanLines(rendered, p.Title)
	p.Text = strings.Join(lines, "\n")

	top := make([]string, 0, 8)
	for i := 0; i < len(rendered) && i < 8; i++ {
		top = append(top, rendered[i].text)
	}
	pub := choosePublished(doc, anchor, m, art, top)
	p.Published = pub.t
	res.dateHasClock = pub.hasClock

	if why := indexPage(m, rendered); why != "" {
		p.Text = ""
		return p, res, fmt.Errorf("extract %s: %w: %s", name, ErrNoArticle, why)
	}
	if proseLines(lines) == 0 && m.article && utf8.RuneCountInString(m.description) >= minArticleRunes {
		// A photo or video page: its description is all the text there is.
		p.Text = m.description
		lines = []string{m.description}
	}
	if utf8.RuneCountInString(p.Text) < minArticleRunes || proseLines(lines) == 0 {
		p.Text = ""
		return p, res, fmt.Errorf("extract %s: %w", name, ErrNoArticle)
	}
	return p, res, nil
}
