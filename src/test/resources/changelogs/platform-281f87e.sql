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

--changeset wikifarm:platform-3
-- Usernames and custom slugs are one namespace: both become the host label <name>.<base> in host mode, so a name
-- held by one can never be taken by the other. The primary key decides, atomically, who gets a name; the triggers
-- below keep the table in step with users and wikis whatever code writes them.
CREATE TABLE host_names (
    name    TEXT NOT NULL PRIMARY KEY,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    wiki_id TEXT REFERENCES wikis (id) ON DELETE CASCADE,
    CHECK ((user_id IS NULL) <> (wiki_id IS NULL))
);
INSERT INTO host_names (name, user_id) SELECT username, id FROM users;
-- A custom slug equal to a username was already unreachable (the user's host wins): drop it, so the wiki is served
-- at its owner's address again instead of redirecting to a host it cannot have.
UPDATE wikis SET custom_slug = NULL WHERE custom_slug IN (SELECT name FROM host_names);
INSERT INTO host_names (name, wiki_id) SELECT custom_slug, id FROM wikis WHERE custom_slug IS NOT NULL;

--changeset wikifarm:platform-4 splitStatements:false
CREATE TRIGGER host_names_of_new_users AFTER INSERT ON users
BEGIN
    INSERT INTO host_names (name, user_id) VALUES (NEW.username, NEW.id);
END;

--changeset wikifarm:platform-5 splitStatements:false
CREATE TRIGGER host_names_of_renamed_users AFTER UPDATE OF username ON users
BEGIN
    DELETE FROM host_names WHERE user_id = NEW.id;
    INSERT INTO host_names (name, user_id) VALUES (NEW.username, NEW.id);
END;

--changeset wikifarm:platform-6 splitStatements:false
CREATE TRIGGER host_names_of_new_wikis AFTER INSERT ON wikis WHEN NEW.custom_slug IS NOT NULL
BEGIN
    INSERT INTO host_names (name, wiki_id) VALUES (NEW.custom_slug, NEW.id);
END;

--changeset wikifarm:platform-7 splitStatements:false
CREATE TRIGGER host_names_of_custom_slugs AFTER UPDATE OF custom_slug ON wikis
BEGIN
    DELETE FROM host_names WHERE wiki_id = NEW.id;
    INSERT INTO host_names (name, wiki_id) SELECT NEW.custom_slug, NEW.id WHERE NEW.custom_slug IS NOT NULL;
END;

--changeset wikifarm:platform-8
-- Who may read, write and upload is stored once, in the wiki's row, where listing wikis can ask it: it was split
-- between is_public here and the READ_ACCESS, WRITE_ACCESS and ATTACHMENT_ACCESS preferences in each wiki's own
-- wiki.db, kept in step by hand. A public wiki was readable by everyone whatever its READ_ACCESS said, so it reads
-- ANONYMOUS. The levels in the wiki.db files cannot be read from here: the wikis listed in wiki_levels_to_merge get
-- them merged in by the application before it serves anything (tenant.LevelsMerge), which then removes them from the
-- wiki.db. Until then a wiki lets in no more people than before: only its members, or everyone to read if public.
ALTER TABLE wikis ADD COLUMN read_access TEXT NOT NULL DEFAULT 'APPROVED'
    CHECK (read_access IN ('ANONYMOUS', 'REGISTERED', 'APPROVED'));
ALTER TABLE wikis ADD COLUMN write_access TEXT NOT NULL DEFAULT 'APPROVED'
    CHECK (write_access IN ('ANONYMOUS', 'REGISTERED', 'APPROVED'));
ALTER TABLE wikis ADD COLUMN attachment_access TEXT NOT NULL DEFAULT 'APPROVED'
    CHECK (attachment_access IN ('ANONYMOUS', 'REGISTERED', 'APPROVED'));
UPDATE wikis SET read_access = 'ANONYMOUS' WHERE is_public = 1;
CREATE TABLE wiki_levels_to_merge (
    wiki_id TEXT NOT NULL PRIMARY KEY REFERENCES wikis (id) ON DELETE CASCADE
);
INSERT INTO wiki_levels_to_merge (wiki_id) SELECT id FROM wikis;
ALTER TABLE wikis DROP COLUMN is_public;

--changeset wikifarm:platform-9
-- Usage and quotas: each wiki's measured figures mirrored from its wiki.db stats (so the admin list sorts them
-- without opening a wiki), when its folder was last measured (NULL: never), and its own limits set by a platform
-- admin (NULL: the defaults of the settings quotaBytes and quotaPages; 0: unlimited).
ALTER TABLE wikis ADD COLUMN attachment_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wikis ADD COLUMN disk_usage_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wikis ADD COLUMN usage_measured_at TEXT;
ALTER TABLE wikis ADD COLUMN quota_bytes INTEGER CHECK (quota_bytes IS NULL OR quota_bytes >= 0);
ALTER TABLE wikis ADD COLUMN quota_pages INTEGER CHECK (quota_pages IS NULL OR quota_pages >= 0);

--changeset wikifarm:platform-10
-- Choosing a wiki: when each wiki's pages last changed (for the "Select wiki" screen), and the wikis each user
-- used most recently (the screen lists them first and "/" takes a returning user back to the last one). At most
-- tenant.RecentWikis.KEPT rows per user are kept.
ALTER TABLE wikis ADD COLUMN last_changed_at TEXT;
CREATE TABLE recent_wikis (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    wiki_id TEXT    NOT NULL REFERENCES wikis (id) ON DELETE CASCADE,
    used_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, wiki_id)
);
CREATE INDEX recent_wikis_by_user ON recent_wikis (user_id, used_at);

--changeset wikifarm:platform-11
-- Scale-out (docs/scale-out.md): the farm's nodes and which one holds each wiki. A node writes its own row when it
-- starts and every minute after (seen_at, free_bytes: what placement reads). wikis.node is the node that holds the
-- wiki's files and alone answers for it; NULL for a wiki of a farm from before, claimed at start by the node whose
-- data folder holds its files. While a wiki moves, moving_to names the node it goes to and move_state says how far
-- the move is: 'copying' (read-only on its node while the copy is taken), 'switching' (the copy is restored on
-- moving_to; read-only on both while the proxy is switched).
CREATE TABLE nodes (
    name       TEXT    NOT NULL PRIMARY KEY,
    url        TEXT    NOT NULL,
    free_bytes INTEGER NOT NULL DEFAULT 0,
    seen_at    TEXT    NOT NULL
);
ALTER TABLE wikis ADD COLUMN node TEXT;
ALTER TABLE wikis ADD COLUMN moving_to TEXT;
ALTER TABLE wikis ADD COLUMN move_state TEXT CHECK (move_state IS NULL OR move_state IN ('copying', 'switching'));
CREATE INDEX wikis_by_node ON wikis (node);
