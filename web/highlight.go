package web

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// mark is how a run of text is highlighted: a CSS class and a tooltip.
type mark struct {
	Class, Title string
}

// segment is a run of text covered by the same highlights: Outer is drawn
// as <mark>, Inner (inside it) as <span>. Templates escape Text.
type segment struct {
	Text  string
	Outer *mark
	Inner *mark
}

// hlSpan is a highlight over bytes [Start, End) of a text; Inner spans
// (entities) nest inside outer ones (events).
type hlSpan struct {
	Start, End int
	Inner      bool
	Class      string
	Title      string
}

// maxSpans bounds the work of segmenting one text.
const maxSpans = 5000

// segmentText splits text into non-overlapping segments at every span
// boundary, so nested and overlapping spans become flat runs that each
// carry the highlights covering them. Spans are clamped to the text and
// to rune boundaries; empty ones are dropped.
func segmentText(text string, spans []hlSpan) []segment {
	var ok []hlSpan
	for _, s := range spans {
		if len(ok) == maxSpans {
			break
		}
		s.Start = max(0, min(s.Start, len(text)))
		s.End = max(0, min(s.End, len(text)))
		for s.Start > 0 && !utf8.RuneStart(text[s.Start]) {
			s.Start--
		}
		for s.End < len(text) && !utf8.RuneStart(text[s.End]) {
			s.End++
		}
		if s.Start < s.End {
			ok = append(ok, s)
		}
	}
	cuts := []int{0, len(text)}
	for _, s := range ok {
		cuts = append(cuts, s.Start, s.End)
	}
	sort.Ints(cuts)
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		seg := segment{Text: text[a:b]}
		var outer, inner []hlSpan
		for _, s := range ok {
			if s.Start <= a && b <= s.End {
				if s.Inner {
					inner = append(inner, s)
				} else {
					outer = append(outer, s)
				}
			}
		}
		seg.Outer, seg.Inner = combine(outer), combine(inner)
		if n := len(segs); n > 0 && sameMark(segs[n-1].Outer, seg.Outer) && sameMark(segs[n-1].Inner, seg.Inner) {
			segs[n-1].Text += seg.Text
			continue
		}
		segs = append(segs, seg)
	}
	return segs
}

// combine merges the spans covering one segment: the innermost (shortest)
// span gives the class, the titles of all are listed.
func combine(ss []hlSpan) *mark {
	if len(ss) == 0 {
		return nil
	}
	best := ss[0]
	var titles []string
	seen := map[string]bool{}
	for _, s := range ss {
		if s.End-s.Start < best.End-best.Start {
			best = s
		}
		if s.Title != "" && !seen[s.Title] {
			seen[s.Title] = true
			titles = append(titles, s.Title)
		}
	}
	return &mark{Class: best.Class, Title: strings.Join(titles, "; ")}
}

func sameMark(a, b *mark) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

var reKind = regexp.MustCompile(`[^a-z0-9]+`)

// kindClass turns an entity kind into a CSS class name.
func kindClass(kind string) string {
	k := strings.Trim(reKind.ReplaceAllString(strings.ToLower(kind), "-"), "-")
	if k == "" {
		k = "other"
	}
	return "ent ent-" + k
}

// record is the part of a coder's PLOVER record the evidence highlighting
// reads.
type record struct {
	Actor     []struct{ Text, Code string } `json:"actor"`
	Recipient []struct{ Text, Code string } `json:"recipient"`
	Location  *struct{ Text string }        `json:"location"`
}

// evidenceSegments highlights an evidence sentence: the actor, recipient
// and place texts the coder recorded (when they occur in the sentence), or
// else the whole sentence.
func evidenceSegments(sentence string, rec []byte) []segment {
	var r record
	var spans []hlSpan
	if len(rec) > 0 && json.Unmarshal(rec, &r) == nil {
		add := func(text, class, title string) {
			if i := indexFold(sentence, text); i >= 0 {
				spans = append(spans, hlSpan{Start: i, End: i + len(text), Class: class, Title: title})
			}
		}
		for _, a := range r.Actor {
			add(a.Text, "hl-actor", "actor "+a.Code)
		}
		for _, a := range r.Recipient {
			add(a.Text, "hl-recipient", "recipient "+a.Code)
		}
		if r.Location != nil {
			add(r.Location.Text, "hl-place", "place")
		}
	}
	if len(spans) == 0 {
		spans = []hlSpan{{Start: 0, End: len(sentence), Class: "hl-event", Title: "evidence"}}
	}
	return segmentText(sentence, spans)
}

// indexFold finds needle in s, exactly or else ignoring case when that
// keeps byte lengths; -1 when absent or empty.
func indexFold(s, needle string) int {
	if strings.TrimSpace(needle) == "" {
		return -1
	}
	if i := strings.Index(s, needle); i >= 0 {
		return i
	}
	ls, ln := strings.ToLower(s), strings.ToLower(needle)
	if len(ls) != len(s) || len(ln) != len(needle) {
		return -1
	}
	return strings.Index(ls, ln)
}
