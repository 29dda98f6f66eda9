package langid

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedNews is where the project's shared news data sits on the dev machine.
var sharedNews = filepath.Join("..", "..", "shared", "data", "news")

// heldout reads the ids that must not be looked at while developing.
func heldout(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedNews, "heldout-ids.txt"))
	if err != nil {
		t.Skipf("shared news data not found (%v); this corpus check runs on the dev machine only", err)
	}
	defer f.Close()
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" && !strings.HasPrefix(s, "#") {
			ids[s] = true
		}
	}
	if len(ids) == 0 {
		t.Fatalf("heldout-ids.txt lists no ids; refusing to read articles without it")
	}
	return ids
}

// TestIndoSumIndonesian checks that real Indonesian news articles (the first
// 2,000 non-held-out IndoSum dev articles) are detected as Indonesian.
func TestIndoSumIndonesian(t *testing.T) {
	skip := heldout(t)
	path := filepath.Join(sharedNews, "indosum-dev", "indosum_dev_text.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("IndoSum dev set not found at %s: %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	n, ok := 0, 0
	wrong := map[string]int{}
	for sc.Scan() && n < 2000 {
		var a struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: article %d: %v", path, n+1, err)
		}
		if skip[a.ID] {
			continue
		}
		n++
		g := Detect(a.Text)
		if g.Lang == Indonesian {
			ok++
			continue
		}
		wrong[g.Lang]++
		t.Logf("%s → %s (%.2f, %s)", a.ID, g.Lang, g.Confidence, g.Reason)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rate := float64(ok) / float64(n)
	t.Logf("IndoSum: %d/%d = %.4f detected as Indonesian; others: %v", ok, n, rate, wrong)
	if rate < 0.995 {
		t.Errorf("Indonesian rate %.4f < 0.995", rate)
	}
}

// TestPratiwiIndonesian checks the 600 Indonesian news and hoax articles of
// the Pratiwi 2017 set (none of them is held out) as a second real-text check
// that does not depend on heldout-ids.txt.
func TestPratiwiIndonesian(t *testing.T) {
	path := filepath.Join(sharedNews, "id-hoax-news-pratiwi2017", "news600.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("Pratiwi 2017 set not found at %s (shared data sits next to the repository on the dev machine): %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	n, ok := 0, 0
	for sc.Scan() {
		var a struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: line %d: %v", path, n+1, err)
		}
		n++
		if g := Detect(a.Text); g.Lang == Indonesian {
			ok++
		} else {
			t.Logf("%s → %s (%.2f, %s)", a.ID, g.Lang, g.Confidence, g.Reason)
		}
	}
	rate := float64(ok) / float64(n)
	t.Logf("Pratiwi: %d/%d = %.4f detected as Indonesian", ok, n, rate)
	if n == 0 || rate < 0.995 {
		t.Errorf("Indonesian rate %.4f < 0.995 over %d articles", rate, n)
	}
}
