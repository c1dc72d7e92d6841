-- 0003_comments: readers' comments, the per-blog and per-post comment settings, the spam
-- classifier's token counts and the instance's secrets. Times are epoch milliseconds.

-- A blog's comment settings, and the comment sequence: every comment write bumps
-- comment_seq and stamps the posts it touched with the new value (posts.comment_seq),
-- so a cache asks which posts changed since the value it last saw.
ALTER TABLE blogs ADD COLUMN comment_moderation TEXT NOT NULL DEFAULT 'never'
  CHECK (comment_moderation IN ('never', 'always', 'older'));
ALTER TABLE blogs ADD COLUMN moderation_days INTEGER NOT NULL DEFAULT 14;
ALTER TABLE blogs ADD COLUMN comment_depth INTEGER NOT NULL DEFAULT 2;
ALTER TABLE blogs ADD COLUMN comment_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE blogs ADD COLUMN comments_updated_ms INTEGER NOT NULL DEFAULT 0;

ALTER TABLE posts ADD COLUMN comments_mode TEXT NOT NULL DEFAULT 'open'
  CHECK (comments_mode IN ('open', 'closed', 'hidden'));
ALTER TABLE posts ADD COLUMN comment_seq INTEGER NOT NULL DEFAULT 0;
-- PostsWithCommentsChangedSince: the posts stamped after a blog's comment_seq was N.
CREATE INDEX posts_comment_seq ON posts(blog_id, comment_seq);

CREATE TABLE comments (
  id           INTEGER PRIMARY KEY,              -- 64-bit; Blogger comment ids are kept
  blog_id      INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  post_id      INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  parent_id    INTEGER NOT NULL DEFAULT 0,       -- the comment replied to; 0 = top level
  status       TEXT NOT NULL
               CHECK (status IN ('pending', 'published', 'spam', 'deleted')),
  author_name  TEXT NOT NULL DEFAULT '',
  author_url   TEXT NOT NULL DEFAULT '',
  body_html    TEXT NOT NULL DEFAULT '',         -- sanitized before it is stored
  body_text    TEXT NOT NULL DEFAULT '',
  body_digest  TEXT NOT NULL DEFAULT '',         -- duplicate refusal
  ip_hash      TEXT NOT NULL DEFAULT '',         -- keyed hash; '' for imported comments
  spam_score   REAL NOT NULL DEFAULT -1,         -- -1 = not scored
  trained      TEXT NOT NULL DEFAULT 'none' CHECK (trained IN ('none', 'ham', 'spam')),
  published_ms INTEGER NOT NULL
);

-- A post's thread, and its published count.
CREATE INDEX comments_post ON comments(post_id, status, published_ms);
-- A blog's comment feed and the moderation queue.
CREATE INDEX comments_blog ON comments(blog_id, status, published_ms);
-- The per-IP rate limit; imported comments (no IP) stay out of the index.
CREATE INDEX comments_ip ON comments(blog_id, ip_hash, published_ms) WHERE ip_hash <> '';
-- Refusing a duplicate body on a post.
CREATE INDEX comments_digest ON comments(post_id, body_digest);
-- Purging old spam of every blog.
CREATE INDEX comments_purge ON comments(status, published_ms);

-- The spam classifier: in how many spam and ham comments of the blog each token occurred
-- (rows whose counts both fall to 0 are removed), and how many comments it learnt.
CREATE TABLE spam_tokens (
  blog_id INTEGER NOT NULL,
  token   TEXT NOT NULL,
  spam    INTEGER NOT NULL DEFAULT 0,
  ham     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (blog_id, token)
) WITHOUT ROWID;

CREATE TABLE spam_totals (
  blog_id       INTEGER PRIMARY KEY,
  spam_comments INTEGER NOT NULL DEFAULT 0,
  ham_comments  INTEGER NOT NULL DEFAULT 0
);

-- Instance-wide secrets (form token and IP hash keys), the same for every node.
CREATE TABLE secrets (
  name  TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
