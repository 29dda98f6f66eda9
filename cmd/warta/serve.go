package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/warta-id/warta/data"
	"github.com/warta-id/warta/export"
	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/query"
	"github.com/warta-id/warta/serve"
	"github.com/warta-id/warta/store"
	"github.com/warta-id/warta/store/dialect"
	"github.com/warta-id/warta/web"
)

// handler is the whole site over db: the API and the web pages.
func handler(db *sql.DB, logger *log.Logger, cacheEntries int) http.Handler {
	return serve.New(db, serve.Options{
		UI:           web.New(db),
		CacheEntries: cacheEntries,
		Log:          logger,
		Export: func(ctx context.Context, db *sql.DB, f query.Filter, format string, w http.ResponseWriter) error {
			w.Header().Set("Content-Type", export.ContentType(format))
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="warta-events%s"`, export.Extension(format)))
			_, err := export.Write(ctx, db, f, format, w)
			return err
		},
		ExportFormats: export.Formats,
	})
}

// listenAndServe serves h on addr until SIGINT or SIGTERM, then shuts down
// gracefully. ready, when set, is called with the address once listening.
func listenAndServe(ctx context.Context, addr string, h http.Handler, stderr io.Writer, ready func(string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := serve.Server(addr, h)
	srv.ErrorLog = log.New(stderr, "warta serve: ", 0)
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// dbName is a --db value for messages: a postgres:// URL loses its
// password.
func dbName(db string) string {
	if !dialect.IsPostgres(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

func checkAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v", addr, err)
	}
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	if !public {
		return fmt.Errorf("--addr %q is not a loopback address: add --public to serve other machines", addr)
	}
	return nil
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", store.DefaultPath, "database warta ingest wrote: an SQLite file or a postgres://user@host/db URL")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	public := fs.Bool("public", false, "allow a non-loopback --addr")
	conns := fs.Int("conns", 8, "database connections for reading")
	cacheEntries := fs.Int("cache", 2048, "API answers kept in memory (negative: none)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := checkAddr(*addr, *public); err != nil {
		fmt.Fprintf(stderr, "warta serve: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := store.OpenReader(ctx, *dbPath, *conns)
	if err != nil {
		fmt.Fprintf(stderr, "warta serve: %v\n", err)
		return 1
	}
	defer db.Close()
	logger := log.New(stderr, "warta serve: ", log.LstdFlags)
	err = listenAndServe(ctx, *addr, handler(db, logger, *cacheEntries), stderr, func(a string) {
		fmt.Fprintf(stderr, "warta serve: %s on http://%s/ (API: http://%s/api/v1/openapi.json)\n", dbName(*dbPath), a, a)
	})
	if err != nil {
		fmt.Fprintf(stderr, "warta serve: %v\n", err)
		return 1
	}
	return 0
}

// cmdDemo ingests the bundled sample articles into a fresh database and
// serves it.
func cmdDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dbPath := fs.String("db", "", "database file to create (default: a temporary file, removed at exit)")
	noServe := fs.Bool("no-serve", false, "only build the database")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := checkAddr(*addr, false); err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 2
	}
	if *noServe && *dbPath == "" {
		fmt.Fprintln(stderr, "warta demo: --no-serve needs --db (where to keep the database)")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, err := os.MkdirTemp("", "warta-demo-")
	if err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	path := *dbPath
	if path == "" {
		path = filepath.Join(dir, "warta-demo.db")
	} else if _, err := os.Stat(path); err == nil {
		fmt.Fprintf(stderr, "warta demo: %s exists; the demo builds a fresh database (remove it or choose another --db)\n", path)
		return 2
	}
	sample, err := data.FS.ReadFile("demo/articles.jsonl")
	if err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	articles := filepath.Join(dir, "demo-articles.jsonl")
	if err := os.WriteFile(articles, sample, 0o644); err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		st.Close()
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	in, err := ingest.New(ctx, ingest.Options{Store: st, Pipeline: p, Log: io.Discard})
	if err == nil {
		var sum ingest.Summary
		sum, err = in.Run(ctx, []string{articles})
		fmt.Fprintf(stderr, "warta demo: sample articles: %s\n", strings.TrimSpace(sum.String()))
	}
	st.Close()
	if err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	if *noServe {
		fmt.Fprintf(stdout, "%s\n", path)
		return 0
	}
	db, err := store.OpenReader(ctx, path, 4)
	if err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	defer db.Close()
	logger := log.New(stderr, "warta demo: ", log.LstdFlags)
	err = listenAndServe(ctx, *addr, handler(db, logger, 2048), stderr, func(a string) {
		fmt.Fprintf(stderr, "warta demo: open http://%s/ (API: http://%s/api/v1/events); Ctrl-C stops\n", a, a)
	})
	if err != nil {
		fmt.Fprintf(stderr, "warta demo: %v\n", err)
		return 1
	}
	return 0
}
