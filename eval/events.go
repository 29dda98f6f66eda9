// Package eval scores Warta's output against hand-annotated gold sets.
//
// Events are scored as in DESIGN §4: per article, the set of
// (event_type, actor code, recipient code) triples, with CONSULT, AGREE and
// COOPERATE compared unordered; precision, recall and F1 are micro-averaged
// over the gold articles. The same is computed at QuadClass level.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/warta-id/warta/event"
)

// GoldArticle is one line of a gold file.
type GoldArticle struct {
	ArticleID string      `json:"article_id"`
	Dataset   string      `json:"dataset,omitempty"`
	Annotator string      `json:"annotator,omitempty"`
	Events    []GoldEvent `json:"events"`
}

// GoldEvent is one annotated event.
type GoldEvent struct {
	EventType       string `json:"event_type"`
	Actor           string `json:"actor"`
	Recipient       string `json:"recipient"`
	ActorSector     string `json:"actor_sector,omitempty"`
	RecipientSector string `json:"recipient_sector,omitempty"`
	Future          bool   `json:"future,omitempty"`
	Historical      bool   `json:"historical,omitempty"`
	Evidence        string `json:"evidence,omitempty"`
}

// Triple is a scored unit.
type Triple struct{ Type, Actor, Recipient string }

func (t Triple) String() string { return t.Type + " " + t.Actor + "→" + t.Recipient }

// Canonical orders reciprocal types' actor and recipient.
func Canonical(typ, a, r string) Triple {
	if event.Reciprocal(typ) && r != "" && r < a {
		a, r = r, a
	}
	return Triple{typ, a, r}
}

// Quad maps a triple to its QuadClass-level triple.
func Quad(t Triple) Triple {
	q := fmt.Sprint(event.PloverQuad(t.Type))
	return Triple{q, t.Actor, t.Recipient}
}

// Score is precision/recall/F1 with the counts behind them.
type Score struct {
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *Score) finish() {
	if s.Predicted > 0 {
		s.Precision = float64(s.Correct) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Correct) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.Precision, s.Recall, s.F1 = round(s.Precision), round(s.Recall), round(s.F1)
}

func round(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }

// Report is the result of an event evaluation.
type Report struct {
	Articles int              `json:"articles"`
	Triples  Score            `json:"triples"`
	Quad     Score            `json:"quad_class"`
	ByType   map[string]Score `json:"by_type"`
	// Errors lists, per article, the false positives and negatives.
	Errors map[string][]string `json:"errors,omitempty"`
}

// ReadGold reads a gold JSONL file.
func ReadGold(path string) ([]GoldArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []GoldArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	seen := map[string]bool{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var g GoldArticle
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if g.ArticleID == "" {
			return nil, fmt.Errorf("%s:%d: no article_id", path, n)
		}
		if seen[g.ArticleID] {
			return nil, fmt.Errorf("%s:%d: article %s listed twice", path, n, g.ArticleID)
		}
		seen[g.ArticleID] = true
		for i, e := range g.Events {
			if event.PloverQuad(e.EventType) == 0 {
				return nil, fmt.Errorf("%s:%d: event %d: unknown type %q", path, n, i+1, e.EventType)
			}
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// predicted is the part of an output event the scorer reads.
type predicted struct {
	ArticleID    string `json:"article_id"`
	EventType    string `json:"event_type"`
	Negated      bool   `json:"negated"`
	Hypothetical bool   `json:"hypothetical"`
	Actor        []struct {
		Code string `json:"code"`
	} `json:"actor"`
	Recipient []struct {
		Code string `json:"code"`
	} `json:"recipient"`
}

// ReadPredicted reads Warta's event JSONL and returns triples per article.
// Negated and hypothetical events (present with --all) are not counted.
func ReadPredicted(r io.Reader, name string) (map[string]map[Triple]bool, error) {
	out := map[string]map[Triple]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var p predicted
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if p.Negated || p.Hypothetical {
			continue
		}
		set := out[p.ArticleID]
		if set == nil {
			set = map[Triple]bool{}
			out[p.ArticleID] = set
		}
		var actors, recips []string
		for _, a := range p.Actor {
			actors = append(actors, a.Code)
		}
		for _, r := range p.Recipient {
			recips = append(recips, r.Code)
		}
		for _, t := range Triples(p.EventType, actors, recips) {
			set[t] = true
		}
	}
	return out, sc.Err()
}

// Triples expands one event into its scored triples: every actor code with
// every recipient code ("" when there is none), reciprocal types unordered.
func Triples(eventType string, actors, recipients []string) []Triple {
	if len(recipients) == 0 {
		recipients = []string{""}
	}
	var out []Triple
	for _, a := range actors {
		for _, r := range recipients {
			out = append(out, Canonical(eventType, a, r))
		}
	}
	return out
}

// Events scores predicted triples against gold articles.
func Events(gold []GoldArticle, pred map[string]map[Triple]bool) Report {
	rep := Report{Articles: len(gold), ByType: map[string]Score{}, Errors: map[string][]string{}}
	for _, g := range gold {
		gs := map[Triple]bool{}
		for _, e := range g.Events {
			gs[Canonical(e.EventType, e.Actor, e.Recipient)] = true
		}
		ps := pred[g.ArticleID]
		count(&rep.Triples, gs, ps)
		gq, pq := map[Triple]bool{}, map[Triple]bool{}
		for t := range gs {
			gq[Quad(t)] = true
		}
		for t := range ps {
			pq[Quad(t)] = true
		}
		count(&rep.Quad, gq, pq)
		for t := range gs {
			s := rep.ByType[t.Type]
			s.Gold++
			if ps[t] {
				s.Correct++
			} else {
				rep.Errors[g.ArticleID] = append(rep.Errors[g.ArticleID], "missed "+t.String())
			}
			rep.ByType[t.Type] = s
		}
		for t := range ps {
			s := rep.ByType[t.Type]
			s.Predicted++
			rep.ByType[t.Type] = s
			if !gs[t] {
				rep.Errors[g.ArticleID] = append(rep.Errors[g.ArticleID], "spurious "+t.String())
			}
		}
		sort.Strings(rep.Errors[g.ArticleID])
	}
	rep.Triples.finish()
	rep.Quad.finish()
	for k, s := range rep.ByType {
		s.finish()
		rep.ByType[k] = s
	}
	return rep
}

func count(s *Score, gold, pred map[Triple]bool) {
	s.Gold += len(gold)
	s.Predicted += len(pred)
	for t := range pred {
		if gold[t] {
			s.Correct++
		}
	}
}
