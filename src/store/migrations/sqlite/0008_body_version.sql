-- 0008_body_version: which version of the body renderer (the Markdown renderer and the
-- post sanitizer, text::kBodyRenderVersion) made the stored post bodies. When the
-- renderer changes what it keeps, service::RefreshBodies makes every body anew from its
-- stored source and records the new version here. One row; 0: made before versions were
-- recorded.
CREATE TABLE body_version (
  version INTEGER NOT NULL
);
INSERT INTO body_version (version) VALUES (0);
