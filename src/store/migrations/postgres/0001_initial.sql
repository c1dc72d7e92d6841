-- 0001_initial: blogs, users, posts and pages with their labels, and full-text search.
-- The same schema as migrations/sqlite/0001_initial.sql in PostgreSQL's words. Times are
-- epoch milliseconds (UTC). Enumerations are stored as readable words.

-- Search matches words without their accents, as SQLite's unicode61 tokenizer does:
-- the "simple" configuration (no stemming, no stop words) behind unaccent.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION samizdat_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION samizdat_search
  ALTER MAPPING FOR hword, hword_part, word, numword WITH unaccent, simple;

-- The text as samizdat_search reads it (documents, queries and snippets alike): ASCII
-- and common Unicode punctuation turned into spaces, one character for one, so words are
-- split where unicode61 splits them. Otherwise PostgreSQL's parser keeps URLs, paths,
-- e-mail addresses and "<tags>" whole (or drops them), and "kazakhstan" would not find
-- ".../kazakhstan?x=1"; under the C locale it would take curly quotes for letters.
CREATE FUNCTION samizdat_search_text(body text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  -- One bracket expression (ASCII punctuation as ranges; U+2010-2015 dashes, U+2018-201F
  -- quotes): twice as fast as translate() over the same characters.
  RETURN regexp_replace(body, '[!-/:-@\[-`{-~ ¡§«¶·»¿‐-―‘-‟†‡•…‰′″‹›、。「」『』！（），：；？]', ' ', 'g');

CREATE TABLE blogs (
  id             BIGINT PRIMARY KEY,             -- Blogger blog ids are kept on import
  host           TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  banner_url     TEXT NOT NULL DEFAULT '',
  banner_alt     TEXT NOT NULL DEFAULT '',
  time_zone      TEXT NOT NULL DEFAULT 'UTC',
  locale         TEXT NOT NULL DEFAULT 'en',
  posts_per_page INTEGER NOT NULL DEFAULT 7,
  date_format    TEXT NOT NULL DEFAULT 'EEEE, MMMM d, yyyy',
  time_format    TEXT NOT NULL DEFAULT 'h:mm a',
  created_ms     BIGINT NOT NULL,
  updated_ms     BIGINT NOT NULL,
  generation     BIGINT NOT NULL DEFAULT 1      -- bumped by every write the blog shows
);

CREATE TABLE users (
  id                   BIGSERIAL PRIMARY KEY,
  email                TEXT NOT NULL,
  display_name         TEXT NOT NULL DEFAULT '',
  password_hash        TEXT NOT NULL DEFAULT '',
  role                 TEXT NOT NULL CHECK (role IN ('admin', 'owner', 'author')),
  must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
  created_ms           BIGINT NOT NULL
);
-- Emails compare without case, as SQLite's COLLATE NOCASE does.
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE posts (
  id            BIGINT PRIMARY KEY,              -- 64-bit; Blogger post ids are kept
  blog_id       BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('post', 'page')),
  status        TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
  title         TEXT NOT NULL DEFAULT '',
  path          TEXT NOT NULL DEFAULT '',        -- '' for a never-published draft
  source        TEXT NOT NULL DEFAULT '',
  format        TEXT NOT NULL CHECK (format IN ('html', 'markdown')),
  body_html     TEXT NOT NULL DEFAULT '',
  body_text     TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  published_ms  BIGINT NOT NULL,
  updated_ms    BIGINT NOT NULL,
  comment_count INTEGER NOT NULL DEFAULT 0,
  -- The words of the title (weight A) and the text (weight B), kept by PostgreSQL.
  search        tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('samizdat_search'::regconfig,
                                        samizdat_search_text(title)), 'A') ||
                  setweight(to_tsvector('samizdat_search'::regconfig,
                                        samizdat_search_text(body_text)), 'B')) STORED
);

-- A permalink belongs to one post of a blog; drafts without a path do not clash.
CREATE UNIQUE INDEX posts_path ON posts(blog_id, path) WHERE path <> '';
-- Home, archive and feed pages: newest published posts of a kind (the id breaks ties).
CREATE INDEX posts_listing ON posts(blog_id, kind, status, published_ms, id);
-- The admin's lists of every post whatever its status.
CREATE INDEX posts_any_status ON posts(blog_id, kind, published_ms, id);
CREATE INDEX posts_search ON posts USING GIN (search);

-- A post's labels, in the author's order. Label pages and the Labels widget join them to
-- the posts' status (no copies kept in step by triggers, unlike the SQLite schema).
CREATE TABLE post_labels (
  post_id  BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  blog_id  BIGINT NOT NULL,
  name     TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (post_id, name)
);
-- A label's posts (label pages, LabelCounts) read from this index alone.
CREATE INDEX post_labels_listing ON post_labels(blog_id, name, post_id);
