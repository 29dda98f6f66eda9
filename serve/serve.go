// Package serve is Warta's HTTP server: a JSON API under /api/v1/ over a
// store (described by the OpenAPI document it serves at
// /api/v1/openapi.json) and, for every other path, the web pages of
// package web.
//
// It takes an open read-only database and gives an http.Handler, plus
// Server, an http.Server with timeouts and limits set. Every parameter is
// validated: a bad one is a 400 with a JSON error naming it, an unknown
// route a 404, a method other than GET or HEAD a 405. Answers are cached
// per URL until the store changes.
package serve

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warta-id/warta/query"
)

//go:embed openapi.json
var openAPI []byte

// Options configure the handler.
type Options struct {
	// UI serves every path outside /api/v1/; nil answers 404 there.
	UI http.Handler
	// CacheEntries is how many answers are kept (0: 2,048; negative: no cache).
	CacheEntries int
	// Export writes events in a format for /api/v1/export; nil disables
	// the route (404).
	Export func(ctx context.Context, db *sql.DB, f query.Filter, format string, w http.ResponseWriter) error
	// ExportFormats lists the formats Export accepts.
	ExportFormats []string
	Log           *log.Logger
}

// api holds what the handlers need.
type api struct {
	db    *sql.DB
	opts  Options
	cache *cache
}

// New returns the handler: the API under /api/v1/ and opts.UI elsewhere.
func New(db *sql.DB, opts Options) http.Handler {
	a := &api{db: db, opts: opts}
	if opts.CacheEntries >= 0 {
		n := opts.CacheEntries
		if n == 0 {
			n = 2048
		}
		a.cache = newCache(n, db)
	}
	mux := http.NewServeMux()
	route := func(pattern string, params []string, h func(*http.Request, url.Values) (any, error)) {
		mux.HandleFunc(pattern, a.json(params, h))
	}
	filters := query.FilterParams
	page := []string{"sort", "cursor", "limit"}
	mux.HandleFunc("/api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	route("/api/v1/events", append(append([]string{}, filters...), page...), a.events)
	route("/api/v1/events/{id}", nil, a.event)
	route("/api/v1/articles", []string{"q", "limit", "offset"}, a.articles)
	route("/api/v1/articles/{id}", nil, a.article)
	route("/api/v1/actors", append(append([]string{}, filters...), "limit"), a.actors)
	route("/api/v1/network", append(append([]string{}, filters...), "by", "limit"), a.network)
	route("/api/v1/timeline", append(append([]string{}, filters...), "interval", "by"), a.timeline)
	route("/api/v1/map", append(append([]string{}, filters...), "limit"), a.placeMap)
	mux.HandleFunc("/api/v1/export", a.export)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "", "no such API route: "+r.URL.Path)
	})
	ui := opts.UI
	if ui == nil {
		ui = http.NotFoundHandler()
	}
	mux.Handle("/", ui)
	return guard(mux)
}

// guard answers only GET and HEAD, caps the request body and sets headers
// every answer carries.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "", "method "+r.Method+" not allowed; the API is read-only")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		if len(r.URL.RawQuery) > 8<<10 {
			writeError(w, http.StatusRequestURITooLong, "", "query string longer than 8 KiB")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// apiError is the JSON body of every error answer.
type apiError struct {
	Error string `json:"error"`
	Param string `json:"param,omitempty"`
}

func writeError(w http.ResponseWriter, status int, param, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(apiError{Error: msg, Param: param})
}

var errNotFound = errors.New("not found")

// json wraps a handler: check the parameters it knows, look in the cache,
// run it, and write its answer (or error) as JSON.
func (a *api) json(params []string, h func(*http.Request, url.Values) (any, error)) http.HandlerFunc {
	known := map[string]bool{}
	for _, p := range params {
		known[p] = true
	}
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			writeError(w, http.StatusBadRequest, "", "malformed query string: "+err.Error())
			return
		}
		var names []string
		for k := range v {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if !known[k] {
				allowed := append([]string{}, params...)
				sort.Strings(allowed)
				msg := fmt.Sprintf("unknown parameter %q", k)
				if len(allowed) > 0 {
					msg += "; this route takes " + strings.Join(allowed, ", ")
				}
				writeError(w, http.StatusBadRequest, k, msg)
				return
			}
			if len(v[k]) > 1 && k != "type" && k != "actor" && k != "recipient" {
				writeError(w, http.StatusBadRequest, k, fmt.Sprintf("parameter %q given %d times", k, len(v[k])))
				return
			}
		}
		key := r.URL.Path + "?" + v.Encode()
		if body, ok := a.cache.get(r.Context(), key); ok {
			writeBody(w, r, body)
			return
		}
		out, err := h(r, v)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		body, err := json.Marshal(out)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		body = append(body, '\n')
		a.cache.put(key, body)
		writeBody(w, r, body)
	}
}

func writeBody(w http.ResponseWriter, r *http.Request, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

func (a *api) fail(w http.ResponseWriter, r *http.Request, err error) {
	var pe *query.ParamError
	switch {
	case errors.As(err, &pe):
		writeError(w, http.StatusBadRequest, pe.Param, pe.Error())
	case errors.Is(err, query.ErrNotFound), errors.Is(err, errNotFound):
		writeError(w, http.StatusNotFound, "", r.URL.Path+": not found")
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "", "request cancelled or timed out")
	default:
		if a.opts.Log != nil {
			a.opts.Log.Printf("%s: %v", r.URL, err)
		}
		writeError(w, http.StatusInternalServerError, "", "internal error")
	}
}

func intParam(v url.Values, name string, def, min, max int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, &query.ParamError{Param: name, Value: s, Problem: fmt.Sprintf("want a whole number from %d to %d", min, max)}
	}
	return n, nil
}

func (a *api) events(r *http.Request, v url.Values) (any, error) {
	f, err := query.ParseFilter(v)
	if err != nil {
		return nil, err
	}
	p, err := query.ParsePage(v)
	if err != nil {
		return nil, err
	}
	return query.Events(r.Context(), a.db, f, p)
}

func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, &query.ParamError{Param: "id", Value: s, Problem: "want a positive event id"}
	}
	return id, nil
}

func (a *api) event(r *http.Request, v url.Values) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return query.EventByID(r.Context(), a.db, id)
}

func (a *api) articles(r *http.Request, v url.Values) (any, error) {
	q := strings.TrimSpace(v.Get("q"))
	if q == "" {
		return nil, &query.ParamError{Param: "q", Value: "", Problem: "give words to search for"}
	}
	if len(q) > 500 {
		return nil, &query.ParamError{Param: "q", Value: q[:20] + "…", Problem: "longer than 500 bytes"}
	}
	limit, err := intParam(v, "limit", 20, 1, 200)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(v, "offset", 0, 0, 10000)
	if err != nil {
		return nil, err
	}
	hits, err := query.SearchArticles(r.Context(), a.db, q, limit, offset)
	return map[string]any{"articles": hits}, err
}

func (a *api) article(r *http.Request, v url.Values) (any, error) {
	id := r.PathValue("id")
	if id == "" || len(id) > 300 {
		return nil, &query.ParamError{Param: "id", Value: id, Problem: "want an article id"}
	}
	return query.ArticleByID(r.Context(), a.db, id)
}

func (a *api) actors(r *http.Request, v url.Values) (any, error) {
	f, err := query.ParseFilter(v)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(v, "limit", 50, 1, 500)
	if err != nil {
		return nil, err
	}
	as, err := query.Actors(r.Context(), a.db, f, limit)
	return map[string]any{"actors": as}, err
}

func (a *api) network(r *http.Request, v url.Values) (any, error) {
	f, err := query.ParseFilter(v)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(v, "limit", 200, 1, 2000)
	if err != nil {
		return nil, err
	}
	edges, err := query.Network(r.Context(), a.db, f, v.Get("by"), limit)
	return map[string]any{"edges": edges}, err
}

func (a *api) timeline(r *http.Request, v url.Values) (any, error) {
	f, err := query.ParseFilter(v)
	if err != nil {
		return nil, err
	}
	interval := v.Get("interval")
	if interval == "" {
		interval = "month"
	}
	bs, err := query.Timeline(r.Context(), a.db, f, interval, v.Get("by"))
	return map[string]any{"interval": interval, "buckets": bs}, err
}

func (a *api) placeMap(r *http.Request, v url.Values) (any, error) {
	f, err := query.ParseFilter(v)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(v, "limit", 1000, 1, 10000)
	if err != nil {
		return nil, err
	}
	ps, err := query.Map(r.Context(), a.db, f, limit)
	return map[string]any{"places": ps}, err
}

// export streams the current filter's events in a format; not cached.
func (a *api) export(w http.ResponseWriter, r *http.Request) {
	if a.opts.Export == nil {
		writeError(w, http.StatusNotFound, "", "export is not available")
		return
	}
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, "", "malformed query string: "+err.Error())
		return
	}
	known := map[string]bool{"format": true}
	for _, p := range query.FilterParams {
		known[p] = true
	}
	for k := range v {
		if !known[k] {
			writeError(w, http.StatusBadRequest, k, fmt.Sprintf("unknown parameter %q", k))
			return
		}
	}
	format := v.Get("format")
	ok := false
	for _, f := range a.opts.ExportFormats {
		ok = ok || f == format
	}
	if !ok {
		writeError(w, http.StatusBadRequest, "format", fmt.Sprintf("format %q: want one of %s", format, strings.Join(a.opts.ExportFormats, ", ")))
		return
	}
	f, err := query.ParseFilter(v)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if err := a.opts.Export(r.Context(), a.db, f, format, w); err != nil && a.opts.Log != nil {
		a.opts.Log.Printf("export %s: %v", r.URL, err)
	}
}

// Server returns an http.Server for h on addr with timeouts and header
// limits set.
func Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      5 * time.Minute, // exports of large selections stream for a while
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
