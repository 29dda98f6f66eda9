package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/store"
)

// newServer serves New over a store built from sources (default: the
// sample articles).
func newServer(t *testing.T, sources ...string) *httptest.Server {
	t.Helper()
	return newServerDB(t, storetest.Build(t, sources...))
}

func newServerDB(t *testing.T, s *store.Store) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(New(s.DB()))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, u string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func TestPages(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name, path string
		status     int
		want       []string // substrings of the body
		not        []string
	}{
		{"index", "/", 200, []string{`id="event-table"`, `<svg class="chart timeline"`, `class="bar q`, `<svg class="chart network"`, `class="node"`, `id="map-world"`, `id="map-indonesia"`, `<g id="basemap"><path class="land"`, `Indonesia</title>`, `class="marker"`, "Tokyo", `<mark class="hl-actor"`, `<option value="CONSULT">CONSULT</option>`, `<option value="ASSAULT">`}, nil},
		{"index filtered by type", "/?type=CONSULT", 200, []string{`<option value="CONSULT" selected>`, "CONSULT", "Retno Marsudi"}, []string{`title="Verbal conflict">PROTEST`}},
		{"index text search", "/?q=gas+air+mata", 200, []string{"menembakkan gas air mata"}, []string{"Retno Marsudi mengadakan"}},
		{"index no match", "/?q=zzzzqqq", 200, []string{"No events match this filter", "no dated events"}, nil},
		{"index paged", "/?limit=2", 200, []string{`id="next"`, "cursor="}, nil},
		{"index sorted", "/?sort=-goldstein&interval=month&map=indonesia", 200, []string{`<option value="-goldstein" selected>`, "per month", `id="mv-indonesia" checked`}, nil},
		{"event", "/events/1", 200, []string{"Event 1:", "CONSULT", `id="mentions"`, "<mark class=", "Retno Marsudi", `href="/articles/`}, nil},
		{"article", "/articles/u9134709d0196306a", 200, []string{"Polisi Bubarkan Unjuk Rasa", `<mark class="ev"`, `class="ent ent-`, `href="/events/4"`, "https://contoh.example/berita/2024/06/05/polisi-bubarkan-unjuk-rasa"}, nil},
		{"search", "/search?q=Tokyo", 200, []string{`id="hits"`, "<mark>Tokyo</mark>", `href="/articles/berita-tokyo"`}, nil},
		{"search empty", "/search", 200, []string{`id="article-q"`}, []string{`id="hits"`}},
		{"search no hits", "/search?q=zzzzqqq", 200, []string{"No article contains"}, nil},
		{"static css", "/static/style.css", 200, []string{".q1"}, nil},
		{"static js", "/static/app.js", 200, []string{"data-href"}, nil},
		{"bad from", "/?from=2024-13-45", 400, []string{`<code class="param">from</code>`, "YYYY-MM-DD"}, nil},
		{"bad type", "/?type=NOT-A-TYPE", 400, []string{`<code class="param">type</code>`}, nil},
		{"bad quad", "/?quad_class=7", 400, []string{`<code class="param">quad_class</code>`}, nil},
		{"bad min_confidence", "/?min_confidence=2", 400, []string{`<code class="param">min_confidence</code>`}, nil},
		{"bad sort", "/?sort=name", 400, []string{`<code class="param">sort</code>`}, nil},
		{"bad cursor", "/?cursor=%21%21", 400, []string{`<code class="param">cursor</code>`}, nil},
		{"bad interval", "/?interval=year", 400, []string{`<code class="param">interval</code>`}, nil},
		{"bad map", "/?map=mars", 400, []string{`<code class="param">map</code>`}, nil},
		{"bad offset", "/search?q=Tokyo&offset=-1", 400, []string{`<code class="param">offset</code>`}, nil},
		{"unknown path", "/nothing/here", 404, []string{"404"}, nil},
		{"unknown event", "/events/99999", 404, []string{"There is no event 99999"}, nil},
		{"event id not a number", "/events/abc", 404, []string{"404"}, nil},
		{"unknown article", "/articles/no-such-article", 404, []string{"There is no article"}, nil},
		{"unknown static", "/static/nope.css", 404, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body, hdr := get(t, srv.URL+tc.path)
			if status != tc.status {
				t.Fatalf("GET %s: status %d, want %d\n%.2000s", tc.path, status, tc.status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", tc.path, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("GET %s: body has %q", tc.path, w)
				}
			}
			if hdr.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET %s: no nosniff header", tc.path)
			}
			if os.Getenv("WEB_DUMP") != "" {
				os.WriteFile(filepath.Join(os.TempDir(), "web-"+strings.ReplaceAll(tc.name, " ", "-")+".html"), []byte(body), 0o644)
			}
		})
	}
}
