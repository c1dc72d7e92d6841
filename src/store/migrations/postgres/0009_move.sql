-- 0009_move: what a move from another blog keeps. A post's feed entry id from the old
-- blog (a WordPress guid; '' = made from the ids), whether a comment is a reader's words
-- or a pingback/trackback, and the address the blog was imported from (its images are
-- fetched from there).
ALTER TABLE posts ADD COLUMN feed_id TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN kind TEXT NOT NULL DEFAULT 'comment'
  CHECK (kind IN ('comment', 'pingback', 'trackback'));
ALTER TABLE blogs ADD COLUMN imported_from TEXT NOT NULL DEFAULT '';
