-- 0003_comments: readers' comments, the per-blog and per-post comment settings, the spam
-- classifier's token counts and the instance's secrets (as migrations/sqlite/0003).

-- A blog's comment settings, and the comment sequence: every comment write bumps
-- comment_seq and stamps the posts it touched with the new value (posts.comment_seq),
-- so a cache asks which posts changed since the value it last saw.
ALTER TABLE blogs ADD COLUMN comment_moderation TEXT NOT NULL DEFAULT 'never'
  CHECK (comment_moderation IN ('never', 'always', 'older'));
ALTER TABLE blogs ADD COLUMN moderation_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE blogs ADD COLUMN comment_depth INTEGER NOT NULL DEFAULT 2;
ALTER TABLE blogs ADD COLUMN comment_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE blogs ADD COLUMN comments_updated_ms BIGINT NOT NULL DEFAULT 0;

ALTER TABLE posts ADD COLUMN comments_mode TEXT NOT NULL DEFAULT 'open'
  CHECK (comments_mode IN ('open', 'closed', 'hidden'));
ALTER TABLE posts ADD COLUMN comment_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX posts_comment_seq ON posts(blog_id, comment_seq);

CREATE TABLE comments (
  id           BIGINT PRIMARY KEY,               -- 64-bit; Blogger comment ids are kept
  blog_id      BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  post_id      BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  parent_id    BIGINT NOT NULL DEFAULT 0,        -- the comment replied to; 0 = top level
  status       TEXT NOT NULL
               CHECK (status IN ('pending', 'published', 'spam', 'deleted')),
  author_name  TEXT NOT NULL DEFAULT '',
  author_url   TEXT NOT NULL DEFAULT '',
  body_html    TEXT NOT NULL DEFAULT '',         -- sanitized before it is stored
  body_text    TEXT NOT NULL DEFAULT '',
  body_digest  TEXT NOT NULL DEFAULT '',         -- duplicate refusal
  ip_hash      TEXT NOT NULL DEFAULT '',         -- keyed hash; '' for imported comments
  spam_score   DOUBLE PRECISION NOT NULL DEFAULT -1,  -- -1 = not scored
  trained      TEXT NOT NULL DEFAULT 'none' CHECK (trained IN ('none', 'ham', 'spam')),
  published_ms BIGINT NOT NULL
);

CREATE INDEX comments_post ON comments(post_id, status, published_ms, id);
CREATE INDEX comments_blog ON comments(blog_id, status, published_ms, id);
CREATE INDEX comments_ip ON comments(blog_id, ip_hash, published_ms) WHERE ip_hash <> '';
CREATE INDEX comments_digest ON comments(post_id, body_digest);
CREATE INDEX comments_purge ON comments(status, published_ms);

CREATE TABLE spam_tokens (
  blog_id BIGINT NOT NULL,
  token   TEXT NOT NULL,
  spam    INTEGER NOT NULL DEFAULT 0,
  ham     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (blog_id, token)
);

CREATE TABLE spam_totals (
  blog_id       BIGINT PRIMARY KEY,
  spam_comments INTEGER NOT NULL DEFAULT 0,
  ham_comments  INTEGER NOT NULL DEFAULT 0
);

-- Instance-wide secrets (form token and IP hash keys), the same for every node.
CREATE TABLE secrets (
  name  TEXT PRIMARY KEY,
  value BYTEA NOT NULL
);
