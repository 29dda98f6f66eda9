// Package store keeps ingested articles and their events in one SQLite file
// (pure-Go driver, WAL mode, an FTS5 index over titles and texts) or, for
// many workers, in a PostgreSQL database (pgx driver, a generated tsvector
// column with GIN indexes for full-text search) with the same tables.
//
// It takes processed Documents (from package pipeline) and the ingest
// stage's decisions about them — original, duplicate of an earlier
// article, or rejected with a reason — and writes each batch in one
// transaction, so a killed process leaves either a whole batch or none of
// it. Events coded in several articles (same type, actors, recipients and
// mode, dates within a window, compatible places) are clustered onto one
// events row whose mention, article and source counts follow GDELT's
// NumMentions, NumArticles and NumSources. The schema is versioned by
// numbered migrations (migrations/sqlite/NNNN_*.sql, recorded in PRAGMA
// user_version; migrations/postgres/NNNN_*.sql, recorded in the
// schema_version table), the same numbers for both databases.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/warta-id/warta/store/dialect"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// DefaultPath is the database file used when none is given.
const DefaultPath = "warta.db"

// Store is an open Warta database.
type Store struct {
	db      *sql.DB
	path    string // the file name, or the PostgreSQL URL without its password
	dialect dialect.Dialect
	// ClusterDays is how many days apart two reports of one event may be
	// dated and still be clustered together (default 1).
	ClusterDays int
}

// Open opens (creating when needed) the database at path — an SQLite file
// name, or a postgres:// URL — and brings its schema up to date.
func Open(ctx context.Context, dbPath string) (*Store, error) {
	if dbPath == "" {
		dbPath = DefaultPath
	}
	if dialect.IsPostgres(dbPath) {
		return openPostgres(ctx, dbPath)
	}
	dsn := "file:" + (&url.URL{Path: dbPath}).EscapedPath() +
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dbPath, err)
	}
	// One connection: writes are serialised by the ingest stage anyway, and
	// pragmas set per connection stay in force.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: dbPath, ClusterDays: 1}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", dbPath, err)
	}
	return s, nil
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	name := redact(dsn)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	s := &Store{db: db, path: name, dialect: dialect.Postgres, ClusterDays: 1}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	return s, nil
}

// redact is a PostgreSQL URL without its password, for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB gives read access to the database for queries and exports.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the database file name (or URL, without its password).
func (s *Store) Path() string { return s.path }

// Dialect is the SQL database the store lives in.
func (s *Store) Dialect() dialect.Dialect { return s.dialect }

// q rewrites a query's placeholders for the store's database.
func (s *Store) q(query string) string { return dialect.Rebind(s.dialect, query) }

// SchemaVersion is the number of the last migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(ctx, s.db, s.dialect)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func schemaVersion(ctx context.Context, db queryer, d dialect.Dialect) (int, error) {
	var v int
	if d == dialect.Postgres {
		var exists bool
		if err := db.QueryRowContext(ctx, "SELECT to_regclass('schema_version') IS NOT NULL").Scan(&exists); err != nil || !exists {
			return 0, err
		}
		err := db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&v)
		return v, err
	}
	err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations(d dialect.Dialect) ([]migration, error) {
	dir := path.Join("migrations", d.String())
	ents, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range ents {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_what.sql", e.Name())
		}
		b, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations(s.dialect)
	if err != nil {
		return err
	}
	if s.dialect == dialect.Postgres {
		return s.migratePostgres(ctx, ms)
	}
	have, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if have > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this warta (%d)", have, len(ms))
	}
	for _, m := range ms[have:] {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// migrationLock is the advisory lock key that serialises schema migrations
// of workers starting together against one PostgreSQL database.
const migrationLock = 0x77617274 // "wart"

// migratePostgres applies the missing migrations in one transaction that
// holds an advisory lock, so many workers may start at once.
func (s *Store) migratePostgres(ctx context.Context, ms []migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("lock for migrations: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL DEFAULT now())"); err != nil {
		return fmt.Errorf("schema_version table: %w", err)
	}
	have, err := schemaVersion(ctx, tx, dialect.Postgres)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if have > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this warta (%d)", have, len(ms))
	}
	for _, m := range ms[have:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version(version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// Known is one stored article, as the ingest stage needs it to resume:
// its id, content hash and MinHash signature.
type Known struct {
	N         int64 // its number in the store, in the order articles were stored
	ID        string
	Hash      string
	MinHash   []byte
	Duplicate bool
}

// EachArticle calls fn for every stored article in the order it was
// stored.
func (s *Store) EachArticle(ctx context.Context, fn func(Known) error) error {
	_, err := s.EachArticleAfter(ctx, 0, fn)
	return err
}

// EachArticleAfter calls fn for every article stored after the one
// numbered after (0: from the first), in the order they were stored, and
// returns the number of the last one (after, when there is none). Workers
// use it to catch up with what other workers stored.
func (s *Store) EachArticleAfter(ctx context.Context, after int64, fn func(Known) error) (int64, error) {
	last := after
	rows, err := s.db.QueryContext(ctx, s.q("SELECT n, id, content_hash, minhash, duplicate_of IS NOT NULL FROM articles WHERE n > ? ORDER BY n"), after)
	if err != nil {
		return last, fmt.Errorf("%s: read articles: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var k Known
		if err := rows.Scan(&k.N, &k.ID, &k.Hash, &k.MinHash, &k.Duplicate); err != nil {
			return last, fmt.Errorf("%s: read articles: %w", s.path, err)
		}
		if err := fn(k); err != nil {
			return last, err
		}
		last = k.N
	}
	if err := rows.Err(); err != nil {
		return last, fmt.Errorf("%s: read articles: %w", s.path, err)
	}
	return last, nil
}

// Rejected reports whether input was already recorded as rejected.
func (s *Store) Rejected(ctx context.Context, input string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q("SELECT count(*) FROM rejects WHERE input = ?"), input).Scan(&n)
	return n > 0, err
}

// Counts summarises the database.
type Counts struct {
	Articles, Duplicates, Rejects, Events, Mentions int
}

// Count returns the database's totals.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles WHERE duplicate_of IS NULL),
		(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT count(*) FROM rejects),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM event_mentions)`).Scan(&c.Articles, &c.Duplicates, &c.Rejects, &c.Events, &c.Mentions)
	if err != nil {
		return c, fmt.Errorf("%s: count: %w", s.path, err)
	}
	return c, nil
}

// FeedValidators returns the ETag and Last-Modified stored for a feed.
func (s *Store) FeedValidators(ctx context.Context, feedURL string) (etag, lastModified string, err error) {
	err = s.db.QueryRowContext(ctx, s.q("SELECT etag, last_modified FROM feeds WHERE url = ?"), feedURL).Scan(&etag, &lastModified)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return
}

// SetFeedValidators stores a feed's ETag and Last-Modified.
func (s *Store) SetFeedValidators(ctx context.Context, feedURL, etag, lastModified string) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO feeds(url, etag, last_modified) VALUES (?, ?, ?)
		ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified`), feedURL, etag, lastModified)
	return err
}

// SeenFeedItem reports whether a feed item's GUID was already handled.
func (s *Store) SeenFeedItem(ctx context.Context, feedURL, guid string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q("SELECT count(*) FROM feed_items WHERE feed_url = ? AND guid = ?"), feedURL, guid).Scan(&n)
	return n > 0, err
}

// MarkFeedItem records a feed item's GUID as handled.
func (s *Store) MarkFeedItem(ctx context.Context, feedURL, guid string) error {
	_, err := s.db.ExecContext(ctx, s.q("INSERT INTO feed_items(feed_url, guid) VALUES (?, ?) ON CONFLICT DO NOTHING"), feedURL, guid)
	return err
}

// OpenReader opens an existing database for reading only, with a pool of
// connections so queries run in parallel (WAL lets them read while an
// ingest writes). The schema must be current: run an ingest, or Open, on
// an older file first. dbPath may be a postgres:// URL.
func OpenReader(ctx context.Context, dbPath string, conns int) (*sql.DB, error) {
	if conns <= 0 {
		conns = 4
	}
	name, d := dbPath, dialect.SQLite
	var db *sql.DB
	var err error
	if dialect.IsPostgres(dbPath) {
		name, d = redact(dbPath), dialect.Postgres
		db, err = sql.Open("pgx", dbPath)
	} else {
		if _, err := os.Stat(dbPath); err != nil {
			return nil, fmt.Errorf("open %s: %w", dbPath, err)
		}
		dsn := "file:" + (&url.URL{Path: dbPath}).EscapedPath() +
			"?mode=ro&_pragma=busy_timeout(10000)&_pragma=query_only(1)&_pragma=cache_size(-65536)&_pragma=mmap_size(1073741824)"
		db, err = sql.Open("sqlite", dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	v, err := schemaVersion(ctx, db, d)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	want, err := loadMigrations(d)
	if err != nil {
		db.Close()
		return nil, err
	}
	if v != len(want) {
		db.Close()
		return nil, fmt.Errorf("open %s: schema version %d, this warta reads %d (open it for writing once, e.g. with warta ingest, to migrate)", name, v, len(want))
	}
	return db, nil
}
