package query

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/warta-id/warta/store/dialect"
)

// ActorCount is how often a code acts in the events a filter selects, and
// its most frequent recipients.
type ActorCount struct {
	Code          string           `json:"code"`
	Events        int              `json:"events"`
	MeanGoldstein float64          `json:"mean_goldstein"`
	TopRecipients []RecipientCount `json:"top_recipients"`
	AsRecipient   int              `json:"as_recipient"`
}

// RecipientCount is one recipient of an actor's events.
type RecipientCount struct {
	Code   string `json:"code"`
	Events int    `json:"events"`
}

// Actors lists the most active actor codes (at most limit), with their top
// five recipients.
func Actors(ctx context.Context, db *sql.DB, f Filter, limit int) ([]ActorCount, error) {
	if limit <= 0 {
		limit = 50
	}
	d := dialect.Of(db)
	where, args := f.where(d)
	out := []ActorCount{}
	err := each(ctx, db, fmt.Sprintf(`SELECT ea.code, count(*), avg(e.goldstein),
		(SELECT count(*) FROM event_actors r JOIN events e2 ON e2.id = r.event_id WHERE r.role = 'recipient' AND r.code = ea.code)
		FROM events e JOIN (SELECT DISTINCT event_id, code FROM event_actors WHERE role = 'actor') ea ON ea.event_id = e.id
		WHERE %s GROUP BY ea.code ORDER BY count(*) DESC, ea.code LIMIT ?`, where), append(args, limit), func(r *sql.Rows) error {
		var a ActorCount
		err := r.Scan(&a.Code, &a.Events, &a.MeanGoldstein, &a.AsRecipient)
		a.MeanGoldstein = mean(a.MeanGoldstein)
		a.TopRecipients = []RecipientCount{}
		out = append(out, a)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	// The top recipients of every listed actor, in one query.
	index := make(map[string]int, len(out))
	codes := make([]any, 0, len(out))
	for i, a := range out {
		index[a.Code] = i
		codes = append(codes, a.Code)
	}
	w, a := f.where(d)
	err = each(ctx, db, fmt.Sprintf(`SELECT aa.code, rr.code, count(*) FROM events e
		JOIN (SELECT DISTINCT event_id, code FROM event_actors WHERE role = 'actor') aa ON aa.event_id = e.id
		JOIN (SELECT DISTINCT event_id, code FROM event_actors WHERE role = 'recipient') rr ON rr.event_id = e.id
		WHERE %s AND aa.code IN (%s) GROUP BY aa.code, rr.code`, w, strings.TrimSuffix(strings.Repeat("?, ", len(codes)), ", ")),
		append(a, codes...), func(r *sql.Rows) error {
			var actor string
			var rc RecipientCount
			if err := r.Scan(&actor, &rc.Code, &rc.Events); err != nil {
				return err
			}
			if i, ok := index[actor]; ok {
				out[i].TopRecipients = append(out[i].TopRecipients, rc)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	for i := range out {
		rs := out[i].TopRecipients
		sort.Slice(rs, func(x, y int) bool {
			if rs[x].Events != rs[y].Events {
				return rs[x].Events > rs[y].Events
			}
			return rs[x].Code < rs[y].Code
		})
		if len(rs) > 5 {
			out[i].TopRecipients = rs[:5]
		}
	}
	return out, nil
}

// Edge is one actor → recipient link of the network.
type Edge struct {
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Key           string  `json:"key,omitempty"` // event type or QuadClass when split by one
	Events        int     `json:"events"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// Network returns actor → recipient edges weighted by event count and mean
// Goldstein score, split by "type" or "quad_class" when by says so (""
// for one edge per pair); at most limit edges, heaviest first.
func Network(ctx context.Context, db *sql.DB, f Filter, by string, limit int) ([]Edge, error) {
	key, err := groupKey(by)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 200
	}
	where, args := f.where(dialect.Of(db))
	out := []Edge{}
	err = each(ctx, db, fmt.Sprintf(`SELECT e.actor_code, e.recipient_code, %s, count(*), avg(e.goldstein)
		FROM events e WHERE %s AND e.actor_code != '' AND e.recipient_code != ''
		GROUP BY e.actor_code, e.recipient_code, 3 ORDER BY count(*) DESC, 1, 2, 3 LIMIT ?`, key, where), append(args, limit), func(r *sql.Rows) error {
		var e Edge
		err := r.Scan(&e.Source, &e.Target, &e.Key, &e.Events, &e.MeanGoldstein)
		e.MeanGoldstein = mean(e.MeanGoldstein)
		out = append(out, e)
		return err
	})
	return out, err
}

func groupKey(by string) (string, error) {
	switch by {
	case "", "none":
		return "''", nil
	case "type":
		return "e.event_type", nil
	case "quad_class":
		return "CAST(e.quad_class AS TEXT)", nil
	}
	return "", &ParamError{"by", by, "want type or quad_class"}
}

// Bucket is one period of the timeline.
type Bucket struct {
	Period        string  `json:"period"` // 2024-06-03 (day), 2024-W23 (week), 2024-06 (month)
	Key           string  `json:"key,omitempty"`
	Events        int     `json:"events"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// Timeline counts events per day, week or month, split by "type" or
// "quad_class" when by says so.
//
// Weeks start on Monday and are numbered as SQLite's strftime %W does
// (2024-W00 holds the days before the year's first Monday); only events
// with a whole date (YYYY-MM-DD) fall into a week.
func Timeline(ctx context.Context, db *sql.DB, f Filter, interval, by string) ([]Bucket, error) {
	d := dialect.Of(db)
	var period, only string
	switch interval {
	case "day":
		period = "e.date"
	case "week":
		period, only = weekLabel(d), " AND e.date LIKE '____-__-__'"
	case "", "month":
		period = "substr(e.date, 1, 7)"
	default:
		return nil, &ParamError{"interval", interval, "want day, week or month"}
	}
	key, err := groupKey(by)
	if err != nil {
		return nil, err
	}
	where, args := f.where(d)
	where += only
	q := fmt.Sprintf(`SELECT %s, %s, count(*), avg(e.goldstein) FROM events e
		WHERE %s AND e.date != '' GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 20000`, period, key, where)
	if f.onlyDayFields() && interval == "month" && monthAligned(f) {
		// Whole months only: the monthly rollup (e.month holds YYYY-MM).
		mf := f
		mf.From, mf.To = monthOf(f.From), monthOf(f.To)
		where, args = mf.where(d)
		where = strings.ReplaceAll(where, "e.date", "e.month")
		q = fmt.Sprintf(`SELECT e.month, %s, sum(e.events), sum(e.goldstein_sum) / sum(e.events) FROM event_months e
			WHERE %s AND e.month != '' GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 20000`, key, where)
	} else if f.onlyDayFields() {
		// The same answer from the daily rollup the writer keeps: the
		// conditions on e.date, e.event_type and e.quad_class read the
		// same on event_days e.
		q = fmt.Sprintf(`SELECT %s, %s, sum(e.events), sum(e.goldstein_sum) / sum(e.events) FROM event_days e
			WHERE %s AND e.date != '' GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 20000`, period, key, where)
	}
	out := []Bucket{}
	err = each(ctx, db, q, args, func(r *sql.Rows) error {
		var b Bucket
		err := r.Scan(&b.Period, &b.Key, &b.Events, &b.MeanGoldstein)
		b.MeanGoldstein = mean(b.MeanGoldstein)
		out = append(out, b)
		return err
	})
	return out, err
}

// weekLabel is the SQL of an event's week, "2024-W23": SQLite's
// strftime('%Y-W%W'), and for PostgreSQL the same arithmetic — the week of
// the year with weeks starting on Monday, (day of year + 7 - ISO weekday)
// / 7 — on the date SQLite would read (a day past the month's end rolls
// over into the next month, as SQLite's does); a date neither reads gets an empty label.
func weekLabel(d dialect.Dialect) string {
	if d != dialect.Postgres {
		return "coalesce(strftime('%Y-W%W', e.date), '')"
	}
	day := "(make_date(substr(e.date, 1, 4)::int, substr(e.date, 6, 2)::int, 1) + (substr(e.date, 9, 2)::int - 1))"
	return `CASE WHEN e.date ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND e.date >= '0001' THEN ` +
		"to_char(" + day + ", 'YYYY') || '-W' || to_char((extract(doy FROM " + day + ")::int + 7 - extract(isodow FROM " + day + ")::int) / 7, 'FM00') " +
		"ELSE '' END"
}

// PlaceCount is the events at one place.
type PlaceCount struct {
	Place
	Events        int     `json:"events"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// Map aggregates the events f selects by place, for places with
// coordinates, most events first.
func Map(ctx context.Context, db *sql.DB, f Filter, limit int) ([]PlaceCount, error) {
	if limit <= 0 {
		limit = 1000
	}
	where, args := f.where(dialect.Of(db))
	out := []PlaceCount{}
	err := each(ctx, db, fmt.Sprintf(`SELECT p.id, p.name, p.country, p.geonameid, p.lat, p.lon, p.admin1, p.level, count(*), avg(e.goldstein)
		FROM events e JOIN places p ON p.id = e.place_id
		WHERE %s AND p.lat IS NOT NULL GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT ?`, where), append(args, limit), func(r *sql.Rows) error {
		var pc PlaceCount
		var lat, lon float64
		err := r.Scan(&pc.ID, &pc.Name, &pc.Country, &pc.GeonameID, &lat, &lon, &pc.Admin1, &pc.Level, &pc.Events, &pc.MeanGoldstein)
		pc.MeanGoldstein = mean(pc.MeanGoldstein)
		pc.Lat, pc.Lon = &lat, &lon
		out = append(out, pc)
		return err
	})
	return out, err
}

// mean rounds a mean Goldstein score to nine decimal places. The databases
// add the scores up in different orders (and SQLite with compensated
// summation), so their means can differ in the last bit; rounded, both
// give the same number, far finer than the scores' own tenths.
func mean(x float64) float64 { return math.Round(x*1e9) / 1e9 }

// monthAligned reports whether f's date range (if any) covers whole months.
func monthAligned(f Filter) bool {
	if f.From != "" && !strings.HasSuffix(f.From, "-01") {
		return false
	}
	if f.To != "" {
		t, err := time.Parse("2006-01-02", f.To)
		if err != nil || t.AddDate(0, 0, 1).Day() != 1 {
			return false
		}
	}
	return true
}

func monthOf(day string) string {
	if len(day) >= 7 {
		return day[:7]
	}
	return day
}
