package ingest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/store"
)

// TestWorkItemsGiveSameDatabase expands the test inputs into work items,
// sends them through JSON (as the queue does), prepares them concurrently
// and out of order, and commits them in turns of random length, with
// replays of items already committed: the database is the one a single
// process ingest makes.
func TestWorkItemsGiveSameDatabase(t *testing.T) {
	ctx := context.Background()
	sources := []string{"testdata/articles", "testdata/batch.jsonl"}
	want := openStore(t, filepath.Join(t.TempDir(), "single.db"))
	run(t, want, 2, sources...)

	opts := func(s *store.Store) ingest.Options {
		return ingest.Options{Store: s, Pipeline: sharedPipeline(t), Log: io.Discard,
			Published: time.Date(2024, 6, 4, 0, 0, 0, 0, time.UTC)}
	}
	expander, err := ingest.New(ctx, opts(openStore(t, filepath.Join(t.TempDir(), "unused.db"))))
	if err != nil {
		t.Fatal(err)
	}
	var msgs [][]byte
	err = expander.Expand(ctx, sources, func(w ingest.Work) error {
		b, err := json.Marshal(w)
		msgs = append(msgs, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) < 10 {
		t.Fatalf("only %d work items", len(msgs))
	}

	got := openStore(t, filepath.Join(t.TempDir(), "queued.db"))
	// Two "workers" prepare every item, in shuffled order.
	prepared := make([]*ingest.Prepared, len(msgs))
	order := rand.New(rand.NewPCG(1, 2)).Perm(len(msgs))
	var wg sync.WaitGroup
	workers := make([]*ingest.Ingester, 2)
	for i := range workers {
		if workers[i], err = ingest.New(ctx, opts(got)); err != nil {
			t.Fatal(err)
		}
	}
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := w; k < len(order); k += 2 {
				i := order[k]
				var item ingest.Work
				if err := json.Unmarshal(msgs[i], &item); err != nil {
					t.Error(err)
					return
				}
				prepared[i] = workers[w].Prepare(ctx, item)
			}
		}(w)
	}
	wg.Wait()
	// Commit in turns of 1–4 items, alternating workers; a replayed turn
	// is refused and changes nothing.
	rng := rand.New(rand.NewPCG(3, 4))
	for first, turn := 0, 0; first < len(prepared); turn++ {
		n := 1 + rng.IntN(4)
		if first+n > len(prepared) {
			n = len(prepared) - first
		}
		w := workers[turn%2]
		tr := store.Turn{Stream: "TEST", First: uint64(first + 1), Last: uint64(first + n), Worker: "w"}
		if err := w.Commit(ctx, prepared[first:first+n], tr); err != nil {
			t.Fatalf("commit %d..%d: %v", tr.First, tr.Last, err)
		}
		if first > 0 {
			replay := store.Turn{Stream: "TEST", First: uint64(first), Last: uint64(first), Worker: "w"}
			if err := workers[(turn+1)%2].Commit(ctx, prepared[first-1:first], replay); !errors.Is(err, store.ErrNotYourTurn) {
				t.Fatalf("replay of %d: err = %v, want ErrNotYourTurn", first, err)
			}
		}
		first += n
	}
	if a, b := dump(t, want), dump(t, got); a != b {
		t.Errorf("queued ingest differs from the single process:\n%s", lineDiff(a, b))
	}
	if seq, err := got.QueueProgress(ctx, "TEST"); err != nil || seq != uint64(len(msgs)) {
		t.Errorf("progress = %d, %v; want %d", seq, err, len(msgs))
	}
	ws, err := got.Workers(ctx)
	if err != nil || len(ws) != 1 || ws[0].Items != int64(len(msgs)) || ws[0].Articles == 0 {
		t.Errorf("workers = %+v, %v", ws, err)
	}
}

// lineDiff shows the lines of a that b lacks and those of b that a lacks
// (at most 10 of each, cut at 300 bytes).
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for _, x := range []struct {
		sign string
		s    string
		m    map[string]bool
	}{{"-", a, mb}, {"+", b, ma}} {
		n := 0
		for _, l := range strings.Split(x.s, "\n") {
			if !x.m[l] && n < 10 {
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
