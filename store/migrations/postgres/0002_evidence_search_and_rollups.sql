-- Warta store on PostgreSQL, schema version 2 (see ../sqlite/0002_*.sql):
-- evidence text and its full-text index, and the daily and monthly
-- rollups the writer keeps.

ALTER TABLE event_mentions ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
UPDATE event_mentions SET evidence = coalesce(record::jsonb #>> '{evidence,text}', '');
ALTER TABLE event_mentions ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', evidence)) STORED;
CREATE INDEX event_mentions_search ON event_mentions USING gin(search);

CREATE INDEX events_quad_date ON events(quad_class, date);
CREATE INDEX events_type_date ON events(event_type, date);

CREATE TABLE event_days (
    date           TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    events         INTEGER NOT NULL,
    goldstein_sum  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (date, event_type, quad_class)
);
INSERT INTO event_days(date, event_type, quad_class, events, goldstein_sum)
    SELECT date, event_type, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3;
CREATE INDEX event_days_type ON event_days(event_type, date, quad_class, events, goldstein_sum);

CREATE TABLE event_months (
    month          TEXT NOT NULL,
    event_type     TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    events         INTEGER NOT NULL,
    goldstein_sum  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (month, event_type, quad_class)
);
INSERT INTO event_months(month, event_type, quad_class, events, goldstein_sum)
    SELECT substr(date, 1, 7), event_type, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3;
