package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// extractFixtures is a small fixture directory (expected.json and html/)
// kept with the extract package.
var extractFixtures = filepath.Join("..", "..", "extract", "testdata", "eval")

func TestCmdExtract(t *testing.T) {
	dir := t.TempDir()
	// the extract package's own test pages
	article := filepath.Join(extractFixtures, "html", "contoh", "artikel.html")
	index := filepath.Join(extractFixtures, "html", "contoh", "indeks.html")
	empty := filepath.Join(dir, "kosong.html")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "tidak-ada.html")
	tests := []struct {
		name      string
		args      []string
		status    int
		titles    []string // titles of the printed pages, in order
		stderrHas []string
	}{
		{"one article", []string{article}, 0, []string{"Petani Kopi Gayo Rayakan Panen Raya"}, nil},
		{"bad files are reported and skipped", []string{empty, article, index, missing}, 1,
			[]string{"Petani Kopi Gayo Rayakan Panen Raya"},
			[]string{"kosong.html: empty input", "indeks.html: no article text", "tidak-ada.html"}},
		{"--url", []string{"--url", "https://contoh.id/x", article}, 0, []string{"Petani Kopi Gayo Rayakan Panen Raya"}, nil},
		{"no files", nil, 2, nil, []string{"usage: warta extract"}},
		{"unknown flag", []string{"--nope", article}, 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := cmdExtract(tt.args, &stdout, &stderr); got != tt.status {
				t.Fatalf("status %d, want %d; stderr:\n%s", got, tt.status, stderr.String())
			}
			var titles []string
			for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
				if line == "" {
					continue
				}
				var p extractedPage
				if err := json.Unmarshal([]byte(line), &p); err != nil {
					t.Fatalf("output line is not JSON: %v\n%s", err, line)
				}
				if p.File == "" || p.Published != "2015-11-05T15:56:00+07:00" || p.Outlet != "Warta Contoh" || p.Lang != "id" ||
					!strings.HasPrefix(p.Text, "TAKENGON, Warta Contoh - Ribuan petani kopi") {
					t.Errorf("unexpected page: %+v", p)
				}
				titles = append(titles, p.Title)
			}
			if strings.Join(titles, "|") != strings.Join(tt.titles, "|") {
				t.Errorf("titles %q, want %q", titles, tt.titles)
			}
			for _, s := range tt.stderrHas {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
		})
	}
}

func TestCmdEvalExtract(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
	}{
		{"fixtures", []string{"--fixtures", extractFixtures}, 0},
		{"missing dir", []string{"--fixtures", filepath.Join(t.TempDir(), "none")}, 1},
		{"no flag", nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := cmdEvalExtract(tt.args, &stdout, &stderr); got != tt.status {
				t.Fatalf("status %d, want %d; stderr:\n%s", got, tt.status, stderr.String())
			}
			if tt.status != 0 {
				return
			}
			var rep struct {
				BodyF1      float64 `json:"body_f1"`
				TitleExact  float64 `json:"title_exact"`
				DateCorrect float64 `json:"date_correct"`
				Articles    int     `json:"articles"`
				IndexPages  int     `json:"index_pages"`
				IndexNo     int     `json:"index_no_article"`
				Rows        []struct {
					Fixture string `json:"fixture"`
				} `json:"rows"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, stdout.String())
			}
			if !strings.Contains(stdout.String(), "\n  \"body_f1\"") {
				t.Errorf("output is not indented:\n%s", stdout.String())
			}
			if rep.Articles != 1 || rep.BodyF1 < 0.99 || rep.TitleExact != 1 || rep.DateCorrect != 1 ||
				rep.IndexPages != 1 || rep.IndexNo != 1 || len(rep.Rows) != 2 {
				t.Errorf("unexpected report: %+v", rep)
			}
		})
	}
}
