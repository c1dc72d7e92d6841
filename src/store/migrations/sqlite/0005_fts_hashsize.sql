-- 0005_fts_hashsize: FTS5 keeps the terms of the rows written in a transaction in memory
-- and writes them out as an index segment each time they pass `hashsize` bytes (1 MB by
-- default). An import indexes tens of MB of text in one transaction; at 16 MB it writes
-- (and later merges) far fewer segments, about twice as fast. An ordinary write holds a
-- few KB of terms, so the setting costs it nothing.
INSERT INTO posts_fts(posts_fts, rank) VALUES ('hashsize', 16777216);
