package query_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/warta-id/warta/internal/storetest"
	"github.com/warta-id/warta/query"
)

func TestParseFilter(t *testing.T) {
	cases := []struct {
		q       string
		wantErr string // parameter named in the error; "" for none
	}{
		{"", ""},
		{"from=2024-06-01&to=2024-06-30&type=consult,protest&quad_class=1,4&actor=idn&recipient=JPN,USA&sector=gov&country=idn&place=Tokyo&q=kerja+sama&min_confidence=0.5", ""},
		{"from=2024-13-01", "from"},
		{"to=kemarin", "to"},
		{"from=2024-06-30&to=2024-06-01", "from"},
		{"type=CONSULT%3BDROP", "type"},
		{"quad_class=5", "quad_class"},
		{"quad_class=x", "quad_class"},
		{"actor=INDONESIA", "actor"},
		{"recipient=U1", "recipient"},
		{"sector=government", "sector"},
		{"country=ID", "country"},
		{"min_confidence=2", "min_confidence"},
		{"min_confidence=abc", "min_confidence"},
		{"q=" + strings.Repeat("a", 600), "q"},
	}
	for _, c := range cases {
		v, _ := url.ParseQuery(c.q)
		_, err := query.ParseFilter(v)
		var pe *query.ParamError
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: %v", c.q, err)
		case c.wantErr != "" && (!errors.As(err, &pe) || pe.Param != c.wantErr):
			t.Errorf("%.60s: err = %v, want one naming %s", c.q, err, c.wantErr)
		}
	}
	v, _ := url.ParseQuery("type=consult&actor=idn,jpn&quad_class=1")
	f, _ := query.ParseFilter(v)
	if f.Types[0] != "CONSULT" || len(f.Actors) != 2 || f.QuadClasses[0] != 1 {
		t.Errorf("parsed %+v", f)
	}
	if got := f.Values().Encode(); got != "actor=IDN%2CJPN&quad_class=1&type=CONSULT" {
		t.Errorf("Values() = %s", got)
	}
}

func TestParsePage(t *testing.T) {
	for _, q := range []string{"sort=random", "limit=0", "limit=5000", "limit=x", "cursor=!!!", "cursor=bm90LWpzb24"} {
		v, _ := url.ParseQuery(q)
		if _, err := query.ParsePage(v); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
}

func TestQueries(t *testing.T) {
	ctx := context.Background()
	s := storetest.Build(t)
	db := s.DB()
	all, err := query.Events(ctx, db, query.Filter{}, query.Page{Sort: "date", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Events) < 3 || all.Next != "" {
		t.Fatalf("%d events, next %q", len(all.Events), all.Next)
	}
	// Pages of 1 walk the same events in the same order.
	var walked []int64
	p := query.Page{Sort: "date", Limit: 1}
	for i := 0; i < 100; i++ {
		page, err := query.Events(ctx, db, query.Filter{}, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Events {
			walked = append(walked, e.ID)
		}
		if page.Next == "" {
			break
		}
		p.Cursor = page.Next
	}
	if len(walked) != len(all.Events) {
		t.Fatalf("paging walked %d events, want %d", len(walked), len(all.Events))
	}
	for i, e := range all.Events {
		if walked[i] != e.ID {
			t.Fatalf("page order differs at %d", i)
		}
		if i > 0 && e.Date > all.Events[i-1].Date {
			t.Fatalf("not sorted newest first")
		}
	}
	consult, err := query.Events(ctx, db, query.Filter{Types: []string{"CONSULT"}, Actors: []string{"IDN"}, Text: "Tokyo"}, query.Page{Limit: 10})
	if err != nil || len(consult.Events) != 1 {
		t.Fatalf("IDN CONSULT in Tokyo: %d events, %v", len(consult.Events), err)
	}
	ev := consult.Events[0]
	if ev.Place == nil || ev.Place.Name != "Tokyo" || len(ev.Actors) == 0 || ev.Actors[0].Code != "IDN" || ev.Evidence.Text == "" {
		t.Errorf("event %+v", ev)
	}
	d, err := query.EventByID(ctx, db, ev.ID)
	if err != nil || len(d.Mentions) < 2 || d.NumArticles < 2 {
		t.Errorf("event detail: %d mentions, %d articles, %v", len(d.Mentions), d.NumArticles, err)
	}
	if _, err := query.EventByID(ctx, db, 999999); !errors.Is(err, query.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
	hits, err := query.SearchArticles(ctx, db, "mahasiswa DPR", 10, 0)
	if err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, "<mark>") {
		t.Fatalf("search: %+v %v", hits, err)
	}
	art, err := query.ArticleByID(ctx, db, hits[0].ID)
	if err != nil || len(art.Sentences) == 0 || len(art.Entities) == 0 {
		t.Fatalf("article: %+v %v", art, err)
	}
	for _, sp := range append(art.Events, art.Entities...) {
		if sp.Start < 0 || sp.End > len(art.Text) || sp.Start >= sp.End {
			t.Errorf("span %+v outside the text", sp)
		}
	}
	actors, err := query.Actors(ctx, db, query.Filter{}, 10)
	if err != nil || len(actors) == 0 {
		t.Fatalf("actors: %v %v", actors, err)
	}
	// each actor's top recipients: at most five, most events first, and
	// each count the number of events with that actor and recipient
	withRecipients := 0
	for _, a := range actors {
		if len(a.TopRecipients) > 5 {
			t.Errorf("actor %s: %d top recipients", a.Code, len(a.TopRecipients))
		}
		for i, r := range a.TopRecipients {
			if i > 0 && r.Events > a.TopRecipients[i-1].Events {
				t.Errorf("actor %s: recipients not sorted: %+v", a.Code, a.TopRecipients)
			}
			page, err := query.Events(ctx, db, query.Filter{Actors: []string{a.Code}, Recipients: []string{r.Code}}, query.Page{Limit: 1000})
			if err != nil || len(page.Events) != r.Events {
				t.Errorf("actor %s → %s: %d events listed, %d counted (%v)", a.Code, r.Code, len(page.Events), r.Events, err)
			}
		}
		if len(a.TopRecipients) > 0 {
			withRecipients++
		}
	}
	if withRecipients == 0 {
		t.Error("no actor has a recipient")
	}
	edges, err := query.Network(ctx, db, query.Filter{}, "quad_class", 10)
	if err != nil || len(edges) == 0 {
		t.Fatalf("network: %v %v", edges, err)
	}
	tl, err := query.Timeline(ctx, db, query.Filter{}, "day", "quad_class")
	if err != nil || len(tl) == 0 {
		t.Fatalf("timeline: %v %v", tl, err)
	}
	// The daily rollup answers as the events table does (a tiny confidence
	// floor forces the scan of events).
	for _, by := range []string{"", "type", "quad_class"} {
		for _, iv := range []string{"day", "week", "month"} {
			for _, f := range []query.Filter{{}, {From: "2024-06-01", To: "2024-06-30"}, {From: "2024-06-02", Types: []string{"CONSULT", "AGREE"}}} {
				fast, err1 := query.Timeline(ctx, db, f, iv, by)
				f.MinConfidence = 1e-9
				slow, err2 := query.Timeline(ctx, db, f, iv, by)
				if err1 != nil || err2 != nil || fmt.Sprint(fast) != fmt.Sprint(slow) {
					t.Errorf("timeline %s by %q %+v: rollup %v (%v) vs events %v (%v)", iv, by, f, fast, err1, slow, err2)
				}
			}
		}
	}
	if _, err := query.Timeline(ctx, db, query.Filter{}, "hour", ""); err == nil {
		t.Error("timeline accepted interval=hour")
	}
	if _, err := query.Map(ctx, db, query.Filter{}, 10); err != nil {
		t.Fatal(err)
	}
	// User text never reaches FTS5 as syntax.
	for _, q := range []string{`"`, `AND OR NOT`, `*`, `kerja NEAR(sama)`, `)(`} {
		if _, err := query.Events(ctx, db, query.Filter{Text: q}, query.Page{Limit: 5}); err != nil {
			t.Errorf("q=%q: %v", q, err)
		}
		if _, err := query.SearchArticles(ctx, db, q, 5, 0); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
}
