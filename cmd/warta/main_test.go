package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warta-id/warta/doc"
)

const goodArticle = "Jakarta, Warta Dunia – Menteri Luar Negeri Indonesia Retno Marsudi bertemu dengan Menteri Luar Negeri Jepang di Jakarta pada Senin (6/3).\n"

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func decodeEvents(t *testing.T, out string) []doc.Event {
	t.Helper()
	var evs []doc.Event
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var ev doc.Event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("output line is not an event: %v\n%s", err, line)
		}
		evs = append(evs, ev)
	}
	return evs
}

// TestBadInputs feeds one good article among bad ones: each bad input gets a
// clear error naming it, the good one is still coded, the exit status is 1.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "baik.txt", []byte(goodArticle))
	huge := filepath.Join(dir, "raksasa.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // 100 MB (sparse)
		t.Fatal(err)
	}
	f.Close()
	goodLine, _ := json.Marshal(map[string]string{"id": "j1", "text": goodArticle, "published": "2023-03-07"})
	cases := []struct {
		name, file string
		data       []byte
		wantErr    string
	}{
		{"invalid UTF-8", "rusak.txt", []byte("Presiden \xff\xfe bertemu"), "rusak.txt: invalid UTF-8 at byte 9"},
		{"binary", "biner.txt", []byte("\x00\x01\x02ELF\x00\x00"), "biner.txt: binary data"},
		{"empty", "kosong.txt", []byte(""), "kosong.txt: empty input"},
		{"whitespace", "spasi.txt", []byte(" \n\t\n"), "spasi.txt: empty input"},
		{"truncated JSONL", "potong.jsonl", append(append(goodLine, '\n'), []byte(`{"id":"j2","text":"Presiden ber`)...), "potong.jsonl:2: truncated JSON line"},
		{"bad JSON line", "salah.jsonl", []byte("{\"id\":\"x\",\"text\":1}\n"), "salah.jsonl:1: invalid JSON"},
		{"JSONL without id", "tanpaid.jsonl", []byte("{\"text\":\"Presiden bertemu\"}\n"), "tanpaid.jsonl:1: record has no \"id\""},
		{"missing file", "", nil, "tidakada.txt: no such file"},
	}
	paths := []string{good}
	for _, c := range cases {
		if c.file != "" {
			paths = append(paths, writeFile(t, dir, c.file, c.data))
		}
	}
	paths = append(paths, filepath.Join(dir, "tidakada.txt"), huge)
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"code", "--published", "2023-03-07"}, paths...), strings.NewReader(""), &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	errs := stderr.String()
	for _, c := range cases {
		if !strings.Contains(errs, c.wantErr) {
			t.Errorf("%s: stderr lacks %q:\n%s", c.name, c.wantErr, errs)
		}
	}
	if !strings.Contains(errs, "raksasa.txt: input too large") {
		t.Errorf("100 MB input: stderr lacks a size error:\n%s", errs)
	}
	evs := decodeEvents(t, stdout.String())
	ids := map[string]int{}
	for _, ev := range evs {
		ids[ev.ArticleID]++
	}
	if ids["baik"] == 0 || ids["j1"] == 0 {
		t.Errorf("good inputs were not coded alongside bad ones: %v\nstderr:\n%s", ids, errs)
	}
}

func TestStdinPlainAndJSONL(t *testing.T) {
	for _, in := range []string{goodArticle, `{"id":"s1","text":` + mustJSON(goodArticle) + `,"published":"2023-03-07"}` + "\n"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"code", "--published", "2023-03-07"}, strings.NewReader(in), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		evs := decodeEvents(t, stdout.String())
		if len(evs) == 0 {
			t.Fatalf("no events from stdin %q", in[:20])
		}
		if evs[0].EventType != "CONSULT" {
			t.Errorf("got %s, want CONSULT", evs[0].EventType)
		}
	}
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestBadFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"code", "--published", "kemarin"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("bad --published: exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "--published") {
		t.Errorf("error does not name the flag: %s", stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"nosuch"}, nil, &stdout, &stderr); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestExplain(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"code", "--explain", "--example"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"removed (baca-juga)", "EVENT CONSULT", "pattern ", "dateline"} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain output lacks %q", want)
		}
	}
}

// TestOverlays adds a verb and an actor without recompiling: a user
// dictionary with a new pattern and a user knowledge base with a new
// organisation.
func TestOverlays(t *testing.T) {
	dir := t.TempDir()
	dict := filepath.Join(dir, "dict")
	kbDir := filepath.Join(dir, "kb")
	if err := os.MkdirAll(dict, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(kbDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dict, "verbs.txt", []byte("# user patterns\nPROTEST\tdemo\t141\tmenggeruduk [R]\tcrowd storms a building (user pattern)\n"))
	writeFile(t, kbDir, "orgs.tsv", []byte("# user orgs\nIDN\tOPP\tForum Warga Kali Bersih\tFWKB\t\n"))
	art := writeFile(t, dir, "geruduk.txt", []byte("Jakarta - Ratusan anggota FWKB menggeruduk kantor Kementerian Lingkungan Hidup pada Senin (6/3).\n"))

	var stdout, stderr bytes.Buffer
	if code := run([]string{"code", "--published", "2023-03-07", art}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if strings.Contains(stdout.String(), `"PROTEST"`) {
		t.Fatalf("the embedded dictionary already codes this; pick another verb for the test")
	}
	stdout.Reset()
	if code := run([]string{"code", "--published", "2023-03-07", "--dict", dict, "--kb", kbDir, art}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	evs := decodeEvents(t, stdout.String())
	found := false
	for _, ev := range evs {
		if ev.EventType == "PROTEST" && len(ev.Actor) == 1 && ev.Actor[0].Code == "IDN" && ev.Actor[0].Sector == "OPP" {
			found = true
		}
	}
	if !found {
		t.Errorf("user pattern and user organisation not used: %s", stdout.String())
	}
	// A malformed user file stops the run with file:line.
	writeFile(t, dict, "verbs.txt", []byte("PROTEST\tdemo\n"))
	stderr.Reset()
	if code := run([]string{"code", "--dict", dict, art}, nil, &stdout, &stderr); code != 1 {
		t.Errorf("malformed dictionary: exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "verbs.txt:1:") {
		t.Errorf("error does not name file and line: %s", stderr.String())
	}
}
