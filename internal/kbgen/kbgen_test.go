package kbgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/warta-id/warta/kb"
)

const kbDir = "../../data/kb"

// TestCommittedFilesValid fails when a hand edit breaks a kb file.
func TestCommittedFilesValid(t *testing.T) {
	if err := Validate(kbDir); err != nil {
		t.Fatalf("data/kb does not validate:\n%v", err)
	}
}

// TestLoaderReadsKB loads data/kb with the real loader and checks a few
// lookups the resolver depends on.
func TestLoaderReadsKB(t *testing.T) {
	k, err := kb.Load(os.DirFS("../../data"), "kb", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		alias        string
		kind         kb.Kind
		code, sector string
	}{
		{"Negeri Paman Sam", kb.Country, "USA", ""},
		{"Korut", kb.Country, "PRK", ""},
		{"Tiongkok", kb.Country, "CHN", ""},
		{"PBB", kb.Org, "UNO", ""},
		{"Uni Eropa", kb.Org, "EUR", ""},
		{"negara-negara Barat", kb.Bloc, "WST", ""},
		{"menteri luar negeri", kb.Agent, "", "GOV"},
		{"pengunjuk rasa", kb.Agent, "", "CVL"},
		{"Teheran", kb.Place, "IRN", ""},
		{"Jawa Barat", kb.Place, "IDN", ""},
	}
	for _, w := range want {
		found := false
		for _, e := range k.Lookup(w.alias) {
			if e.Kind == w.kind && e.Code == w.code && (w.sector == "" || e.Sector == w.sector) {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q): no %v entry with code %q sector %q", w.alias, w.kind, w.code, w.sector)
		}
	}
	var maduro *kb.Entry
	for _, e := range k.Lookup("Maduro") {
		if e.Kind == kb.Person && e.Wikidata == "Q58132" {
			maduro = e
		}
	}
	if maduro == nil {
		t.Fatal("Maduro: no person Q58132")
	}
	if r, ok := maduro.RoleAt(mustDate(t, "2023-01-04")); !ok || r.Code != "VEN" || r.Sector != "GOV" {
		t.Errorf("Maduro on 2023-01-04: got %+v", r)
	}
}

// TestRegenerateMatches re-runs the generator into a temporary directory
// and compares it with the committed files; skipped when the source data
// (../shared/data/kb) is not present.
func TestRegenerateMatches(t *testing.T) {
	src := "../../../shared/data/kb"
	if _, err := os.Stat(filepath.Join(src, "countries", "countries_id.tsv")); err != nil {
		t.Skip("source data not present:", err)
	}
	tmp := t.TempDir()
	if err := os.MkdirAll(filepath.Join(tmp, "curated"), 0o755); err != nil {
		t.Fatal(err)
	}
	cur, _ := filepath.Glob(filepath.Join(kbDir, "curated", "*"))
	for _, f := range cur {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, "curated", filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := generate(src, tmp); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"countries.tsv", "people.tsv", "people-phoenix.tsv", "people-cc-by-sa.tsv", "places.tsv"} {
		got, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(kbDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/kb/%s differs from the generator's output; run `go run ./cmd/warta kb build --src ../shared/data/kb --out data/kb`", name)
		}
	}
}

func TestValidateReportsProblems(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"countries.tsv", "orgs.tsv", "agents.tsv", "places.tsv"} {
		b, err := os.ReadFile(filepath.Join(kbDir, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	os.MkdirAll(filepath.Join(dir, "curated"), 0o755)
	for _, f := range []string{"countries-curated.tsv", "places-curated.tsv", "places-stopwords.txt"} {
		b, _ := os.ReadFile(filepath.Join(kbDir, "curated", f))
		os.WriteFile(filepath.Join(dir, "curated", f), b, 0o644)
	}
	bad := "# test\nQ1\tSomeone\t\tXXX\tGOV\t\t2020-13-01\t\nQ2\tOther\tA|B\tIDN\tGOV\t\t2020\t2019\n"
	os.WriteFile(filepath.Join(dir, "curated", "people-curated.tsv"), []byte(bad), 0o644)
	os.WriteFile(filepath.Join(dir, "people.tsv"), []byte("x\ty\n"), 0o644)
	err := Validate(dir)
	if err == nil {
		t.Fatal("Validate accepted bad files")
	}
	msg := err.Error()
	for _, want := range []string{"people-curated.tsv:2: unknown actor code \"XXX\"", "people-curated.tsv:3: role ends", "people.tsv:1: want 8 tab-separated columns"} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := kb.ParseDate(s, false)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
