package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/store"
)

// BenchmarkWrite stores the test articles (coded once) again and again
// under new ids, in batches of 50, into SQLite and into PostgreSQL:
// articles/s for the store alone.
func BenchmarkWrite(b *testing.B) {
	p := newPipeline(b)
	var docs []*doc.Document
	for _, name := range []string{"a1", "a2"} {
		docs = append(docs, article(b, p, name, ""))
	}
	for _, db := range []struct{ name, dsn string }{
		{"sqlite", filepath.Join(b.TempDir(), "w.db")},
		{"postgres", pgtest.URL(b)},
	} {
		b.Run(db.name, func(b *testing.B) {
			s, err := store.Open(context.Background(), db.dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ResetTimer()
			var batch []store.Entry
			for i := 0; i < b.N; i++ {
				d := *docs[i%len(docs)]
				d.ID = fmt.Sprintf("%s-%d", d.ID, i)
				// a new day for every copy, so events do not pile up in one cluster
				day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
				d.Events = append([]doc.Event(nil), d.Events...)
				for k := range d.Events {
					d.Events[k].Date = day
				}
				batch = append(batch, store.Entry{Input: d.ID, Doc: &d, Lang: "id", Hash: d.ID})
				if len(batch) == 50 || i == b.N-1 {
					if err := s.Write(context.Background(), batch); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
