--liquibase formatted sql logicalFilePath:db/changelog/wiki/changelog.sql

-- The wiki changelog as it was at schema version 4, under the real changelog's name, so a database made with it is
-- migrated on by the real one. Tests only.

-- Schema of one wiki's own database (data/wikis/<id>/wiki.db). Every new changeset raises
-- OpenWikis.SCHEMA_VERSION by one.

--changeset wikifarm:wiki-1
CREATE TABLE preferences (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE drafts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    page_path     TEXT    NOT NULL,
    author        TEXT    NOT NULL,
    base_revision TEXT,
    content       TEXT    NOT NULL,
    cursor_line   INTEGER,
    cursor_ch     INTEGER,
    datetime      TEXT    NOT NULL,
    UNIQUE (page_path, author)
);
CREATE TABLE cache (
    key      TEXT NOT NULL PRIMARY KEY,
    value    TEXT NOT NULL,
    datetime TEXT NOT NULL
);
CREATE TABLE stats (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);
INSERT INTO stats (name, value, updated_at) VALUES ('page_count', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
INSERT INTO stats (name, value, updated_at) VALUES ('disk_usage_bytes', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

--changeset wikifarm:wiki-2
-- Search: each wiki's durable reindex queue, and vectors already computed (by text hash and model).
CREATE TABLE index_queue (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    page_path   TEXT    NOT NULL,
    op          TEXT    NOT NULL,
    enqueued_at TEXT    NOT NULL
);
CREATE TABLE embedding_cache (
    text_hash TEXT NOT NULL,
    model_id  TEXT NOT NULL,
    vector    BLOB NOT NULL,
    PRIMARY KEY (text_hash, model_id)
);

--changeset wikifarm:wiki-3
-- The commit that last changed each page, valid for the commit in page_last_change_stamp (one row): a restart reads
-- these instead of walking history. They may lag the repository after a crash, never lead it; the stamp tells.
CREATE TABLE page_last_change (
    page_path TEXT NOT NULL PRIMARY KEY,
    commit_id TEXT NOT NULL
);
CREATE TABLE page_last_change_stamp (
    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    commit_id TEXT    NOT NULL
);

--changeset wikifarm:wiki-4
-- Search: pages the indexer set aside (too large, too slow to read, text it could not handle), so one page cannot
-- hold up the rest; the status lists them and a retry or an edit queues them again. The queue gets an index on the
-- path so a page already waiting is not queued twice.
CREATE TABLE index_failures (
    page_path TEXT    NOT NULL PRIMARY KEY,
    reason    TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    failed_at TEXT    NOT NULL,
    attempts  INTEGER NOT NULL
);
CREATE INDEX index_queue_page_path ON index_queue (page_path);

