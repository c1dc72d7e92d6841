-- 0013_blog_themes: a blog's Blogger theme (service/themes.h), kept as the XML it was
-- given; a blog without a row wears the default theme. `version` is the blog's generation
-- when the theme was put, so it only ever grows (the compiled theme's cache key).
CREATE TABLE blog_themes (
  blog_id    INTEGER PRIMARY KEY REFERENCES blogs(id) ON DELETE CASCADE,
  xml        TEXT NOT NULL,
  version    INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);
