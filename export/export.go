// Package export writes the events of a Warta store in the formats
// event-data users load.
//
// It takes an open database (store.Store.DB), a query.Filter selecting the
// events (the zero Filter selects all) and a format name, and gives the
// selected events, in id order, on an io.Writer:
//
//   - "plover": JSON Lines, one PLOVER/POLECAT-style record per event
//     (fields in PloverEvent);
//   - "gdelt": the GDELT 2.0 Events table, 61 tab-separated columns and no
//     header, as in GDELT's own *.export.CSV files (mapping in GDELT.md);
//   - "csv": RFC 4180 CSV with a header row, one flat row per event
//     (columns in Row);
//   - "parquet": the same columns as "csv", typed, in row groups of at most
//     10,000 rows (schema in Row).
//
// Events are streamed with query.EachEvent, so memory stays flat however
// many events there are.
package export

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/warta-id/warta/query"
)

// Formats lists the supported formats.
var Formats = []string{"plover", "gdelt", "csv", "parquet"}

// ErrUnknownFormat is wrapped by the error Write returns for a format not
// in Formats.
var ErrUnknownFormat = errors.New("unknown export format")

// checkFormat returns an error naming format when it is not supported.
func checkFormat(format string) error {
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("%w %q (want %s)", ErrUnknownFormat, format, strings.Join(Formats, ", "))
}

// Write writes every event f selects to w in format and returns how many
// it wrote. An unknown format is an error (wrapping ErrUnknownFormat)
// before anything is written. Write does not buffer the whole output:
// events are read in chunks, and Parquet is written one row group at a
// time.
func Write(ctx context.Context, db *sql.DB, f query.Filter, format string, w io.Writer) (n int, err error) {
	if err := checkFormat(format); err != nil {
		return 0, err
	}
	switch format {
	case "plover":
		n, err = writePlover(ctx, db, f, w)
	case "gdelt":
		n, err = writeGDELT(ctx, db, f, w)
	case "csv":
		n, err = writeCSV(ctx, db, f, w)
	default: // "parquet"
		n, err = writeParquet(ctx, db, f, w)
	}
	if err != nil {
		return n, fmt.Errorf("export %s: %w", format, err)
	}
	return n, nil
}

// ContentType is the MIME type of format for HTTP downloads
// ("application/octet-stream" for an unknown format).
func ContentType(format string) string {
	switch format {
	case "plover":
		return "application/x-ndjson; charset=utf-8"
	case "gdelt":
		return "text/tab-separated-values; charset=utf-8"
	case "csv":
		return "text/csv; charset=utf-8"
	case "parquet":
		return "application/vnd.apache.parquet"
	}
	return "application/octet-stream"
}

// Extension is the file name extension of format, with its dot ("" for an
// unknown format).
func Extension(format string) string {
	switch format {
	case "plover":
		return ".jsonl"
	case "gdelt":
		return ".tsv"
	case "csv":
		return ".csv"
	case "parquet":
		return ".parquet"
	}
	return ""
}

// eachEvent calls fn for every event f selects, stopping when ctx is done.
// Errors from reading the store say so; fn's own errors are returned as
// they are.
func eachEvent(ctx context.Context, db *sql.DB, f query.Filter, fn func(query.Event) error) error {
	err := query.EachEvent(ctx, db, f, func(ev query.Event) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(ev); err != nil {
			return callbackError{err}
		}
		return nil
	})
	var ce callbackError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return ce.err
	default:
		return fmt.Errorf("reading events: %w", err)
	}
}

// callbackError marks an error returned by eachEvent's callback.
type callbackError struct{ err error }

func (e callbackError) Error() string { return e.err.Error() }
func (e callbackError) Unwrap() error { return e.err }

// joinNames joins the distinct non-empty names of actors with ";".
func joinNames(actors []query.Actor) string {
	var names []string
	seen := map[string]bool{}
	for _, a := range actors {
		if a.Name != "" && !seen[a.Name] {
			seen[a.Name] = true
			names = append(names, a.Name)
		}
	}
	return strings.Join(names, ";")
}
