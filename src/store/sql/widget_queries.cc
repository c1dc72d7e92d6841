// SqlStore: the widgets' live data — page views (PopularPosts), followed blogs' newest
// items (BlogList) and contact messages (ContactForm).
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "store/row_mapping.h"
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

Result<std::vector<BlogListEntry>> SqlStore::ListBlogList(int64_t blog_id,
                                                          std::string_view widget_id) {
  if (!Storable(widget_id)) return std::vector<BlogListEntry>();
  return Read([&](Connection& conn) -> Result<std::vector<BlogListEntry>> {
    return conn.Collect(
        "SELECT feed_url, blog_title, blog_url, item_title, item_url, snippet, thumbnail_url, "
        "updated_ms, fetched_ms FROM blog_list_items WHERE blog_id = $1 AND widget_id = $2 "
        "ORDER BY position",
        Params().Add(blog_id).Add(widget_id), [](const Rows& row) {
          return BlogListEntry{row.Text(0),
                               row.Text(1),
                               row.Text(2),
                               row.Text(3),
                               row.Text(4),
                               row.Text(5),
                               row.Text(6),
                               FromMillis(row.Int64(7)),
                               FromMillis(row.Int64(8))};
        });
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
          "INSERT INTO blog_list_items (blog_id, widget_id, feed_url, position, blog_title, "
          "blog_url, item_title, item_url, snippet, thumbnail_url, updated_ms, fetched_ms) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
          "ON CONFLICT (blog_id, widget_id, feed_url) DO NOTHING",
          Params()
              .Add(blog_id)
              .Add(widget_id)
              .Add(e.feed_url)
              .Add(position++)
              .Add(e.blog_title)
              .Add(e.blog_url)
              .Add(e.item_title)
              .Add(e.item_url)
              .Add(e.snippet)
              .Add(e.thumbnail_url)
              .Add(Millis(e.updated))
              .Add(Millis(e.fetched))));
    }
    return Status::Ok();
  });
}

Result<ContactMessage> SqlStore::AddContactMessage(const ContactMessage& message) {
  for (const std::string* text :
       {&message.name, &message.email, &message.body, &message.remote_address}) {
    if (!Storable(*text)) return Status::InvalidArgument("a message is not valid UTF-8 text");
  }
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
                        Params()
                            .Add(stored.id)
                            .Add(stored.blog_id)
                            .Add(stored.name)
                            .Add(stored.email)
                            .Add(stored.body)
                            .Add(stored.remote_address)
                            .Add(Millis(stored.sent)));
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

}  // namespace samizdat::store::sql
