// SqlStore and BulkBatch: the widgets' live data — page views (PopularPosts), followed
// blogs' newest items (BlogList) and contact messages (ContactForm) — read, written, copied.
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "store/row_mapping.h"
#include "store/sql/bulk_batch.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {
namespace {

constexpr std::string_view kMessageColumns =
    "id, blog_id, name, email, body, remote_address, sent_ms";

ContactMessage ReadMessage(const Rows& row) {
  return ContactMessage{row.Int64(0),
                        row.Int64(1),
                        row.Text(2),
                        row.Text(3),
                        row.Text(4),
                        row.Text(5),
                        FromMillis(row.Int64(6))};
}

constexpr std::string_view kInsertItem =
    "INSERT INTO blog_list_items (blog_id, widget_id, feed_url, position, blog_title, "
    "blog_url, item_title, item_url, snippet, thumbnail_url, updated_ms, fetched_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ";

Params ItemParams(int64_t blog_id, std::string_view widget_id, int position,
                  const BlogListEntry& e) {
  return Params()
      .Add(blog_id)
      .Add(widget_id)
      .Add(e.feed_url)
      .Add(position)
      .Add(e.blog_title)
      .Add(e.blog_url)
      .Add(e.item_title)
      .Add(e.item_url)
      .Add(e.snippet)
      .Add(e.thumbnail_url)
      .Add(Millis(e.updated))
      .Add(Millis(e.fetched));
}

constexpr std::string_view kEntryColumns =
    "feed_url, blog_title, blog_url, item_title, item_url, snippet, thumbnail_url, updated_ms, "
    "fetched_ms";

// The entry read from kEntryColumns starting at column `at`.
BlogListEntry ReadEntry(const Rows& row, int at) {
  return BlogListEntry{row.Text(at),
                       row.Text(at + 1),
                       row.Text(at + 2),
                       row.Text(at + 3),
                       row.Text(at + 4),
                       row.Text(at + 5),
                       row.Text(at + 6),
                       FromMillis(row.Int64(at + 7)),
                       FromMillis(row.Int64(at + 8))};
}

Status CheckMessage(const ContactMessage& message) {
  for (const std::string* text :
       {&message.name, &message.email, &message.body, &message.remote_address}) {
    if (!Storable(*text)) return Status::InvalidArgument("a message is not valid UTF-8 text");
  }
  return Status::Ok();
}

Params MessageParams(const ContactMessage& m) {
  return Params()
      .Add(m.id)
      .Add(m.blog_id)
      .Add(m.name)
      .Add(m.email)
      .Add(m.body)
      .Add(m.remote_address)
      .Add(Millis(m.sent));
}

bool StorableEntry(const BlogListEntry& e) {
  for (const std::string* text : {&e.feed_url, &e.blog_title, &e.blog_url, &e.item_title,
                                  &e.item_url, &e.snippet, &e.thumbnail_url}) {
    if (!Storable(*text)) return false;
  }
  return true;
}

}  // namespace

Status SqlStore::AddPageViews(int64_t blog_id, int64_t day, const std::vector<PathViews>& views) {
  return Write([&](Connection& conn) -> Status {
    for (const PathViews& counted : views) {
      if (counted.views <= 0 || !Storable(counted.path) || counted.path.empty()) continue;
      SAMIZDAT_RETURN_IF_ERROR(conn.Execute(
          "INSERT INTO post_views (post_id, blog_id, day, views) "
          "SELECT id, blog_id, $3, $4 FROM posts WHERE blog_id = $1 AND path = $2 AND "
          "kind = 'post' AND status = 'published' "
          "ON CONFLICT (post_id, day) DO UPDATE SET views = post_views.views + excluded.views",
          Params().Add(blog_id).Add(counted.path).Add(day).Add(counted.views)));
    }
    return Status::Ok();
  });
}

Result<std::vector<PostViews>> SqlStore::TopPosts(int64_t blog_id, int64_t from_day, int limit) {
  return Read([&](Connection& conn) -> Result<std::vector<PostViews>> {
    const std::string sql =
        PostSelect(conn.dialect(), /*source_and_text=*/false) +
        ", CAST(v.views AS TEXT) FROM (SELECT post_id, SUM(views) AS views FROM post_views "
        "WHERE blog_id = $1 AND day >= $2 GROUP BY post_id) v JOIN posts p ON p.id = v.post_id "
        "WHERE p.blog_id = $1 AND p.kind = 'post' AND p.status = 'published' "
        "ORDER BY v.views DESC, p.published_ms DESC, p.id DESC LIMIT $3";
    std::vector<std::string> counts;
    Result<std::vector<Post>> posts =
        ReadPosts(conn, sql, Params().Add(blog_id).Add(from_day).AddLimit(limit), &counts);
    if (!posts.ok()) return posts.status();
    std::vector<PostViews> top;
    top.reserve(posts->size());
    for (size_t i = 0; i < posts->size(); ++i) {
      top.push_back({std::move((*posts)[i]), ParseInteger<int64_t>(counts[i]).value_or(0)});
    }
    return top;
  });
}

Result<std::vector<DayViews>> SqlStore::ListPostViews(int64_t blog_id, int64_t post_id) {
  return Read([&](Connection& conn) -> Result<std::vector<DayViews>> {
    return conn.Collect(
        "SELECT day, views FROM post_views WHERE post_id = $1 AND blog_id = $2 ORDER BY day",
        Params().Add(post_id).Add(blog_id), [](const Rows& row) {
          return DayViews{row.Int64(0), row.Int64(1)};
        });
  });
}

Result<std::vector<BlogListItem>> SqlStore::ListBlogListItems(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<BlogListItem>> {
    return conn.Collect(
        "SELECT widget_id, position, " + std::string(kEntryColumns) +
            " FROM blog_list_items WHERE blog_id = $1 ORDER BY widget_id, position",
        Params().Add(blog_id), [](const Rows& row) {
          return BlogListItem{row.Text(0), static_cast<int>(row.Int64(1)), ReadEntry(row, 2)};
        });
  });
}

Result<std::vector<BlogListEntry>> SqlStore::ListBlogList(int64_t blog_id,
                                                          std::string_view widget_id) {
  if (!Storable(widget_id)) return std::vector<BlogListEntry>();
  return Read([&](Connection& conn) -> Result<std::vector<BlogListEntry>> {
    return conn.Collect("SELECT " + std::string(kEntryColumns) +
                            " FROM blog_list_items WHERE blog_id = $1 AND widget_id = $2 "
                            "ORDER BY position",
                        Params().Add(blog_id).Add(widget_id),
                        [](const Rows& row) { return ReadEntry(row, 0); });
  });
}

Status SqlStore::ReplaceBlogList(int64_t blog_id, std::string_view widget_id,
                                 const std::vector<BlogListEntry>& entries) {
  if (widget_id.empty() || !Storable(widget_id)) {
    return Status::InvalidArgument("a blog list needs its widget's id");
  }
  for (const BlogListEntry& entry : entries) {
    if (!StorableEntry(entry)) {
      return Status::InvalidArgument("a blog list item is not valid UTF-8 text");
    }
  }
  return Write([&](Connection& conn) -> Status {
    SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, blog_id));
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Execute("DELETE FROM blog_list_items WHERE blog_id = $1 AND widget_id = $2",
                     Params().Add(blog_id).Add(widget_id)));
    int position = 0;
    for (const BlogListEntry& e : entries) {
      // A feed named twice in the setting is listed once, at its first place.
      SAMIZDAT_RETURN_IF_ERROR(conn.Execute(
          std::string(kInsertItem) + "ON CONFLICT (blog_id, widget_id, feed_url) DO NOTHING",
          ItemParams(blog_id, widget_id, position++, e)));
    }
    return Status::Ok();
  });
}

Result<ContactMessage> SqlStore::AddContactMessage(const ContactMessage& message) {
  SAMIZDAT_RETURN_IF_ERROR(CheckMessage(message));
  ContactMessage stored = message;
  stored.id = ids_.Next();
  if (stored.sent == Time{}) stored.sent = FromMillis(NowMillis());
  Status written = Write([&](Connection& conn) -> Status {
    bool found = false;
    Result<Rows> blog =
        conn.First("SELECT 1 FROM blogs WHERE id = $1", Params().Add(stored.blog_id), &found);
    if (!blog.ok()) return blog.status();
    if (!found) return Status::NotFound("no blog with id " + std::to_string(stored.blog_id));
    return conn.Execute("INSERT INTO contact_messages (" + std::string(kMessageColumns) +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        MessageParams(stored));
  });
  if (!written.ok()) return written;
  return stored;
}

Result<std::vector<ContactMessage>> SqlStore::ListContactMessages(int64_t blog_id, int limit,
                                                                  int offset) {
  return Read([&](Connection& conn) -> Result<std::vector<ContactMessage>> {
    return conn.Collect("SELECT " + std::string(kMessageColumns) +
                            " FROM contact_messages WHERE blog_id = $1 "
                            "ORDER BY sent_ms DESC, id DESC LIMIT $2 OFFSET $3",
                        Params().Add(blog_id).AddLimit(limit).Add(offset < 0 ? 0 : offset),
                        ReadMessage);
  });
}

Result<int> SqlStore::CountContactMessages(int64_t blog_id, std::string_view remote_address,
                                           Time since) {
  if (!Storable(remote_address)) return 0;
  return Read([&](Connection& conn) -> Result<int> {
    if (remote_address.empty()) {
      return conn.Count(
          "SELECT COUNT(*) FROM contact_messages WHERE blog_id = $1 AND sent_ms >= $2",
          Params().Add(blog_id).Add(Millis(since)));
    }
    return conn.Count(
        "SELECT COUNT(*) FROM contact_messages WHERE blog_id = $1 AND remote_address = $2 AND "
        "sent_ms >= $3",
        Params().Add(blog_id).Add(remote_address).Add(Millis(since)));
  });
}

Status SqlStore::DeleteContactMessage(int64_t blog_id, int64_t message_id) {
  return Write([&](Connection& conn) -> Status {
    Result<int64_t> removed =
        conn.Run("DELETE FROM contact_messages WHERE blog_id = $1 AND id = $2",
                 Params().Add(blog_id).Add(message_id));
    if (!removed.ok()) return removed.status();
    if (*removed == 0) return Status::NotFound("no message with id " + std::to_string(message_id));
    return Status::Ok();
  });
}

Status BulkBatch::AddPostViews(int64_t post_id, const std::vector<DayViews>& views) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  auto post = added_posts_.find(post_id);
  if (post == added_posts_.end()) {
    return Status::NotFound("post " + std::to_string(post_id) + " is not in this copy");
  }
  for (const DayViews& day : views) {
    if (day.views < 1) return Status::InvalidArgument("a day's page views must be at least 1");
  }
  for (const DayViews& day : views) {
    SAMIZDAT_RETURN_IF_ERROR(
        Run("INSERT INTO post_views (post_id, blog_id, day, views) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (post_id, day) DO UPDATE SET views = excluded.views",
            Params().Add(post_id).Add(post->second).Add(day.day).Add(day.views))
            .status());
  }
  return Status::Ok();
}

Status BulkBatch::AddBlogListItem(int64_t blog_id, const BlogListItem& item) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  if (item.widget_id.empty() || !Storable(item.widget_id) || !StorableEntry(item.entry)) {
    return Status::InvalidArgument("a blog list item needs its widget's id and UTF-8 text");
  }
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  SAMIZDAT_RETURN_IF_ERROR(
      Run(std::string(kInsertItem) +
              "ON CONFLICT (blog_id, widget_id, feed_url) DO UPDATE SET position = "
              "excluded.position, blog_title = excluded.blog_title, blog_url = excluded.blog_url, "
              "item_title = excluded.item_title, item_url = excluded.item_url, snippet = "
              "excluded.snippet, thumbnail_url = excluded.thumbnail_url, updated_ms = "
              "excluded.updated_ms, fetched_ms = excluded.fetched_ms",
          ItemParams(blog_id, item.widget_id, item.position, item.entry))
          .status());
  touched_blogs_.insert(blog_id);
  return Status::Ok();
}

Status BulkBatch::AddContactMessage(const ContactMessage& message) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckMessage(message));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(message.blog_id));
  Result<int64_t> inserted = Run("INSERT INTO contact_messages (" + std::string(kMessageColumns) +
                                     ") VALUES ($1, $2, $3, $4, $5, $6, $7) "
                                     "ON CONFLICT (id) DO NOTHING",
                                 MessageParams(message));
  if (!inserted.ok()) return inserted.status();
  if (*inserted == 0) {
    return Status::Conflict("a contact message with id " + std::to_string(message.id) + " exists");
  }
  return Status::Ok();
}

}  // namespace samizdat::store::sql
