package serve_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/serve"
	"github.com/warta-id/warta/store"
)

// newServer serves the API over a real store built from the sample
// articles, read through a read-only pool as `warta serve` does.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := storetest.Build(t)
	db, err := store.OpenReader(context.Background(), s.Path(), 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	srv := httptest.NewServer(serve.New(db, serve.Options{}))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, method, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(body) > 0 && method != http.MethodHead {
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatalf("%s %s: not JSON (%v): %.200s", method, path, err, body)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
	}
	return resp.StatusCode, out
}

func TestAPIErrors(t *testing.T) {
	srv := newServer(t)
	cases := []struct {
		method, path string
		status       int
		param        string // the parameter the error must name
	}{
		{"GET", "/api/v1/events?from=2024-02-30", 400, "from"},
		{"GET", "/api/v1/events?from=2024-06-30&to=2024-06-01", 400, "from"},
		{"GET", "/api/v1/events?type=consult%27%3B--", 400, "type"},
		{"GET", "/api/v1/events?quad_class=9", 400, "quad_class"},
		{"GET", "/api/v1/events?actor=Indonesia", 400, "actor"},
		{"GET", "/api/v1/events?min_confidence=-1", 400, "min_confidence"},
		{"GET", "/api/v1/events?limit=0", 400, "limit"},
		{"GET", "/api/v1/events?limit=abc", 400, "limit"},
		{"GET", "/api/v1/events?sort=random()", 400, "sort"},
		{"GET", "/api/v1/events?cursor=AAAA", 400, "cursor"},
		{"GET", "/api/v1/events?colour=red", 400, "colour"},
		{"GET", "/api/v1/events?limit=1&limit=2", 400, "limit"},
		{"GET", "/api/v1/events?q=%ZZ", 400, ""},
		{"GET", "/api/v1/events/abc", 400, "id"},
		{"GET", "/api/v1/events/-3", 400, "id"},
		{"GET", "/api/v1/events/99999999", 404, ""},
		{"GET", "/api/v1/articles", 400, "q"},
		{"GET", "/api/v1/articles?q=demo&offset=-1", 400, "offset"},
		{"GET", "/api/v1/articles/no-such-article", 404, ""},
		{"GET", "/api/v1/network?by=colour", 400, "by"},
		{"GET", "/api/v1/timeline?interval=hour", 400, "interval"},
		{"GET", "/api/v1/map?limit=100000", 400, "limit"},
		{"GET", "/api/v1/nothing-here", 404, ""},
		{"GET", "/api/v2/events", 404, ""},
		{"GET", "/api/v1/export?format=xlsx", 404, ""}, // no exporter configured here
		{"POST", "/api/v1/events", 405, ""},
		{"DELETE", "/api/v1/events/1", 405, ""},
		{"GET", "/api/v1/events?q=" + strings.Repeat("x", 9000), 414, ""},
	}
	for _, c := range cases {
		status, body := get(t, srv, c.method, c.path)
		if status != c.status {
			t.Errorf("%s %.80s: status %d, want %d (%v)", c.method, c.path, status, c.status, body)
			continue
		}
		if body["error"] == nil {
			t.Errorf("%s %.80s: no JSON error", c.method, c.path)
		}
		if c.param != "" && body["param"] != c.param {
			t.Errorf("%s %.80s: error names %v, want %s: %v", c.method, c.path, body["param"], c.param, body["error"])
		}
	}
}

func TestAPIEvents(t *testing.T) {
	srv := newServer(t)
	status, body := get(t, srv, "GET", "/api/v1/events?limit=1000")
	events, _ := body["events"].([]any)
	if status != 200 || len(events) < 3 {
		t.Fatalf("events: %d, %d events", status, len(events))
	}
	// Walk the same list two at a time through the cursors.
	seen := 0
	path := "/api/v1/events?limit=2"
	for i := 0; i < 100 && path != ""; i++ {
		_, page := get(t, srv, "GET", path)
		evs, _ := page["events"].([]any)
		for _, e := range evs {
			if e.(map[string]any)["id"] != events[seen].(map[string]any)["id"] {
				t.Fatalf("page walk differs at %d", seen)
			}
			seen++
		}
		next, _ := page["next"].(string)
		path = ""
		if next != "" {
			path = "/api/v1/events?limit=2&cursor=" + next
		}
	}
	if seen != len(events) {
		t.Fatalf("cursor walk saw %d events, want %d", seen, len(events))
	}
	_, body = get(t, srv, "GET", "/api/v1/events?type=CONSULT&actor=IDN&recipient=JPN")
	evs, _ := body["events"].([]any)
	if len(evs) != 1 {
		t.Fatalf("IDN→JPN CONSULT: %d events", len(evs))
	}
	ev := evs[0].(map[string]any)
	if ev["num_articles"].(float64) < 2 || ev["evidence"].(map[string]any)["text"] == "" {
		t.Errorf("event %v", ev)
	}
	id := int(ev["id"].(float64))
	status, detail := get(t, srv, "GET", "/api/v1/events/"+strconv.Itoa(id))
	if status != 200 || len(detail["mentions"].([]any)) < 2 {
		t.Errorf("event detail: %d %v", status, detail)
	}
	if status, _ := get(t, srv, "HEAD", "/api/v1/events/"+strconv.Itoa(id)); status != 200 {
		t.Errorf("HEAD: %d", status)
	}
}

func TestAPIArticlesAndAggregates(t *testing.T) {
	srv := newServer(t)
	_, body := get(t, srv, "GET", "/api/v1/articles?q=mahasiswa")
	arts, _ := body["articles"].([]any)
	if len(arts) != 1 || !strings.Contains(arts[0].(map[string]any)["snippet"].(string), "<mark>") {
		t.Fatalf("search: %v", body)
	}
	id := arts[0].(map[string]any)["id"].(string)
	status, art := get(t, srv, "GET", "/api/v1/articles/"+id)
	if status != 200 || art["text"] == "" || len(art["entities"].([]any)) == 0 {
		t.Fatalf("article: %d %v", status, art)
	}
	for _, c := range []struct{ path, key string }{
		{"/api/v1/actors", "actors"},
		{"/api/v1/network?by=quad_class", "edges"},
		{"/api/v1/timeline?interval=day&by=quad_class", "buckets"},
		{"/api/v1/map", "places"},
	} {
		status, body := get(t, srv, "GET", c.path)
		if list, _ := body[c.key].([]any); status != 200 || len(list) == 0 {
			t.Errorf("%s: %d %v", c.path, status, body)
		}
	}
	status, doc := get(t, srv, "GET", "/api/v1/openapi.json")
	if paths, _ := doc["paths"].(map[string]any); status != 200 || paths["/events"] == nil {
		t.Errorf("openapi: %d", status)
	}
}

// TestOpenAPIMatchesRoutes checks that every path the OpenAPI document
// lists is served, and that every documented parameter of the event
// filters is accepted (not answered "unknown parameter").
func TestOpenAPIMatchesRoutes(t *testing.T) {
	srv := newServer(t)
	_, doc := get(t, srv, "GET", "/api/v1/openapi.json")
	paths, _ := doc["paths"].(map[string]any)
	if len(paths) < 9 {
		t.Fatalf("openapi lists %d paths", len(paths))
	}
	for p, item := range paths {
		u := "/api/v1" + strings.ReplaceAll(p, "{id}", "1")
		status, body := get(t, srv, "GET", u)
		if status == 404 && !strings.Contains(p, "{id}") && p != "/export" {
			t.Errorf("%s: documented but answers 404: %v", p, body)
		}
		op := item.(map[string]any)["get"].(map[string]any)
		params, _ := op["parameters"].([]any)
		for _, prm := range params {
			m := prm.(map[string]any)
			name, _ := m["name"].(string)
			if ref, ok := m["$ref"].(string); ok {
				name = ref[strings.LastIndex(ref, "/")+1:]
			}
			if name == "" || m["in"] == "path" || p == "/export" {
				continue
			}
			status, body := get(t, srv, "GET", u+"?"+name+"=")
			if status == 400 && strings.Contains(body["error"].(string), "unknown parameter") {
				t.Errorf("%s: documented parameter %s is refused as unknown", p, name)
			}
		}
	}
}
