package serve

import (
	"container/list"
	"context"
	"database/sql"
	"sync"
	"time"
)

// cache keeps recent answers by URL. It is emptied when the store changes:
// at most once a second it reads the store's generation (the highest
// article, event and mention ids, each an index lookup), so an ingest
// running beside the server shows up within a second.
type cache struct {
	db  *sql.DB
	max int

	mu      sync.Mutex
	lru     *list.List // of *entry, most recent first
	byKey   map[string]*list.Element
	gen     [3]int64
	checked time.Time
}

type entry struct {
	key  string
	body []byte
}

func newCache(max int, db *sql.DB) *cache {
	return &cache{db: db, max: max, lru: list.New(), byKey: map[string]*list.Element{}}
}

func (c *cache) generation(ctx context.Context) ([3]int64, error) {
	var g [3]int64
	err := c.db.QueryRowContext(ctx, `SELECT
		coalesce((SELECT max(n) FROM articles), 0),
		coalesce((SELECT max(id) FROM events), 0),
		coalesce((SELECT max(id) FROM event_mentions), 0)`).Scan(&g[0], &g[1], &g[2])
	return g, err
}

// fresh drops everything when the store has changed since the last check.
func (c *cache) fresh(ctx context.Context) {
	c.mu.Lock()
	due := time.Since(c.checked) >= time.Second
	if due {
		c.checked = time.Now()
	}
	c.mu.Unlock()
	if !due {
		return
	}
	g, err := c.generation(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil || g != c.gen {
		c.gen = g
		c.lru.Init()
		c.byKey = map[string]*list.Element{}
	}
}

func (c *cache) get(ctx context.Context, key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.fresh(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*entry).body, true
}

func (c *cache) put(key string, body []byte) {
	if c == nil || len(body) > 4<<20 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		el.Value.(*entry).body = body
		c.lru.MoveToFront(el)
		return
	}
	c.byKey[key] = c.lru.PushFront(&entry{key, body})
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.byKey, old.Value.(*entry).key)
	}
}
