package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/warta-id/warta/export"
	"github.com/warta-id/warta/query"
	"github.com/warta-id/warta/store"
	"github.com/warta-id/warta/store/dialect"
	"golang.org/x/term"
)

// exportFilterFlags maps the filter flags of `warta export` to the URL
// parameters query.ParseFilter reads, so the CLI and the API validate
// filters the same way.
var exportFilterFlags = []struct{ flag, param, usage string }{
	{"from", "from", "first event date, YYYY-MM-DD"},
	{"to", "to", "last event date, YYYY-MM-DD"},
	{"type", "type", "PLOVER event types, comma-separated (CONSULT,PROTEST)"},
	{"quad-class", "quad_class", "quad classes 1-4, comma-separated"},
	{"actor", "actor", "actor codes, comma-separated (IDN,USA)"},
	{"recipient", "recipient", "recipient codes, comma-separated"},
	{"sector", "sector", "PLOVER sector of an actor or recipient (GOV, MIL, …)"},
	{"country", "country", "ISO-3 country of the event's place"},
	{"place", "place", "name of the event's place"},
	{"q", "q", "words that must all occur in the evidence sentence"},
	{"min-confidence", "min_confidence", "lowest coder confidence, 0-1"},
}

func cmdExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "output format: "+strings.Join(export.Formats, ", ")+" (required)")
	dbPath := fs.String("db", store.DefaultPath, "database warta ingest wrote: an SQLite file or a postgres://user@host/db URL")
	out := fs.String("out", "", `output file, written atomically (default, or "-": stdout)`)
	filters := make([]*string, len(exportFilterFlags))
	for i, f := range exportFilterFlags {
		filters[i] = fs.String(f.flag, "", f.usage)
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, `usage: warta export --format %s [--db warta.db|postgres://…] [--out FILE] [filter flags]

Writes the stored events the filter flags select (all by default), in id
order: plover is JSON Lines in PLOVER style, gdelt the 61-column GDELT 2.0
event table (tab-separated, no header), csv a flat table with a header,
parquet the same columns as csv, typed.

`, strings.Join(export.Formats, "|"))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "warta export: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *format == "" {
		fmt.Fprintln(stderr, "warta export: --format is required")
		fs.Usage()
		return 2
	}
	if !knownExportFormat(*format) {
		fmt.Fprintf(stderr, "warta export: unknown format %q (want %s)\n", *format, strings.Join(export.Formats, ", "))
		return 2
	}
	v := url.Values{}
	for i, f := range exportFilterFlags {
		if s := strings.TrimSpace(*filters[i]); s != "" {
			v.Set(f.param, s)
		}
	}
	filter, err := query.ParseFilter(v)
	if err != nil {
		var pe *query.ParamError
		if errors.As(err, &pe) {
			for _, f := range exportFilterFlags {
				if f.param == pe.Param {
					fmt.Fprintf(stderr, "warta export: --%s=%q: %s\n", f.flag, pe.Value, pe.Problem)
					return 2
				}
			}
		}
		fmt.Fprintf(stderr, "warta export: %v\n", err)
		return 2
	}
	toStdout := *out == "" || *out == "-"
	if toStdout && *format == "parquet" {
		if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			fmt.Fprintln(stderr, "warta export: not writing Parquet to a terminal; use --out FILE or redirect stdout")
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := openExportDB(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "warta export: %v\n", err)
		return 1
	}
	defer db.Close()
	write := func(w io.Writer) (int, error) {
		return export.Write(ctx, db, filter, *format, w)
	}
	var n int
	dest := *out
	if toStdout {
		dest = "stdout"
		bw := bufio.NewWriterSize(stdout, 64<<10)
		n, err = write(bw)
		if err == nil {
			err = bw.Flush()
		}
	} else {
		n, err = exportToFile(*out, write)
	}
	if err != nil {
		fmt.Fprintf(stderr, "warta export: %v\n", err)
		return 1
	}
	noun := "events"
	if n == 1 {
		noun = "event"
	}
	fmt.Fprintf(stderr, "exported %d %s to %s\n", n, noun, dest)
	return 0
}

// openExportDB opens the database to export from. store.Open creates a
// missing SQLite file; an export must not, so the file must exist (Open
// then brings an older schema up to date). A PostgreSQL database is only
// read: its schema must be current (warta ingest writes it).
func openExportDB(ctx context.Context, dbPath string) (*sql.DB, error) {
	if dialect.IsPostgres(dbPath) {
		return store.OpenReader(ctx, dbPath, 2)
	}
	if fi, err := os.Stat(dbPath); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("database %s does not exist (run warta ingest first, or give --db)", dbPath)
		}
		return nil, fmt.Errorf("database: %v", err)
	} else if fi.IsDir() {
		return nil, fmt.Errorf("database %s is a directory", dbPath)
	}
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	return st.DB(), nil
}

func knownExportFormat(format string) bool {
	for _, f := range export.Formats {
		if f == format {
			return true
		}
	}
	return false
}

// exportToFile runs write on path+".tmp" and renames it to path when all
// went well; on any error the temporary file is removed and path is left
// as it was.
func exportToFile(path string, write func(io.Writer) (int, error)) (n int, err error) {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, fmt.Errorf("output: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	if n, err = write(bw); err != nil {
		return n, err
	}
	if err = bw.Flush(); err != nil {
		return n, fmt.Errorf("output %s: %w", tmp, err)
	}
	if err = f.Sync(); err != nil {
		return n, fmt.Errorf("output %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return n, fmt.Errorf("output %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return n, fmt.Errorf("output: %w", err)
	}
	return n, nil
}
