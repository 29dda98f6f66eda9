package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/warta-id/warta/internal/pgtest"
	"github.com/warta-id/warta/store"
)

// TestMain lets the test binary act as the warta command when WARTA_MAIN
// is set, so tests can run it as a separate process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("WARTA_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(pgtest.Run(m))
}

// wartaCmd runs this test binary as `warta ARGS…`.
func wartaCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "WARTA_MAIN=1")
	return cmd
}

// newsCorpus writes the articles a subprocess test ingests to dir/name:
// the first want non-held-out articles of the shared IndoSum set when
// ../shared is present (CI), else synthetic articles assembled from this
// package's test data with distinct texts. near is the --near flag to use:
// the default for real articles, exact duplicates only for the synthetic
// ones (near-copies by design).
func newsCorpus(t *testing.T, dir, name string, want, synthetic int) (path string, n int, near string) {
	t.Helper()
	path = filepath.Join(dir, name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	news := filepath.Join("..", "..", "..", "shared", "data", "news")
	f, err := os.Open(filepath.Join(news, "indosum-dev", "indosum_dev_text.jsonl"))
	if err == nil {
		defer f.Close()
		held := map[string]bool{}
		if b, err := os.ReadFile(filepath.Join(news, "heldout-ids.txt")); err == nil {
			for _, l := range strings.Fields(string(b)) {
				held[l] = true
			}
		} else {
			t.Skipf("held-out list missing (%v): not ingesting the corpus without it", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() && n < want {
			var rec struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(sc.Bytes(), &rec) != nil || held[rec.ID] {
				continue
			}
			out.Write(sc.Bytes())
			out.WriteString("\n")
			n++
		}
		return path, n, "0"
	}
	t.Logf("news corpus not available (%v): using %d synthetic articles from testdata", err, synthetic)
	base, err := os.ReadFile(filepath.Join("..", "..", "ingest", "testdata", "articles", "berita-tokyo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < synthetic; i++ {
		text := fmt.Sprintf("%s\nLaporan nomor %d dari %d dikirim oleh koresponden ke-%d.", base, i, synthetic, i*7)
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("s%04d", i), "text": text, "published": "2024-06-04"})
		out.Write(append(b, '\n'))
	}
	return path, synthetic, "-1"
}

func storedArticles(path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	db.QueryRow("SELECT count(*) FROM articles").Scan(&n)
	return n
}

// storeDump is the logical dump of the store at dsn (an SQLite file or a
// PostgreSQL URL).
func storeDump(t *testing.T, dsn string) string {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return dumpOf(t, s)
}

func dumpOf(t *testing.T, s *store.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// dumpDB is an SQLite file's logical dump, after checking its FTS5 index,
// with the hit count of one search added.
func dumpDB(t *testing.T, path string) string {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := dumpOf(t, s)
	var fts int
	if _, err := s.DB().Exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		t.Errorf("%s: full-text index integrity check: %v", path, err)
	}
	s.DB().QueryRow("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'indonesia'").Scan(&fts)
	return out + fmt.Sprintf("## fts matches for indonesia: %d\n", fts)
}

// TestIngestKillAndResume kills an ingest with SIGKILL in the middle, runs it
// again, and compares the database with an uninterrupted run's: identical.
// It also runs the finished ingest a third time: nothing changes.
func TestIngestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three ingests in subprocesses")
	}
	dir := t.TempDir()
	corpus, n, near := newsCorpus(t, dir, "corpus.jsonl", 1500, 600)
	args := func(db string) []string {
		return []string{"ingest", "--db", db, "--batch", "20", "--near", near, "--published", "2024-06-04", corpus}
	}

	whole := filepath.Join(dir, "whole.db")
	if out, err := wartaCmd(args(whole)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted ingest: %v\n%s", err, out)
	}

	killed := filepath.Join(dir, "killed.db")
	cmd := wartaCmd(args(killed)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for storedArticles(killed) < n/3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("ingest was not killed mid-run (%v); it finished first:\n%s", err, stderr.String())
	}
	at := storedArticles(killed)
	t.Logf("killed after %d of %d articles were stored", at, n)
	if at >= n {
		t.Fatalf("kill came too late: all %d articles already stored", at)
	}
	if out, err := wartaCmd(args(killed)...).CombinedOutput(); err != nil {
		t.Fatalf("resumed ingest: %v\n%s", err, out)
	} else {
		t.Logf("resumed: %s", bytes.TrimSpace(out))
	}
	want, got := dumpDB(t, whole), dumpDB(t, killed)
	if got != want {
		t.Fatalf("killed-and-resumed database differs from the uninterrupted one:\n%s", firstLineDiff(want, got))
	}
	if !strings.Contains(want, `"CONSULT"`) && n > 100 {
		t.Error("no CONSULT event in the corpus run: is the pipeline coding anything?")
	}

	if out, err := wartaCmd(args(killed)...).CombinedOutput(); err != nil {
		t.Fatalf("third ingest: %v\n%s", err, out)
	}
	if again := dumpDB(t, killed); again != want {
		t.Fatalf("running the ingest again changed the database:\n%s", firstLineDiff(want, again))
	}
}

func firstLineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %.300s\n+ %.300s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths differ: %d vs %d lines", len(la), len(lb))
}
