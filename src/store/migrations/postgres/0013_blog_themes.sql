-- 0013_blog_themes: a blog's Blogger theme (service/themes.h), kept as the XML it was
-- given; a blog without a row wears the default theme. `version` is the blog's generation
-- when the theme was put, so it only ever grows (the compiled theme's cache key).
CREATE TABLE blog_themes (
  blog_id    BIGINT PRIMARY KEY REFERENCES blogs(id) ON DELETE CASCADE,
  xml        TEXT NOT NULL,
  version    BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
