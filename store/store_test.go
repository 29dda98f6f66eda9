package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/store"
)

var published = time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)

// article processes testdata/NAME.txt through the real pipeline.
func article(t testing.TB, p *pipeline.Pipeline, name, url string) *doc.Document {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{ID: name, Raw: string(raw), URL: url, Published: published}
	p.Process(d)
	return d
}

func open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMigrateAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("schema version %d, %v", v, err)
	}
	var mode string
	if err := s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	s.Close()
	s, err = store.Open(ctx, path) // reopening applies nothing twice
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := store.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("opening a newer schema: err = %v", err)
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "garbage.db")
	os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 1000), 0o644)
	_, err := store.Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "garbage.db") {
		t.Fatalf("err = %v, want an error naming the file", err)
	}
}

// TestClusteringAndDuplicates stores two reports of one meeting from two
// outlets and a syndicated copy of the first: the meeting is one event
// with mentions from both articles, three articles and three sources.
func TestClusteringAndDuplicates(t *testing.T) {
	ctx := context.Background()
	p := newPipeline(t)
	s := open(t)
	a1 := article(t, p, "a1", "https://www.antaranews.com/berita/1/retno-tokyo")
	a2 := article(t, p, "a2", "https://internasional.kompas.com/read/2024/06/03/retno")
	copyDoc := &doc.Document{ID: "a1-copy", URL: "https://www.suara.com/news/2024/06/03/retno", Published: published}
	err := s.Write(ctx, []store.Entry{
		{Input: "a1.txt", Doc: a1, Lang: "id", Hash: "h1"},
		{Input: "a2.txt", Doc: a2, Lang: "id", Hash: "h2"},
		{Input: "copy.html", Doc: copyDoc, Lang: "id", Hash: "h1", DuplicateOf: "a1", Similarity: 1},
		{Input: "en.html", Reject: &store.Reject{Reason: "language:en", Detail: "en.html: English"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 2 || c.Duplicates != 1 || c.Rejects != 1 {
		t.Errorf("counts = %+v", c)
	}
	var id, mentions, articles, sources int
	err = s.DB().QueryRow(`SELECT id, num_mentions, num_articles, num_sources FROM events
		WHERE event_type = 'CONSULT' AND actor_code = 'IDN' AND recipient_code = 'JPN'`).Scan(&id, &mentions, &articles, &sources)
	if err != nil {
		t.Fatalf("the IDN–JPN consultation was not stored as one event: %v", err)
	}
	if mentions < 2 || articles != 3 || sources != 3 {
		t.Errorf("IDN–JPN CONSULT: mentions %d articles %d sources %d; want ≥2, 3, 3", mentions, articles, sources)
	}
	var place string
	s.DB().QueryRow("SELECT p.name FROM events e JOIN places p ON p.id = e.place_id WHERE e.id = ?", id).Scan(&place)
	if place != "Tokyo" {
		t.Errorf("place = %q, want Tokyo", place)
	}
	// The Philippine arrest is a different event from a different day.
	var other int
	s.DB().QueryRow("SELECT count(*) FROM events WHERE actor_code = 'PHL'").Scan(&other)
	if other != 1 {
		t.Errorf("PHL events = %d, want 1", other)
	}
	// The copy's URL is filed under the original, and its text is not stored twice.
	var urls int
	s.DB().QueryRow("SELECT count(*) FROM article_urls u JOIN articles a ON a.n = u.article_n WHERE a.id = 'a1'").Scan(&urls)
	if urls != 2 {
		t.Errorf("a1 has %d URLs, want 2", urls)
	}
	// Full-text search finds originals only.
	var hits int
	s.DB().QueryRow("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'maritim'").Scan(&hits)
	if hits != 2 {
		t.Errorf("FTS hits for maritim = %d, want 2", hits)
	}
}

// TestWriteTwiceChangesNothing writes the same batch twice.
func TestWriteTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	p := newPipeline(t)
	s := open(t)
	batch := func() []store.Entry {
		return []store.Entry{
			{Input: "a1.txt", Doc: article(t, p, "a1", ""), Lang: "id", Hash: "h1"},
			{Input: "bad.txt", Reject: &store.Reject{Reason: "empty", Detail: "bad.txt: empty"}},
		}
	}
	if err := s.Write(ctx, batch()); err != nil {
		t.Fatal(err)
	}
	var before, after bytes.Buffer
	if err := s.Dump(ctx, &before); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, batch()); err != nil {
		t.Fatal(err)
	}
	s.Dump(ctx, &after)
	if before.String() != after.String() {
		t.Errorf("second write changed the database")
	}
	if !strings.Contains(before.String(), "## events") || !strings.Contains(before.String(), `"CONSULT"`) {
		t.Errorf("dump lacks the events:\n%s", before.String())
	}
}

// TestWriteIsAtomic: a batch with a bad entry leaves nothing behind.
func TestWriteIsAtomic(t *testing.T) {
	ctx := context.Background()
	p := newPipeline(t)
	s := open(t)
	err := s.Write(ctx, []store.Entry{
		{Input: "a1.txt", Doc: article(t, p, "a1", ""), Lang: "id", Hash: "h1"},
		{Input: "orphan.txt", Doc: &doc.Document{ID: "orphan"}, Hash: "h9", DuplicateOf: "no-such-article"},
	})
	if err == nil || !strings.Contains(err.Error(), "orphan.txt") {
		t.Fatalf("err = %v, want an error naming orphan.txt", err)
	}
	c, _ := s.Count(ctx)
	if c != (store.Counts{}) {
		t.Errorf("failed batch left %+v", c)
	}
}

func TestFeedState(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	const u = "http://127.0.0.1/rss"
	if err := s.SetFeedValidators(ctx, u, `"v1"`, "Mon, 03 Jun 2024 10:00:00 GMT"); err != nil {
		t.Fatal(err)
	}
	etag, lm, err := s.FeedValidators(ctx, u)
	if err != nil || etag != `"v1"` || lm == "" {
		t.Errorf("validators = %q %q %v", etag, lm, err)
	}
	if seen, _ := s.SeenFeedItem(ctx, u, "g1"); seen {
		t.Error("unseen item reported seen")
	}
	s.MarkFeedItem(ctx, u, "g1")
	s.MarkFeedItem(ctx, u, "g1")
	if seen, _ := s.SeenFeedItem(ctx, u, "g1"); !seen {
		t.Error("marked item not seen")
	}
}
