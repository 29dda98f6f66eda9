package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDemoServes runs `warta demo` as a process: it ingests the sample
// articles, serves the API and the pages on a loopback port, and stops
// cleanly on SIGTERM.
func TestDemoServes(t *testing.T) {
	cmd := wartaCmd("demo", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := make(chan string, 1)
	var log strings.Builder
	go func() {
		re := regexp.MustCompile(`open http://([0-9.:]+)/`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case <-time.After(60 * time.Second):
		t.Fatalf("demo did not start serving:\n%s", log.String())
	}
	get := func(path string) (int, []byte) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	status, body := get("/api/v1/events?limit=1000")
	var page struct {
		Events []struct {
			EventType string `json:"event_type"`
		} `json:"events"`
	}
	if status != 200 || json.Unmarshal(body, &page) != nil {
		t.Fatalf("/api/v1/events: %d %.200s", status, body)
	}
	types := map[string]bool{}
	for _, e := range page.Events {
		types[e.EventType] = true
	}
	if len(page.Events) < 40 || len(types) < 10 {
		t.Errorf("demo store has %d events of %d types; want ≥40 of ≥10", len(page.Events), len(types))
	}
	if status, body := get("/"); status != 200 || !strings.Contains(string(body), "<svg") {
		t.Errorf("/: %d, no charts", status)
	}
	if status, _ := get("/api/v1/export?format=csv"); status != 200 {
		t.Errorf("export: %d", status)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("demo exited with %v after SIGTERM:\n%s", err, log.String())
		}
	case <-time.After(15 * time.Second):
		t.Error("demo did not stop on SIGTERM")
	}
}

func TestServeRefusesPublicAddress(t *testing.T) {
	var out, errb strings.Builder
	if code := run([]string{"serve", "--addr", "0.0.0.0:8080"}, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--public") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if code := run([]string{"serve", "--db", "/nonexistent/warta.db", "--addr", "127.0.0.1:0"}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "/nonexistent/warta.db") {
		t.Errorf("missing database: exit %d: %s", code, errb.String())
	}
}
