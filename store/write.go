package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/warta-id/warta/doc"
	"github.com/warta-id/warta/store/dialect"
)

// Entry is the ingest stage's outcome for one input.
type Entry struct {
	Input string        // where the input was read from: file, file:line, URL, WARC record
	Doc   *doc.Document // the processed article; nil for a rejected input
	Lang  string        // language the article was identified as
	Hash  string        // content hash of the article text
	// MinHash is the article's near-duplicate signature (stored so a
	// resumed ingest can rebuild its index).
	MinHash []byte
	// DuplicateOf is the id of the stored article this one duplicates ("" for
	// an original); its text is not stored again, its URL and outlet are
	// added to the original's and to the original's events' counts.
	DuplicateOf string
	Similarity  float64
	// Reject, when set, records the input as skipped or failed instead.
	Reject *Reject
	// Feed and GUID name the feed item the input came from, if any; it is
	// marked as handled in the same transaction.
	Feed, GUID string
}

// Reject says why an input was not stored as an article.
type Reject struct {
	// Failed is true for an error (unreadable, broken, failed to process)
	// and false for an input skipped by design (wrong language, no article).
	Failed bool
	Reason string // short, stable: "language:ms", "no-article", "read-error", …
	Detail string // the full message
}

// Write stores a batch of entries in one transaction, in order.
func (s *Store) Write(ctx context.Context, batch []Entry) error {
	return s.write(ctx, batch, nil)
}

// Turn is a run of queued work items, numbered First to Last in their
// stream, committed by one worker together with their entries.
type Turn struct {
	Stream      string
	First, Last uint64
	Worker      string        // the worker's name, for warta status
	Articles    int           // new articles in the entries
	Events      int           // events coded in them
	Dead        int           // items sent to the dead-letter subject
	Busy        time.Duration // time the worker spent on the items
}

// ErrNotYourTurn is WriteTurn's answer when the stream's progress is not
// just before the turn's first item: an earlier item is not committed
// yet, or these were committed already (by another delivery of them).
var ErrNotYourTurn = errors.New("not this turn's place in the stream")

// WriteTurn stores the entries of queued items First..Last and advances the
// stream's progress from First-1 to Last, all in one transaction. Items are
// committed strictly in stream order, so decisions that depend on earlier
// articles come out as in a single process; when the progress is not at
// First-1 nothing is written and the error is ErrNotYourTurn.
func (s *Store) WriteTurn(ctx context.Context, batch []Entry, t Turn) error {
	if t.First == 0 || t.Last < t.First {
		return fmt.Errorf("%s: turn %d..%d of %s: bad range", s.path, t.First, t.Last, t.Stream)
	}
	return s.write(ctx, batch, &t)
}

// QueueProgress is the number of the last committed item of a stream (0
// when none is).
func (s *Store) QueueProgress(ctx context.Context, stream string) (uint64, error) {
	var seq int64
	err := s.db.QueryRowContext(ctx, s.q("SELECT seq FROM queue_progress WHERE stream = ?"), stream).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("%s: queue progress: %w", s.path, err)
	}
	return uint64(seq), nil
}

// Attempt records that a worker starts on item seq of a stream, the next
// one to commit, and returns how many times workers have (this one
// included). A worker that dies on an item leaves the count raised, so an
// item that keeps killing workers can be told from one merely delivered
// again.
func (s *Store) Attempt(ctx context.Context, stream string, seq uint64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO queue_attempts(stream, seq, attempts) VALUES (?, ?, 1)
		ON CONFLICT(stream, seq) DO UPDATE SET attempts = queue_attempts.attempts + 1 RETURNING attempts`), stream, int64(seq)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("%s: attempt %s#%d: %w", s.path, stream, seq, err)
	}
	return n, nil
}

// WorkerStats is what one worker has committed.
type WorkerStats struct {
	Name              string
	Started, LastSeen time.Time
	Items, Articles   int64
	Events, Dead      int64
	Busy              time.Duration
}

// Workers lists the workers that have committed to the store, by name.
func (s *Store) Workers(ctx context.Context) ([]WorkerStats, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name, started, last_seen, items, articles, events, dead, busy_seconds FROM queue_workers ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("%s: workers: %w", s.path, err)
	}
	defer rows.Close()
	var out []WorkerStats
	for rows.Next() {
		var w WorkerStats
		var started, seen string
		var busy float64
		if err := rows.Scan(&w.Name, &started, &seen, &w.Items, &w.Articles, &w.Events, &w.Dead, &busy); err != nil {
			return nil, fmt.Errorf("%s: workers: %w", s.path, err)
		}
		w.Started, _ = time.Parse(time.RFC3339Nano, started)
		w.LastSeen, _ = time.Parse(time.RFC3339Nano, seen)
		w.Busy = time.Duration(busy * float64(time.Second))
		out = append(out, w)
	}
	return out, rows.Err()
}

func (s *Store) write(ctx context.Context, batch []Entry, turn *Turn) error {
	if s.dialect == dialect.Postgres {
		return s.writePostgres(ctx, batch, turn)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", s.path, err)
	}
	w := writer{s: s, tx: tx, ctx: ctx, stmts: map[string]*sql.Stmt{}, places: map[string]int64{}}
	defer w.close()
	if err := w.run(batch, turn); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", s.path, err)
	}
	return nil
}

// writePostgres writes a batch through the pgx connection itself, so the
// statements whose results the writer does not read are sent in batches
// (pgx.Batch: one round trip each) rather than one round trip each.
func (s *Store) writePostgres(ctx context.Context, batch []Entry, turn *Turn) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("%s: connect: %w", s.path, err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("%s: not a pgx connection (%T)", s.path, dc)
		}
		tx, err := sc.Conn().Begin(ctx)
		if err != nil {
			return fmt.Errorf("%s: begin: %w", s.path, err)
		}
		w := writer{s: s, pg: tx, ctx: ctx, places: map[string]int64{}}
		if err := w.run(batch, turn); err != nil {
			tx.Rollback(ctx)
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("%s: commit: %w", s.path, err)
		}
		return nil
	})
}

// run writes the turn's progress and the entries in the writer's
// transaction.
func (w *writer) run(batch []Entry, turn *Turn) error {
	s := w.s
	if turn != nil {
		err := w.advance(turn)
		if err == nil {
			err = w.flush()
		}
		if err != nil {
			if errors.Is(err, ErrNotYourTurn) {
				return err
			}
			return fmt.Errorf("%s: %s %d..%d: %w", s.path, turn.Stream, turn.First, turn.Last, err)
		}
	}
	for i := range batch {
		err := w.entry(&batch[i])
		if err == nil {
			err = w.flush() // so an error is laid at the right input's door
		}
		if err != nil {
			return fmt.Errorf("%s: store %s: %w", s.path, batch[i].Input, err)
		}
	}
	return nil
}

// advance moves the stream's progress from First-1 to Last (first of all
// in the transaction, so a second delivery of the same items waits on the
// row and then finds it moved) and adds the turn to its worker's counts.
func (w *writer) advance(t *Turn) error {
	if _, err := w.exec("INSERT INTO queue_progress(stream, seq) VALUES (?, 0) ON CONFLICT DO NOTHING", t.Stream); err != nil {
		return err
	}
	n, err := w.exec("UPDATE queue_progress SET seq = ? WHERE stream = ? AND seq = ?", int64(t.Last), t.Stream, int64(t.First-1))
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotYourTurn
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	return w.later(`INSERT INTO queue_workers(name, started, last_seen, items, articles, events, dead, busy_seconds)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET last_seen = excluded.last_seen,
			items = queue_workers.items + excluded.items, articles = queue_workers.articles + excluded.articles,
			events = queue_workers.events + excluded.events, dead = queue_workers.dead + excluded.dead,
			busy_seconds = queue_workers.busy_seconds + excluded.busy_seconds`,
		t.Worker, now, now, int64(t.Last-t.First+1), t.Articles, t.Events, t.Dead, t.Busy.Seconds())
}

// writer writes entries in one transaction: an SQLite one through
// database/sql with statements prepared once per batch, or a PostgreSQL
// one through pgx, where statements whose results are not read wait in a
// pgx.Batch until the next read, the end of the entry, or the commit.
type writer struct {
	s     *Store
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // prepared once per batch
	pg    pgx.Tx
	queue pgx.Batch
	// places caches place ids looked up or inserted in this transaction
	places map[string]int64
}

// stmt returns q prepared in the batch's transaction.
func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, w.s.q(q))
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// exec runs a statement now and returns the number of rows it changed.
func (w *writer) exec(q string, args ...any) (int64, error) {
	if w.pg != nil {
		if err := w.flush(); err != nil {
			return 0, err
		}
		tag, err := w.pg.Exec(w.ctx, w.s.q(q), args...)
		return tag.RowsAffected(), err
	}
	st, err := w.stmt(q)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(w.ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// later runs a statement whose result is not needed: now on SQLite, with
// the next batch on PostgreSQL.
func (w *writer) later(q string, args ...any) error {
	if w.pg != nil {
		w.queue.Queue(w.s.q(q), args...)
		return nil
	}
	_, err := w.exec(q, args...)
	return err
}

// flush sends the statements waiting for PostgreSQL.
func (w *writer) flush() error {
	if w.pg == nil || w.queue.Len() == 0 {
		return nil
	}
	b := w.queue
	w.queue = pgx.Batch{}
	n := b.Len()
	br := w.pg.SendBatch(w.ctx, &b)
	for i := 0; i < n; i++ {
		if _, err := br.Exec(); err != nil {
			br.Close()
			return err
		}
	}
	return br.Close()
}

// row is one result row; errors surface from Scan.
type row interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// queryRow runs a single-row query now.
func (w *writer) queryRow(q string, args ...any) row {
	if w.pg != nil {
		if err := w.flush(); err != nil {
			return errRow{err}
		}
		return w.pg.QueryRow(w.ctx, w.s.q(q), args...)
	}
	st, err := w.stmt(q)
	if err != nil {
		return w.tx.QueryRowContext(w.ctx, w.s.q(q), args...) // reports the same error
	}
	return st.QueryRowContext(w.ctx, args...)
}

// each runs a query now and calls fn with each row's Scan; fn returning
// errStop ends the loop early.
func (w *writer) each(q string, args []any, fn func(scan func(dest ...any) error) error) error {
	var rows interface {
		Next() bool
		Scan(dest ...any) error
		Err() error
	}
	if w.pg != nil {
		if err := w.flush(); err != nil {
			return err
		}
		r, err := w.pg.Query(w.ctx, w.s.q(q), args...)
		if err != nil {
			return err
		}
		defer r.Close()
		rows = r
	} else {
		st, err := w.stmt(q)
		if err != nil {
			return err
		}
		r, err := st.QueryContext(w.ctx, args...)
		if err != nil {
			return err
		}
		defer r.Close()
		rows = r
	}
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			if err == errStop {
				return nil
			}
			return err
		}
	}
	return rows.Err()
}

var errStop = errors.New("stop")

func (w *writer) entry(e *Entry) error {
	if e.Reject != nil {
		kind := "skipped"
		if e.Reject.Failed {
			kind = "failed"
		}
		err := w.later("INSERT INTO rejects(input, kind, reason, detail) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", e.Input, kind, e.Reject.Reason, e.Reject.Detail)
		if err != nil {
			return err
		}
		return w.markFeedItem(e)
	}
	if e.Doc == nil {
		return fmt.Errorf("entry has neither an article nor a reject reason")
	}
	var err error
	if e.DuplicateOf != "" {
		err = w.duplicate(e)
	} else {
		err = w.original(e)
	}
	if err != nil {
		return err
	}
	return w.markFeedItem(e)
}

// markFeedItem records the feed item an entry came from as handled, in the
// same transaction as the entry, so a killed poll fetches it again.
func (w *writer) markFeedItem(e *Entry) error {
	if e.Feed == "" {
		return nil
	}
	err := w.later("INSERT INTO feed_items(feed_url, guid) VALUES (?, ?) ON CONFLICT DO NOTHING", e.Feed, e.GUID)
	return err
}

// insertRows inserts rows (all of the same width) with statements of up to
// 64 rows each: head, then "(?, …), (?, …)", then tail.
func (w *writer) insertRows(head, tail string, rows [][]any) error {
	const per = 64
	for len(rows) > 0 {
		k := min(per, len(rows))
		chunk := rows[:k]
		rows = rows[k:]
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(chunk[0])), ", ") + ")"
		var q strings.Builder
		q.WriteString(head)
		args := make([]any, 0, k*len(chunk[0]))
		for i, r := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, r...)
		}
		q.WriteString(tail)
		if err := w.later(q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// SourceOf names the outlet an article came from, as event sources are
// counted: the URL's host without "www.", else the input's source, else the
// dateline's outlet, else "unknown".
func SourceOf(d *doc.Document) string {
	if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	if d.Source != "" {
		return d.Source
	}
	if d.Dateline != nil && d.Dateline.Outlet != "" {
		return d.Dateline.Outlet
	}
	return "unknown"
}

// outlet is the name an article's outlet goes by: the input's source
// ("Warta Dunia") when it gives one, else SourceOf (the URL's host).
func outlet(d *doc.Document) string {
	if d.Source != "" {
		return d.Source
	}
	return SourceOf(d)
}

func published(d *doc.Document) string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(time.RFC3339)
}

// insertArticle stores the article row and returns its number, or 0 when
// an article with its id is stored already (by an earlier run: ingesting
// twice changes nothing).
func (w *writer) insertArticle(e *Entry, dupOf any, text string) (int64, error) {
	d := e.Doc
	var n int64
	err := w.queryRow(`INSERT INTO articles(id, input, url, title, source, published, published_guessed, lang,
		content_hash, minhash, duplicate_of, similarity, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO NOTHING RETURNING n`,
		d.ID, e.Input, d.URL, d.Title, outlet(d), published(d), flag(d.PublishedGuessed), e.Lang,
		e.Hash, e.MinHash, dupOf, nullIfZero(e.Similarity, dupOf != nil), text).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// flag stores a boolean as 0 or 1 (an INTEGER column in both databases).
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullIfZero(f float64, keep bool) any {
	if !keep {
		return nil
	}
	return f
}

func (w *writer) original(e *Entry) error {
	d := e.Doc
	n, err := w.insertArticle(e, nil, d.Text)
	if err != nil || n == 0 {
		return err
	}
	if d.URL != "" {
		if err := w.later("INSERT INTO article_urls(article_n, url, source) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", n, d.URL, SourceOf(d)); err != nil {
			return err
		}
	}
	// Sentences and entities go in many rows per statement: one round trip
	// for a PostgreSQL server instead of one per row.
	rows := make([][]any, 0, len(d.Sentences))
	for _, s := range d.Sentences {
		rows = append(rows, []any{n, s.Index, s.Start, s.End})
	}
	if err := w.insertRows(`INSERT INTO sentences(article_n, idx, start, "end") VALUES `, "", rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, m := range d.Mentions {
		codes, sectors, names := actorFields(m.Actors)
		if m.Place != nil && codes == "" {
			codes, names = m.Place.Country, m.Place.Name
		}
		rows = append(rows, []any{n, m.Start, m.End, string(m.Kind), codes, sectors, names, m.Text})
	}
	if err := w.insertRows(`INSERT INTO entities(article_n, start, "end", kind, code, sector, name, text) VALUES `, " ON CONFLICT DO NOTHING", rows); err != nil {
		return err
	}
	touched := map[int64]bool{}
	best := map[int64]float64{} // each event's highest confidence in this article
	var order []int64
	for i := range d.Events {
		ev := &d.Events[i]
		if ev.Negated || ev.Hypothetical {
			continue // not an event that happened; `warta code --all` shows them
		}
		id, err := w.cluster(ev, n)
		if err != nil {
			return err
		}
		rec, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		if err := w.later(`INSERT INTO event_mentions(event_id, article_n, key, sentence, start, "end", confidence, record, evidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, n, ev.ID, ev.Evidence.Sentence, ev.Evidence.Start, ev.Evidence.End, ev.Confidence, string(rec), ev.Evidence.Text); err != nil {
			return err
		}
		if c, ok := best[id]; !ok || ev.Confidence > c {
			best[id] = ev.Confidence
		}
		if !touched[id] {
			touched[id] = true
			order = append(order, id)
			if err := w.later("INSERT INTO event_articles(event_id, article_n) VALUES (?, ?) ON CONFLICT DO NOTHING", id, n); err != nil {
				return err
			}
			if err := w.later("INSERT INTO event_sources(event_id, source) VALUES (?, ?) ON CONFLICT DO NOTHING", id, SourceOf(d)); err != nil {
				return err
			}
		}
	}
	return w.recount(order, best)
}

// duplicate stores e as a copy of an earlier article: no text, its URL
// added to the original's, and the original's events counted once more.
func (w *writer) duplicate(e *Entry) error {
	var orig int64
	err := w.queryRow("SELECT coalesce(duplicate_of, n) FROM articles WHERE id = ?", e.DuplicateOf).Scan(&orig)
	if err != nil {
		return fmt.Errorf("duplicate of %s: %w", e.DuplicateOf, err)
	}
	n, err := w.insertArticle(e, orig, "")
	if err != nil || n == 0 {
		return err
	}
	src := SourceOf(e.Doc)
	if e.Doc.URL != "" {
		if err := w.later("INSERT INTO article_urls(article_n, url, source) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", orig, e.Doc.URL, src); err != nil {
			return err
		}
	}
	var ids []int64
	err = w.each("SELECT event_id FROM event_articles WHERE article_n = ? ORDER BY event_id", []any{orig}, func(scan func(...any) error) error {
		var id int64
		if err := scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := w.later("INSERT INTO event_articles(event_id, article_n) VALUES (?, ?) ON CONFLICT DO NOTHING", id, n); err != nil {
			return err
		}
		if err := w.later("INSERT INTO event_sources(event_id, source) VALUES (?, ?) ON CONFLICT DO NOTHING", id, src); err != nil {
			return err
		}
	}
	return w.recount(ids, nil)
}

// recount sets the events' mention, article and source counts, and raises
// their confidence to the one given, if higher.
func (w *writer) recount(ids []int64, confidence map[int64]float64) error {
	for _, id := range ids {
		c, ok := confidence[id]
		if !ok {
			c = -1
		}
		if err := w.later(`UPDATE events SET
			confidence = CASE WHEN confidence < ?2 THEN ?2 ELSE confidence END,
			num_mentions = (SELECT count(*) FROM event_mentions WHERE event_id = ?1),
			num_articles = (SELECT count(*) FROM event_articles WHERE event_id = ?1),
			num_sources  = (SELECT count(*) FROM event_sources WHERE event_id = ?1)
			WHERE id = ?1`, id, c); err != nil {
			return err
		}
	}
	return nil
}

// actorFields joins the codes, sectors and names of a mention's actors.
func actorFields(as []doc.Actor) (codes, sectors, names string) {
	var c, s, n []string
	for _, a := range as {
		c = append(c, a.Code)
		s = append(s, a.Sector)
		n = append(n, a.Name)
	}
	return strings.Join(c, ";"), strings.Join(s, ";"), strings.Join(n, ";")
}

// ActorKey is the clustering key of an actor list: its distinct codes,
// sorted and joined with ";" ("" when there is none).
func ActorKey(as []doc.Actor) string {
	set := map[string]bool{}
	var codes []string
	for _, a := range as {
		if a.Code != "" && !set[a.Code] {
			set[a.Code] = true
			codes = append(codes, a.Code)
		}
	}
	sort.Strings(codes)
	return strings.Join(codes, ";")
}

// cluster returns the id of the stored event ev is a report of, creating it
// when there is none. Reports cluster when type, mode, future flag, actor
// and recipient codes agree, their dates are at most ClusterDays apart and
// their places are compatible (one unknown, or the same place). Events
// without a date or an actor code are never clustered.
func (w *writer) cluster(ev *doc.Event, articleN int64) (int64, error) {
	actor, recipient := ActorKey(ev.Actor), ActorKey(ev.Recipient)
	placeID, err := w.place(ev.Location)
	if err != nil {
		return 0, err
	}
	day, derr := time.Parse("2006-01-02", ev.Date)
	if derr == nil && actor != "" {
		win := time.Duration(w.s.ClusterDays) * 24 * time.Hour
		found := int64(0)
		err := w.each(`SELECT id, place_id FROM events
			WHERE event_type = ? AND actor_code = ? AND recipient_code = ? AND mode = ? AND future = ?
			AND date BETWEEN ? AND ? ORDER BY id`,
			[]any{ev.EventType, actor, recipient, ev.Mode, flag(ev.Future),
				day.Add(-win).Format("2006-01-02"), day.Add(win).Format("2006-01-02")},
			func(scan func(...any) error) error {
				var id int64
				var pid sql.NullInt64
				if err := scan(&id, &pid); err != nil {
					return err
				}
				if !pid.Valid || placeID == nil || pid.Int64 == *placeID {
					found = id
					return errStop
				}
				return nil
			})
		if err != nil {
			return 0, err
		}
		if found != 0 {
			if placeID != nil {
				// the first report that names the place gives it to the event
				if err := w.later("UPDATE events SET place_id = coalesce(place_id, ?) WHERE id = ?", *placeID, found); err != nil {
					return 0, err
				}
			}
			return found, nil
		}
	}
	var pid any
	if placeID != nil {
		pid = *placeID
	}
	var id int64
	err = w.queryRow(`INSERT INTO events(event_type, mode, cameo, goldstein, quad_class, plover_score, actor_code, recipient_code,
		date, date_precision, place_id, future, historical, confidence, first_article)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		ev.EventType, ev.Mode, ev.CAMEO, ev.Goldstein, ev.QuadClass, ev.PloverScore, actor, recipient,
		ev.Date, ev.DatePrecision, pid, flag(ev.Future), flag(ev.Historical), ev.Confidence, articleN).Scan(&id)
	if err != nil {
		return 0, err
	}
	if err := w.later(`INSERT INTO event_days(date, event_type, quad_class, events, goldstein_sum) VALUES (?, ?, ?, 1, ?)
		ON CONFLICT(date, event_type, quad_class) DO UPDATE SET events = event_days.events + 1, goldstein_sum = event_days.goldstein_sum + excluded.goldstein_sum`,
		ev.Date, ev.EventType, ev.QuadClass, ev.Goldstein); err != nil {
		return 0, err
	}
	if err := w.later(`INSERT INTO event_months(month, event_type, quad_class, events, goldstein_sum) VALUES (substr(?, 1, 7), ?, ?, 1, ?)
		ON CONFLICT(month, event_type, quad_class) DO UPDATE SET events = event_months.events + 1, goldstein_sum = event_months.goldstein_sum + excluded.goldstein_sum`,
		ev.Date, ev.EventType, ev.QuadClass, ev.Goldstein); err != nil {
		return 0, err
	}
	for _, r := range []struct {
		role string
		as   []doc.Actor
	}{{"actor", ev.Actor}, {"recipient", ev.Recipient}} {
		role := r.role
		for _, a := range r.as {
			if a.Code == "" {
				continue
			}
			if err := w.later("INSERT INTO event_actors(event_id, role, code, sector, name) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
				id, role, a.Code, a.Sector, a.Name); err != nil {
				return 0, err
			}
		}
	}
	return id, nil
}

// place returns the id of p's row in places, inserting it when new; nil
// when the event has no place.
func (w *writer) place(p *doc.Place) (*int64, error) {
	if p == nil || (p.Name == "" && p.Text == "") {
		return nil, nil
	}
	name := p.Name
	if name == "" {
		name = p.Text
	}
	// Look first, insert only when new: an INSERT that conflicts would
	// still use up a PostgreSQL identity number, and place ids are shown.
	key := fmt.Sprintf("%s\x00%s\x00%d", name, p.Country, p.GeonameID)
	if id, ok := w.places[key]; ok {
		return &id, nil
	}
	var id int64
	err := w.queryRow("SELECT id FROM places WHERE name = ? AND country = ? AND geonameid = ?",
		name, p.Country, p.GeonameID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = w.queryRow("INSERT INTO places(name, country, geonameid, lat, lon, admin1, level) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			name, p.Country, p.GeonameID, coord(p.Lat, p.Lon), coord(p.Lon, p.Lat), p.Admin1, p.Level).Scan(&id)
	}
	if err != nil {
		return nil, err
	}
	w.places[key] = id
	return &id, nil
}

// coord is v, or NULL when the place has no coordinates (both zero).
func coord(v, other float64) any {
	if v == 0 && other == 0 {
		return nil
	}
	return v
}
