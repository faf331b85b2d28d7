-- The assumed layout of robot.wtf's shared default database (docs/cli.md): An Otter Wiki 2.23.0's tables
-- (schema-2.23.0.sql) with a wiki_id column naming the wiki each row belongs to; the user table without it, shared
-- by every wiki. Keys include wiki_id where Otterwiki's are per installation.
CREATE TABLE preferences (
	wiki_id VARCHAR(64) NOT NULL,
	name VARCHAR(256) NOT NULL,
	value TEXT,
	PRIMARY KEY (wiki_id, name)
);
CREATE TABLE drafts (
	id INTEGER NOT NULL,
	wiki_id VARCHAR(64) NOT NULL,
	pagepath VARCHAR(2048),
	revision VARCHAR(64),
	author_email VARCHAR(256),
	content TEXT,
	cursor_line INTEGER,
	cursor_ch INTEGER,
	datetime DATETIME,
	PRIMARY KEY (id)
);
CREATE TABLE user (
	id INTEGER NOT NULL,
	name VARCHAR(128),
	email VARCHAR(128),
	password_hash VARCHAR(512),
	first_seen DATETIME,
	last_seen DATETIME,
	is_approved BOOLEAN,
	is_admin BOOLEAN,
	email_confirmed BOOLEAN,
	allow_read BOOLEAN,
	allow_write BOOLEAN,
	allow_upload BOOLEAN,
	PRIMARY KEY (id)
);
CREATE TABLE cache (
	wiki_id VARCHAR(64) NOT NULL,
	"key" VARCHAR(64) NOT NULL,
	value TEXT,
	datetime DATETIME,
	PRIMARY KEY (wiki_id, "key")
);
