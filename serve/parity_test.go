package serve_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/warta-id/warta/export"
	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
	"github.com/warta-id/warta/serve"
	"github.com/warta-id/warta/store"
	"github.com/warta-id/warta/store/dialect"
	"github.com/warta-id/warta/web"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// site serves the API, the exports and the web pages over db, as
// `warta serve` does, without the answer cache (each request reaches the
// database).
func site(t *testing.T, db *sql.DB) *httptest.Server {
	srv := httptest.NewServer(serve.New(db, serve.Options{
		UI:           web.New(db),
		CacheEntries: -1,
		Export: func(ctx context.Context, db *sql.DB, f query.Filter, format string, w http.ResponseWriter) error {
			w.Header().Set("Content-Type", export.ContentType(format))
			_, err := export.Write(ctx, db, f, format, w)
			return err
		},
		ExportFormats: export.Formats,
	}))
	t.Cleanup(srv.Close)
	return srv
}

// answer is one HTTP answer, as compared between the databases.
type answer struct {
	status int
	ctype  string
	body   []byte
}

func fetch(t *testing.T, srv *httptest.Server, path string) answer {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header.Get("Content-Type"), body}
}

// TestPostgresParity builds the same store — the sample articles and the
// demo articles — in SQLite and in PostgreSQL and asks both every API
// route with many parameters, every export format and the web pages:
// the answers must be byte-identical, except article search, whose
// ranking and snippets are each database's own (SQLite's FTS5 bm25 and
// snippet(), PostgreSQL's ts_rank_cd and ts_headline): there the same
// articles must be found, each snippet marking a searched word.
func TestPostgresParity(t *testing.T) {
	ctx := context.Background()
	sources := []string{storetest.SampleDir(), filepath.Join(storetest.SampleDir(), "..", "..", "..", "data", "demo", "articles.jsonl")}
	dsn := pgtest.URL(t)
	lite := storetest.Build(t, sources...)
	if pg := storetest.BuildAt(t, dsn, sources...); pg.Dialect() != dialect.Postgres {
		t.Fatalf("%s opened as %v", pg.Path(), pg.Dialect())
	}
	liteDB, err := store.OpenReader(ctx, lite.Path(), 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { liteDB.Close() })
	pgDB, err := store.OpenReader(ctx, dsn, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pgDB.Close() })
	ls, ps := site(t, liteDB), site(t, pgDB)
	samePlaceIDs(t, liteDB, pgDB)

	compared := 0
	same := func(path string) answer { // and both say 200 OK
		t.Helper()
		want, got := fetch(t, ls, path), fetch(t, ps, path)
		compared++
		if want.status != got.status || want.ctype != got.ctype || !bytes.Equal(want.body, got.body) {
			t.Errorf("%s: PostgreSQL answers differently:\nSQLite     %d %s %s\nPostgreSQL %d %s %s",
				path, want.status, want.ctype, clip(want.body), got.status, got.ctype, clip(got.body))
		}
		if want.status != http.StatusOK {
			t.Errorf("%s: status %d: %s", path, want.status, clip(want.body))
		}
		return want
	}

	// Events: filters, each alone and together.
	filters := []string{
		"",
		"type=CONSULT",
		"type=CONSULT,AGREE,PROTEST",
		"quad_class=1",
		"quad_class=3,4",
		"actor=IDN",
		"recipient=JPN,USA",
		"actor=IDN&recipient=JPN",
		"sector=GOV",
		"country=IDN",
		"country=JPN",
		"place=tokyo",
		"place=Jakarta",
		"q=Tokyo",
		"q=kerja+sama",
		"q=mahasiswa+DPR",
		"q=" + url.QueryEscape(`"AND OR NOT * NEAR(x) )(`),
		"from=2024-06-01&to=2024-06-30",
		"from=2024-06-04",
		"to=2024-06-02",
		"min_confidence=0.5",
		"type=CONSULT&actor=IDN&q=Tokyo",
		"quad_class=1,2&country=IDN&min_confidence=0.3&from=2024-01-01",
	}
	var all struct {
		Events []query.Event `json:"events"`
	}
	if err := json.Unmarshal(same("/api/v1/events?limit=1000").body, &all); err != nil {
		t.Fatal(err)
	}
	if len(all.Events) < 10 {
		t.Fatalf("only %d events in the sample store", len(all.Events))
	}
	for _, f := range filters {
		same("/api/v1/events?limit=1000&" + f)
	}
	for _, f := range []string{"type=CONSULT", "q=Tokyo", "from=2024-06-01&to=2024-06-30", "country=IDN"} {
		if n := count(t, same("/api/v1/events?limit=1000&"+f).body); n == 0 {
			t.Errorf("%s selects no event: the parity test would prove nothing", f)
		}
	}
	// Every sort order, walked in pages of three by cursor.
	for _, sortBy := range []string{"date", "-date", "goldstein", "-goldstein", "num_articles", "-num_articles", "confidence", "-confidence"} {
		for _, f := range []string{"", "quad_class=1,2"} {
			next, pages, seen := "", 0, 0
			for {
				p := "/api/v1/events?limit=3&sort=" + sortBy + "&" + f
				if next != "" {
					p += "&cursor=" + url.QueryEscape(next)
				}
				var page struct {
					Events []json.RawMessage `json:"events"`
					Next   string            `json:"next"`
				}
				if err := json.Unmarshal(same(p).body, &page); err != nil {
					t.Fatal(err)
				}
				seen += len(page.Events)
				pages++
				if next = page.Next; next == "" || pages > 200 {
					break
				}
			}
			if f == "" && seen != len(all.Events) {
				t.Errorf("sort=%s: pages walked %d events, want %d", sortBy, seen, len(all.Events))
			}
		}
	}
	// Each event, its article and its page.
	articles := map[string]bool{}
	for _, ev := range all.Events {
		same(fmt.Sprintf("/api/v1/events/%d", ev.ID))
		same(fmt.Sprintf("/events/%d", ev.ID))
		articles[ev.Article.ID] = true
	}
	for _, p := range []string{"/api/v1/events/999999999", "/api/v1/articles/no-such-article"} {
		want, got := fetch(t, ls, p), fetch(t, ps, p)
		if want.status != http.StatusNotFound || got.status != want.status || !bytes.Equal(want.body, got.body) {
			t.Errorf("%s: SQLite %d %s, PostgreSQL %d %s", p, want.status, want.body, got.status, got.body)
		}
	}
	for id := range articles {
		same("/api/v1/articles/" + url.PathEscape(id))
		same("/articles/" + url.PathEscape(id))
	}
	// Aggregates.
	aggFilters := []string{"", "type=CONSULT,AGREE", "quad_class=1,4", "from=2024-06-01&to=2024-06-30", "from=2024-06-01",
		"actor=IDN", "q=presiden", "min_confidence=0.4", "country=IDN"}
	for _, f := range aggFilters {
		same("/api/v1/actors?limit=100&" + f)
		same("/api/v1/map?" + f)
		for _, by := range []string{"", "type", "quad_class"} {
			same("/api/v1/network?by=" + by + "&" + f)
			for _, iv := range []string{"day", "week", "month"} {
				same("/api/v1/timeline?interval=" + iv + "&by=" + by + "&" + f)
			}
		}
	}
	// Exports, each format, all events and a selection.
	for _, format := range export.Formats {
		for _, f := range []string{"", "type=CONSULT", "q=Tokyo&from=2024-06-01"} {
			same("/api/v1/export?format=" + format + "&" + f)
		}
	}
	// Web pages other than search.
	same("/")
	same("/?type=CONSULT&q=Tokyo")
	same("/?sort=goldstein&quad_class=4")

	// Article search: the same articles, each database's ranking.
	for _, q := range []string{"Tokyo", "mahasiswa DPR", "presiden", "Indonesia", "kerja sama", "menteri luar negeri", "TOKYO jepang", "tidakadakatasepertiini", `"AND*`} {
		want, got := searchIDs(t, ls, q), searchIDs(t, ps, q)
		compared++
		if strings.Join(want, " ") != strings.Join(got, " ") {
			t.Errorf("search %q: SQLite finds %v, PostgreSQL %v", q, want, got)
		}
		if got := fetch(t, ps, "/search?q="+url.QueryEscape(q)); got.status != http.StatusOK {
			t.Errorf("search page %q: status %d", q, got.status)
		}
	}
	if n := len(searchIDs(t, ps, "Indonesia")); n < 2 {
		t.Errorf("search Indonesia finds %d articles in PostgreSQL, want several", n)
	}
	t.Logf("%d answers compared over %d events and %d articles", compared, len(all.Events), len(articles))
}

// samePlaceIDs checks that both stores gave every place (name, country,
// GeoNames id) the same id: the writer looks a place up before inserting
// it, so PostgreSQL's identity column has no gaps SQLite's has not.
func samePlaceIDs(t *testing.T, lite, pg *sql.DB) {
	t.Helper()
	ids := func(db *sql.DB) map[string]int64 {
		rows, err := db.Query("SELECT id, name, country, geonameid FROM places")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int64{}
		for rows.Next() {
			var id, geo int64
			var name, country string
			if err := rows.Scan(&id, &name, &country, &geo); err != nil {
				t.Fatal(err)
			}
			m[fmt.Sprintf("%s|%s|%d", name, country, geo)] = id
		}
		return m
	}
	want, got := ids(lite), ids(pg)
	if len(want) != len(got) {
		t.Fatalf("%d places in SQLite, %d in PostgreSQL", len(want), len(got))
	}
	for k, id := range got {
		if w, ok := want[k]; !ok || w != id {
			t.Errorf("place %s: id %d in PostgreSQL, %d in SQLite", k, id, w)
		}
	}
}

// searchIDs returns the ids of every article a search finds (sorted, as
// the order is each database's ranking), checking that each snippet marks
// one of the searched words.
func searchIDs(t *testing.T, srv *httptest.Server, q string) []string {
	t.Helper()
	a := fetch(t, srv, "/api/v1/articles?limit=100&q="+url.QueryEscape(q))
	if a.status != http.StatusOK {
		t.Fatalf("search %q: status %d: %s", q, a.status, clip(a.body))
	}
	var out struct {
		Articles []query.ArticleHit `json:"articles"`
	}
	if err := json.Unmarshal(a.body, &out); err != nil {
		t.Fatalf("search %q: %v: %s", q, err, clip(a.body))
	}
	words := regexp.MustCompile(`[\pL\pN]+`).FindAllString(strings.ToLower(q), -1)
	ids := []string{}
	for i, h := range out.Articles {
		ids = append(ids, h.ID)
		if i > 0 && h.Rank < out.Articles[i-1].Rank {
			t.Errorf("%s search %q: not ranked best first: %v", srv.URL, q, out.Articles)
		}
		marked := false
		for _, m := range regexp.MustCompile(`<mark>([^<]*)</mark>`).FindAllStringSubmatch(h.Snippet, -1) {
			for _, w := range words {
				marked = marked || strings.ToLower(m[1]) == w
			}
		}
		if !marked && !strings.Contains(strings.ToLower(h.Title), words[0]) {
			t.Errorf("%s search %q: snippet of %s marks no searched word: %q", srv.URL, q, h.ID, h.Snippet)
		}
	}
	sort.Strings(ids)
	return ids
}

func count(t *testing.T, body []byte) int {
	var page struct {
		Events []json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	return len(page.Events)
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}
