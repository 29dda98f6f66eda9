package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGeoGold scores geocoding on eval/gold/geo.tsv when the shared news
// data (../shared/data/news) is present.
func TestGeoGold(t *testing.T) {
	news := filepath.Join("..", "..", "..", "shared", "data", "news")
	if _, err := os.Stat(filepath.Join(news, "indosum-dev", "indosum_dev_text.jsonl")); err != nil {
		t.Skipf("shared news data not found at %s (needed for the geocoding gold set): %v", news, err)
	}
	rep, err := evalGeo(filepath.Join("..", "..", "eval", "gold", "geo.tsv"), news)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("gold %d: coverage %.3f, country %.3f, exact %.3f", rep.Gold, rep.Coverage, rep.CountryAcc, rep.ExactAcc)
	for _, e := range rep.Errors {
		t.Logf("line %d %s %q: gold %s, found %s (%s)", e.Line, e.ArticleID, e.Mention, e.Gold, e.Found, e.Problem)
	}
	if rep.Gold < 120 {
		t.Errorf("gold set has %d mentions, want at least 120", rep.Gold)
	}
	if rep.CountryAcc < 0.97 {
		t.Errorf("country accuracy %.3f, want ≥ 0.97", rep.CountryAcc)
	}
	if rep.ExactAcc < 0.85 {
		t.Errorf("exact-place accuracy %.3f, want ≥ 0.85", rep.ExactAcc)
	}
}
