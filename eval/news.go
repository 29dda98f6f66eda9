package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Jakarta is Western Indonesian Time (WIB), the zone of IndoSum's ids.
var Jakarta = time.FixedZone("WIB", 7*3600)

// The shared news files the gold sets point into, relative to the news
// directory (../shared/data/news).
const (
	IndoSumText = "indosum-dev/indosum_dev_text.jsonl"
	LaninText   = "id-news-1100-lanin/1000news.jsonl"
)

// NewsArticle is one article of the shared news files.
type NewsArticle struct {
	Text      string
	Source    string    // outlet ("source", or Lanin's "outlet_guess")
	Published time.Time // from an IndoSum id's unix-time prefix; zero otherwise
}

// ReadNews reads the articles whose ids want lists from the JSONL files
// (relative to newsDir).
func ReadNews(newsDir string, files []string, want map[string]bool) (map[string]NewsArticle, error) {
	out := map[string]NewsArticle{}
	for _, name := range files {
		path := filepath.Join(newsDir, name)
		if err := readNewsFile(path, want, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readNewsFile(path string, want map[string]bool, out map[string]NewsArticle) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for {
		var a struct {
			ID     string `json:"id"`
			Text   string `json:"text"`
			Source string `json:"source"`
			Outlet string `json:"outlet_guess"`
		}
		if err := dec.Decode(&a); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		if !want[a.ID] {
			continue
		}
		na := NewsArticle{Text: a.Text, Source: a.Source}
		if na.Source == "" {
			na.Source = a.Outlet
		}
		prefix, _, _ := strings.Cut(a.ID, "-")
		if ts, err := strconv.ParseInt(prefix, 10, 64); err == nil && len(prefix) >= 9 {
			na.Published = time.Unix(ts, 0).In(Jakarta)
		}
		out[a.ID] = na
	}
}

// readGoldTSV reads a gold TSV file's rows: lines starting with # and blank
// lines are skipped, a first row starting with "article_id" is the header,
// and every other row must have from minFields to maxFields tab-separated
// fields. fn gets each row with its line number; errors start with it.
func readGoldTSV(r io.Reader, minFields, maxFields int, fn func(line int, f []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	header := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			header = true
			if f[0] == "article_id" {
				continue
			}
		}
		if len(f) < minFields || len(f) > maxFields {
			return fmt.Errorf("%d: want %d or %d tab-separated fields, got %d", n, minFields, maxFields, len(f))
		}
		if err := fn(n, f); err != nil {
			return err
		}
	}
	return sc.Err()
}

// readGoldFile opens path and parses it with parse, naming the file in errors.
func readGoldFile[T any](path string, parse func(io.Reader) ([]T, error)) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g, err := parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%v", path, err)
	}
	return g, nil
}
