package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
)

// dumpTables lists every table of the logical content with the columns that
// order its rows. The full-text indexes are left out: their internal
// segments depend on transaction boundaries, not on content (Search checks
// them instead).
var dumpTables = []struct{ name, order string }{
	{"articles", "n"},
	{"article_urls", "article_n, url"},
	{"sentences", "article_n, idx"},
	{"entities", `article_n, start, "end"`},
	{"places", "id"},
	{"events", "id"},
	{"event_days", "date, event_type, quad_class"},
	{"event_months", "month, event_type, quad_class"},
	{"event_mentions", "id"},
	{"event_actors", "event_id, role, code, sector"},
	{"event_articles", "event_id, article_n"},
	{"event_sources", "event_id, source"},
	{"rejects", "input"},
	{"feeds", "url"},
	{"feed_items", "feed_url, guid"},
}

// surrogates names the row-number columns of each table and the table they
// number. Dump writes such a number as the row's rank in that table (1 for
// the first article stored, …), so that a database whose numbers have gaps
// — PostgreSQL sequences skip the numbers of rolled-back transactions —
// dumps the same as one without.
var surrogates = map[string]map[string]string{
	"articles":       {"n": "articles", "duplicate_of": "articles"},
	"article_urls":   {"article_n": "articles"},
	"sentences":      {"article_n": "articles"},
	"entities":       {"article_n": "articles"},
	"places":         {"id": "places"},
	"events":         {"id": "events", "place_id": "places", "first_article": "articles"},
	"event_mentions": {"id": "event_mentions", "event_id": "events", "article_n": "articles"},
	"event_actors":   {"event_id": "events"},
	"event_articles": {"event_id": "events", "article_n": "articles"},
	"event_sources":  {"event_id": "events"},
}

// numbered is each numbered table's key column.
var numbered = map[string]string{"articles": "n", "places": "id", "events": "id", "event_mentions": "id"}

// Dump writes the database's logical content — every row of every table, in
// key order, one line each, row numbers as ranks and PostgreSQL's search
// columns left out — so two databases, SQLite or PostgreSQL, can be
// compared for equality (the kill-and-resume, run-twice and distributed
// ingestion tests do).
func (s *Store) Dump(ctx context.Context, w io.Writer) error {
	ranks := map[string]map[int64]int64{}
	for table, key := range numbered {
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s ORDER BY %s", key, table, key))
		if err != nil {
			return fmt.Errorf("%s: dump %s: %w", s.path, table, err)
		}
		r := map[int64]int64{}
		for rows.Next() {
			var n int64
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return fmt.Errorf("%s: dump %s: %w", s.path, table, err)
			}
			r[n] = int64(len(r) + 1)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("%s: dump %s: %w", s.path, table, err)
		}
		ranks[table] = r
	}
	for _, t := range dumpTables {
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT * FROM %s ORDER BY %s", t.name, t.order))
		if err != nil {
			return fmt.Errorf("%s: dump %s: %w", s.path, t.name, err)
		}
		if err := dumpRows(w, t.name, rows, ranks); err != nil {
			return fmt.Errorf("%s: dump %s: %w", s.path, t.name, err)
		}
	}
	return nil
}

func dumpRows(w io.Writer, table string, rows *sql.Rows, ranks map[string]map[int64]int64) error {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var shown []string
	for _, c := range cols {
		if c != "search" {
			shown = append(shown, c)
		}
	}
	fmt.Fprintf(w, "## %s (%s)\n", table, strings.Join(shown, ", "))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		var b strings.Builder
		for i, v := range vals {
			if cols[i] == "search" {
				continue
			}
			if i > 0 {
				b.WriteByte('\t')
			}
			if of := surrogates[table][cols[i]]; of != "" && v != nil {
				n, ok := v.(int64)
				if !ok {
					return fmt.Errorf("column %s: row number of type %T", cols[i], v)
				}
				v = ranks[of][n]
			}
			switch x := v.(type) {
			case nil:
				b.WriteString("NULL")
			case []byte:
				fmt.Fprintf(&b, "x'%x'", x)
			default:
				fmt.Fprintf(&b, "%q", fmt.Sprint(x))
			}
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return rows.Err()
}
