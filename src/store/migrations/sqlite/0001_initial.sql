-- 0001_initial: blogs, users, posts and pages with their labels, and full-text search.
-- Times are epoch milliseconds (UTC). Enumerations are stored as readable words.

CREATE TABLE blogs (
  id             INTEGER PRIMARY KEY,            -- Blogger blog ids are kept on import
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
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL,
  generation     INTEGER NOT NULL DEFAULT 1     -- bumped by every write the blog shows
);

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  email                TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT NOT NULL DEFAULT '',
  password_hash        TEXT NOT NULL DEFAULT '',
  role                 TEXT NOT NULL CHECK (role IN ('admin', 'owner', 'author')),
  must_change_password INTEGER NOT NULL DEFAULT 0,
  created_ms           INTEGER NOT NULL
);

CREATE TABLE posts (
  id            INTEGER PRIMARY KEY,             -- 64-bit; Blogger post ids are kept
  blog_id       INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('post', 'page')),
  status        TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
  title         TEXT NOT NULL DEFAULT '',
  path          TEXT NOT NULL DEFAULT '',        -- '' for a never-published draft
  source        TEXT NOT NULL DEFAULT '',
  format        TEXT NOT NULL CHECK (format IN ('html', 'markdown')),
  body_html     TEXT NOT NULL DEFAULT '',
  body_text     TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  published_ms  INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL,
  comment_count INTEGER NOT NULL DEFAULT 0
);

-- A permalink belongs to one post of a blog; drafts without a path do not clash.
CREATE UNIQUE INDEX posts_path ON posts(blog_id, path) WHERE path <> '';
-- Home, archive and feed pages: newest published posts of a kind (rowid breaks ties).
CREATE INDEX posts_listing ON posts(blog_id, kind, status, published_ms);
-- The admin's lists of every post whatever its status.
CREATE INDEX posts_any_status ON posts(blog_id, kind, published_ms);

-- A post's labels. kind, status and published_ms copy the post's (the trigger below keeps
-- them in step), so label pages and label counts are answered from these indexes alone.
CREATE TABLE post_labels (
  post_id      INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  blog_id      INTEGER NOT NULL,
  name         TEXT NOT NULL,
  position     INTEGER NOT NULL,                 -- the author's order
  kind         TEXT NOT NULL,
  status       TEXT NOT NULL,
  published_ms INTEGER NOT NULL,
  PRIMARY KEY (post_id, name)
) WITHOUT ROWID;
-- /search/label/NAME pages, newest first.
CREATE INDEX post_labels_listing ON post_labels(blog_id, name, kind, status, published_ms);

CREATE TRIGGER post_labels_follow AFTER UPDATE OF kind, status, published_ms ON posts BEGIN
  UPDATE post_labels SET kind = new.kind, status = new.status, published_ms = new.published_ms
    WHERE post_id = new.id;
END;

-- The Labels widget: how many published posts carry each label, kept by the triggers
-- below so that reading it costs one row per label, not one per labelled post.
CREATE TABLE label_counts (
  blog_id INTEGER NOT NULL,
  name    TEXT NOT NULL,
  count   INTEGER NOT NULL,
  PRIMARY KEY (blog_id, name)
) WITHOUT ROWID;

CREATE TRIGGER label_counts_insert AFTER INSERT ON post_labels
  WHEN new.kind = 'post' AND new.status = 'published' BEGIN
  INSERT INTO label_counts (blog_id, name, count) VALUES (new.blog_id, new.name, 1)
    ON CONFLICT (blog_id, name) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER label_counts_delete AFTER DELETE ON post_labels
  WHEN old.kind = 'post' AND old.status = 'published' BEGIN
  UPDATE label_counts SET count = count - 1 WHERE blog_id = old.blog_id AND name = old.name;
  DELETE FROM label_counts WHERE blog_id = old.blog_id AND name = old.name AND count <= 0;
END;

CREATE TRIGGER label_counts_leave AFTER UPDATE OF kind, status ON post_labels
  WHEN old.kind = 'post' AND old.status = 'published'
   AND NOT (new.kind = 'post' AND new.status = 'published') BEGIN
  UPDATE label_counts SET count = count - 1 WHERE blog_id = old.blog_id AND name = old.name;
  DELETE FROM label_counts WHERE blog_id = old.blog_id AND name = old.name AND count <= 0;
END;

CREATE TRIGGER label_counts_join AFTER UPDATE OF kind, status ON post_labels
  WHEN new.kind = 'post' AND new.status = 'published'
   AND NOT (old.kind = 'post' AND old.status = 'published') BEGIN
  INSERT INTO label_counts (blog_id, name, count) VALUES (new.blog_id, new.name, 1)
    ON CONFLICT (blog_id, name) DO UPDATE SET count = count + 1;
END;

-- Full-text index over titles and texts, its content read from posts and kept in step
-- by the triggers below (so a write and its index change commit together).
CREATE VIRTUAL TABLE posts_fts USING fts5(
  title, body_text,
  content = 'posts', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text);
END;

CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, body_text)
    VALUES ('delete', old.id, old.title, old.body_text);
END;

CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, body_text ON posts BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, body_text)
    VALUES ('delete', old.id, old.title, old.body_text);
  INSERT INTO posts_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text);
END;
