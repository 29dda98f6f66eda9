package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
)

// countEvents is how many stored events f selects.
func countEvents(t *testing.T, db *sql.DB, f query.Filter) int {
	t.Helper()
	n := 0
	if err := query.EachEvent(context.Background(), db, f, func(query.Event) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCmdExport(t *testing.T) {
	st := storetest.Build(t)
	dbPath := st.Path()
	all := countEvents(t, st.DB(), query.Filter{})
	consultIDN := countEvents(t, st.DB(), query.Filter{Types: []string{"CONSULT"}, Actors: []string{"IDN"}})
	allFlags := countEvents(t, st.DB(), query.Filter{From: "2024-01-01", To: "2024-12-31", Types: []string{"CONSULT"},
		QuadClasses: []int{1}, Actors: []string{"IDN"}, Recipients: []string{"JPN"}, Sector: "GOV", Country: "JPN",
		Place: "tokyo", Text: "Tokyo", MinConfidence: 0.1})
	if all < 3 || consultIDN < 1 || allFlags < 1 {
		t.Fatalf("sample store: %d events, %d IDN CONSULT, %d for all filter flags", all, consultIDN, allFlags)
	}
	dir := t.TempDir()

	// Readers of each format's output: how many events it holds.
	countLines := func(t *testing.T, b []byte) int {
		if len(b) == 0 {
			return 0
		}
		return bytes.Count(b, []byte("\n"))
	}
	countPlover := func(t *testing.T, b []byte) int {
		for i, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
			if len(line) > 0 && !json.Valid(line) {
				t.Errorf("line %d is not JSON: %.80s", i+1, line)
			}
		}
		return countLines(t, b)
	}
	countGDELT := func(t *testing.T, b []byte) int {
		for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if line != "" && len(strings.Split(line, "\t")) != 61 {
				t.Errorf("line %d: %d fields, want 61", i+1, len(strings.Split(line, "\t")))
			}
		}
		return countLines(t, b)
	}
	countCSV := func(t *testing.T, b []byte) int {
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil || len(recs) == 0 || recs[0][0] != "id" {
			t.Fatalf("csv: %d records, %v", len(recs), err)
		}
		return len(recs) - 1
	}
	countParquet := func(t *testing.T, b []byte) int {
		f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("parquet: %v", err)
		}
		return int(f.NumRows())
	}

	cases := []struct {
		name     string
		args     []string // after --db
		out      string   // --out file name in dir; "" for stdout
		code     int
		count    func(*testing.T, []byte) int
		want     int    // events in the output
		inStderr string // "" for the success message
	}{
		{"plover to a file", []string{"--format", "plover"}, "events.jsonl", 0, countPlover, all, ""},
		{"gdelt to stdout", []string{"--format", "gdelt"}, "", 0, countGDELT, all, ""},
		{"csv to stdout as -", []string{"--format", "csv", "--out", "-"}, "", 0, countCSV, all, ""},
		{"parquet to a file", []string{"--format", "parquet"}, "events.parquet", 0, countParquet, all, ""},
		{"filtered", []string{"--format", "csv", "--type", "consult", "--actor", "idn"}, "consult.csv", 0, countCSV, consultIDN, ""},
		{"all filter flags", []string{"--format", "csv", "--from", "2024-01-01", "--to", "2024-12-31", "--type", "CONSULT",
			"--quad-class", "1", "--actor", "IDN", "--recipient", "JPN", "--sector", "GOV", "--country", "JPN",
			"--place", "tokyo", "--q", "Tokyo", "--min-confidence", "0.1"}, "", 0, countCSV, allFlags, ""},
		{"nothing selected", []string{"--format", "parquet", "--from", "2099-01-01"}, "none.parquet", 0, countParquet, 0, ""},
		{"nothing selected, gdelt", []string{"--format", "gdelt", "--from", "2099-01-01"}, "", 0, countGDELT, 0, ""},
		{"bad quad class", []string{"--format", "csv", "--quad-class", "7"}, "", 2, nil, 0, "--quad-class"},
		{"bad date", []string{"--format", "csv", "--from", "2024-13-01"}, "", 2, nil, 0, "--from"},
		{"bad confidence", []string{"--format", "csv", "--min-confidence", "2"}, "", 2, nil, 0, "--min-confidence"},
		{"unknown format", []string{"--format", "xlsx"}, "", 2, nil, 0, `"xlsx"`},
		{"no format", []string{}, "", 2, nil, 0, "--format is required"},
		{"stray argument", []string{"--format", "csv", "warta.db"}, "", 2, nil, 0, "unexpected argument"},
		{"unknown flag", []string{"--format", "csv", "--limit", "5"}, "", 2, nil, 0, "-limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"--db", dbPath}, c.args...)
			var outPath string
			if c.out != "" {
				outPath = filepath.Join(dir, c.out)
				args = append(args, "--out", outPath)
			}
			var stdout, stderr bytes.Buffer
			code := cmdExport(args, &stdout, &stderr)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			if c.code != 0 {
				t.Logf("stderr: %s", stderr.String())
				if !strings.Contains(stderr.String(), c.inStderr) {
					t.Errorf("stderr %q does not mention %s", stderr.String(), c.inStderr)
				}
				if stdout.Len() != 0 {
					t.Errorf("stdout %q on error", stdout.String())
				}
				return
			}
			output, dest := stdout.Bytes(), "stdout"
			if outPath != "" {
				if stdout.Len() != 0 {
					t.Errorf("wrote %d bytes to stdout with --out", stdout.Len())
				}
				b, err := os.ReadFile(outPath)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := os.Stat(outPath + ".tmp"); !os.IsNotExist(err) {
					t.Errorf("temporary file left behind: %v", err)
				}
				output, dest = b, outPath
			}
			got := c.count(t, output)
			if got != c.want {
				t.Errorf("%d events in the output, want %d", got, c.want)
			}
			noun := "events"
			if got == 1 {
				noun = "event"
			}
			if msg := fmt.Sprintf("exported %d %s to %s\n", got, noun, dest); stderr.String() != msg {
				t.Errorf("stderr %q, want %q", stderr.String(), msg)
			}
		})
	}
}

func TestCmdExportFailures(t *testing.T) {
	dir := t.TempDir()

	t.Run("missing database", func(t *testing.T) {
		missing := filepath.Join(dir, "nothing.db")
		var stdout, stderr bytes.Buffer
		if code := cmdExport([]string{"--format", "csv", "--db", missing}, &stdout, &stderr); code != 1 {
			t.Fatalf("exit %d; stderr: %s", code, stderr.String())
		}
		t.Logf("stderr: %s", stderr.String())
		if !strings.Contains(stderr.String(), missing) || !strings.Contains(stderr.String(), "does not exist") {
			t.Errorf("stderr %q", stderr.String())
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Errorf("export created the database: %v", err)
		}
	})

	st := storetest.Build(t)
	t.Run("output directory missing", func(t *testing.T) {
		out := filepath.Join(dir, "no", "such", "dir", "events.csv")
		var stdout, stderr bytes.Buffer
		if code := cmdExport([]string{"--format", "csv", "--db", st.Path(), "--out", out}, &stdout, &stderr); code != 1 {
			t.Fatalf("exit %d; stderr: %s", code, stderr.String())
		}
		t.Logf("stderr: %s", stderr.String())
		if !strings.Contains(stderr.String(), "output") {
			t.Errorf("stderr %q", stderr.String())
		}
	})

	// A store whose events cannot be read: the export fails after its
	// temporary file was created, and must leave the old output alone.
	broken := storetest.Build(t)
	if _, err := broken.DB().Exec("DROP TABLE event_actors"); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"plover", "gdelt", "csv", "parquet"} {
		t.Run("store error, "+format, func(t *testing.T) {
			out := filepath.Join(dir, "old."+format)
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			if code := cmdExport([]string{"--format", format, "--db", broken.Path(), "--out", out}, &stdout, &stderr); code != 1 {
				t.Fatalf("exit %d; stderr: %s", code, stderr.String())
			}
			t.Logf("stderr: %s", stderr.String())
			if !strings.Contains(stderr.String(), "reading events") {
				t.Errorf("stderr %q does not say what failed", stderr.String())
			}
			if b, err := os.ReadFile(out); err != nil || string(b) != "old" {
				t.Errorf("old output changed: %q, %v", b, err)
			}
			if _, err := os.Stat(out + ".tmp"); !os.IsNotExist(err) {
				t.Errorf("temporary file left behind: %v", err)
			}
		})
	}
}
