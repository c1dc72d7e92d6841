-- 0006_admin: what the web admin keeps: the blog an owner's or author's role holds on,
-- the account that wrote a post, sign-in sessions (the token's hash only), failed
-- sign-ins for throttling, post revisions and uploaded media. As
-- migrations/sqlite/0006_admin.sql in PostgreSQL's words.
ALTER TABLE users ADD COLUMN blog_id BIGINT NOT NULL DEFAULT 0;  -- 0: every blog
ALTER TABLE posts ADD COLUMN author_id BIGINT NOT NULL DEFAULT 0;  -- 0: imported or CLI

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_ms   BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE sign_in_failures (
  key   TEXT NOT NULL,                 -- "account:EMAIL" or "ip:HASH"
  at_ms BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at_ms);

CREATE TABLE revisions (
  id        BIGSERIAL PRIMARY KEY,
  blog_id   BIGINT NOT NULL,
  post_id   BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  saved_ms  BIGINT NOT NULL,
  title     TEXT NOT NULL,
  source    TEXT NOT NULL,
  format    TEXT NOT NULL CHECK (format IN ('html', 'markdown')),
  labels    TEXT[] NOT NULL DEFAULT '{}',  -- the author's order
  saved_by  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX revisions_post ON revisions (post_id, saved_ms);

CREATE TABLE media (
  blog_id      BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  hash         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  filename     TEXT NOT NULL DEFAULT '',
  bytes        BYTEA NOT NULL,
  size         BIGINT NOT NULL,
  created_ms   BIGINT NOT NULL,
  PRIMARY KEY (blog_id, hash)
);
CREATE INDEX media_created ON media (blog_id, created_ms);
