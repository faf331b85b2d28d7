--liquibase formatted sql

-- Schema of the platform database (data/platform.db): who exists, which wikis exist, who may do what.
-- Every new changeset raises PlatformDatabase.SCHEMA_VERSION by one. Timestamps are ISO-8601 UTC text.

--changeset wikifarm:platform-1
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL UNIQUE,
    email         TEXT,
    display_name  TEXT,
    auth_provider TEXT    NOT NULL,
    auth_subject  TEXT    NOT NULL,
    password_hash TEXT,
    is_admin      INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    last_seen     TEXT,
    UNIQUE (auth_provider, auth_subject)
);
CREATE TABLE wikis (
    id             TEXT    NOT NULL PRIMARY KEY,
    owner          INTEGER NOT NULL REFERENCES users (id),
    slug           TEXT    NOT NULL,
    custom_slug    TEXT UNIQUE,
    display_name   TEXT    NOT NULL,
    is_public      INTEGER NOT NULL DEFAULT 0,
    payment_status TEXT    NOT NULL DEFAULT 'free' CHECK (payment_status IN ('free', 'active', 'lapsed')),
    created_at     TEXT    NOT NULL,
    last_accessed  TEXT,
    page_count     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (owner, slug)
);
CREATE TABLE wiki_domains (
    domain  TEXT NOT NULL PRIMARY KEY,
    wiki_id TEXT NOT NULL REFERENCES wikis (id) ON DELETE CASCADE
);
CREATE TABLE acl (
    wiki       TEXT    NOT NULL REFERENCES wikis (id) ON DELETE CASCADE,
    grantee    INTEGER NOT NULL REFERENCES users (id),
    role       TEXT    NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    granted_by INTEGER REFERENCES users (id),
    granted_at TEXT    NOT NULL,
    PRIMARY KEY (wiki, grantee)
);
CREATE INDEX acl_by_grantee ON acl (grantee);

--changeset wikifarm:platform-2
-- Bearer tokens of a wiki (for the API, MCP and git). Only a SHA-256 hash of the secret is stored.
CREATE TABLE tokens (
    id           TEXT    NOT NULL PRIMARY KEY,
    wiki         TEXT    NOT NULL REFERENCES wikis (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('editor', 'viewer')),
    secret_hash  TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    UNIQUE (wiki, name)
);
-- Settings an administrator changes at run time (e.g. whether sign-up is open).
CREATE TABLE platform_settings (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
