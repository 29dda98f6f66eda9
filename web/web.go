// Package web serves Warta's web pages: it takes an open store database
// (store.Store.DB) and gives an http.Handler of server-rendered HTML pages —
// the event table with its filters, search bar, cursor pagination and
// three panels for the current filter (a timeline, an actor network and a
// map, drawn as inline SVG in Go), one event with every mention, one
// article with its event and entity spans highlighted, ranked article
// search, and the embedded static assets (CSS, a little JavaScript for
// progressive enhancement, the Natural Earth map data).
//
// Every page is complete without JavaScript; all text is escaped by
// html/template. A malformed query parameter gives a 400 page naming it;
// unknown paths and unknown event or article ids give 404.
package web

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/warta-id/warta/query"
	"github.com/warta-id/warta/store/dialect"
)

//go:embed assets
var assetsFS embed.FS

//go:embed templates/*.html
var templatesFS embed.FS

// EventTypes are the 16 PLOVER event types, cooperative first.
var EventTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

var sortOptions = []option{
	{"date", "Newest first", false}, {"-date", "Oldest first", false},
	{"goldstein", "Goldstein, highest", false}, {"-goldstein", "Goldstein, lowest", false},
	{"num_articles", "Most articles", false}, {"-num_articles", "Fewest articles", false},
	{"confidence", "Most confident", false}, {"-confidence", "Least confident", false},
}

type option struct {
	Value, Label string
	Selected     bool
}

type handler struct {
	db    *sql.DB
	pages map[string]*template.Template
	mux   *http.ServeMux
}

// New returns the handler for the web pages over the store's database.
func New(db *sql.DB) http.Handler {
	h := &handler{db: db, pages: parsePages(), mux: http.NewServeMux()}
	static, err := fs.Sub(assetsFS, "assets")
	if err != nil {
		panic(err) // the embedded directory is fixed at build time
	}
	files := http.FileServerFS(static)
	h.mux.Handle("GET /static/", http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})))
	h.mux.HandleFunc("GET /{$}", h.index)
	h.mux.HandleFunc("GET /events/{id}", h.event)
	h.mux.HandleFunc("GET /articles/{id}", h.article)
	h.mux.HandleFunc("GET /search", h.search)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, errNotFound("no page at "+r.URL.Path))
	})
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	hd.Set("Referrer-Policy", "same-origin")
	h.mux.ServeHTTP(w, r)
}

var funcs = template.FuncMap{
	"eventURL":   func(id int64) string { return "/events/" + strconv.FormatInt(id, 10) },
	"articleURL": func(id string) string { return "/articles/" + url.PathEscape(id) },
	"quad":       quadLabel,
	"num":        func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) },
	"fixed":      func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) },
	"gcolor":     goldsteinColor,
	"kindClass":  kindClass,
	"deref": func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	},
}

func parsePages() map[string]*template.Template {
	pages := map[string]*template.Template{}
	for _, name := range []string{"index", "event", "article", "search", "error"} {
		t := template.Must(template.New(name).Funcs(funcs).ParseFS(templatesFS, "templates/layout.html", "templates/"+name+".html"))
		pages[name] = t
	}
	return pages
}

// render executes a page into a buffer first, so a template error gives a
// clean 500 instead of half a page.
func (h *handler) render(w http.ResponseWriter, status int, page string, data any) {
	var b bytes.Buffer
	if err := h.pages[page].ExecuteTemplate(&b, "layout", data); err != nil {
		log.Printf("web: rendering %s: %v", page, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

type notFound string

func (e notFound) Error() string { return string(e) }

func errNotFound(msg string) error { return notFound(msg) }

type errorPage struct {
	Title   string
	Status  int
	Message string
	Param   *query.ParamError
}

// fail renders the error page: 400 for a bad parameter, 404 for anything
// not found, 500 (logged, not shown) otherwise.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *query.ParamError
	var nf notFound
	switch {
	case errors.As(err, &pe):
		h.render(w, http.StatusBadRequest, "error", errorPage{Title: "Bad parameter " + pe.Param, Status: 400, Param: pe,
			Message: fmt.Sprintf("The parameter %q has the value %q: %s.", pe.Param, pe.Value, pe.Problem)})
	case errors.As(err, &nf):
		h.render(w, http.StatusNotFound, "error", errorPage{Title: "Not found", Status: 404, Message: string(nf)})
	case errors.Is(err, query.ErrNotFound):
		h.render(w, http.StatusNotFound, "error", errorPage{Title: "Not found", Status: 404, Message: "There is no such " + strings.TrimPrefix(r.URL.Path, "/")})
	case errors.Is(err, context.Canceled):
		// the client went away
	default:
		log.Printf("web: %s: %v", r.URL.Path, err)
		h.render(w, http.StatusInternalServerError, "error", errorPage{Title: "Internal error", Status: 500, Message: "Something went wrong reading the database."})
	}
}

// ---- index ----

type formState struct {
	Q, From, To, Actor, Recipient, Country, MinConfidence, Sector, Place, Limit string
	Types, Quads, Sorts                                                         []option
}

type eventRow struct {
	query.Event
	URL      string
	Evidence []segment
	Flags    []string
}

type indexPage struct {
	Title     string
	Form      formState
	Rows      []eventRow
	NextURL   string
	FirstURL  string
	Timeline  timelineChart
	Network   networkChart
	Map       mapChart
	Filtered  bool
	MapView   string
	Intervals []option
}

func (h *handler) index(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v := r.URL.Query()
	f, err := query.ParseFilter(v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg, err := query.ParsePage(v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	interval := strings.TrimSpace(v.Get("interval"))
	switch interval {
	case "", "day", "week", "month":
	default:
		h.fail(w, r, &query.ParamError{Param: "interval", Value: interval, Problem: "want day, week or month"})
		return
	}
	mapView := strings.TrimSpace(v.Get("map"))
	switch mapView {
	case "", "world", "indonesia":
	default:
		h.fail(w, r, &query.ParamError{Param: "map", Value: mapView, Problem: "want world or indonesia"})
		return
	}
	events, err := query.Events(ctx, h.db, f, pg)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	recs, err := firstRecords(ctx, h.db, events.Events)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := indexPage{Title: "Events", Form: newForm(f, pg, v), MapView: mapView, Filtered: len(f.Values()) > 0}
	for _, ev := range events.Events {
		p.Rows = append(p.Rows, eventRow{Event: ev, URL: "/events/" + strconv.FormatInt(ev.ID, 10),
			Evidence: evidenceSegments(ev.Evidence.Text, recs[ev.ID]), Flags: flags(ev)})
	}
	base := f.Values()
	if pg.Sort != "date" {
		base.Set("sort", pg.Sort)
	}
	if s := v.Get("limit"); s != "" {
		base.Set("limit", strconv.Itoa(pg.Limit))
	}
	for _, k := range []string{"interval", "map"} {
		if s := strings.TrimSpace(v.Get(k)); s != "" {
			base.Set(k, s)
		}
	}
	if events.Next != "" {
		nv := cloneValues(base)
		nv.Set("cursor", events.Next)
		p.NextURL = "/?" + nv.Encode()
	}
	if pg.Cursor != "" {
		p.FirstURL = "/?" + base.Encode()
	}

	if interval == "" {
		months, err := query.Timeline(ctx, h.db, f, "month", "")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		interval = chooseInterval(months)
	}
	buckets, err := query.Timeline(ctx, h.db, f, interval, "quad_class")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Timeline = buildTimeline(buckets, interval)
	for _, iv := range []string{"day", "week", "month"} {
		iu := cloneValues(base)
		iu.Set("interval", iv)
		p.Intervals = append(p.Intervals, option{Value: "/?" + iu.Encode(), Label: iv, Selected: iv == interval})
	}

	edges, err := query.Network(ctx, h.db, f, "", 60)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Network = buildNetwork(edges, func(code string) string {
		nv := cloneValues(base)
		nv.Set("actor", code)
		return "/?" + nv.Encode()
	})

	places, err := query.Map(ctx, h.db, f, 500)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Map, err = buildMap(places, mapView, func(pc query.PlaceCount) string {
		nv := cloneValues(base)
		nv.Set("place", pc.Name)
		if pc.Country != "" {
			nv.Set("country", pc.Country)
		}
		return "/?" + nv.Encode()
	})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, http.StatusOK, "index", p)
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func newForm(f query.Filter, pg query.Page, v url.Values) formState {
	fs := formState{Q: f.Text, From: f.From, To: f.To, Actor: strings.Join(f.Actors, ","), Recipient: strings.Join(f.Recipients, ","),
		Country: f.Country, Sector: f.Sector, Place: f.Place}
	if f.MinConfidence > 0 {
		fs.MinConfidence = strconv.FormatFloat(f.MinConfidence, 'f', -1, 64)
	}
	if v.Get("limit") != "" {
		fs.Limit = strconv.Itoa(pg.Limit)
	}
	fs.Types = append(fs.Types, option{"", "any type", len(f.Types) == 0})
	for _, t := range EventTypes {
		fs.Types = append(fs.Types, option{t, t, len(f.Types) > 0 && f.Types[0] == t})
	}
	if len(f.Types) > 0 && !contains(EventTypes, f.Types[0]) || len(f.Types) > 1 {
		// a list from a link: keep it selectable as it is
		l := strings.Join(f.Types, ",")
		fs.Types = append(fs.Types, option{l, l, true})
		for i := range fs.Types[:len(fs.Types)-1] {
			fs.Types[i].Selected = false
		}
	}
	qs := make([]string, len(f.QuadClasses))
	for i, q := range f.QuadClasses {
		qs[i] = strconv.Itoa(q)
	}
	ql := strings.Join(qs, ",")
	fs.Quads = append(fs.Quads, option{"", "any", ql == ""})
	for q := 1; q <= 4; q++ {
		fs.Quads = append(fs.Quads, option{strconv.Itoa(q), fmt.Sprintf("%d %s", q, quadLabel(q)), ql == strconv.Itoa(q)})
	}
	if len(qs) > 1 {
		fs.Quads = append(fs.Quads, option{ql, ql, true})
	}
	for _, o := range sortOptions {
		o.Selected = o.Value == pg.Sort
		fs.Sorts = append(fs.Sorts, o)
	}
	return fs
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func flags(ev query.Event) []string {
	var fl []string
	if ev.Future {
		fl = append(fl, "future")
	}
	if ev.Historical {
		fl = append(fl, "historical")
	}
	return fl
}

// firstRecords reads the coder's record of each event's first mention
// (the mention its Evidence comes from), for highlighting.
func firstRecords(ctx context.Context, db *sql.DB, evs []query.Event) (map[int64][]byte, error) {
	out := map[int64][]byte{}
	if len(evs) == 0 {
		return out, nil
	}
	ids := make([]any, len(evs))
	for i, ev := range evs {
		ids[i] = ev.ID
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	rows, err := db.QueryContext(ctx, dialect.Rebind(dialect.Of(db), `SELECT event_id, record FROM event_mentions
		WHERE id IN (SELECT min(id) FROM event_mentions WHERE event_id IN (`+marks+`) GROUP BY event_id)`), ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var rec string
		if err := rows.Scan(&id, &rec); err != nil {
			return nil, err
		}
		out[id] = []byte(rec)
	}
	return out, rows.Err()
}

// ---- event ----

type mentionRow struct {
	query.Mention
	Segs   []segment
	Record string
}

type eventPage struct {
	Title    string
	Event    query.EventDetail
	Flags    []string
	Mentions []mentionRow
}

func (h *handler) event(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, errNotFound("There is no event "+r.PathValue("id")+"."))
		return
	}
	d, err := query.EventByID(r.Context(), h.db, id)
	if errors.Is(err, query.ErrNotFound) {
		h.fail(w, r, errNotFound(fmt.Sprintf("There is no event %d.", id)))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := eventPage{Title: fmt.Sprintf("Event %d: %s", d.ID, d.EventType), Event: d, Flags: flags(d.Event)}
	for _, m := range d.Mentions {
		var pretty bytes.Buffer
		if json.Indent(&pretty, m.Record, "", "  ") != nil {
			pretty.Reset()
			pretty.Write(m.Record)
		}
		p.Mentions = append(p.Mentions, mentionRow{Mention: m, Segs: evidenceSegments(m.Evidence.Text, m.Record), Record: pretty.String()})
	}
	h.render(w, http.StatusOK, "event", p)
}

// ---- article ----

type eventLink struct {
	ID    int64
	Type  string
	URL   string
	Start int
}

type articlePage struct {
	Title    string
	Article  query.ArticleDetail
	Segments []segment
	Events   []eventLink
	Kinds    []string
}

func (h *handler) article(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := query.ArticleByID(r.Context(), h.db, id)
	if errors.Is(err, query.ErrNotFound) {
		h.fail(w, r, errNotFound(fmt.Sprintf("There is no article %q.", id)))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := articlePage{Title: d.Title, Article: d}
	if p.Title == "" {
		p.Title = "Article " + d.ID
	}
	var spans []hlSpan
	seen := map[int64]bool{}
	for _, s := range d.Events {
		spans = append(spans, hlSpan{Start: s.Start, End: s.End, Class: "ev", Title: fmt.Sprintf("event %d %s", s.EventID, s.Label)})
		if !seen[s.EventID] {
			seen[s.EventID] = true
			p.Events = append(p.Events, eventLink{ID: s.EventID, Type: s.Label, URL: "/events/" + strconv.FormatInt(s.EventID, 10), Start: s.Start})
		}
	}
	kinds := map[string]bool{}
	for _, s := range d.Entities {
		title := s.Kind
		if s.Label != "" {
			title += " " + s.Label
		}
		spans = append(spans, hlSpan{Start: s.Start, End: s.End, Inner: true, Class: kindClass(s.Kind), Title: title})
		if !kinds[s.Kind] {
			kinds[s.Kind] = true
			p.Kinds = append(p.Kinds, s.Kind)
		}
	}
	p.Segments = segmentText(d.Text, spans)
	h.render(w, http.StatusOK, "article", p)
}

// ---- search ----

type searchHit struct {
	query.ArticleHit
	Snippet template.HTML
}

type searchPage struct {
	Title   string
	Q       string
	Hits    []searchHit
	NextURL string
	PrevURL string
	Offset  int
}

const searchLimit = 20

func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := strings.TrimSpace(v.Get("q"))
	if len(q) > 500 {
		h.fail(w, r, &query.ParamError{Param: "q", Value: q[:20] + "…", Problem: "longer than 500 bytes"})
		return
	}
	off := 0
	if s := strings.TrimSpace(v.Get("offset")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 100000 {
			h.fail(w, r, &query.ParamError{Param: "offset", Value: s, Problem: "want a number from 0 to 100000"})
			return
		}
		off = n
	}
	p := searchPage{Title: "Search articles", Q: q, Offset: off}
	if q != "" {
		p.Title = "Articles: " + q
		hits, err := query.SearchArticles(r.Context(), h.db, q, searchLimit+1, off)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if len(hits) > searchLimit {
			hits = hits[:searchLimit]
			p.NextURL = "/search?" + url.Values{"q": {q}, "offset": {strconv.Itoa(off + searchLimit)}}.Encode()
		}
		if off > 0 {
			p.PrevURL = "/search?" + url.Values{"q": {q}, "offset": {strconv.Itoa(max(0, off-searchLimit))}}.Encode()
		}
		for _, hit := range hits {
			p.Hits = append(p.Hits, searchHit{ArticleHit: hit, Snippet: safeSnippet(hit.Snippet)})
		}
	}
	h.render(w, http.StatusOK, "search", p)
}

// safeSnippet re-escapes a snippet from query.SearchArticles rather than
// trusting it: the text between <mark> and </mark> is unescaped and escaped
// again, and only balanced <mark> tags are let through.
func safeSnippet(s string) template.HTML {
	var b strings.Builder
	open := false
	for s != "" {
		i := strings.Index(s, "<mark>")
		j := strings.Index(s, "</mark>")
		tag, n := "", len(s)
		if i >= 0 && (j < 0 || i < j) {
			tag, n = "<mark>", i
		} else if j >= 0 {
			tag, n = "</mark>", j
		}
		b.WriteString(template.HTMLEscapeString(html.UnescapeString(s[:n])))
		s = s[n:]
		if tag == "" {
			break
		}
		s = s[len(tag):]
		if (tag == "<mark>") != open {
			b.WriteString(tag)
			open = !open
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}
