package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warta-id/warta/internal/natstest"
	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/store"
)

func countArticles(dsn string) int {
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		return 0
	}
	defer s.Close()
	c, _ := s.Count(context.Background())
	return c.Articles + c.Duplicates
}

// TestDistributedIngest enqueues 2,000 real articles to a real NATS
// JetStream server, runs three `warta worker` processes into a real
// PostgreSQL database, SIGKILLs one mid-batch and SIGTERMs another (a
// fourth takes its place), and compares the result with a single-process
// `warta ingest` of the same file into SQLite: identical — nothing lost,
// nothing duplicated.
func TestDistributedIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an ingest, an enqueue and four workers in subprocesses")
	}
	dir := t.TempDir()
	corpus, n, near := newsCorpus(t, dir, "queue-corpus.jsonl", 2000, 300)
	pg := pgtest.URL(t)
	natsURL := natstest.Start(t)

	lite := filepath.Join(dir, "single.db")
	if out, err := wartaCmd("ingest", "--db", lite, "--near", near, "--published", "2024-06-04", corpus).CombinedOutput(); err != nil {
		t.Fatalf("single-process ingest: %v\n%s", err, out)
	}
	if out, err := wartaCmd("enqueue", "--nats", natsURL, "--published", "2024-06-04", corpus).CombinedOutput(); err != nil {
		t.Fatalf("enqueue: %v\n%s", err, out)
	} else {
		t.Logf("%s", bytes.TrimSpace(out))
	}
	if s, err := store.Open(context.Background(), pg); err != nil { // migrate once
		t.Fatal(err)
	} else {
		s.Close()
	}
	type proc struct {
		cmd *exec.Cmd
		log *bytes.Buffer
	}
	start := func(name string) proc {
		cmd := wartaCmd("worker", "--nats", natsURL, "--db", pg, "--name", name, "--near", near,
			"--drain", "--ack-wait", "3s", "--fetch", "8", "--grace", "20s")
		var log bytes.Buffer
		cmd.Stderr = &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return proc{cmd, &log}
	}
	began := time.Now()
	ws := []proc{start("w1"), start("w2"), start("w3")}
	waitFor := func(k int) {
		deadline := time.Now().Add(3 * time.Minute)
		for countArticles(pg) < k && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor(n / 4)
	ws[0].cmd.Process.Signal(syscall.SIGKILL)
	ws[0].cmd.Wait()
	t.Logf("w1 killed with %d of %d articles stored", countArticles(pg), n)
	waitFor(n / 2)
	ws[1].cmd.Process.Signal(syscall.SIGTERM)
	if err := ws[1].cmd.Wait(); err != nil {
		t.Errorf("w2 did not stop cleanly on SIGTERM: %v\n%s", err, ws[1].log)
	}
	t.Logf("w2 stopped by SIGTERM with %d stored", countArticles(pg))
	ws = append(ws, start("w4"))
	for _, w := range ws[2:] {
		done := make(chan error, 1)
		go func() { done <- w.cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("worker: %v\n%s", err, w.log)
			}
		case <-time.After(3 * time.Minute):
			w.cmd.Process.Kill()
			t.Fatalf("worker did not drain the stream:\n%s", w.log)
		}
	}
	t.Logf("workers done %s after the enqueue", time.Since(began).Round(time.Millisecond))
	want, got := storeDump(t, lite), storeDump(t, pg)
	if got != want {
		for _, w := range ws {
			t.Logf("worker log:\n%s", w.log)
		}
		t.Fatalf("workers' PostgreSQL database differs from the single-process SQLite one:\n%s", firstLineDiff(want, got))
	}
	if !strings.Contains(want, `"CONSULT"`) && n > 1000 {
		t.Error("no CONSULT event in the corpus: is the pipeline coding anything?")
	}
	// The same exports and API answers from both stores.
	for _, format := range []string{"gdelt", "plover"} {
		a, b := filepath.Join(dir, "lite."+format), filepath.Join(dir, "pg."+format)
		for _, x := range []struct{ db, out string }{{lite, a}, {pg, b}} {
			if out, err := wartaCmd("export", "--db", x.db, "--format", format, "--out", x.out).CombinedOutput(); err != nil {
				t.Fatalf("export %s: %v\n%s", format, err, out)
			}
		}
		ab, _ := os.ReadFile(a)
		bb, _ := os.ReadFile(b)
		// Event and place ids may differ: a worker killed inside a commit
		// leaves PostgreSQL sequence numbers used; the rest must not.
		ab, bb = withoutIDs(ab), withoutIDs(bb)
		if len(ab) == 0 || !bytes.Equal(ab, bb) {
			t.Errorf("%s export from PostgreSQL differs from SQLite's (%d vs %d bytes):\n%s", format, len(bb), len(ab), firstLineDiff(string(ab), string(bb)))
		}
	}
	for _, path := range []string{"/api/v1/events?limit=200&sort=-date", "/api/v1/timeline?interval=week&by=type", "/api/v1/actors"} {
		a, b := withoutIDs(serveOnce(t, lite, path)), withoutIDs(serveOnce(t, pg, path))
		if len(a) < 20 || !bytes.Equal(a, b) {
			t.Errorf("GET %s from PostgreSQL differs from SQLite's:\n%s", path, firstLineDiff(string(a), string(b)))
		}
	}
	out, err := wartaCmd("status", "--nats", natsURL, "--db", pg).CombinedOutput()
	if err != nil {
		t.Fatalf("status: %v\n%s", err, out)
	}
	t.Logf("status:\n%s", out)
	for _, want := range []string{"0 items queued", "0 in flight", "0 dead letters", "w3"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("status lacks %q", want)
		}
	}
}

// serveOnce runs `warta serve --db db` and returns the body of one GET.
func serveOnce(t *testing.T, db, path string) []byte {
	t.Helper()
	cmd := wartaCmd("serve", "--db", db, "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`http://([0-9.]+:[0-9]+)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
	}()
	select {
	case a := <-addr:
		resp, err := http.Get("http://" + a + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
		}
		return b
	case <-time.After(60 * time.Second):
		t.Fatalf("serve --db %s did not start", db)
	}
	return nil
}

var (
	jsonIDs  = regexp.MustCompile(`"(id|event_id|place_id)":("?)[0-9]+("?)`)
	gdeltIDs = regexp.MustCompile(`(?m)^[0-9]+\t`)
)

// withoutIDs blanks event and place numbers in JSON and GDELT exports.
func withoutIDs(b []byte) []byte {
	b = jsonIDs.ReplaceAll(b, []byte(`"$1":$2#$3`))
	return gdeltIDs.ReplaceAll(b, []byte("#\t"))
}
