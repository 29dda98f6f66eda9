package eval

import (
	"testing"

	"github.com/warta-id/warta/doc"
)

func TestActors(t *testing.T) {
	gold := []GoldArticle{{ArticleID: "a", Events: []GoldEvent{
		{EventType: "CONSULT", Actor: "IDN", Recipient: "JPN", ActorSector: "GOV", RecipientSector: "GOV", Evidence: "Menlu Retno bertemu Menlu Jepang di"},
		{EventType: "PROTEST", Actor: "IDN", ActorSector: "CVL", Evidence: "Ribuan mahasiswa berunjuk rasa"},
		{EventType: "SANCTION", Actor: "USA", Recipient: "IRN;VEN", Evidence: "AS menjatuhkan sanksi"},
	}}}
	pred := []doc.Event{
		{ArticleID: "a", EventType: "CONSULT", Actor: []doc.Actor{{Code: "IDN", Sector: "GOV"}}, Recipient: []doc.Actor{{Code: "JPN", Sector: "MIL"}},
			Evidence: doc.Evidence{Text: "Menlu Retno bertemu Menlu Jepang di Tokyo pada Senin."}},
		{ArticleID: "a", EventType: "PROTEST", Actor: []doc.Actor{{Code: "IDN", Sector: "EDU"}}, Evidence: doc.Evidence{Text: "Ribuan  mahasiswa berunjuk-rasa di Jakarta."}},
		{ArticleID: "a", EventType: "SANCTION", Actor: []doc.Actor{{Code: "USA"}}, Recipient: []doc.Actor{{Code: "IRN"}}, Evidence: doc.Evidence{Text: "AS menjatuhkan sanksi kepada Iran."}},
		{ArticleID: "a", EventType: "ASSAULT", Actor: []doc.Actor{{Code: "XXX"}}, Evidence: doc.Evidence{Text: "Menlu Retno bertemu"}},
		{ArticleID: "a", EventType: "CONSULT", Hypothetical: true, Actor: []doc.Actor{{Code: "CHN"}}, Evidence: doc.Evidence{Text: "Menlu Retno bertemu Menlu Jepang di"}},
	}
	rep := Actors(gold, pred)
	if rep.MatchedEvents != 3 {
		t.Fatalf("matched %d events, want 3", rep.MatchedEvents)
	}
	// codes: IDN, JPN, IDN, USA, IRN right; VEN missing → 5/6
	if rep.Codes.Total != 6 || rep.Codes.Correct != 5 {
		t.Errorf("codes %+v, want 5/6", rep.Codes)
	}
	// sectors: IDN GOV ok, JPN GOV≠MIL, IDN CVL≠EDU → 1/3
	if rep.Sectors.Total != 3 || rep.Sectors.Correct != 1 {
		t.Errorf("sectors %+v, want 1/3", rep.Sectors)
	}
	if len(rep.Errors) != 3 {
		t.Errorf("%d errors, want 3: %+v", len(rep.Errors), rep.Errors)
	}
}

// TestActorsPicksTheMatchingEvent checks that of two events of the gold
// type in the gold sentence, the one with the gold parties is compared.
func TestActorsPicksTheMatchingEvent(t *testing.T) {
	const sentence = "Hariman ingin berdialog dengan PM Jepang, yang akan berkunjung ke Indonesia."
	gold := []GoldArticle{{ArticleID: "a", Events: []GoldEvent{
		{EventType: "AGREE", Actor: "JPN", Recipient: "IDN", Evidence: sentence},
	}}}
	pred := []doc.Event{
		{ArticleID: "a", EventType: "AGREE", Actor: []doc.Actor{{Code: "IDN"}}, Recipient: []doc.Actor{{Code: "JPN"}}, Evidence: doc.Evidence{Text: sentence}},
		{ArticleID: "a", EventType: "AGREE", Actor: []doc.Actor{{Code: "JPN"}}, Recipient: []doc.Actor{{Code: "IDN"}}, Evidence: doc.Evidence{Text: sentence}},
	}
	rep := Actors(gold, pred)
	if rep.MatchedEvents != 1 || rep.Codes.Correct != 2 || rep.Codes.Total != 2 {
		t.Errorf("matched %d, codes %+v; want 1 event, 2/2", rep.MatchedEvents, rep.Codes)
	}
}
