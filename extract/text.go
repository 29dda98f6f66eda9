package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Boilerplate blocks removed from the page before readability sees it.
var (
	rxJunkClass = regexp.MustCompile(`(?i)(baca-?juga|bacajuga|related|terkait|rekomendasi|recommend|populer|popular|terpopuler|trending|share|sharing|social|sosmed|socmed|follow|breadcrumb|caption|keterangan|komentar|comment|newsletter|subscribe|advert|iklan|\bads?\b|ads-|banner|sponsor|widget|sidebar|footer|nav(bar|igation)?\b|menu|tags?\b|topik|pagination|paging|copyright|disclaimer|tweet|instagram-media|tiktok-embed|fb-post|foto-?credit|photo-?credit)`)
	// media blocks: a photo or video with its caption
	rxMediaClass = regexp.MustCompile(`(?i)(^|[\s_-])(image|img|foto|photo|pic|picture|gallery|galeri|thumb|thumbnail|caption|video|media)s?([\s_-]|$)`)
	// class names that hold the article itself and must survive even if
	// they also match rxJunkClass ("content-share-wrapper" aside)
	rxKeepClass = regexp.MustCompile(`(?i)(^|[\s_-])(article|artikel|content|konten|detail|isi|body|entry|post|text|story|news|berita|read)([\s_-]|$)`)
)

var dropTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "iframe": true, "form": true,
	"button": true, "nav": true, "aside": true, "footer": true, "figcaption": true,
	"select": true, "textarea": true, "input": true, "svg": true, "object": true,
	"embed": true, "template": true, "dialog": true, "menu": true,
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textLen counts the runes of visible text under n, and those inside links.
func textLen(n *html.Node) (all, inLinks int) {
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, link bool) {
		switch n.Type {
		case html.TextNode:
			c := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			all += c
			if link {
				inLinks += c
			}
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			if n.Data == "a" {
				link = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, link)
		}
	}
	walk(n, false)
	return
}

// preClean removes navigation, share bars, related-link lists, captions and
// other boilerplate from the document.
func preClean(root *html.Node) {
	var remove []*html.Node
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		if n.Type == html.CommentNode {
			remove = append(remove, n)
			return
		}
		if n.Type == html.ElementNode {
			if dropTags[n.Data] {
				remove = append(remove, n)
				return
			}
			if junkBlock(n) {
				remove = append(remove, n)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

var rxLeadIn = regexp.MustCompile(`(?i)^\s*(baca juga|baca pula|berita terkait|artikel terkait|berita lainnya|lihat juga|simak juga|tonton juga|saksikan juga|related|read also|see also|jangan lewatkan|baca selengkapnya)\b`)

func junkBlock(n *html.Node) bool {
	switch n.Data {
	case "html", "body", "head", "main", "article":
		return false
	}
	if strings.EqualFold(attr(n, "role"), "navigation") {
		return true
	}
	if n.Data == "figure" {
		return true // photos and their captions
	}
	ci := attr(n, "class") + " " + attr(n, "id")
	if strings.TrimSpace(ci) != "" && rxJunkClass.MatchString(ci) && !rxKeepClass.MatchString(ci) {
		all, links := textLen(n)
		if all < 300 || links*2 > all {
			return true
		}
	}
	if rxMediaClass.MatchString(ci) {
		if all, _ := textLen(n); all < 800 && longParas(n) == 0 {
			return true
		}
	}
	// A block of links introduced by "Baca juga" / "Berita Terkait".
	switch n.Data {
	case "div", "ul", "ol", "section", "table", "p", "span", "strong", "b", "h2", "h3", "h4":
		all, links := textLen(n)
		if all > 0 && all < 600 && rxLeadIn.MatchString(firstText(n)) && (links*3 >= all || all < 150) {
			return true
		}
	}
	return false
}

// longParas counts <p> elements under n with more than 150 runes of text.
func longParas(n *html.Node) int {
	c := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "p" {
			if all, _ := textLen(n); all > 150 {
				c++
			}
			return
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return c
}

// firstText returns the first non-blank text under n.
func firstText(n *html.Node) string {
	var out string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			out = n.Data
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(n)
	return out
}

var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true, "table": true,
	"tr": true, "section": true, "article": true, "header": true, "hr": true, "dl": true, "dt": true,
	"dd": true, "figure": true, "address": true, "main": true, "center": true, "td": true, "th": true,
}

// line is one rendered block of text.
type line struct {
	text  string
	runes int // visible runes
	links int // runes inside <a>
}

// allLink reports whether the line is (almost) entirely link text, as in
// lists of related headlines.
func (l line) allLink() bool { return l.runes > 0 && l.links*10 >= l.runes*9 }

// renderLines renders the text under n, one block per line.
func renderLines(n *html.Node) []line {
	var lines []line
	var cur strings.Builder
	var links int
	flush := func() {
		if t := clean(cur.String()); t != "" {
			lines = append(lines, line{text: t, runes: utf8.RuneCountInString(t), links: links})
		}
		cur.Reset()
		links = 0
	}
	var walk func(*html.Node, int, bool)
	walk = func(n *html.Node, depth int, inLink bool) {
		if depth > 512 {
			return
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			if inLink {
				links += utf8.RuneCountInString(clean(n.Data))
			}
			return
		case html.ElementNode:
			if dropTags[n.Data] || n.Data == "head" || n.Data == "title" {
				return
			}
			if n.Data == "a" {
				inLink = true
			}
			if blockTags[n.Data] {
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1, inLink)
		}
	}
	walk(n, 0, false)
	flush()
	return lines
}

var (
	rxBylineStart = regexp.MustCompile(`(?i)^(oleh|penulis|reporter|editor|laporan wartawan|by|posted by|diposting|dipublikasikan|diperbarui|updated|published|foto|ilustrasi)\b`)
	rxTrailer     = regexp.MustCompile(`(?i)^\(?\s*(editor|penyunting|pewarta|penulis|reporter|sumber|source|foto|video|copyright|hak cipta|©|tags?|topik|ikuti|follow|dapatkan|download|unduh|klik|share|bagikan)\b\s*:?`)
	rxShareWords  = regexp.MustCompile(`(?i)^(facebook|twitter|whatsapp|line|telegram|google\+?|linkedin|pinterest|email|e-mail|share|bagikan|tweet|print|cetak|komentar|comments?|\d+|[|•·,\s])+$`)
	rxCaption     = regexp.MustCompile(`(?i)\((foto|photo|antara\s*foto|reuters|afp|ap|getty|dok\.?|istimewa|ist\.?)\b[^)]*\)\s*$|\([A-Z][A-Za-z. ]{1,30}/[A-Z][^)]{1,60}\)\s*$`)
)

// cleanLines drops bylines, repeated headlines, "Baca juga" lines, share
// widgets, captions and link lists from the rendered lines.
func cleanLines(lines []line, title string) []string {
	nt := normKey(title)
	out := make([]string, 0, len(lines))
	prose := false // a prose paragraph has been kept
	for i, ln := range lines {
		l := strings.TrimSpace(ln.text)
		nl := normKey(l)
		words := len(strings.Fields(l))
		switch {
		case nl == "":
			continue
		case nt != "" && nl == nt:
			continue // the headline repeated
		case rxLeadIn.MatchString(l) && (len(l) < 250 || strings.Contains(l[:min(len(l), 24)], ":")):
			continue
		case rxShareWords.MatchString(l):
			continue
		case ln.allLink() && words < 25:
			continue // a related headline, a tag, a menu item
		case !prose && rxDateline.MatchString(l):
			// "ISTANBUL, 23 Februari 2016 (Antara) --": a dateline, kept
		case strings.HasPrefix(l, ":"):
			continue // a label whose name was an icon ": Persib"
		case !prose && i < 8 && (isBylineLine(l) || (words <= 6 && !endsSentence(l) && !rxSignOff.MatchString(l))):
			continue // section label, byline, date line, tag above the text
		case len(l) < 200 && rxTrailer.MatchString(l) && !endsSentence(l):
			continue
		case !prose && len(l) < 800 && rxCaption.MatchString(l):
			continue // photo caption above the text
		}
		if words >= 12 {
			prose = true
		}
		out = append(out, l)
	}
	// Trailing bylines ("Editor: …"), widget labels ("More Photos",
	// "Credits (2)") and notices at the end; sign-offs ("(kpl/sry)") stay.
	for len(out) > 0 {
		l := out[len(out)-1]
		short := len(strings.Fields(l)) <= 10 && !endsSentence(l) && !rxSignOff.MatchString(l)
		if len(l) < 120 && (short || rxTrailer.MatchString(l) || isBylineLine(l)) {
			out = out[:len(out)-1]
			continue
		}
		break
	}
	return out
}

// rxDateline matches a dateline paragraph: "ISTANBUL, 23 Februari 2016
// (Antara/PRNewswire) --", "JAKARTA, KOMPAS.com -".
var rxDateline = regexp.MustCompile(`^\p{Lu}[\p{Lu} .'-]{1,40}(,[^,]{0,60}){0,2},.{0,80}(--|-|–|—)\s*$`)

// rxSignOff matches an editor's sign-off such as "(kpl/sry)", "(ant)" or "rdk/ant".
var rxSignOff = regexp.MustCompile(`(?i)^(\([a-z]{1,6}(/[a-z]{1,6})*\)|[a-z]{1,6}(/[a-z]{1,6})+)\.?$`)

func endsSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	return r == '.' || r == '"' || r == '”' || r == '!' || r == '?'
}

// isBylineLine reports whether l is a byline or a dateline-with-time line
// such as "Oleh Ani · Senin, 8 Januari 2024 09:15 WIB" or
// "Kamis, 05/11/2015 10:08 WIB".
func isBylineLine(l string) bool {
	if len(l) > 200 {
		return false
	}
	if rxBylineStart.MatchString(l) && !endsSentence(l) {
		return true
	}
	ds := textDates(l, wib)
	if len(ds) == 0 {
		return false
	}
	// Mostly a date: few words besides it, no sentence.
	words := 0
	for _, f := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(f) > 3 {
			words++
		}
	}
	return words <= 10 && !strings.HasSuffix(l, ".")
}
