// Package dialect knows the two SQL databases a Warta store can live in —
// an SQLite file (the default, no server) and PostgreSQL (for many workers
// and large backfills) — and turns Warta's queries, written once with "?"
// and "?N" placeholders, into each database's form.
//
// It takes a *sql.DB (or a data-source name) and gives its Dialect; the
// store and query packages ask it which SQL to run where the two differ
// (full-text search, date formatting, schema migrations).
package dialect

import (
	"database/sql"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// Dialect is the SQL database a store lives in.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// IsPostgres reports whether a data-source name names a PostgreSQL
// database ("postgres://…" or "postgresql://…") rather than an SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Of tells which database db is connected to, from its driver.
func Of(db *sql.DB) Dialect {
	if _, ok := db.Driver().(*stdlib.Driver); ok {
		return Postgres
	}
	return SQLite
}

// Rebind rewrites q's placeholders for d: for PostgreSQL, "?" becomes "$1",
// "$2", … in order and "?N" becomes "$N"; string literals, quoted
// identifiers and comments are left alone. SQLite takes q as it is.
func Rebind(d Dialect, q string) string {
	if d != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '\'', '"':
			j := i + 1
			for j < len(q) {
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c { // doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j >= len(q) {
				j = len(q) - 1
			}
			b.WriteString(q[i : j+1])
			i = j
		case '-':
			if i+1 < len(q) && q[i+1] == '-' {
				j := strings.IndexByte(q[i:], '\n')
				if j < 0 {
					j = len(q) - i
				}
				b.WriteString(q[i : i+j])
				i += j - 1
			} else {
				b.WriteByte(c)
			}
		case '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				b.WriteByte('$')
				b.WriteString(q[i+1 : j])
				i = j - 1
			} else {
				n++
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(n))
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
