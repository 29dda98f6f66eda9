package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainClusters(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 0; i < 8; i++ {
		for _, n := range []string{"rumah", "gedung", "mobil"} {
			b, _ := json.Marshal(map[string]string{"id": "a" + n + string(rune('0'+i)), "text": "Dia membeli " + n + " itu. Sebuah " + n + " baru dijual."})
			lines = append(lines, string(b))
		}
	}
	b, _ := json.Marshal(map[string]string{"id": "secret", "text": "Rahasiaku rahasiaku rahasiaku rahasiaku rahasiaku rahasiaku."})
	lines = append(lines, string(b))
	news := filepath.Join(dir, "news.jsonl")
	if err := os.WriteFile(news, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ids := filepath.Join(dir, "heldout.txt")
	os.WriteFile(ids, []byte("# held out\nsecret\n"), 0o644)
	var outs [2][]byte
	for i := range outs {
		out := filepath.Join(dir, "c"+string(rune('a'+i))+".txt")
		var stdout, stderr bytes.Buffer
		if code := cmdTrain([]string{"clusters", "--news", news, "--exclude", ids, "--min-count", "3", "--out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "(1 excluded)") {
			t.Errorf("stdout: %s", stdout.String())
		}
		var err error
		if outs[i], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs gave different cluster files")
	}
	s := string(outs[0])
	if !strings.Contains(s, "\trumah\t16\n") || strings.Contains(s, "rahasiaku") {
		t.Errorf("cluster file:\n%s", s)
	}
	var sink bytes.Buffer
	if code := cmdTrain([]string{"clusters"}, &sink, &sink); code != 2 {
		t.Errorf("no flags: exit %d, want 2", code)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\": \"x\", \"text\": \"ok\"}\nnot json\n"), 0o644)
	sink.Reset()
	if code := cmdTrain([]string{"clusters", "--news", bad, "--out", filepath.Join(dir, "x.txt")}, &sink, &sink); code != 1 || !strings.Contains(sink.String(), "bad.jsonl:2") {
		t.Errorf("bad JSON: exit %d, %q", code, sink.String())
	}
}
