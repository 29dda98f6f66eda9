package extract

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Report is the result of Evaluate on a fixture directory.
//
// Scores are over the article fixtures (those with expected content):
//   - BodyF1 is the mean token-level F1 of Page.Text against the expected
//     content; tokens are lowercase runs of letters and digits, compared as
//     multisets, so whitespace and paragraph joins do not matter.
//   - TitleExact is the share of pages whose Title equals the expected title
//     after trimming surrounding whitespace.
//   - DateCorrect is the share of pages whose Published is correct: when the
//     page gave a time of day, the same instant as expected within 60 s;
//     when it gave only a calendar date, the same date as the expected
//     instant seen in the zone Extract reported. A zero Published is wrong.
//
// Index pages (fixtures without expected content) are not scored; IndexNoArticle
// counts how many of them Extract correctly refused with ErrNoArticle.
type Report struct {
	Fixtures       int     `json:"fixtures"`
	Articles       int     `json:"articles"`
	BodyF1         float64 `json:"body_f1"`
	TitleExact     float64 `json:"title_exact"`
	DateCorrect    float64 `json:"date_correct"`
	IndexPages     int     `json:"index_pages"`
	IndexNoArticle int     `json:"index_no_article"`
	Rows           []Row   `json:"rows"`
}

// Row is the evaluation of one fixture.
type Row struct {
	Fixture   string  `json:"fixture"`
	Source    string  `json:"source,omitempty"`
	Article   bool    `json:"article"`
	Error     string  `json:"error,omitempty"`
	F1        float64 `json:"f1"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	TitleOK   bool    `json:"title_ok"`
	Title     string  `json:"title,omitempty"`
	WantTitle string  `json:"want_title,omitempty"`
	DateOK    bool    `json:"date_ok"`
	Published string  `json:"published,omitempty"`
	WantDate  string  `json:"want_date,omitempty"`
	DateOnly  bool    `json:"date_only,omitempty"`
}

// fixture is one entry of expected.json.
type fixture struct {
	Fixture string `json:"fixture"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Date    *int64 `json:"date"` // epoch milliseconds
	Content *string
	Source  string `json:"source"`
}

func (f *fixture) UnmarshalJSON(b []byte) error {
	type plain struct {
		Fixture string  `json:"fixture"`
		URL     string  `json:"url"`
		Title   string  `json:"title"`
		Date    *int64  `json:"date"`
		Content *string `json:"content"`
		Source  string  `json:"source"`
	}
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*f = fixture(p)
	return nil
}

// Evaluate runs Extract on every fixture listed in dir/expected.json (pages
// under dir/html/) and scores it against the expected values. The fixtures'
// URLs are not given to Extract: it must find them in the page.
func Evaluate(dir string) (Report, error) {
	var r Report
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		return r, fmt.Errorf("evaluate %s: %w", dir, err)
	}
	var fixtures []fixture
	if err := json.Unmarshal(b, &fixtures); err != nil {
		return r, fmt.Errorf("evaluate %s: expected.json: %w", dir, err)
	}
	var sumF1 float64
	var titles, dates int
	for _, fx := range fixtures {
		if fx.Fixture == "" {
			continue
		}
		r.Fixtures++
		path := filepath.Join(dir, "html", filepath.FromSlash(fx.Fixture))
		raw, err := os.ReadFile(path)
		if err != nil {
			return r, fmt.Errorf("evaluate %s: %w", dir, err)
		}
		p, res, err := extract(fx.Fixture, raw, "", "")
		row := Row{Fixture: fx.Fixture, Source: fx.Source, Article: fx.Content != nil}
		if err != nil {
			row.Error = err.Error()
		}
		if fx.Content == nil {
			r.IndexPages++
			if errors.Is(err, ErrNoArticle) {
				r.IndexNoArticle++
			}
			r.Rows = append(r.Rows, row)
			continue
		}
		r.Articles++
		row.Precision, row.Recall, row.F1 = TokenF1(p.Text, *fx.Content)
		sumF1 += row.F1
		row.Title, row.WantTitle = p.Title, fx.Title
		if strings.TrimSpace(p.Title) == strings.TrimSpace(fx.Title) {
			row.TitleOK = true
			titles++
		}
		if !p.Published.IsZero() {
			row.Published = p.Published.Format(time.RFC3339)
		}
		row.DateOnly = !p.Published.IsZero() && !res.dateHasClock
		if fx.Date != nil {
			want := time.UnixMilli(*fx.Date).UTC()
			row.WantDate = want.Format(time.RFC3339)
			if dateCorrect(p.Published, res.dateHasClock, want) {
				row.DateOK = true
				dates++
			}
		}
		r.Rows = append(r.Rows, row)
	}
	if r.Articles > 0 {
		n := float64(r.Articles)
		r.BodyF1 = sumF1 / n
		r.TitleExact = float64(titles) / n
		r.DateCorrect = float64(dates) / n
	}
	return r, nil
}

// dateCorrect applies Report's date rule.
func dateCorrect(got time.Time, hasClock bool, want time.Time) bool {
	if got.IsZero() {
		return false
	}
	if hasClock {
		return got.Sub(want).Abs() <= 60*time.Second
	}
	w := want.In(got.Location())
	return got.Year() == w.Year() && got.Month() == w.Month() && got.Day() == w.Day()
}

// Tokens splits s into lowercase runs of letters and digits.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// TokenF1 compares got with want as multisets of Tokens and returns
// precision, recall and F1. Two empty texts score 1.
func TokenF1(got, want string) (precision, recall, f1 float64) {
	g, w := Tokens(got), Tokens(want)
	if len(g) == 0 && len(w) == 0 {
		return 1, 1, 1
	}
	if len(g) == 0 || len(w) == 0 {
		return 0, 0, 0
	}
	counts := make(map[string]int, len(w))
	for _, t := range w {
		counts[t]++
	}
	overlap := 0
	for _, t := range g {
		if counts[t] > 0 {
			counts[t]--
			overlap++
		}
	}
	if overlap == 0 {
		return 0, 0, 0
	}
	precision = float64(overlap) / float64(len(g))
	recall = float64(overlap) / float64(len(w))
	return precision, recall, 2 * precision * recall / (precision + recall)
}
