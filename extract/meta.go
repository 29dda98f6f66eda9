package extract

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// meta is what the page's markup says about the article.
type meta struct {
	lang        string
	url         string
	host        string
	outlet      string
	ogType      string
	titles      []string // og:title, twitter:title, JSON-LD headline, <title>, in that order
	dates       []string // publication dates from JSON-LD and meta tags, best first
	created     []string // creation dates (used when no publication date is given)
	keys        []string // normalised outlet names for title stripping
	description string   // og:description or meta description
	article     bool     // JSON-LD or og:type says this is an article
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// readMeta reads the metadata from the page's head and JSON-LD.
func readMeta(doc *goquery.Document, pageURL string) meta {
	var m meta
	m.lang = clean(doc.Find("html").First().AttrOr("lang", ""))
	if m.lang == "" {
		m.lang = clean(doc.Find("html").First().AttrOr("xml:lang", ""))
	}
	metaContent := func(attr, name string) string {
		var v string
		doc.Find("meta").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if strings.EqualFold(strings.TrimSpace(s.AttrOr(attr, "")), name) {
				if c := clean(s.AttrOr("content", "")); c != "" {
					v = c
					return false
				}
			}
			return true
		})
		return v
	}
	prop := func(name string) string {
		if v := metaContent("property", name); v != "" {
			return v
		}
		return metaContent("name", name)
	}

	ld := readJSONLD(doc)

	// URL: canonical, og:url, JSON-LD, else the given URL.
	for _, c := range []string{
		doc.Find(`link[rel~="canonical"]`).First().AttrOr("href", ""),
		prop("og:url"), ld.url, pageURL,
	} {
		c = strings.TrimSpace(c)
		if u, err := url.Parse(c); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
			m.url = c
			m.host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
			break
		}
	}
	if m.url == "" {
		m.url = strings.TrimSpace(pageURL)
	}

	m.ogType = strings.ToLower(prop("og:type"))
	m.article = ld.article || strings.Contains(m.ogType, "article")

	// Outlet: og:site_name, JSON-LD publisher, application-name, host.
	for _, c := range []string{prop("og:site_name"), ld.publisher, metaContent("name", "application-name"), m.host} {
		if c != "" {
			m.outlet = c
			break
		}
	}
	for _, c := range []string{prop("og:site_name"), ld.publisher, metaContent("name", "application-name"), prop("twitter:site")} {
		if k := normKey(c); len(k) >= 4 {
			m.keys = append(m.keys, k)
		}
	}
	if m.host != "" {
		labels := strings.Split(m.host, ".")
		for _, l := range labels {
			switch l {
			case "www", "com", "co", "id", "net", "org", "or", "go", "ac", "m", "amp", "news", "read", "en":
				continue
			}
			if k := normKey(l); len(k) >= 4 {
				m.keys = append(m.keys, k)
			}
		}
	}

	m.description = prop("og:description")
	if m.description == "" {
		m.description = metaContent("name", "description")
	}

	// Titles.
	for _, c := range []string{prop("og:title"), prop("twitter:title"), ld.headline, clean(doc.Find("head title").First().Text())} {
		if c == "" {
			c = clean(doc.Find("title").First().Text())
		}
		if c != "" {
			m.titles = append(m.titles, c)
		}
	}

	// Dates.
	add := func(list *[]string, v string) {
		if v = strings.TrimSpace(v); v != "" {
			*list = append(*list, v)
		}
	}
	add(&m.dates, ld.published)
	for _, n := range []string{
		"article:published_time", "og:published_time", "og:article:published_time",
		"datePublished", "pubdate", "publishdate", "publish-date", "publish_date",
		"publication_date", "article.published", "article_date_original",
		"originalPublicationDate", "parsely-pub-date", "sailthru.date",
		"content_PublishedDate", "dc.date.issued", "dcterms.issued", "DC.date", "dc.date",
		"dcterms.date", "date", "cXenseParse:recs:publishtime", "Date",
	} {
		add(&m.dates, prop(n))
		add(&m.dates, metaContent("itemprop", n))
	}
	doc.Find(`[itemprop="datePublished"]`).Each(func(_ int, s *goquery.Selection) {
		add(&m.dates, s.AttrOr("content", s.AttrOr("datetime", "")))
	})
	doc.Find(`time[pubdate], time.published, time.entry-date`).Each(func(_ int, s *goquery.Selection) {
		add(&m.dates, s.AttrOr("datetime", ""))
	})
	add(&m.created, ld.created)
	for _, n := range []string{"dateCreated", "dc.date.created", "dcterms.created"} {
		add(&m.created, prop(n))
		add(&m.created, metaContent("itemprop", n))
	}
	doc.Find(`[itemprop="dateCreated"]`).Each(func(_ int, s *goquery.Selection) {
		add(&m.created, s.AttrOr("content", s.AttrOr("datetime", "")))
	})
	return m
}

// normKey lowercases s and keeps letters and digits only.
func normKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// jsonLD is what Extract reads from the page's JSON-LD.
type jsonLD struct {
	headline, published, created, publisher, url string
	article                                      bool
}

var rxLDField = regexp.MustCompile(`"(headline|datePublished|dateCreated)"\s*:\s*"((?:[^"\\]|\\.)*)"`)

func readJSONLD(doc *goquery.Document) jsonLD {
	var ld jsonLD
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		raw := strings.TrimSpace(s.Text())
		raw = strings.TrimSuffix(strings.TrimPrefix(raw, "<![CDATA["), "]]>")
		var v any
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			// Broken JSON-LD is common (raw newlines in strings, trailing
			// commas): pick the fields out with a pattern instead.
			for _, m := range rxLDField.FindAllStringSubmatch(raw, -1) {
				val := m[2]
				var un string
				if json.Unmarshal([]byte(`"`+val+`"`), &un) == nil {
					val = un
				}
				switch m[1] {
				case "headline":
					setOnce(&ld.headline, clean(val))
				case "datePublished":
					setOnce(&ld.published, val)
				case "dateCreated":
					setOnce(&ld.created, val)
				}
			}
			return
		}
		walkLD(v, &ld, 0)
	})
	return ld
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

var rxArticleType = regexp.MustCompile(`(?i)(article|posting|report)$`)

func walkLD(v any, ld *jsonLD, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkLD(e, ld, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			walkLD(g, ld, depth+1)
		}
		isArticle := false
		switch t := x["@type"].(type) {
		case string:
			isArticle = rxArticleType.MatchString(t)
		case []any:
			for _, e := range t {
				if s, ok := e.(string); ok && rxArticleType.MatchString(s) {
					isArticle = true
				}
			}
		}
		_, hasHeadline := x["headline"]
		if !isArticle && !hasHeadline {
			return
		}
		if isArticle {
			ld.article = true
		}
		str := func(k string) string {
			if s, ok := x[k].(string); ok {
				return strings.TrimSpace(s)
			}
			return ""
		}
		setOnce(&ld.headline, clean(str("headline")))
		setOnce(&ld.published, str("datePublished"))
		setOnce(&ld.created, str("dateCreated"))
		setOnce(&ld.url, str("url"))
		switch p := x["publisher"].(type) {
		case map[string]any:
			if s, ok := p["name"].(string); ok {
				setOnce(&ld.publisher, clean(s))
			}
		case string:
			setOnce(&ld.publisher, clean(p))
		}
	}
}

// Title handling.

var (
	rxTitleSep   = regexp.MustCompile(`\s+(?:[|\-–—»•]|::?)\s+|\s*(?:\||::)\s*`)
	rxOutletLike = regexp.MustCompile(`(?i)(\.(com|co\.id|co|id|net|org|tv)\b|\b(news|online|portal|berita|media)\b)`)
	rxColonHead  = regexp.MustCompile(`^([^:]{2,40}):\s+(.+)$`)
)

// outletLike reports whether a title segment names the outlet.
func (m meta) outletLike(seg string) bool {
	k := normKey(seg)
	if k == "" {
		return false
	}
	for _, key := range m.keys {
		if strings.Contains(k, key) || (len(k) >= 4 && strings.Contains(key, k)) {
			return true
		}
	}
	return rxOutletLike.MatchString(seg) && len(strings.Fields(seg)) <= 4
}

// stripOutlet removes " - Outlet", " | Section | Outlet" suffixes and
// "Outlet: " prefixes from a title, keeping the headline.
func (m meta) stripOutlet(t string) string {
	t = clean(t)
	if t == "" {
		return t
	}
	// Prefix "KapanLagi.com: Headline".
	if g := rxColonHead.FindStringSubmatch(t); g != nil && m.outletLike(g[1]) {
		t = g[2]
		// "Kapanlagi.com: Musik - Headline": a section after the outlet.
		if segs := splitTitle(t); len(segs) == 2 && len(strings.Fields(segs[0].text)) <= 2 && len(strings.Fields(segs[1].text)) >= 3 {
			t = segs[1].text
		}
	}
	segs := splitTitle(t)
	if len(segs) < 2 {
		return t
	}
	// Find the first segment from the left that names the outlet (not the
	// first one: a headline may name the outlet itself).
	cut := -1
	for i := 1; i < len(segs); i++ {
		if m.outletLike(segs[i].text) {
			cut = i
			break
		}
	}
	if cut < 0 {
		return t
	}
	keep := segs[:cut]
	// Drop section names ("Health", "National") just before the outlet.
	for len(keep) > 1 && len(strings.Fields(keep[len(keep)-1].text)) <= 2 && len(strings.Fields(keep[0].text)) >= 3 {
		keep = keep[:len(keep)-1]
	}
	return strings.TrimSpace(t[:keep[len(keep)-1].end])
}

type seg struct {
	text       string
	start, end int
}

func splitTitle(t string) []seg {
	var out []seg
	last := 0
	for _, loc := range rxTitleSep.FindAllStringIndex(t, -1) {
		if loc[0] == 0 {
			continue
		}
		out = append(out, seg{strings.TrimSpace(t[last:loc[0]]), last, loc[0]})
		last = loc[1]
	}
	out = append(out, seg{strings.TrimSpace(t[last:]), last, len(t)})
	return out
}

// headingSel selects the elements that may show the headline.
const headingSel = `h1, h2, h3, [itemprop="headline"], [class*="title"], [class*="judul"], [class*="jdl"], [class*="headline"], [id*="title"], [id*="judul"]`

// chooseTitle picks the headline: the first heading-like element in the
// page that agrees with a metadata title (it may add a rubric such as
// "FOTO:" or "In Picture:", but not an outlet name), else the first
// metadata title without outlet affixes. It also returns the element the
// headline was found in (nil when none), near which the date is looked for.
func chooseTitle(doc *goquery.Document, m meta, readabilityTitle string) (string, *html.Node) {
	var cands []string
	for _, t := range append(append([]string{}, m.titles...), readabilityTitle) {
		if c := m.stripOutlet(t); c != "" {
			cands = append(cands, c)
		}
	}
	var title string
	var anchor *html.Node
	doc.Find("body").Find(headingSel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		raw := clean(s.Text())
		if raw == "" || len(raw) > 400 {
			return true
		}
		if all, links := textLen(s.Get(0)); links*10 >= all*9 {
			return true // a link to an article (a teaser), not a headline
		}
		h := m.stripOutlet(raw)
		nh := normKey(h)
		if len(nh) < 8 {
			return true
		}
		for _, c := range cands {
			nc := normKey(c)
			if nc == "" {
				continue
			}
			if nh == nc {
				title, anchor = h, s.Get(0)
				return false
			}
			if strings.Contains(nh, nc) && len(nc)*2 >= len(nh) {
				// The heading adds something. A rubric before the headline
				// ("FOTO:", "In Picture:") is part of it; an outlet name is
				// not; anything else means a container: look inside it.
				low, lc := strings.ToLower(h), strings.ToLower(c)
				at := strings.Index(low, lc)
				if at < 0 || strings.TrimSpace(h[at+len(c):]) != "" {
					continue
				}
				prefix := strings.TrimSpace(h[:at])
				switch {
				case m.outletLike(prefix):
					title, anchor = c, s.Get(0)
				case strings.HasSuffix(prefix, ":") && len(strings.Fields(prefix)) <= 4:
					title, anchor = h, s.Get(0)
				default:
					continue
				}
				return false
			}
			if strings.Contains(nc, nh) && len(nh) >= 12 && len(nh)*2 >= len(nc) {
				title, anchor = h, s.Get(0)
				return false
			}
		}
		return true
	})
	if title != "" {
		return title, anchor
	}
	if len(cands) > 0 {
		return cands[0], nil
	}
	return "", nil
}

// Date handling.

var rxDateClass = regexp.MustCompile(`(?i)(date|time|tanggal|tgl|waktu|publish|posted|jam|byline|author|meta|info|reporter)`)

// choosePublished decides the publication time from the metadata, the dates
// written in the page and the URL.
func choosePublished(doc *goquery.Document, anchor *html.Node, m meta, art readability.Article, lines []string) found {
	loc := wib // times without a zone: Jakarta time, where most outlets publish
	var md found
	for _, list := range [][]string{m.dates, m.created} {
		for _, d := range list {
			if f, ok := parseMachineDate(d, loc); ok {
				md = f
				break
			}
		}
		if md.ok() {
			break
		}
	}
	if !md.ok() {
		if t, err := art.PublishedTime(); err == nil && t.Year() >= 1990 && t.Year() <= 2100 {
			md = found{t: t, hasClock: true, hasZone: true}
		}
	}
	td, all := pageDates(doc, anchor, lines, loc)
	ud, _ := urlDate(m.url, loc)

	switch {
	case md.ok() && md.hasClock:
		_, off := md.t.Zone()
		if off == 0 || !md.hasZone {
			// A local time labelled as UTC ("…T10:08:58Z" for 10:08 WIB):
			// the page shows the same wall-clock time in its own zone.
			for _, f := range append([]found{td}, all...) {
				if f.ok() && f.hasClock && f.hasZone && sameWallClock(md.t, f.t) {
					t := md.t
					md.t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), f.t.Location())
					return md
				}
			}
		}
		return md
	case md.ok():
		if td.ok() && td.hasClock && sameDay(md.t, td.t) {
			return td
		}
		return md
	case td.ok():
		if ud.ok() && !sameDay(ud.t, td.t) && !td.hasClock {
			return ud
		}
		if ud.ok() && ud.t.Sub(td.t).Abs() > 48*time.Hour {
			return ud // the page's first date is not the article's
		}
		return td
	}
	return ud
}

func sameWallClock(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day() &&
		a.Hour() == b.Hour() && a.Minute() == b.Minute()
}

func sameDay(a, b time.Time) bool {
	b = b.In(a.Location())
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}

// pageDates finds the publication date written in the page. When the
// headline element is known it takes the date written nearest to it
// (after it, or at worst before it); otherwise, in order, a date in an
// element whose class or id names a date, a date in the first lines of the
// article text, the first date anywhere. Dates with a time of day beat
// dates without. It also returns every date with a time found in the page.
func pageDates(doc *goquery.Document, anchor *html.Node, lines []string, loc *time.Location) (found, []found) {
	type hit struct {
		f         found
		at        int
		dateClass bool
	}
	var hits []hit
	seq, anchorAt := 0, -1
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 256 || n.Type != html.ElementNode {
			return
		}
		seq++
		if n == anchor {
			anchorAt = seq
			return
		}
		switch n.Data {
		case "script", "style", "noscript", "option", "select", "head", "a":
			return
		}
		all, _ := textLen(n)
		if all > 0 && all <= 160 {
			ds := textDates(clean(nodeText(n)), loc)
			if len(ds) > 0 {
				dc := rxDateClass.MatchString(attr(n, "class") + " " + attr(n, "id"))
				for _, f := range ds {
					hits = append(hits, hit{f, seq, dc})
				}
				return
			}
			if all <= 40 {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	if body := doc.Find("body").Get(0); body != nil {
		walk(body, 0)
	}
	var withClock []found
	for _, h := range hits {
		if h.f.hasClock {
			withClock = append(withClock, h.f)
		}
	}
	var inLines []found
	for i, l := range lines {
		if i >= 8 {
			break
		}
		inLines = append(inLines, textDates(l, loc)...)
	}
	for _, clock := range []bool{true, false} {
		if anchorAt >= 0 {
			best, bestD := -1, 0
			for i, h := range hits {
				if h.f.hasClock != clock {
					continue
				}
				d := h.at - anchorAt
				if d < 0 {
					d = -2 * d
				}
				if best < 0 || d < bestD {
					best, bestD = i, d
				}
			}
			if best >= 0 {
				return hits[best].f, withClock
			}
		}
		for _, h := range hits {
			if h.dateClass && h.f.hasClock == clock {
				return h.f, withClock
			}
		}
		for _, f := range inLines {
			if f.hasClock == clock {
				return f, withClock
			}
		}
		for _, h := range hits {
			if h.f.hasClock == clock {
				return h.f, withClock
			}
		}
	}
	return found{}, withClock
}

// nodeText is the text under n with block boundaries as spaces.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

var rxRelAge = regexp.MustCompile(`(?i)\b\d+\s*(detik|menit|jam|hari|minutes?|hours?|mins?)\s+(yang\s+)?(lalu|ago)\b`)

// indexPage tells why the rendered text looks like a home or section page
// (a list of teasers) rather than one article; "" when it does not.
func indexPage(m meta, rendered []line) string {
	dateLines, ages := 0, 0
	for _, l := range rendered {
		if isBylineLine(l.text) && len(textDates(l.text, wib)) > 0 {
			dateLines++
		}
		if len(l.text) < 120 && rxRelAge.MatchString(l.text) {
			ages++
		}
	}
	switch {
	case dateLines >= 3:
		return fmt.Sprintf("a list of teasers (%d date lines)", dateLines)
	case ages >= 3:
		return fmt.Sprintf("a list of teasers (%d \"… lalu\" times)", ages)
	case m.ogType == "website" && proseLines(textsOf(rendered)) < 2:
		return "a website front page"
	case rootURL(m.url) && proseLines(textsOf(rendered)) < 4:
		return "the page's own URL is a site root"
	}
	return ""
}

// rootURL reports whether u is a site's root ("http://indeks.kompas.com/").
func rootURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Host != "" && strings.Trim(p.Path, "/") == "" && p.RawQuery == ""
}

func textsOf(ls []line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}

// proseLines counts lines that read like prose (12 words or more).
func proseLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if len(strings.Fields(l)) >= 12 {
			n++
		}
	}
	return n
}
