-- An Otter Wiki 2.23.0's database, as Flask-SQLAlchemy's db.create_all() writes it on SQLite for the models in
-- otterwiki/models.py (Preferences, Drafts, User, Cache) of otterwiki-2.23.0.tar.gz
-- (/work/shared/peers/otterwiki). Written out by hand from those models (String(n) -> VARCHAR(n), Text -> TEXT,
-- Integer -> INTEGER, Boolean -> BOOLEAN, the TimeStamp TypeDecorator over DateTime -> DATETIME; index=True ->
-- ix_<table>_<column>, unique=True -> a UNIQUE index), since SQLAlchemy is not installed on the build machine.
CREATE TABLE preferences (
	name VARCHAR(256) NOT NULL,
	value TEXT,
	PRIMARY KEY (name)
);
CREATE TABLE drafts (
	id INTEGER NOT NULL,
	pagepath VARCHAR(2048),
	revision VARCHAR(64),
	author_email VARCHAR(256),
	content TEXT,
	cursor_line INTEGER,
	cursor_ch INTEGER,
	datetime DATETIME,
	PRIMARY KEY (id)
);
CREATE INDEX ix_drafts_pagepath ON drafts (pagepath);
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
CREATE UNIQUE INDEX ix_user_email ON user (email);
CREATE TABLE cache (
	"key" VARCHAR(64) NOT NULL,
	value TEXT,
	datetime DATETIME,
	PRIMARY KEY ("key")
);
CREATE INDEX ix_cache_key ON cache ("key");
