package queue_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/internal/natstest"
	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/queue"
	"github.com/warta-id/warta/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

var published = time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)

var sources = []string{"../ingest/testdata/articles", "../ingest/testdata/batch.jsonl"}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
)

func sharedPipeline(t testing.TB) *pipeline.Pipeline {
	pipeOnce.Do(func() {
		var err error
		if pipe, err = pipeline.New(pipeline.Options{}); err != nil {
			t.Fatal(err)
		}
	})
	return pipe
}

func openStore(t testing.TB, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ingester(t testing.TB, s *store.Store) *ingest.Ingester {
	t.Helper()
	in, err := ingest.New(context.Background(), ingest.Options{Store: s, Pipeline: sharedPipeline(t), Log: io.Discard, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func dump(t testing.TB, s *store.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// single is the reference: a single-process ingest into SQLite.
func single(t testing.TB) string {
	s := openStore(t, filepath.Join(t.TempDir(), "single.db"))
	if _, err := ingester(t, s).Run(context.Background(), sources); err != nil {
		t.Fatal(err)
	}
	return dump(t, s)
}

func enqueue(t testing.TB, url string, n queue.Names) queue.Enqueued {
	t.Helper()
	ctx := context.Background()
	nc, js, err := queue.Connect(ctx, url, "enqueue")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	s := openStore(t, filepath.Join(t.TempDir(), "unused.db"))
	c, err := queue.Enqueue(ctx, nc, js, n, ingester(t, s), sources)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// runWorkers runs n workers over stores opened from dsn until the stream is
// drained.
func runWorkers(t testing.TB, url, dsn string, names queue.Names, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		nc, js, err := queue.Connect(ctx, url, "worker")
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		s := openStore(t, dsn)
		w := &queue.Worker{Name: "w" + string(rune('1'+i)), JS: js, Names: names, Ingester: ingester(t, s), Store: s,
			Fetch: 2, Drain: true, AckWait: 5 * time.Second, Log: testLog{t}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- w.Run(ctx)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if ctx.Err() != nil {
		t.Fatal("workers did not drain the stream in time")
	}
}

type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// TestWorkersGiveSingleProcessDatabase: three workers, sharing a
// PostgreSQL database (and, again, an SQLite file), leave it exactly as a
// single-process ingest of the same inputs leaves an SQLite file.
func TestWorkersGiveSingleProcessDatabase(t *testing.T) {
	want := single(t)
	for _, db := range []struct{ name, dsn string }{
		{"postgres", pgtest.URL(t)},
		{"sqlite", filepath.Join(t.TempDir(), "shared.db")},
	} {
		t.Run(db.name, func(t *testing.T) {
			url := natstest.Start(t)
			names := queue.NamesOf("")
			c := enqueue(t, url, names)
			if c.Items < 10 || c.Rejects == 0 {
				t.Fatalf("enqueued %+v", c)
			}
			openStore(t, db.dsn) // migrate once, before the workers race
			runWorkers(t, url, db.dsn, names, 3)
			s := openStore(t, db.dsn)
			if got := dump(t, s); got != want {
				t.Errorf("workers' database differs from the single process's:\n%s", lineDiff(want, got))
			}
			ws, err := s.Workers(context.Background())
			if err != nil || len(ws) == 0 {
				t.Errorf("workers = %v, %v", ws, err)
			}
			var items int64
			for _, w := range ws {
				items += w.Items
			}
			if items != int64(c.Items) {
				t.Errorf("workers committed %d items, %d enqueued", items, c.Items)
			}
			st, err := queue.Stat(context.Background(), url, names, s)
			if err != nil || st.Depth != 0 || st.InFlight != 0 || st.Committed != uint64(c.Items) {
				t.Errorf("status = %+v, %v", st, err)
			}
		})
	}
}

// TestDeadLetters: a malformed message and an undecodable article land in
// the dead-letter stream with their reasons, are recorded in the store, and
// the items after them are committed.
func TestDeadLetters(t *testing.T) {
	ctx := context.Background()
	url := natstest.Start(t)
	names := queue.NamesOf("DLQ")
	nc, js, err := queue.Connect(ctx, url, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if _, err := queue.Ensure(ctx, js, names); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{
		"\x00\x01 not json",
		`{"name":"bad.jsonl:1","kind":"article","article":{"id":"x","text":"\u0000\u0001\u0002"}}`,
		`{"name":"ok.txt","kind":"article","article":{"id":"ok","text":"Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo pada Senin (3/6) untuk membahas kerja sama maritim."}}`,
	} {
		if _, err := js.Publish(ctx, names.Work, []byte(m)); err != nil {
			t.Fatal(err)
		}
	}
	dsn := filepath.Join(t.TempDir(), "w.db")
	openStore(t, dsn)
	runWorkers(t, url, dsn, names, 1)
	s := openStore(t, dsn)
	c, _ := s.Count(ctx)
	if c.Articles != 1 || c.Rejects != 2 {
		t.Errorf("counts = %+v, want 1 article and 2 rejects", c)
	}
	dead, err := js.Stream(ctx, names.DeadStream)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for seq := uint64(1); seq <= 2; seq++ {
		m, err := dead.GetMsg(ctx, seq)
		if err != nil {
			t.Fatalf("dead letter %d: %v", seq, err)
		}
		reasons = append(reasons, m.Header.Get("Warta-Reason")+" "+m.Header.Get("Warta-Input"))
	}
	got := strings.Join(reasons, "; ")
	if !strings.Contains(got, "bad-work-item nats:DLQ#1") || !strings.Contains(got, "bad.jsonl:1") {
		t.Errorf("dead letters: %s", got)
	}
	if _, err := dead.GetMsg(ctx, 3); err != jetstream.ErrMsgNotFound {
		t.Errorf("a third dead letter: %v", err)
	}
}

// lineDiff shows up to ten lines of each side that the other lacks.
func lineDiff(a, b string) string {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := set(a), set(b)
	var out []string
	for _, x := range []struct {
		sign, s string
		other   map[string]bool
	}{{"-", a, mb}, {"+", b, ma}} {
		n := 0
		for _, l := range strings.Split(x.s, "\n") {
			if !x.other[l] && n < 10 {
				if len(l) > 300 {
					l = l[:300] + "…"
				}
				out = append(out, x.sign+" "+l)
				n++
			}
		}
	}
	return strings.Join(out, "\n")
}
