package export_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/warta-id/warta/export"
	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/query"
	"github.com/warta-id/warta/store"
)

// Store the sample articles, then export the Indonesian–Japanese
// consultation in Tokyo as a GDELT 2.0 event row.
func ExampleWrite() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "warta-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "warta.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		log.Fatal(err)
	}
	in, err := ingest.New(ctx, ingest.Options{Store: st, Pipeline: p,
		Published: time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC), Log: io.Discard})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := in.Run(ctx, []string{"../ingest/testdata/articles"}); err != nil {
		log.Fatal(err)
	}

	// The filter comes from URL parameters, as in the API and `warta export`.
	f, err := query.ParseFilter(url.Values{"type": {"CONSULT"}, "place": {"Tokyo"}})
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := export.Write(ctx, st.DB(), f, "gdelt", &buf)
	if err != nil {
		log.Fatal(err)
	}
	row := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\t")
	fmt.Println(n, "event,", len(row), "columns")
	for _, i := range []int{1, 5, 15, 26, 29, 52, 53, 58} {
		fmt.Printf("%s: %s\n", export.GDELTColumns[i], row[i])
	}
	// Output:
	// 1 event, 61 columns
	// SQLDATE: 20240603
	// Actor1Code: IDNGOV
	// Actor2Code: JPNGOV
	// EventCode: 040
	// QuadClass: 1
	// ActionGeo_FullName: Tokyo, Japan
	// ActionGeo_CountryCode: JA
	// ActionGeo_FeatureID: 1850147
}
