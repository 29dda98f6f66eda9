package eval

import (
	"strings"
	"testing"
)

func TestEventsScoring(t *testing.T) {
	gold := []GoldArticle{
		{ArticleID: "a", Events: []GoldEvent{
			{EventType: "CONSULT", Actor: "IRN", Recipient: "VEN"},
			{EventType: "ACCUSE", Actor: "IRN", Recipient: "WST"},
			{EventType: "SANCTION", Actor: "USA", Recipient: "IRN"},
		}},
		{ArticleID: "b", Events: nil}, // no events: predictions here are false positives
	}
	pred := `{"article_id":"a","event_type":"CONSULT","actor":[{"code":"VEN"}],"recipient":[{"code":"IRN"}]}
{"article_id":"a","event_type":"CONSULT","actor":[{"code":"VEN"}],"recipient":[{"code":"IRN"}]}
{"article_id":"a","event_type":"ACCUSE","actor":[{"code":"WST"}],"recipient":[{"code":"IRN"}]}
{"article_id":"a","event_type":"SANCTION","actor":[{"code":"USA"}],"recipient":[{"code":"IRN"},{"code":"VEN"}]}
{"article_id":"a","event_type":"ASSAULT","negated":true,"actor":[{"code":"USA"}],"recipient":[{"code":"IRN"}]}
{"article_id":"b","event_type":"PROTEST","actor":[{"code":"IDN"}],"recipient":[]}
{"article_id":"zzz","event_type":"PROTEST","actor":[{"code":"IDN"}],"recipient":[]}
`
	p, err := ReadPredicted(strings.NewReader(pred), "pred")
	if err != nil {
		t.Fatal(err)
	}
	rep := Events(gold, p)
	// predicted triples in gold articles: CONSULT IRN-VEN (reciprocal, once), ACCUSE WST→IRN (wrong
	// direction), SANCTION USA→IRN, SANCTION USA→VEN, PROTEST IDN→"" = 5; correct = 2.
	if rep.Triples.Gold != 3 || rep.Triples.Predicted != 5 || rep.Triples.Correct != 2 {
		t.Errorf("triples = %+v, want gold 3, predicted 5, correct 2", rep.Triples)
	}
	if rep.Triples.Precision != 0.4 || rep.Triples.Recall != 0.6667 {
		t.Errorf("P/R = %v/%v", rep.Triples.Precision, rep.Triples.Recall)
	}
	// At QuadClass level ACCUSE WST→IRN is still wrong (direction), so the same counts.
	if rep.Quad.Correct != 2 {
		t.Errorf("quad correct = %d, want 2", rep.Quad.Correct)
	}
	if s := rep.ByType["SANCTION"]; s.Gold != 1 || s.Predicted != 2 || s.Correct != 1 {
		t.Errorf("SANCTION = %+v", s)
	}
}

func TestCanonical(t *testing.T) {
	if Canonical("AGREE", "VEN", "IRN") != Canonical("AGREE", "IRN", "VEN") {
		t.Error("AGREE should be unordered")
	}
	if Canonical("ACCUSE", "VEN", "IRN") == Canonical("ACCUSE", "IRN", "VEN") {
		t.Error("ACCUSE should be ordered")
	}
}
