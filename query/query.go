// Package query reads events, articles and their aggregates out of a Warta
// store for the API, the web pages and the exports.
//
// It takes an open database (store.Store.DB) and a Filter — usually parsed
// from URL parameters with ParseFilter, which names the bad parameter when
// one is malformed — and gives pages of events (sorted, with cursor
// pagination), one event with all its mentions, ranked article search with
// highlighted snippets, one article with the spans of its events and
// entities, and the aggregates analysts look at: actors, the actor →
// recipient network, the timeline and the map.
package query

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/warta-id/warta/store/dialect"
)

// Event is one clustered event as the API returns it.
type Event struct {
	ID            int64      `json:"id"`
	EventType     string     `json:"event_type"`
	Mode          string     `json:"mode,omitempty"`
	CAMEO         string     `json:"cameo"`
	Goldstein     float64    `json:"goldstein"`
	QuadClass     int        `json:"quad_class"`
	PloverScore   float64    `json:"plover_score"`
	ActorCode     string     `json:"actor_code"`     // distinct actor codes joined with ";"
	RecipientCode string     `json:"recipient_code"` // distinct recipient codes joined with ";"
	Actors        []Actor    `json:"actors"`
	Recipients    []Actor    `json:"recipients"`
	Date          string     `json:"date"`
	DatePrecision string     `json:"date_precision"`
	Place         *Place     `json:"place,omitempty"`
	Future        bool       `json:"future"`
	Historical    bool       `json:"historical"`
	Confidence    float64    `json:"confidence"`
	NumMentions   int        `json:"num_mentions"`
	NumArticles   int        `json:"num_articles"`
	NumSources    int        `json:"num_sources"`
	Article       ArticleRef `json:"article"`  // the first article that reported it
	Evidence      Evidence   `json:"evidence"` // its first mention's sentence
}

// Actor is one actor or recipient of an event.
type Actor struct {
	Code   string `json:"code"`
	Sector string `json:"sector,omitempty"`
	Name   string `json:"name,omitempty"`
}

// Place is where an event happened.
type Place struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Country   string   `json:"country,omitempty"`
	GeonameID int      `json:"geonameid,omitempty"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
	Admin1    string   `json:"admin1,omitempty"` // GeoNames admin-1 code "CC.XX"
	Level     string   `json:"level,omitempty"`  // city, province, region or country
}

// ArticleRef identifies an article.
type ArticleRef struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
}

// Evidence is the sentence an event was coded from: its index in the
// article and its byte span in the article's text.
type Evidence struct {
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}

// Mention is one report of an event in one article.
type Mention struct {
	ID         int64           `json:"id"`
	Article    ArticleRef      `json:"article"`
	Evidence   Evidence        `json:"evidence"`
	Confidence float64         `json:"confidence"`
	Record     json.RawMessage `json:"record"` // the PLOVER record as the coder produced it
}

// Filter selects events; the zero Filter selects all.
type Filter struct {
	From, To      string   // event dates YYYY-MM-DD, inclusive
	Types         []string // PLOVER event types, any of
	QuadClasses   []int    // 1 verbal cooperation … 4 material conflict, any of
	Actors        []string // actor codes, any of
	Recipients    []string // recipient codes, any of
	Sector        string   // PLOVER sector of an actor or recipient
	Country       string   // ISO-3 code of the event's place
	Place         string   // the place's name (case-insensitive)
	Text          string   // words that must all occur in an evidence sentence
	MinConfidence float64
}

// ParamError is a malformed query parameter.
type ParamError struct {
	Param   string
	Value   string
	Problem string
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("parameter %s=%q: %s", e.Param, e.Value, e.Problem)
}

var (
	reCode  = regexp.MustCompile(`^[A-Z]{3}$`)
	reType  = regexp.MustCompile(`^[A-Z_]{3,20}$`)
	reWords = regexp.MustCompile(`[\pL\pN]+`)
)

// FilterParams are the URL parameters ParseFilter reads.
var FilterParams = []string{"from", "to", "type", "quad_class", "actor", "recipient", "sector", "country", "place", "q", "min_confidence"}

// ParseFilter reads a Filter from URL parameters: from, to (YYYY-MM-DD),
// type, quad_class, actor, recipient (comma-separated lists), sector,
// country, place, q (words in the evidence) and min_confidence (0..1).
func ParseFilter(v url.Values) (Filter, error) {
	var f Filter
	for _, p := range []struct {
		name string
		dst  *string
	}{{"from", &f.From}, {"to", &f.To}} {
		s := strings.TrimSpace(v.Get(p.name))
		if s == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return f, &ParamError{p.name, s, "want a date YYYY-MM-DD"}
		}
		*p.dst = s
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, &ParamError{"from", f.From, "is after to=" + f.To}
	}
	var err error
	if f.Types, err = list(v, "type", reType, "want PLOVER event types such as CONSULT,PROTEST"); err != nil {
		return f, err
	}
	if f.Actors, err = list(v, "actor", reCode, "want three-letter actor codes such as IDN,USA"); err != nil {
		return f, err
	}
	if f.Recipients, err = list(v, "recipient", reCode, "want three-letter actor codes such as IDN,USA"); err != nil {
		return f, err
	}
	for _, s := range splitList(v.Get("quad_class")) {
		q, err := strconv.Atoi(s)
		if err != nil || q < 1 || q > 4 {
			return f, &ParamError{"quad_class", v.Get("quad_class"), "want numbers 1 to 4"}
		}
		f.QuadClasses = append(f.QuadClasses, q)
	}
	if s := strings.ToUpper(strings.TrimSpace(v.Get("sector"))); s != "" {
		if !regexp.MustCompile(`^[A-Z]{3}$`).MatchString(s) {
			return f, &ParamError{"sector", s, "want a three-letter PLOVER sector such as GOV, MIL, CVL"}
		}
		f.Sector = s
	}
	if s := strings.ToUpper(strings.TrimSpace(v.Get("country"))); s != "" {
		if !reCode.MatchString(s) {
			return f, &ParamError{"country", s, "want an ISO-3 country code such as IDN"}
		}
		f.Country = s
	}
	f.Place = strings.TrimSpace(v.Get("place"))
	if len(f.Place) > 200 {
		return f, &ParamError{"place", f.Place[:20] + "…", "longer than 200 bytes"}
	}
	f.Text = strings.TrimSpace(v.Get("q"))
	if len(f.Text) > 500 {
		return f, &ParamError{"q", f.Text[:20] + "…", "longer than 500 bytes"}
	}
	if s := strings.TrimSpace(v.Get("min_confidence")); s != "" {
		c, err := strconv.ParseFloat(s, 64)
		if err != nil || c < 0 || c > 1 {
			return f, &ParamError{"min_confidence", s, "want a number from 0 to 1"}
		}
		f.MinConfidence = c
	}
	return f, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func list(v url.Values, name string, re *regexp.Regexp, problem string) ([]string, error) {
	var out []string
	for _, raw := range v[name] {
		for _, s := range splitList(raw) {
			s = strings.ToUpper(s)
			if !re.MatchString(s) {
				return nil, &ParamError{name, s, problem}
			}
			out = append(out, s)
		}
	}
	if len(out) > 50 {
		return nil, &ParamError{name, v.Get(name), "more than 50 values"}
	}
	return out, nil
}

// Values writes the filter back as URL parameters (for links and cursors).
func (f Filter) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("from", f.From)
	set("to", f.To)
	set("type", strings.Join(f.Types, ","))
	var qs []string
	for _, q := range f.QuadClasses {
		qs = append(qs, strconv.Itoa(q))
	}
	set("quad_class", strings.Join(qs, ","))
	set("actor", strings.Join(f.Actors, ","))
	set("recipient", strings.Join(f.Recipients, ","))
	set("sector", f.Sector)
	set("country", f.Country)
	set("place", f.Place)
	set("q", f.Text)
	if f.MinConfidence > 0 {
		v.Set("min_confidence", strconv.FormatFloat(f.MinConfidence, 'f', -1, 64))
	}
	return v
}

// where builds the SQL condition (over events e) and its arguments, in
// d's SQL (placeholders stay "?": the statement cache rebinds them).
func (f Filter) where(d dialect.Dialect) (string, []any) {
	var conds []string
	var args []any
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	if f.From != "" {
		add("e.date >= ?", f.From)
	}
	if f.To != "" {
		add("e.date <= ?", f.To)
	}
	if len(f.Types) > 0 {
		add("e.event_type IN ("+marks(len(f.Types))+")", anys(f.Types)...)
	}
	if len(f.QuadClasses) > 0 {
		a := make([]any, len(f.QuadClasses))
		for i, q := range f.QuadClasses {
			a[i] = q
		}
		add("e.quad_class IN ("+marks(len(a))+")", a...)
	}
	if len(f.Actors) > 0 {
		add("e.id IN (SELECT event_id FROM event_actors WHERE role = 'actor' AND code IN ("+marks(len(f.Actors))+"))", anys(f.Actors)...)
	}
	if len(f.Recipients) > 0 {
		add("e.id IN (SELECT event_id FROM event_actors WHERE role = 'recipient' AND code IN ("+marks(len(f.Recipients))+"))", anys(f.Recipients)...)
	}
	if f.Sector != "" {
		add("e.id IN (SELECT event_id FROM event_actors WHERE sector = ?)", f.Sector)
	}
	if f.Country != "" {
		add("e.place_id IN (SELECT id FROM places WHERE country = ?)", f.Country)
	}
	if f.Place != "" {
		if d == dialect.Postgres {
			add("e.place_id IN (SELECT id FROM places WHERE lower(name) = lower(?))", f.Place)
		} else {
			add("e.place_id IN (SELECT id FROM places WHERE name = ? COLLATE NOCASE)", f.Place)
		}
	}
	if d == dialect.Postgres {
		if m := tsWords(f.Text); m != "" {
			add("e.id IN (SELECT event_id FROM event_mentions WHERE search @@ plainto_tsquery('simple', ?))", m)
		}
	} else if m := ftsQuery(f.Text); m != "" {
		add("e.id IN (SELECT m.event_id FROM event_mentions_fts JOIN event_mentions m ON m.id = event_mentions_fts.rowid WHERE event_mentions_fts MATCH ?)", m)
	}
	if f.MinConfidence > 0 {
		add("e.confidence >= ?", f.MinConfidence)
	}
	if len(conds) == 0 {
		return "TRUE", nil
	}
	return strings.Join(conds, " AND "), args
}

// onlyDayFields reports whether f restricts only the date, type and
// QuadClass, which the daily rollup (event_days) can answer.
func (f Filter) onlyDayFields() bool {
	return len(f.Actors) == 0 && len(f.Recipients) == 0 && f.Sector == "" && f.Country == "" &&
		f.Place == "" && f.Text == "" && f.MinConfidence == 0
}

// ftsQuery turns free text into an FTS5 query: every word must occur
// (quoted, so no user text is read as FTS5 syntax).
func ftsQuery(s string) string {
	words := reWords.FindAllString(s, 20)
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " AND ")
}

// tsWords turns free text into the words of a PostgreSQL plainto_tsquery,
// which ANDs them: only runs of letters and digits are kept, so no user
// text is read as tsquery syntax, and the words are the ones ftsQuery
// quotes for FTS5.
func tsWords(s string) string {
	return strings.Join(reWords.FindAllString(s, 20), " ")
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func anys(ss []string) []any {
	a := make([]any, len(ss))
	for i, s := range ss {
		a[i] = s
	}
	return a
}

// Page asks for one page of events.
type Page struct {
	Sort   string // "date" (default, newest first), "-date" (oldest first), "goldstein", "-goldstein", "num_articles", "confidence"
	Cursor string // from the previous page's Next
	Limit  int    // 1..1000, default 50
}

// sortColumns maps a sort name to its column and direction.
var sortColumns = map[string]struct {
	col  string
	desc bool
}{
	"date": {"e.date", true}, "-date": {"e.date", false},
	"goldstein": {"e.goldstein", true}, "-goldstein": {"e.goldstein", false},
	"num_articles": {"e.num_articles", true}, "-num_articles": {"e.num_articles", false},
	"confidence": {"e.confidence", true}, "-confidence": {"e.confidence", false},
}

// ParsePage reads sort, cursor and limit from URL parameters.
func ParsePage(v url.Values) (Page, error) {
	p := Page{Sort: strings.TrimSpace(v.Get("sort")), Cursor: v.Get("cursor"), Limit: 50}
	if p.Sort == "" {
		p.Sort = "date"
	}
	if _, ok := sortColumns[p.Sort]; !ok {
		return p, &ParamError{"sort", p.Sort, "want date, -date, goldstein, -goldstein, num_articles, -num_articles, confidence or -confidence"}
	}
	if s := strings.TrimSpace(v.Get("limit")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return p, &ParamError{"limit", s, "want a number from 1 to 1000"}
		}
		p.Limit = n
	}
	if p.Cursor != "" {
		if _, err := decodeCursor(p.Cursor); err != nil {
			return p, &ParamError{"cursor", p.Cursor, "not a cursor this API returned"}
		}
	}
	return p, nil
}

// cursor is the position after the last event of a page: its sort value and id.
type cursor struct {
	V  any   `json:"v"`
	ID int64 `json:"id"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, err
	}
	switch c.V.(type) {
	case string, float64:
	default:
		return c, fmt.Errorf("bad cursor value")
	}
	return c, nil
}
