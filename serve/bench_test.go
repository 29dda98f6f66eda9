package serve_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
	"github.com/warta-id/warta/store"
)

// BenchmarkStoreQueries runs the API's commonest queries — a page of
// events by type and month, the same with words in the evidence, and
// timelines by week (from the events) and by month (from the rollup) —
// over the same sample store in SQLite and in PostgreSQL, through the
// read-only pools `warta serve` opens.
//
//	go test -run '^$' -bench StoreQueries -benchtime 2s ./serve
func BenchmarkStoreQueries(b *testing.B) {
	ctx := context.Background()
	sources := []string{storetest.SampleDir(), filepath.Join(storetest.SampleDir(), "..", "..", "..", "data", "demo", "articles.jsonl")}
	lite := storetest.Build(b, sources...)
	dsn := pgtest.URL(b)
	storetest.BuildAt(b, dsn, sources...)
	dbs := map[string]string{"sqlite": lite.Path(), "postgres": dsn}
	cases := []struct {
		name string
		run  func(*sql.DB) error
	}{
		{"events", func(db *sql.DB) error {
			_, err := query.Events(ctx, db, query.Filter{Types: []string{"PROTEST", "ASSAULT"}, From: "2024-06-01", To: "2024-06-30"}, query.Page{Sort: "date", Limit: 50})
			return err
		}},
		{"events_text", func(db *sql.DB) error {
			_, err := query.Events(ctx, db, query.Filter{Text: "polisi"}, query.Page{Sort: "date", Limit: 50})
			return err
		}},
		{"timeline_week", func(db *sql.DB) error {
			_, err := query.Timeline(ctx, db, query.Filter{MinConfidence: 0.1}, "week", "quad_class")
			return err
		}},
		{"timeline_month", func(db *sql.DB) error {
			_, err := query.Timeline(ctx, db, query.Filter{Types: []string{"PROTEST"}}, "month", "quad_class")
			return err
		}},
		{"search", func(db *sql.DB) error {
			_, err := query.SearchArticles(ctx, db, "Indonesia", 20, 0)
			return err
		}},
	}
	for _, c := range cases {
		for _, name := range []string{"sqlite", "postgres"} {
			db, err := store.OpenReader(ctx, dbs[name], 4)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(c.name+"/"+name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if err := c.run(db); err != nil {
						b.Fatal(err)
					}
				}
			})
			db.Close()
		}
	}
}
