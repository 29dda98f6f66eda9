package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
)

// dumpTables lists every table of the logical content with the columns that
// order its rows. The FTS5 index is left out: its internal segments depend
// on transaction boundaries, not on content (Search checks it instead).
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

// Dump writes the database's logical content — every row of every table, in
// key order, one line each — so two databases can be compared for equality
// (the kill-and-resume and run-twice tests do).
func (s *Store) Dump(ctx context.Context, w io.Writer) error {
	for _, t := range dumpTables {
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf("SELECT * FROM %s ORDER BY %s", t.name, t.order))
		if err != nil {
			return fmt.Errorf("%s: dump %s: %w", s.path, t.name, err)
		}
		if err := dumpRows(w, t.name, rows); err != nil {
			return fmt.Errorf("%s: dump %s: %w", s.path, t.name, err)
		}
	}
	return nil
}

func dumpRows(w io.Writer, table string, rows *sql.Rows) error {
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
	fmt.Fprintf(w, "## %s (%s)\n", table, strings.Join(cols, ", "))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteByte('\t')
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
