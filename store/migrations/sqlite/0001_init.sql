-- Warta store, schema version 1.
--
-- articles      one row per article read, originals and duplicates; the
--               text is kept once, on the original (duplicate_of is NULL)
-- article_urls  every URL an article was seen under, its duplicates' too
-- sentences     byte offsets of each sentence in articles.text
-- entities      actor and place mentions found in an article (byte spans)
-- events        one row per real-world event: mentions of the same event
--               in several articles are clustered onto it (GDELT's
--               NumMentions, NumArticles, NumSources)
-- event_mentions one coded event in one article sentence, with the JSON the
--               coder produced (the PLOVER record)
-- event_actors  the actors and recipients of an event, one row per code and
--               sector
-- event_articles / event_sources  which articles (duplicates included) and
--               which outlets reported an event
-- places        the places events happened in
-- rejects       inputs that were skipped or failed, with the reason
-- feeds, feed_items  conditional-GET validators and GUIDs already seen

CREATE TABLE articles (
    n                 INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    input             TEXT NOT NULL DEFAULT '',
    url               TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT '',
    published         TEXT NOT NULL DEFAULT '',
    published_guessed INTEGER NOT NULL DEFAULT 0,
    lang              TEXT NOT NULL DEFAULT '',
    content_hash      TEXT NOT NULL,
    minhash           BLOB,
    duplicate_of      INTEGER REFERENCES articles(n),
    similarity        REAL,
    text              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles WHEN new.duplicate_of IS NULL BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN old.duplicate_of IS NULL BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
END;

CREATE TABLE article_urls (
    article_n INTEGER NOT NULL REFERENCES articles(n),
    url       TEXT NOT NULL,
    source    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_n, url)
) WITHOUT ROWID;
CREATE INDEX article_urls_url ON article_urls(url);

CREATE TABLE sentences (
    article_n INTEGER NOT NULL REFERENCES articles(n),
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    PRIMARY KEY (article_n, idx)
) WITHOUT ROWID;

CREATE TABLE entities (
    article_n INTEGER NOT NULL REFERENCES articles(n),
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    code      TEXT NOT NULL DEFAULT '',
    sector    TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL DEFAULT '',
    text      TEXT NOT NULL,
    PRIMARY KEY (article_n, start, "end")
) WITHOUT ROWID;

CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    country   TEXT NOT NULL DEFAULT '',
    geonameid INTEGER NOT NULL DEFAULT 0,
    lat       REAL,
    lon       REAL,
    UNIQUE (name, country, geonameid)
);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    event_type     TEXT NOT NULL,
    mode           TEXT NOT NULL DEFAULT '',
    cameo          TEXT NOT NULL DEFAULT '',
    goldstein      REAL NOT NULL DEFAULT 0,
    quad_class     INTEGER NOT NULL DEFAULT 0,
    plover_score   REAL NOT NULL DEFAULT 0,
    actor_code     TEXT NOT NULL,
    recipient_code TEXT NOT NULL,
    date           TEXT NOT NULL,
    date_precision TEXT NOT NULL DEFAULT '',
    place_id       INTEGER REFERENCES places(id),
    future         INTEGER NOT NULL DEFAULT 0,
    historical     INTEGER NOT NULL DEFAULT 0,
    confidence     REAL NOT NULL DEFAULT 0,
    num_mentions   INTEGER NOT NULL DEFAULT 0,
    num_articles   INTEGER NOT NULL DEFAULT 0,
    num_sources    INTEGER NOT NULL DEFAULT 0,
    first_article  INTEGER NOT NULL REFERENCES articles(n)
);
CREATE INDEX events_key ON events(event_type, actor_code, recipient_code, date);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_mentions (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    article_n  INTEGER NOT NULL REFERENCES articles(n),
    key        TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    confidence REAL NOT NULL,
    record     TEXT NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX event_mentions_article ON event_mentions(article_n);

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    role     TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    code     TEXT NOT NULL,
    sector   TEXT NOT NULL DEFAULT '',
    name     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, role, code, sector)
) WITHOUT ROWID;
CREATE INDEX event_actors_code ON event_actors(code, role);

CREATE TABLE event_articles (
    event_id  INTEGER NOT NULL REFERENCES events(id),
    article_n INTEGER NOT NULL REFERENCES articles(n),
    PRIMARY KEY (event_id, article_n)
) WITHOUT ROWID;
CREATE INDEX event_articles_article ON event_articles(article_n);

CREATE TABLE event_sources (
    event_id INTEGER NOT NULL REFERENCES events(id),
    source   TEXT NOT NULL,
    PRIMARY KEY (event_id, source)
) WITHOUT ROWID;

CREATE TABLE rejects (
    input  TEXT PRIMARY KEY,
    kind   TEXT NOT NULL CHECK (kind IN ('skipped', 'failed')),
    reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    guid     TEXT NOT NULL,
    PRIMARY KEY (feed_url, guid)
) WITHOUT ROWID;
