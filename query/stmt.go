package query

import (
	"context"
	"database/sql"
	"sync"

	"github.com/warta-id/warta/store/dialect"
)

// stmtKey names one prepared statement of one database.
type stmtKey struct {
	db *sql.DB
	q  string
}

// stmts caches prepared statements, each prepared in its database's form:
// the queries are written once with "?" and "?N" placeholders, which
// dialect.Rebind turns into PostgreSQL's $N when db is one (only when a
// statement is first prepared, so the rewriting costs nothing after).
//
// It caches prepared statements: the API runs a handful of query shapes
// over and over, and preparing one costs about a quarter of running it.
// database/sql re-prepares a statement on each pooled connection as needed.
var stmts struct {
	sync.Mutex
	m map[stmtKey]*sql.Stmt
}

const maxStmts = 512

// queryContext runs q as a cached prepared statement of db.
func queryContext(ctx context.Context, db *sql.DB, q string, args ...any) (*sql.Rows, error) {
	st, err := prepared(ctx, db, q)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		forget(db, q)
	}
	return rows, err
}

func queryRowContext(ctx context.Context, db *sql.DB, q string, args ...any) *sql.Row {
	st, err := prepared(ctx, db, q)
	if err != nil {
		return db.QueryRowContext(ctx, dialect.Rebind(dialect.Of(db), q), args...) // reports the error
	}
	return st.QueryRowContext(ctx, args...)
}

func prepared(ctx context.Context, db *sql.DB, q string) (*sql.Stmt, error) {
	k := stmtKey{db, q}
	stmts.Lock()
	st, ok := stmts.m[k]
	stmts.Unlock()
	if ok {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, dialect.Rebind(dialect.Of(db), q))
	if err != nil {
		return nil, err
	}
	stmts.Lock()
	defer stmts.Unlock()
	if stmts.m == nil || len(stmts.m) >= maxStmts {
		for _, old := range stmts.m {
			old.Close()
		}
		stmts.m = map[stmtKey]*sql.Stmt{}
	}
	if prev, ok := stmts.m[k]; ok {
		st.Close()
		return prev, nil
	}
	stmts.m[k] = st
	return st, nil
}

func forget(db *sql.DB, q string) {
	stmts.Lock()
	defer stmts.Unlock()
	k := stmtKey{db, q}
	if st, ok := stmts.m[k]; ok {
		st.Close()
		delete(stmts.m, k)
	}
}
