package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"sync"
	"time"

	"github.com/warta-id/warta/ingest"
	"github.com/warta-id/warta/pipeline"
	"github.com/warta-id/warta/serve"
	"github.com/warta-id/warta/store"
	"github.com/warta-id/warta/store/dialect"
)

// cmdBenchServe builds a store of at least --events events by ingesting
// real articles and replaying their events (shifted by whole weeks, fresh
// ids), serves the API on loopback and measures requests/s and latency
// with a closed-loop load generator: against /api/v1/events with filters
// and against /api/v1/timeline, with the answer cache on and off.
func cmdBenchServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	target := fs.Int("events", 1_000_000, "events in the store")
	conc := fs.Int("c", 8, "concurrent clients")
	dur := fs.Duration("d", 10*time.Second, "duration of each scenario")
	dbPath := fs.String("db", "", "reuse (or build into) this database: an SQLite file, or a postgres://user@host/db URL (built when it holds no events); default: a temporary SQLite file")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the load tests to this file")
	only := fs.String("only", "", "run only this scenario (events, timeline, events_nocache, timeline_nocache)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	path := *dbPath
	if path == "" {
		dir, err := os.MkdirTemp("", "warta-bench-serve-")
		if err != nil {
			fmt.Fprintf(stderr, "warta bench serve: %v\n", err)
			return 1
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "bench.db")
	}
	if !benchStoreExists(ctx, path) {
		if fs.NArg() == 0 {
			fmt.Fprintln(stderr, "usage: warta bench serve [--events N] [--c 8] [--d 10s] FILE.jsonl ...  (articles to ingest first)")
			return 2
		}
		if err := buildBenchStore(ctx, path, fs.Args(), *target, stderr); err != nil {
			fmt.Fprintf(stderr, "warta bench serve: %v\n", err)
			return 1
		}
	}
	db, err := store.OpenReader(ctx, path, 8)
	if err != nil {
		fmt.Fprintf(stderr, "warta bench serve: %v\n", err)
		return 1
	}
	defer db.Close()
	var events int
	db.QueryRow("SELECT count(*) FROM events").Scan(&events)

	urls := benchURLs(db)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "warta bench serve: %v\n", err)
			return 1
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	results := map[string]any{"events_in_store": events, "clients": *conc, "seconds_per_scenario": dur.Seconds()}
	for _, cacheOn := range []bool{true, false} {
		entries := 2048
		if !cacheOn {
			entries = -1
		}
		h := serve.New(db, serve.Options{CacheEntries: entries})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintf(stderr, "warta bench serve: %v\n", err)
			return 1
		}
		srv := serve.Server(ln.Addr().String(), h)
		go srv.Serve(ln)
		base := "http://" + ln.Addr().String()
		for _, sc := range []string{"events", "timeline"} {
			name := sc
			if !cacheOn {
				name += "_nocache"
			}
			if *only != "" && *only != name {
				continue
			}
			r := loadTest(base, urls[sc], *conc, *dur)
			results[name] = r
			fmt.Fprintf(stderr, "warta bench serve: %-18s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d\n",
				name, r.RPS, r.P50, r.P99, r.Errors)
		}
		srv.Close()
	}
	b, _ := json.MarshalIndent(results, "", "  ")
	fmt.Fprintln(stdout, string(b))
	return 0
}

// benchURLs returns the requests of each scenario: events pages filtered by
// type, QuadClass and month (newest first), and monthly timelines by
// QuadClass for each type.
func benchURLs(db *sql.DB) map[string][]string {
	var types []string
	rows, _ := db.Query("SELECT DISTINCT event_type FROM event_days ORDER BY 1")
	for rows != nil && rows.Next() {
		var t string
		rows.Scan(&t)
		types = append(types, t)
	}
	if rows != nil {
		rows.Close()
	}
	// The 24 busiest months: where analysts look (a few events carry
	// far-off dates that would make most requests trivially empty).
	var months []time.Time
	mrows, _ := db.Query("SELECT month FROM event_months WHERE month != '' GROUP BY month ORDER BY sum(events) DESC, month LIMIT 24")
	for mrows != nil && mrows.Next() {
		var m string
		mrows.Scan(&m)
		if t, err := time.Parse("2006-01", m); err == nil {
			months = append(months, t)
		}
	}
	if mrows != nil {
		mrows.Close()
	}
	out := map[string][]string{}
	for _, t := range types {
		for i, m := range months {
			u := fmt.Sprintf("/api/v1/events?type=%s&from=%s&to=%s&limit=50", t, m.Format("2006-01-02"), m.AddDate(0, 1, -1).Format("2006-01-02"))
			if i%2 == 1 {
				u += fmt.Sprintf("&quad_class=%d", 1+i%4)
			}
			out["events"] = append(out["events"], u)
		}
		// Timelines as the web page asks for them: the whole store by
		// month, a year by week, a month by day.
		out["timeline"] = append(out["timeline"], "/api/v1/timeline?interval=month&by=quad_class&type="+t)
		for i, m := range months {
			y := m.Format("2006")
			out["timeline"] = append(out["timeline"],
				fmt.Sprintf("/api/v1/timeline?interval=week&by=quad_class&type=%s&from=%s-01-01&to=%s-12-31", t, y, y))
			if i < 6 {
				out["timeline"] = append(out["timeline"],
					fmt.Sprintf("/api/v1/timeline?interval=day&by=quad_class&type=%s&from=%s&to=%s", t, m.Format("2006-01-02"), m.AddDate(0, 1, -1).Format("2006-01-02")))
			}
		}
	}
	for _, m := range months {
		out["timeline"] = append(out["timeline"], fmt.Sprintf("/api/v1/timeline?interval=day&by=type&from=%s&to=%s",
			m.Format("2006-01-02"), m.AddDate(0, 1, -1).Format("2006-01-02")))
	}
	out["timeline"] = append(out["timeline"], "/api/v1/timeline?interval=month&by=quad_class")
	return out
}

// loadResult is one scenario's figures.
type loadResult struct {
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	RPS      float64 `json:"requests_per_s"`
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
	URLs     int     `json:"distinct_urls"`
}

// loadTest runs conc clients, each sending the next URL (in a shuffled
// order) as soon as the previous answer is read, for d.
func loadTest(base string, urls []string, conc int, d time.Duration) loadResult {
	tr := &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := 0; c < conc; c++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(seed))
			var mine []time.Duration
			bad := 0
			for time.Now().Before(stop) {
				u := base + urls[rng.Intn(len(urls))]
				t0 := time.Now()
				resp, err := client.Get(u)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}(int64(c) + 1)
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	return loadResult{Requests: len(lat), Errors: errs, RPS: float64(len(lat)) / d.Seconds(), P50: pct(0.50), P99: pct(0.99), URLs: len(urls)}
}

// benchStoreExists reports whether path names a store to reuse: an
// existing SQLite file, or a PostgreSQL database that holds events.
func benchStoreExists(ctx context.Context, path string) bool {
	if !dialect.IsPostgres(path) {
		_, err := os.Stat(path)
		return err == nil
	}
	db, err := store.OpenReader(ctx, path, 1)
	if err != nil {
		return false
	}
	defer db.Close()
	var n int
	return db.QueryRowContext(ctx, "SELECT count(*) FROM events").Scan(&n) == nil && n > 0
}

// buildBenchStore ingests the articles, then replays their events with
// dates shifted by whole weeks until the store holds target events.
func buildBenchStore(ctx context.Context, path string, files []string, target int, stderr io.Writer) error {
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return err
	}
	in, err := ingest.New(ctx, ingest.Options{Store: st, Pipeline: p, Log: io.Discard,
		Published: time.Date(2017, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	sum, err := in.Run(ctx, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "warta bench serve: ingested %s\n", sum)
	db := st.DB()
	var base int
	db.QueryRow("SELECT count(*) FROM events").Scan(&base)
	if base == 0 {
		return fmt.Errorf("no events coded from %v", files)
	}
	copies := (target + base - 1) / base
	t0 := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	// Replayed mentions keep their evidence but not the coder's JSON record,
	// so the file stays a few hundred MB.
	for k := 1; k < copies; k++ {
		off := k * 10_000_000
		shifted := fmt.Sprintf("date(date, '%+d days')", 7*k)
		if st.Dialect() == dialect.Postgres {
			shifted = fmt.Sprintf("to_char(date::date + %d, 'YYYY-MM-DD')", 7*k)
		}
		stmts := []string{
			fmt.Sprintf(`INSERT INTO events(id, event_type, mode, cameo, goldstein, quad_class, plover_score, actor_code, recipient_code,
				date, date_precision, place_id, future, historical, confidence, num_mentions, num_articles, num_sources, first_article)
				SELECT id + %d, event_type, mode, cameo, goldstein, quad_class, plover_score, actor_code, recipient_code,
				CASE WHEN date = '' THEN '' ELSE %s END, date_precision, place_id, future, historical, confidence,
				num_mentions, num_articles, num_sources, first_article FROM events WHERE id < 10000000`, off, shifted),
			fmt.Sprintf(`INSERT INTO event_actors SELECT event_id + %d, role, code, sector, name FROM event_actors WHERE event_id < 10000000`, off),
			fmt.Sprintf(`INSERT INTO event_mentions(id, event_id, article_n, key, sentence, start, "end", confidence, record, evidence)
				SELECT id + %d, event_id + %d, article_n, key || '~%d', sentence, start, "end", confidence, '{}', evidence
				FROM event_mentions WHERE id < 10000000`, off, off, k),
		}
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				tx.Rollback()
				return err
			}
		}
	}
	for _, q := range []string{
		"DELETE FROM event_days",
		"INSERT INTO event_days SELECT date, event_type, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3",
		"DELETE FROM event_months",
		"INSERT INTO event_months SELECT substr(date, 1, 7), event_type, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	var n int
	db.QueryRow("SELECT count(*) FROM events").Scan(&n)
	fmt.Fprintf(stderr, "warta bench serve: %d events (%d coded × %d) in %.1fs\n", n, base, copies, time.Since(t0).Seconds())
	_, err = db.ExecContext(ctx, "ANALYZE")
	return err
}
