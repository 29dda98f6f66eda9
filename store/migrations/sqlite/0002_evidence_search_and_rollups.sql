-- Warta store, schema version 2: full-text search over event evidence.
--
-- event_mentions.evidence holds the evidence sentence's text (also inside
-- the JSON record) so that the API can filter events by words in their
-- evidence; event_mentions_fts indexes it.

ALTER TABLE event_mentions ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
UPDATE event_mentions SET evidence = coalesce(json_extract(record, '$.evidence.text'), '');

CREATE VIRTUAL TABLE event_mentions_fts USING fts5(
    evidence,
    content = 'event_mentions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO event_mentions_fts(rowid, evidence) SELECT id, evidence FROM event_mentions;
CREATE TRIGGER event_mentions_fts_insert AFTER INSERT ON event_mentions BEGIN
    INSERT INTO event_mentions_fts(rowid, evidence) VALUES (new.id, new.evidence);
END;
CREATE TRIGGER event_mentions_fts_delete AFTER DELETE ON event_mentions BEGIN
    INSERT INTO event_mentions_fts(event_mentions_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence);
END;

CREATE INDEX events_quad_date ON events(quad_class, date);
CREATE INDEX events_type_date ON events(event_type, date);

-- event_days: events per day, type and QuadClass with their Goldstein sum,
-- kept by the writer, so timelines over millions of events read a few
-- thousand rows.
CREATE TABLE event_days (
    date           TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    events         INTEGER NOT NULL,
    goldstein_sum  REAL NOT NULL,
    PRIMARY KEY (date, event_type, quad_class)
) WITHOUT ROWID;
INSERT INTO event_days(date, event_type, quad_class, events, goldstein_sum)
    SELECT date, event_type, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3;
CREATE INDEX event_days_type ON event_days(event_type, date, quad_class, events, goldstein_sum);

-- event_months: the same per month, for monthly timelines over the whole
-- store.
CREATE TABLE event_months (
    month          TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    events         INTEGER NOT NULL,
    goldstein_sum  REAL NOT NULL,
    PRIMARY KEY (month, event_type, quad_class)
) WITHOUT ROWID;
INSERT INTO event_months(month, event_type, quad_class, events, goldstein_sum)
    SELECT substr(date, 1, 7), event_type, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3;
