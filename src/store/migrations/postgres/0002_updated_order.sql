-- 0002_updated_order: feeds ordered by updated time (Blogger's orderby=updated) and
-- bounded by it (updated-min, updated-max) read these indexes instead of sorting.
CREATE INDEX posts_updated ON posts(blog_id, kind, status, updated_ms, id);
CREATE INDEX posts_any_status_updated ON posts(blog_id, kind, updated_ms, id);
