package export

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/warta-id/warta/query"
	"github.com/warta-id/warta/store/dialect"
)

// PloverEvent is one line of the "plover" format: one clustered event in
// the style of PLOVER's JSON records and the POLECAT data set. Every field
// is always present; a missing value is "", [] or null as its type says.
//
//	id              the Warta event id, as a decimal string (PLOVER ids are strings)
//	event_type      PLOVER event type (CONSULT, ACCUSE, PROTEST, …)
//	mode            PLOVER mode of the type ("" when none)
//	contexts        PLOVER contexts, from the first mention's coder record
//	actor           actors: [{code, sector, name}], code ISO-3 or UNO, EUR, IGO, NGO, MNC, ISM, WST
//	recipient       recipients, same shape (may be empty)
//	date            event date YYYY-MM-DD (first day of the period for week/month/year precision)
//	date_precision  day, week, month or year
//	location        where it happened: {name, country (ISO-3), geonameid, lat, lon}, or null
//	cameo           CAMEO event code, leading zeros kept ("036")
//	goldstein       Goldstein scale value of the CAMEO code
//	quad_class      1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
//	plover_score    PLOVER intensity score (−10…+10)
//	num_mentions    mentions of the event (sentences coded to it)
//	num_articles    articles reporting it, duplicates included
//	num_sources     distinct outlets reporting it
//	confidence      the coder's confidence, 0…1
//	source          the first article that reported it: {article_id, url, outlet, published}
//	evidence        the first mention's sentence: {sentence (index), start, end (byte offsets), text}
//	article_ids     the article id of every mention record, distinct, in mention order
type PloverEvent struct {
	ID            string          `json:"id"`
	EventType     string          `json:"event_type"`
	Mode          string          `json:"mode"`
	Contexts      []string        `json:"contexts"`
	Actor         []PloverActor   `json:"actor"`
	Recipient     []PloverActor   `json:"recipient"`
	Date          string          `json:"date"`
	DatePrecision string          `json:"date_precision"`
	Location      *PloverLocation `json:"location"`
	CAMEO         string          `json:"cameo"`
	Goldstein     float64         `json:"goldstein"`
	QuadClass     int             `json:"quad_class"`
	PloverScore   float64         `json:"plover_score"`
	NumMentions   int             `json:"num_mentions"`
	NumArticles   int             `json:"num_articles"`
	NumSources    int             `json:"num_sources"`
	Confidence    float64         `json:"confidence"`
	Source        PloverSource    `json:"source"`
	Evidence      PloverEvidence  `json:"evidence"`
	ArticleIDs    []string        `json:"article_ids"`
}

// PloverActor is one actor or recipient of a PloverEvent.
type PloverActor struct {
	Code   string `json:"code"`
	Sector string `json:"sector"`
	Name   string `json:"name"`
}

// PloverLocation is where a PloverEvent happened.
type PloverLocation struct {
	Name      string   `json:"name"`
	Country   string   `json:"country"`
	GeonameID *int     `json:"geonameid"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
}

// PloverSource is the first article that reported a PloverEvent.
type PloverSource struct {
	ArticleID string `json:"article_id"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
}

// PloverEvidence is the sentence a PloverEvent was coded from.
type PloverEvidence struct {
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}

// ploverBatch is how many events have their mention records read at once.
const ploverBatch = 500

func writePlover(ctx context.Context, db *sql.DB, f query.Filter, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	batch := make([]query.Event, 0, ploverBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		recs, err := mentionRecords(ctx, db, batch)
		if err != nil {
			return err
		}
		for _, ev := range batch {
			if err := enc.Encode(ploverEvent(ev, recs[ev.ID])); err != nil {
				return fmt.Errorf("event %d: write: %w", ev.ID, err)
			}
			n++
		}
		batch = batch[:0]
		return nil
	}
	err := eachEvent(ctx, db, f, func(ev query.Event) error {
		batch = append(batch, ev)
		if len(batch) == ploverBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("write: %w", err)
	}
	return n, nil
}

// mentionInfo is what the plover format takes from an event's mention
// records.
type mentionInfo struct {
	contexts   []string // the first mention's
	articleIDs []string // every mention's, distinct, in mention order
}

// mentionRecords reads the mention records of evs.
func mentionRecords(ctx context.Context, db *sql.DB, evs []query.Event) (map[int64]*mentionInfo, error) {
	args := make([]any, len(evs))
	for i, ev := range evs {
		args[i] = ev.ID
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(args)), ",")
	rows, err := db.QueryContext(ctx, dialect.Rebind(dialect.Of(db), `SELECT m.id, m.event_id, a.id, m.record
		FROM event_mentions m JOIN articles a ON a.n = m.article_n
		WHERE m.event_id IN (`+marks+`) ORDER BY m.event_id, m.id`), args...)
	if err != nil {
		return nil, fmt.Errorf("reading mention records: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]*mentionInfo, len(evs))
	for rows.Next() {
		var mid, eid int64
		var articleID, record string
		if err := rows.Scan(&mid, &eid, &articleID, &record); err != nil {
			return nil, fmt.Errorf("reading mention records: %w", err)
		}
		var rec struct {
			ArticleID string   `json:"article_id"`
			Contexts  []string `json:"contexts"`
		}
		if err := json.Unmarshal([]byte(record), &rec); err != nil {
			return nil, fmt.Errorf("event %d: mention %d: record: %w", eid, mid, err)
		}
		if rec.ArticleID == "" {
			rec.ArticleID = articleID
		}
		mi := out[eid]
		if mi == nil {
			mi = &mentionInfo{contexts: rec.Contexts}
			out[eid] = mi
		}
		if !contains(mi.articleIDs, rec.ArticleID) {
			mi.articleIDs = append(mi.articleIDs, rec.ArticleID)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading mention records: %w", err)
	}
	return out, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// ploverEvent builds the plover record of ev from it and its mentions.
func ploverEvent(ev query.Event, mi *mentionInfo) PloverEvent {
	p := PloverEvent{
		ID:            strconv.FormatInt(ev.ID, 10),
		EventType:     ev.EventType,
		Mode:          ev.Mode,
		Contexts:      []string{},
		Actor:         ploverActors(ev.Actors),
		Recipient:     ploverActors(ev.Recipients),
		Date:          ev.Date,
		DatePrecision: ev.DatePrecision,
		CAMEO:         ev.CAMEO,
		Goldstein:     ev.Goldstein,
		QuadClass:     ev.QuadClass,
		PloverScore:   ev.PloverScore,
		NumMentions:   ev.NumMentions,
		NumArticles:   ev.NumArticles,
		NumSources:    ev.NumSources,
		Confidence:    ev.Confidence,
		Source: PloverSource{
			ArticleID: ev.Article.ID,
			URL:       ev.Article.URL,
			Outlet:    ev.Article.Source,
			Published: ev.Article.Published,
		},
		Evidence: PloverEvidence{
			Sentence: ev.Evidence.Sentence,
			Start:    ev.Evidence.Start,
			End:      ev.Evidence.End,
			Text:     ev.Evidence.Text,
		},
		ArticleIDs: []string{},
	}
	if mi != nil {
		if mi.contexts != nil {
			p.Contexts = mi.contexts
		}
		if mi.articleIDs != nil {
			p.ArticleIDs = mi.articleIDs
		}
	}
	if pl := ev.Place; pl != nil {
		loc := &PloverLocation{Name: pl.Name, Country: pl.Country, Lat: pl.Lat, Lon: pl.Lon}
		if pl.GeonameID != 0 {
			id := pl.GeonameID
			loc.GeonameID = &id
		}
		p.Location = loc
	}
	return p
}

func ploverActors(as []query.Actor) []PloverActor {
	out := make([]PloverActor, len(as))
	for i, a := range as {
		out[i] = PloverActor{Code: a.Code, Sector: a.Sector, Name: a.Name}
	}
	return out
}
