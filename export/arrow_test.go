//go:build arrowcheck

// This test reads the Parquet export with Apache Arrow's Go implementation,
// a reader independent of the parquet-go writer. It needs a module the
// main build does not:
//
//	go get github.com/apache/arrow-go/v18@v18.8.0
//	go test -tags arrowcheck ./export
package export_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/warta-id/warta/export"
	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
)

func TestParquetArrow(t *testing.T) {
	db := storetest.Build(t).DB()
	for _, c := range []struct {
		name string
		f    query.Filter
	}{
		{"all", query.Filter{}},
		{"empty", query.Filter{From: "2099-01-01"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := expected(t, db, c.f)
			var buf bytes.Buffer
			if _, err := export.Write(context.Background(), db, c.f, "parquet", &buf); err != nil {
				t.Fatal(err)
			}
			pf, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("arrow cannot open the file: %v", err)
			}
			defer pf.Close()
			fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
			if err != nil {
				t.Fatal(err)
			}
			tbl, err := fr.ReadTable(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer tbl.Release()
			if tbl.NumRows() != int64(len(w.events)) {
				t.Fatalf("%d rows, want %d", tbl.NumRows(), len(w.events))
			}
			types := map[string]struct {
				id       arrow.Type
				nullable bool
			}{
				"id": {arrow.INT64, false}, "date": {arrow.DATE32, true}, "event_type": {arrow.STRING, false},
				"mode": {arrow.STRING, true}, "goldstein": {arrow.FLOAT64, false}, "quad_class": {arrow.INT64, false},
				"lat": {arrow.FLOAT64, true}, "lon": {arrow.FLOAT64, true}, "num_mentions": {arrow.INT64, false},
				"confidence": {arrow.FLOAT64, false}, "evidence": {arrow.STRING, true},
			}
			sc := tbl.Schema()
			if sc.NumFields() != len(csvHeader) {
				t.Errorf("%d columns, want %d", sc.NumFields(), len(csvHeader))
			}
			for i, name := range csvHeader {
				if i < sc.NumFields() && sc.Field(i).Name != name {
					t.Errorf("column %d is %s, want %s", i, sc.Field(i).Name, name)
				}
			}
			for name, want := range types {
				idx := sc.FieldIndices(name)
				if len(idx) != 1 {
					t.Errorf("no column %s", name)
					continue
				}
				f := sc.Field(idx[0])
				if f.Type.ID() != want.id || f.Nullable != want.nullable {
					t.Errorf("column %s: %s nullable=%v, want %s nullable=%v", name, f.Type, f.Nullable, want.id, want.nullable)
				}
			}
			if len(w.events) == 0 {
				return
			}
			col := func(name string) arrow.Array {
				idx := sc.FieldIndices(name)
				if len(idx) != 1 {
					t.Fatalf("no column %s", name)
				}
				chunks := tbl.Column(idx[0]).Data().Chunks()
				if len(chunks) != 1 {
					t.Fatalf("column %s in %d chunks", name, len(chunks))
				}
				return chunks[0]
			}
			ids := col("id").(*array.Int64)
			dates := col("date").(*array.Date32)
			types2 := col("event_type").(*array.String)
			modes := col("mode").(*array.String)
			lats := col("lat").(*array.Float64)
			places := col("place").(*array.String)
			evidence := col("evidence").(*array.String)
			for i, ev := range w.events {
				if ids.Value(i) != ev.ID || dates.Value(i).ToTime().Format(time.DateOnly) != ev.Date ||
					types2.Value(i) != ev.EventType || evidence.Value(i) != ev.Evidence.Text {
					t.Errorf("row %d: id %d date %s type %s, want event %+v", i, ids.Value(i),
						dates.Value(i).ToTime().Format(time.DateOnly), types2.Value(i), ev)
				}
				if (ev.Mode == "") != modes.IsNull(i) || (ev.Mode != "" && modes.Value(i) != ev.Mode) {
					t.Errorf("event %d: mode null=%v %q, want %q", ev.ID, modes.IsNull(i), modes.Value(i), ev.Mode)
				}
				switch p := ev.Place; {
				case p == nil:
					if !places.IsNull(i) || !lats.IsNull(i) {
						t.Errorf("event %d: place %q lat %v, want nulls", ev.ID, places.Value(i), lats.Value(i))
					}
				case places.Value(i) != p.Name || p.Lat != nil && (lats.IsNull(i) || lats.Value(i) != *p.Lat):
					t.Errorf("event %d: place %q lat %v, want %+v", ev.ID, places.Value(i), lats.Value(i), p)
				}
			}
		})
	}
}
