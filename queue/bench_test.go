package queue_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warta-id/warta/internal/natstest"
	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/queue"
)

// benchCorpus writes the first n non-held-out IndoSum articles to a file,
// or skips when ../shared is absent.
func benchCorpus(b *testing.B, n int) string {
	news := filepath.Join("..", "..", "shared", "data", "news")
	f, err := os.Open(filepath.Join(news, "indosum-dev", "indosum_dev_text.jsonl"))
	if err != nil {
		b.Skipf("needs the news corpus in ../shared/data/news (%v)", err)
	}
	defer f.Close()
	heldB, err := os.ReadFile(filepath.Join(news, "heldout-ids.txt"))
	if err != nil {
		b.Skipf("held-out list missing (%v)", err)
	}
	held := map[string]bool{}
	for _, l := range strings.Fields(string(heldB)) {
		held[l] = true
	}
	path := filepath.Join(b.TempDir(), "corpus.jsonl")
	out, _ := os.Create(path)
	defer out.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for k := 0; sc.Scan() && k < n; {
		var rec struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) != nil || held[rec.ID] {
			continue
		}
		out.Write(append(sc.Bytes(), '\n'))
		k++
	}
	return path
}

// BenchmarkScaling ingests the same 600 real articles by a single process
// (into SQLite and into PostgreSQL: the baselines) and by 1 and 2 queue
// workers into PostgreSQL, reporting articles/s. Each run starts from an
// empty database and stream. Run it with -benchtime 1x -count N.
func BenchmarkScaling(b *testing.B) {
	const n = 600
	corpus := benchCorpus(b, n)
	ctx := context.Background()
	single := func(b *testing.B, dsn string) {
		s := openStore(b, dsn)
		b.ResetTimer()
		start := time.Now()
		if _, err := ingester(b, s).Run(ctx, []string{corpus}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
	}
	b.Run("single/sqlite", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			single(b, filepath.Join(b.TempDir(), "w.db"))
		}
	})
	b.Run("single/postgres", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			single(b, pgtest.URL(b))
		}
	})
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d/postgres", workers), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				url := natstest.Start(b)
				names := queue.NamesOf("")
				nc, js, err := queue.Connect(ctx, url, "bench")
				if err != nil {
					b.Fatal(err)
				}
				dsn := pgtest.URL(b)
				openStore(b, dsn)
				if _, err := queue.Enqueue(ctx, nc, js, names, ingester(b, openStore(b, filepath.Join(b.TempDir(), "x.db"))), []string{corpus}); err != nil {
					b.Fatal(err)
				}
				nc.Close()
				b.StartTimer()
				start := time.Now()
				var wg sync.WaitGroup
				for k := 0; k < workers; k++ {
					nc, js, err := queue.Connect(ctx, url, "worker")
					if err != nil {
						b.Fatal(err)
					}
					defer nc.Close()
					s := openStore(b, dsn)
					w := &queue.Worker{Name: fmt.Sprint("w", k), JS: js, Names: names, Ingester: ingester(b, s), Store: s, Drain: true}
					wg.Add(1)
					go func() {
						defer wg.Done()
						if err := w.Run(ctx); err != nil {
							b.Error(err)
						}
					}()
				}
				wg.Wait()
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
			}
		})
	}
}
