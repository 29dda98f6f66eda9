-- Warta store, schema version 4: distributed ingestion (warta worker).
--
-- queue_progress  per work stream, the sequence number of the last work
--                 item whose articles are committed; workers commit items
--                 strictly in stream order, advancing it in the same
--                 transaction, so every decision that depends on earlier
--                 articles (duplicates, event clustering) is taken in the
--                 order a single process would take it, and an item
--                 delivered twice is stored once
-- queue_attempts  how many times workers started on the next item to
--                 commit; one that keeps killing workers is given up on
-- queue_workers   what each worker has done, for warta status
CREATE TABLE queue_progress (
    stream TEXT PRIMARY KEY,
    seq    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE queue_workers (
    name         TEXT PRIMARY KEY,
    started      TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    items        BIGINT NOT NULL DEFAULT 0,
    articles     BIGINT NOT NULL DEFAULT 0,
    events       BIGINT NOT NULL DEFAULT 0,
    dead         BIGINT NOT NULL DEFAULT 0,
    busy_seconds DOUBLE PRECISION NOT NULL DEFAULT 0
);

CREATE TABLE queue_attempts (
    stream   TEXT NOT NULL,
    seq      BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (stream, seq)
);
