package eval

// Time expressions are scored against eval/gold/timex.tsv (documented in
// eval/gold/TIMEX.md): each gold row names an article, its publication date,
// an expression quoted from the text, and the date and precision it resolves
// to. The expression is located at its first occurrence in the article; the
// found expression that overlaps it most is compared with the gold.

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/warta-id/warta/doc"
)

// TimexGold is one row of the time-expression gold set.
type TimexGold struct {
	ArticleID  string
	Published  string // YYYY-MM-DD
	Expression string // as written in the article, first occurrence
	Date       string // YYYY-MM-DD, first day of the period
	Precision  string // day, week, month or year
	Kind       string // the note's part before the first colon
	Note       string
	Line       int // line in the gold file
}

// ReadTimexGold reads a gold TSV: lines starting with # are comments, the
// first other line is the header (article_id, pub_date, expression,
// gold_date, precision, note), then one expression a line.
func ReadTimexGold(path string) ([]TimexGold, error) { return readGoldFile(path, ParseTimexGold) }

// ParseTimexGold parses the gold TSV format of ReadTimexGold; errors start
// with the line number.
func ParseTimexGold(r io.Reader) ([]TimexGold, error) {
	var out []TimexGold
	err := readGoldTSV(r, 5, 6, func(n int, f []string) error {
		g := TimexGold{ArticleID: f[0], Published: f[1], Expression: f[2], Date: f[3], Precision: f[4], Line: n}
		if len(f) == 6 {
			g.Note = f[5]
			if k, _, ok := strings.Cut(g.Note, ":"); ok {
				g.Kind = strings.TrimSpace(k)
			}
		}
		if g.Kind == "" {
			g.Kind = "other"
		}
		for _, d := range []string{g.Published, g.Date} {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return fmt.Errorf("%d: bad date %q", n, d)
			}
		}
		switch g.Precision {
		case doc.PrecisionDay, doc.PrecisionWeek, doc.PrecisionMonth, doc.PrecisionYear:
		default:
			return fmt.Errorf("%d: bad precision %q", n, g.Precision)
		}
		if g.ArticleID == "" || g.Expression == "" {
			return fmt.Errorf("%d: empty article_id or expression", n)
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// TimexArticle is an article to run the time tagger on.
type TimexArticle struct {
	Text      string
	Published time.Time
}

// TimexScore counts one group of gold expressions.
type TimexScore struct {
	Gold     int     `json:"gold"`
	Detected int     `json:"detected"` // overlapped by a found expression
	DateOK   int     `json:"date_ok"`  // resolved date equal
	Exact    int     `json:"exact"`    // resolved date and precision equal
	Recall   float64 `json:"detection_recall"`
	DateAcc  float64 `json:"date_accuracy"`
	ExactAcc float64 `json:"exact_accuracy"`
}

func (s *TimexScore) add(detected, dateOK, exact bool) {
	s.Gold++
	if detected {
		s.Detected++
	}
	if dateOK {
		s.DateOK++
	}
	if exact {
		s.Exact++
	}
}

func (s *TimexScore) finish() {
	if s.Gold > 0 {
		g := float64(s.Gold)
		s.Recall = round(float64(s.Detected) / g)
		s.DateAcc = round(float64(s.DateOK) / g)
		s.ExactAcc = round(float64(s.Exact) / g)
	}
}

// TimexError is a gold expression that was not matched exactly.
type TimexError struct {
	Line       int    `json:"line"`
	ArticleID  string `json:"article_id"`
	Kind       string `json:"kind"`
	Expression string `json:"expression"`
	GoldDate   string `json:"gold_date"`
	GoldPrec   string `json:"gold_precision"`
	Found      string `json:"found,omitempty"` // text of the found expression; empty when missed
	Date       string `json:"date,omitempty"`
	Precision  string `json:"precision,omitempty"`
	Problem    string `json:"problem"` // article-missing, expression-missing, missed, date, precision
}

// TimexReport is the result of EvalTimex.
type TimexReport struct {
	TimexScore
	Kinds  map[string]*TimexScore `json:"kinds"`
	Errors []TimexError           `json:"errors"`
}

// EvalTimex runs find on each gold row's article and scores the found
// expression that overlaps the gold expression (its first occurrence in the
// text) most: exact when date and precision both equal the gold's. Articles
// are looked up by id in arts; a gold row whose article or expression cannot
// be found counts as missed and is reported as an error.
func EvalTimex(gold []TimexGold, arts map[string]TimexArticle, find func(string, time.Time) []doc.TimeExpr) TimexReport {
	rep := TimexReport{Kinds: map[string]*TimexScore{}}
	cache := map[string][]doc.TimeExpr{}
	for _, g := range gold {
		ks := rep.Kinds[g.Kind]
		if ks == nil {
			ks = &TimexScore{}
			rep.Kinds[g.Kind] = ks
		}
		e := TimexError{Line: g.Line, ArticleID: g.ArticleID, Kind: g.Kind, Expression: g.Expression, GoldDate: g.Date, GoldPrec: g.Precision}
		fail := func(problem string) {
			rep.add(false, false, false)
			ks.add(false, false, false)
			e.Problem = problem
			rep.Errors = append(rep.Errors, e)
		}
		a, ok := arts[g.ArticleID]
		if !ok {
			fail("article-missing")
			continue
		}
		start := strings.Index(a.Text, g.Expression)
		if start < 0 {
			fail("expression-missing")
			continue
		}
		end := start + len(g.Expression)
		found, ok := cache[g.ArticleID]
		if !ok {
			found = find(a.Text, a.Published)
			cache[g.ArticleID] = found
		}
		best, bestOv := -1, 0
		for i, t := range found {
			if ov := min(end, t.End) - max(start, t.Start); ov > bestOv {
				best, bestOv = i, ov
			}
		}
		if best < 0 {
			fail("missed")
			continue
		}
		t := found[best]
		date := t.Date.Format(time.DateOnly)
		dateOK := date == g.Date
		exact := dateOK && t.Precision == g.Precision
		rep.add(true, dateOK, exact)
		ks.add(true, dateOK, exact)
		if !exact {
			e.Found, e.Date, e.Precision = t.Text, date, t.Precision
			e.Problem = "precision"
			if !dateOK {
				e.Problem = "date"
			}
			rep.Errors = append(rep.Errors, e)
		}
	}
	rep.finish()
	for _, ks := range rep.Kinds {
		ks.finish()
	}
	sort.SliceStable(rep.Errors, func(i, j int) bool { return rep.Errors[i].Line < rep.Errors[j].Line })
	return rep
}

// ReadTimexArticles reads the articles the gold rows name from newsDir
// (shared/data/news): IndoSum's text JSONL, whose ids start with a Unix
// timestamp, taken as the publication time in Asia/Jakarta. An id without a
// timestamp takes the gold row's pub_date (noon in Jakarta).
func ReadTimexArticles(newsDir string, gold []TimexGold) (map[string]TimexArticle, error) {
	want := map[string]bool{}
	pub := map[string]string{}
	for _, g := range gold {
		want[g.ArticleID], pub[g.ArticleID] = true, g.Published
	}
	news, err := ReadNews(newsDir, []string{IndoSumText}, want)
	if err != nil {
		return nil, err
	}
	out := map[string]TimexArticle{}
	for id, a := range news {
		t := a.Published
		if t.IsZero() {
			if d, err := time.ParseInLocation(time.DateOnly, pub[id], Jakarta); err == nil {
				t = d.Add(12 * time.Hour)
			}
		}
		out[id] = TimexArticle{Text: a.Text, Published: t}
	}
	return out, nil
}
