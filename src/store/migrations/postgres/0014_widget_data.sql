-- 0014_widget_data: the live data of three Blogger widgets. PopularPosts: each published
-- post's page views per day (UTC days since the epoch), counted by the server from the
-- blog's own traffic. BlogList: the newest item of each blog a BlogList widget follows,
-- read from its feed in the background. ContactForm: the messages readers sent, for the
-- admin's Messages page.
CREATE TABLE post_views (
  post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  blog_id BIGINT NOT NULL,
  day     BIGINT NOT NULL,
  views   BIGINT NOT NULL,
  PRIMARY KEY (post_id, day)
);
-- The widget's query: a blog's views since a day.
CREATE INDEX post_views_blog ON post_views(blog_id, day);

CREATE TABLE blog_list_items (
  blog_id       BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  widget_id     TEXT NOT NULL,
  feed_url      TEXT NOT NULL,
  position      INTEGER NOT NULL,               -- the feed's place in the setting
  blog_title    TEXT NOT NULL,
  blog_url      TEXT NOT NULL,
  item_title    TEXT NOT NULL,
  item_url      TEXT NOT NULL,
  snippet       TEXT NOT NULL,
  thumbnail_url TEXT NOT NULL,
  updated_ms    BIGINT NOT NULL,                -- the item's time
  fetched_ms    BIGINT NOT NULL,                -- the last fetch that read it
  PRIMARY KEY (blog_id, widget_id, feed_url)
);

CREATE TABLE contact_messages (
  id             BIGINT PRIMARY KEY,
  blog_id        BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  email          TEXT NOT NULL,
  body           TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  sent_ms        BIGINT NOT NULL
);
-- The admin's list, newest first; the rate limit's count by address.
CREATE INDEX contact_messages_blog ON contact_messages(blog_id, sent_ms);
CREATE INDEX contact_messages_address ON contact_messages(blog_id, remote_address, sent_ms);
