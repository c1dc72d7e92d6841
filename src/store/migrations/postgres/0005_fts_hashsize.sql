-- 0005_fts_hashsize: a setting of SQLite's FTS5 index; PostgreSQL's GIN index needs none.
-- The file keeps the version numbers of the two dialects in step.
SELECT 1;
