// Package storetest builds real Warta stores for tests: it ingests the
// bundled sample articles (data/demo) through the real pipeline into a
// fresh SQLite file in the test's temporary directory, or into any store a
// data-source name opens (a PostgreSQL database from internal/pgtest).
package storetest

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/store"
)

// Published is the publication date given to sample articles that lack one.
var Published = time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)

// Build ingests the files or directories in sources (default: the sample
// articles) into a new SQLite store, closed when the test ends.
func Build(t testing.TB, sources ...string) *store.Store {
	t.Helper()
	return BuildAt(t, filepath.Join(t.TempDir(), "warta.db"), sources...)
}

// BuildAt is Build into the store dsn names: an SQLite file or a
// postgres:// URL (such as pgtest.URL gives).
func BuildAt(t testing.TB, dsn string, sources ...string) *store.Store {
	t.Helper()
	if len(sources) == 0 {
		sources = []string{SampleDir()}
	}
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := ingest.New(ctx, ingest.Options{Store: s, Pipeline: p, Published: Published, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := in.Run(ctx, sources)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested == 0 {
		t.Fatalf("storetest: nothing ingested from %v: %s", sources, sum)
	}
	return s
}

// SampleDir is the directory of sample articles, relative to any package
// directory of this module.
func SampleDir() string {
	return filepath.Join(moduleRoot(), "ingest", "testdata", "articles")
}
