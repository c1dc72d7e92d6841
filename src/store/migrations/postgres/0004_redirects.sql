-- 0004_redirects: permanent redirects from old paths of a blog (a WordPress permalink
-- such as "/2020/01/05/slug/" or "/?p=12", kept by an import) to a path it serves now.
CREATE TABLE redirects (
  blog_id  BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  old_path TEXT NOT NULL,
  new_path TEXT NOT NULL,
  PRIMARY KEY (blog_id, old_path)
);
