package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/warta-id/warta/store/dialect"
)

// ErrNotFound is returned for an event or article id that is not stored.
var ErrNotFound = errors.New("not found")

// eventColumns selects an Event's columns from events e left-joined with
// places p; the first mention and first article come from subqueries.
const eventColumns = `e.id, e.event_type, e.mode, e.cameo, e.goldstein, e.quad_class, e.plover_score,
	e.actor_code, e.recipient_code, e.date, e.date_precision, e.future, e.historical, e.confidence,
	e.num_mentions, e.num_articles, e.num_sources,
	p.id, p.name, p.country, p.geonameid, p.lat, p.lon, p.admin1, p.level,
	a.id, a.url, a.title, a.source, a.published,
	m.sentence, m.start, m."end", m.evidence`

const eventFrom = `events e
	LEFT JOIN places p ON p.id = e.place_id
	JOIN articles a ON a.n = e.first_article
	LEFT JOIN event_mentions m ON m.id = (SELECT min(id) FROM event_mentions WHERE event_id = e.id)`

func scanEvent(rows interface{ Scan(...any) error }) (Event, error) {
	var ev Event
	var pid sql.NullInt64
	var pname, pcountry sql.NullString
	var pgeo sql.NullInt64
	var plat, plon sql.NullFloat64
	var padmin, plevel sql.NullString
	var msent, mstart, mend sql.NullInt64
	var mtext sql.NullString
	err := rows.Scan(&ev.ID, &ev.EventType, &ev.Mode, &ev.CAMEO, &ev.Goldstein, &ev.QuadClass, &ev.PloverScore,
		&ev.ActorCode, &ev.RecipientCode, &ev.Date, &ev.DatePrecision, &ev.Future, &ev.Historical, &ev.Confidence,
		&ev.NumMentions, &ev.NumArticles, &ev.NumSources,
		&pid, &pname, &pcountry, &pgeo, &plat, &plon, &padmin, &plevel,
		&ev.Article.ID, &ev.Article.URL, &ev.Article.Title, &ev.Article.Source, &ev.Article.Published,
		&msent, &mstart, &mend, &mtext)
	if err != nil {
		return ev, err
	}
	if pid.Valid {
		ev.Place = &Place{ID: pid.Int64, Name: pname.String, Country: pcountry.String, GeonameID: int(pgeo.Int64),
			Admin1: padmin.String, Level: plevel.String}
		if plat.Valid && plon.Valid {
			lat, lon := plat.Float64, plon.Float64
			ev.Place.Lat, ev.Place.Lon = &lat, &lon
		}
	}
	ev.Evidence = Evidence{Sentence: int(msent.Int64), Start: int(mstart.Int64), End: int(mend.Int64), Text: mtext.String}
	return ev, nil
}

// attachActors fills the Actors and Recipients of evs.
func attachActors(ctx context.Context, db *sql.DB, evs []Event) error {
	if len(evs) == 0 {
		return nil
	}
	byID := make(map[int64]*Event, len(evs))
	ids := make([]any, len(evs))
	for i := range evs {
		byID[evs[i].ID] = &evs[i]
		ids[i] = evs[i].ID
		evs[i].Actors, evs[i].Recipients = []Actor{}, []Actor{}
	}
	rows, err := queryContext(ctx, db, "SELECT event_id, role, code, sector, name FROM event_actors WHERE event_id IN ("+marks(len(ids))+") ORDER BY event_id, role, code, sector", ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var role string
		var a Actor
		if err := rows.Scan(&id, &role, &a.Code, &a.Sector, &a.Name); err != nil {
			return err
		}
		ev := byID[id]
		if role == "actor" {
			ev.Actors = append(ev.Actors, a)
		} else {
			ev.Recipients = append(ev.Recipients, a)
		}
	}
	return rows.Err()
}

// EventPage is one page of events and the cursor of the next ("" at the end).
type EventPage struct {
	Events []Event `json:"events"`
	Next   string  `json:"next,omitempty"`
}

// Events returns one page of the events f selects, sorted as p says.
func Events(ctx context.Context, db *sql.DB, f Filter, p Page) (EventPage, error) {
	sc, ok := sortColumns[p.Sort]
	if !ok {
		sc = sortColumns["date"]
	}
	if p.Limit <= 0 {
		p.Limit = 50
	}
	where, args := f.where(dialect.Of(db))
	dir, cmp := "ASC", ">"
	if sc.desc {
		dir, cmp = "DESC", "<"
	}
	if p.Cursor != "" {
		c, err := decodeCursor(p.Cursor)
		if err != nil {
			return EventPage{}, &ParamError{"cursor", p.Cursor, "not a cursor this API returned"}
		}
		where += fmt.Sprintf(" AND (%s, e.id) %s (?, ?)", sc.col, cmp)
		args = append(args, c.V, c.ID)
	}
	q := fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY %s %s, e.id %s LIMIT ?", eventColumns, eventFrom, where, sc.col, dir, dir)
	rows, err := queryContext(ctx, db, q, append(args, p.Limit+1)...)
	if err != nil {
		return EventPage{}, err
	}
	page := EventPage{Events: []Event{}}
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return EventPage{}, err
		}
		page.Events = append(page.Events, ev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return EventPage{}, err
	}
	if len(page.Events) > p.Limit {
		page.Events = page.Events[:p.Limit]
		last := page.Events[p.Limit-1]
		var v any
		switch sc.col {
		case "e.date":
			v = last.Date
		case "e.goldstein":
			v = last.Goldstein
		case "e.num_articles":
			v = float64(last.NumArticles)
		case "e.confidence":
			v = last.Confidence
		}
		page.Next = encodeCursor(cursor{V: v, ID: last.ID})
	}
	return page, attachActors(ctx, db, page.Events)
}

// EachEvent calls fn for every event f selects, in id order, reading in
// chunks so memory stays flat however many there are.
func EachEvent(ctx context.Context, db *sql.DB, f Filter, fn func(Event) error) error {
	where, args := f.where(dialect.Of(db))
	var after int64
	for {
		q := fmt.Sprintf("SELECT %s FROM %s WHERE %s AND e.id > ? ORDER BY e.id LIMIT 1000", eventColumns, eventFrom, where)
		rows, err := queryContext(ctx, db, q, append(append([]any{}, args...), after)...)
		if err != nil {
			return err
		}
		var chunk []Event
		for rows.Next() {
			ev, err := scanEvent(rows)
			if err != nil {
				rows.Close()
				return err
			}
			chunk = append(chunk, ev)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(chunk) == 0 {
			return nil
		}
		if err := attachActors(ctx, db, chunk); err != nil {
			return err
		}
		for _, ev := range chunk {
			if err := fn(ev); err != nil {
				return err
			}
		}
		after = chunk[len(chunk)-1].ID
	}
}

// EventDetail is one event with every mention of it.
type EventDetail struct {
	Event
	Mentions []Mention `json:"mentions"`
}

// EventByID returns one event and its mentions.
func EventByID(ctx context.Context, db *sql.DB, id int64) (EventDetail, error) {
	row := queryRowContext(ctx, db, fmt.Sprintf("SELECT %s FROM %s WHERE e.id = ?", eventColumns, eventFrom), id)
	ev, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return EventDetail{}, ErrNotFound
	}
	if err != nil {
		return EventDetail{}, err
	}
	evs := []Event{ev}
	if err := attachActors(ctx, db, evs); err != nil {
		return EventDetail{}, err
	}
	d := EventDetail{Event: evs[0], Mentions: []Mention{}}
	rows, err := queryContext(ctx, db, `SELECT m.id, a.id, a.url, a.title, a.source, a.published, m.sentence, m.start, m."end", m.evidence, m.confidence, m.record
		FROM event_mentions m JOIN articles a ON a.n = m.article_n WHERE m.event_id = ? ORDER BY m.id LIMIT 1000`, id)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var m Mention
		var rec string
		if err := rows.Scan(&m.ID, &m.Article.ID, &m.Article.URL, &m.Article.Title, &m.Article.Source, &m.Article.Published,
			&m.Evidence.Sentence, &m.Evidence.Start, &m.Evidence.End, &m.Evidence.Text, &m.Confidence, &rec); err != nil {
			return d, err
		}
		m.Record = []byte(rec)
		d.Mentions = append(d.Mentions, m)
	}
	return d, rows.Err()
}

// ArticleHit is one article found by a full-text search.
type ArticleHit struct {
	ArticleRef
	Snippet string  `json:"snippet"` // HTML-escaped text with the matches in <mark>…</mark>
	Rank    float64 `json:"rank"`    // lower is better: SQLite's bm25, PostgreSQL's ts_rank_cd negated
}

// SearchArticles ranks articles (originals, not their copies) whose title
// or text contain every word of q, best first, with highlighted snippets.
//
// Both databases find the same articles (the words must all occur, as
// whole words, case-folded) and weigh a word in the title five times one
// in the text, but they rank differently: SQLite by FTS5's bm25, which
// also weighs how rare a word is across the articles; PostgreSQL by
// ts_rank_cd (cover density: how often and how close together the words
// occur, normalised by the article's length), which knows no corpus
// statistics. Ties go to the older article in both.
func SearchArticles(ctx context.Context, db *sql.DB, q string, limit, offset int) ([]ArticleHit, error) {
	hits := []ArticleHit{}
	if limit <= 0 {
		limit = 20
	}
	var rows *sql.Rows
	var err error
	if dialect.Of(db) == dialect.Postgres {
		words := tsWords(q)
		if words == "" {
			return hits, nil
		}
		rows, err = queryContext(ctx, db, searchPostgres, words, limit, offset)
	} else {
		m := ftsQuery(q)
		if m == "" {
			return hits, nil
		}
		// snippet() marks matches with control characters, so the text can be
		// escaped before they become <mark> tags.
		rows, err = queryContext(ctx, db, `SELECT a.id, a.url, a.title, a.source, a.published,
		snippet(articles_fts, 1, char(1), char(2), '…', 24), bm25(articles_fts, 5.0, 1.0)
		FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid
		WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0), a.n LIMIT ? OFFSET ?`, m, limit, offset)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var h ArticleHit
		var snip string
		if err := rows.Scan(&h.ID, &h.URL, &h.Title, &h.Source, &h.Published, &snip, &h.Rank); err != nil {
			return nil, err
		}
		h.Snippet = markSnippet(snip)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// searchPostgres is SearchArticles on PostgreSQL: the page of hits is
// ranked first (ts_rank_cd with weights {D, C, B, A}: title A 1.0, text B
// 0.2; normalisation 1 divides by 1 + the log of the article's length),
// then only its articles get a ts_headline — about 24 words of the text
// around the matches, marked with the control characters \x01 and \x02
// as SQLite's snippet() marks them, with "…" where the text goes on.
const searchPostgres = `SELECT a.id, a.url, a.title, a.source, a.published,
	CASE WHEN starts_with(a.text, ltrim(h.plain)) THEN '' ELSE '…' END || h.snip ||
		CASE WHEN right(a.text, length(rtrim(h.plain))) = rtrim(h.plain) THEN '' ELSE '…' END,
	r.rank
	FROM (SELECT a.n, -ts_rank_cd('{0.1, 0.2, 0.2, 1.0}', a.search, plainto_tsquery('simple', ?1), 1) AS rank
		FROM articles a WHERE a.duplicate_of IS NULL AND a.search @@ plainto_tsquery('simple', ?1)
		ORDER BY rank, a.n LIMIT ?2 OFFSET ?3) r
	JOIN articles a ON a.n = r.n
	CROSS JOIN LATERAL (SELECT s.snip, translate(s.snip, chr(1) || chr(2), '') AS plain FROM
		(SELECT ts_headline('simple', a.text, plainto_tsquery('simple', ?1),
			'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1') AS snip) s) h
	ORDER BY r.rank, r.n`

func markSnippet(s string) string {
	s = htmlEscaper.Replace(s)
	return strings.NewReplacer("\x01", "<mark>", "\x02", "</mark>").Replace(s)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// Span is a byte range of an article's text with what it is.
type Span struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Kind    string `json:"kind"`               // entity kind (country, person, …) or "event"
	Label   string `json:"label"`              // code(s), or the event type
	EventID int64  `json:"event_id,omitempty"` // for event spans
}

// ArticleDetail is one article with its text and the spans of its events
// and entities.
type ArticleDetail struct {
	ArticleRef
	Text      string   `json:"text"`
	URLs      []string `json:"urls"` // every URL it was seen under, its copies' too
	Sentences [][2]int `json:"sentences"`
	Events    []Span   `json:"events"`
	Entities  []Span   `json:"entities"`
}

// ArticleByID returns one stored article (an original; a copy's id gives
// its original).
func ArticleByID(ctx context.Context, db *sql.DB, id string) (ArticleDetail, error) {
	var d ArticleDetail
	var n int64
	err := queryRowContext(ctx, db, `SELECT o.n, o.id, o.url, o.title, o.source, o.published, o.text
		FROM articles a JOIN articles o ON o.n = coalesce(a.duplicate_of, a.n) WHERE a.id = ?`, id).
		Scan(&n, &d.ID, &d.URL, &d.Title, &d.Source, &d.Published, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.URLs, d.Sentences, d.Events, d.Entities = []string{}, [][2]int{}, []Span{}, []Span{}
	if err := each(ctx, db, "SELECT url FROM article_urls WHERE article_n = ? ORDER BY url", []any{n}, func(r *sql.Rows) error {
		var u string
		err := r.Scan(&u)
		d.URLs = append(d.URLs, u)
		return err
	}); err != nil {
		return d, err
	}
	if err := each(ctx, db, `SELECT start, "end" FROM sentences WHERE article_n = ? ORDER BY idx`, []any{n}, func(r *sql.Rows) error {
		var s [2]int
		err := r.Scan(&s[0], &s[1])
		d.Sentences = append(d.Sentences, s)
		return err
	}); err != nil {
		return d, err
	}
	if err := each(ctx, db, `SELECT m.start, m."end", e.event_type, e.id FROM event_mentions m JOIN events e ON e.id = m.event_id
		WHERE m.article_n = ? ORDER BY m.start, m.id`, []any{n}, func(r *sql.Rows) error {
		s := Span{Kind: "event"}
		err := r.Scan(&s.Start, &s.End, &s.Label, &s.EventID)
		d.Events = append(d.Events, s)
		return err
	}); err != nil {
		return d, err
	}
	err = each(ctx, db, `SELECT start, "end", kind, code FROM entities WHERE article_n = ? ORDER BY start`, []any{n}, func(r *sql.Rows) error {
		var s Span
		err := r.Scan(&s.Start, &s.End, &s.Kind, &s.Label)
		d.Entities = append(d.Entities, s)
		return err
	})
	return d, err
}

func each(ctx context.Context, db *sql.DB, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := queryContext(ctx, db, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
