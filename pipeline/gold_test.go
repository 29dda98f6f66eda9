package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/eval"
	"github.com/warta-id/warta/source"
)

// minDevF1 is the F1 the development gold set must not fall below: the
// current figure, raised as the coder improves (the v0 issue asks for 0.60).
const minDevF1 = 0.65

// minActorCodes and minActorSectors are the shares of the gold actors'
// country codes and sectors the resolver must give on the events it shares
// with the development gold (the knowledge-base issue asks for 0.95 and
// 0.90; the sector bar is the current figure).
const (
	minActorCodes   = 0.95
	minActorSectors = 0.90
)

// TestDevelopmentGold codes the articles of eval/gold/dev.jsonl from
// ../shared/data/news and checks the triple F1 against the bar. It is the
// in-process twin of the README's `warta eval events` command.
func TestDevelopmentGold(t *testing.T) {
	news := filepath.Join("..", "..", "shared", "data", "news")
	files := []string{
		filepath.Join(news, "indosum-dev", "indosum_dev_text.jsonl"),
		filepath.Join(news, "id-news-1100-lanin", "1000news.jsonl"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("news corpus not available (%v): ../shared is absent; CI runs this", err)
		}
	}
	gold, err := eval.ReadGold(filepath.Join("..", "eval", "gold", "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, g := range gold {
		want[g.ArticleID] = true
	}
	p := load(t)
	in := make(chan source.Item, 64)
	go func() {
		(&source.Reader{}).ReadPaths(files, nil, in)
		close(in)
	}()
	pred := map[string]map[eval.Triple]bool{}
	var events []doc.Event
	for it := range in {
		if it.Doc == nil || !want[it.Doc.ID] {
			continue
		}
		p.Process(it.Doc)
		set := map[eval.Triple]bool{}
		for _, ev := range kept(it.Doc) {
			for _, tr := range triples(ev) {
				set[tr] = true
			}
		}
		pred[it.Doc.ID] = set
		events = append(events, it.Doc.Events...)
	}
	if len(pred) != len(gold) {
		t.Fatalf("found %d of the %d gold articles in the corpus", len(pred), len(gold))
	}
	rep := eval.Events(gold, pred)
	t.Logf("triples: P %.3f R %.3f F1 %.3f (gold %d, predicted %d, correct %d); QuadClass F1 %.3f",
		rep.Triples.Precision, rep.Triples.Recall, rep.Triples.F1, rep.Triples.Gold, rep.Triples.Predicted, rep.Triples.Correct, rep.Quad.F1)
	if rep.Triples.F1 < minDevF1 {
		t.Errorf("development gold triple F1 %.3f is below the bar %.2f", rep.Triples.F1, minDevF1)
	}
	ar := eval.Actors(gold, events)
	t.Logf("actors: codes %d/%d = %.3f, sectors %d/%d = %.3f", ar.Codes.Correct, ar.Codes.Total, ar.Codes.Accuracy,
		ar.Sectors.Correct, ar.Sectors.Total, ar.Sectors.Accuracy)
	if ar.Codes.Accuracy < minActorCodes || ar.Sectors.Accuracy < minActorSectors {
		t.Errorf("actor resolution below the bars: codes %.3f (bar %.2f), sectors %.3f (bar %.2f)",
			ar.Codes.Accuracy, minActorCodes, ar.Sectors.Accuracy, minActorSectors)
	}
}

func triples(ev doc.Event) []eval.Triple {
	var actors, recips []string
	for _, a := range ev.Actor {
		actors = append(actors, a.Code)
	}
	for _, r := range ev.Recipient {
		recips = append(recips, r.Code)
	}
	return eval.Triples(ev.EventType, actors, recips)
}
