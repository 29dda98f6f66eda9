package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/store"
	"github.com/warta-id/warta/store/dialect"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

// TestPostgresSameAsSQLite writes the same batches — two reports of one
// meeting, a syndicated copy, a rejected input, a feed's state — to an
// SQLite file and to a real PostgreSQL database: their logical dumps are
// identical, writing twice changes neither, and a failing batch leaves
// nothing behind in PostgreSQL either.
func TestPostgresSameAsSQLite(t *testing.T) {
	ctx := context.Background()
	p := newPipeline(t)
	dsn := pgtest.URL(t)
	pg, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	if pg.Dialect() != dialect.Postgres || strings.Contains(pg.Path(), "password") {
		t.Fatalf("dialect %v, path %q", pg.Dialect(), pg.Path())
	}
	lite := open(t)
	batch := func() []store.Entry {
		a1 := article(t, p, "a1", "https://www.antaranews.com/berita/1/retno-tokyo")
		a2 := article(t, p, "a2", "https://internasional.kompas.com/read/2024/06/03/retno")
		return []store.Entry{
			{Input: "a1.txt", Doc: a1, Lang: "id", Hash: "h1", MinHash: []byte{1, 2, 3}},
			{Input: "a2.txt", Doc: a2, Lang: "id", Hash: "h2"},
			{Input: "copy.html", Doc: &doc.Document{ID: "a1-copy", URL: "https://www.suara.com/news/2024/06/03/retno", Published: published, PublishedGuessed: true},
				Lang: "id", Hash: "h1", DuplicateOf: "a1", Similarity: 0.93},
			{Input: "en.html", Reject: &store.Reject{Reason: "language:en", Detail: "en.html: English"}},
			{Input: "feed-item", Doc: a1, Feed: "http://127.0.0.1/rss", GUID: "g1"},
		}
	}
	for _, s := range []*store.Store{lite, pg} {
		if err := s.Write(ctx, batch()); err != nil {
			t.Fatalf("%v: %v", s.Dialect(), err)
		}
		if err := s.SetFeedValidators(ctx, "http://127.0.0.1/rss", `"v1"`, "Mon, 03 Jun 2024 10:00:00 GMT"); err != nil {
			t.Fatal(err)
		}
	}
	dump := func(s *store.Store) string {
		var b bytes.Buffer
		if err := s.Dump(ctx, &b); err != nil {
			t.Fatalf("%v: %v", s.Dialect(), err)
		}
		return b.String()
	}
	want, got := dump(lite), dump(pg)
	if got != want {
		t.Errorf("PostgreSQL dump differs from SQLite's:\n%s", firstDiff(want, got))
	}
	if !strings.Contains(got, `"CONSULT"`) || !strings.Contains(got, "## rejects") {
		t.Fatalf("dump lacks events or rejects:\n%.2000s", got)
	}
	if err := pg.Write(ctx, batch()); err != nil {
		t.Fatal(err)
	}
	if again := dump(pg); again != got {
		t.Errorf("second write changed the PostgreSQL database:\n%s", firstDiff(got, again))
	}
	c, err := pg.Count(ctx)
	if err != nil || c.Articles != 2 || c.Duplicates != 1 || c.Rejects != 1 {
		t.Errorf("counts = %+v, %v", c, err)
	}
	// Resuming reads back what is stored, in order.
	var ids []string
	last, err := pg.EachArticleAfter(ctx, 0, func(k store.Known) error { ids = append(ids, k.ID); return nil })
	if err != nil || strings.Join(ids, ",") != "a1,a2,a1-copy" || last == 0 {
		t.Errorf("EachArticleAfter = %v, %d, %v", ids, last, err)
	}
	// Full-text search over originals, PostgreSQL's own.
	var hits int
	if err := pg.DB().QueryRow("SELECT count(*) FROM articles WHERE duplicate_of IS NULL AND search @@ plainto_tsquery('simple', 'maritim')").Scan(&hits); err != nil || hits != 2 {
		t.Errorf("search hits for maritim = %d, %v; want 2", hits, err)
	}
	seen, err := pg.SeenFeedItem(ctx, "http://127.0.0.1/rss", "g1")
	if err != nil || !seen {
		t.Errorf("feed item seen = %v, %v", seen, err)
	}
	// A failing batch leaves nothing.
	before := dump(pg)
	err = pg.Write(ctx, []store.Entry{
		{Input: "a3.txt", Doc: &doc.Document{ID: "a3", Text: "x"}, Hash: "h3"},
		{Input: "orphan.txt", Doc: &doc.Document{ID: "orphan"}, Hash: "h9", DuplicateOf: "no-such-article"},
	})
	if err == nil || !strings.Contains(err.Error(), "orphan.txt") {
		t.Fatalf("err = %v, want an error naming orphan.txt", err)
	}
	if after := dump(pg); after != before {
		t.Errorf("failed batch changed the database:\n%s", firstDiff(before, after))
	}
}

// TestPostgresMigrations: opening twice applies nothing twice, readers see
// the current schema, and a newer schema is refused.
func TestPostgresMigrations(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.URL(t)
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	s.Close()
	lite, _ := store.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	lv, _ := lite.SchemaVersion(ctx)
	lite.Close()
	if err != nil || v != lv {
		t.Fatalf("PostgreSQL schema version %d (%v), SQLite %d", v, err, lv)
	}
	if s, err = store.Open(ctx, dsn); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenReader(ctx, dsn, 2)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := s.DB().Exec("INSERT INTO schema_version(version, name) VALUES (999, 'future')"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := store.Open(ctx, dsn); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("opening a newer schema: err = %v", err)
	}
	if _, err := store.Open(ctx, "postgres://nobody:secret@127.0.0.1:1/none?connect_timeout=2"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("unreachable server: err = %v (want an error without the password)", err)
	}
}

// firstDiff shows the first line where two dumps differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return "(same)"
}

// TestAttempts: the count of starts on a queued item survives in the store
// and is kept per stream and item.
func TestAttempts(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{filepath.Join(t.TempDir(), "w.db"), pgtest.URL(t)} {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, k := range []struct {
			stream string
			seq    uint64
		}{{"A", 7}, {"A", 7}, {"A", 8}, {"B", 7}, {"A", 7}} {
			n, err := s.Attempt(ctx, k.stream, k.seq)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, n)
		}
		if fmt.Sprint(got) != "[1 2 1 1 3]" {
			t.Errorf("%v: attempts = %v", s.Dialect(), got)
		}
		s.Close()
	}
}
