// SqliteStore: reading posts and pages — by id or path, lists and counts, neighbours,
// archive times and label counts.
#include <string>
#include <unordered_map>
#include <vector>

#include "store/sqlite/rows.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {

// Steps `query` to the end, reading one post per row.
Result<std::vector<Post>> CollectPosts(Statement& query) {
  std::vector<Post> posts;
  for (;;) {
    Result<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return posts;
    posts.push_back(ReadPost(query));
  }
}

// "FROM … WHERE …" for `q`, with the parameters ?1 blog, ?2 kind, ?3 status, ?4 label,
// ?5 before, ?6 after, ?7 from (BindFilter binds the ones used), and the ORDER BY that
// the chosen index delivers without sorting. With a label, the rows come from
// post_labels, which carries the post's kind, status and time.
std::string FilterSql(const PostQuery& q) {
  std::string sql = q.label ? " FROM post_labels l JOIN posts p ON p.id = l.post_id"
                              " WHERE l.blog_id = ?1 AND l.name = ?4 AND l.kind = ?2"
                            : " FROM posts p WHERE p.blog_id = ?1 AND p.kind = ?2";
  const char* t = q.label ? " AND l." : " AND p.";
  if (q.status) sql += std::string(t) + "status = ?3";
  if (q.published_before) sql += std::string(t) + "published_ms < ?5";
  if (q.published_after) sql += std::string(t) + "published_ms > ?6";
  if (q.published_from) sql += std::string(t) + "published_ms >= ?7";
  return sql;
}

std::string OrderSql(const PostQuery& q) {
  const char* order = q.label ? (q.oldest_first ? " ORDER BY l.published_ms, l.post_id"
                                                : " ORDER BY l.published_ms DESC, l.post_id DESC")
                              : (q.oldest_first ? " ORDER BY p.published_ms, p.id"
                                                : " ORDER BY p.published_ms DESC, p.id DESC");
  return order;
}

void BindFilter(Statement& stmt, const PostQuery& q) {
  stmt.Bind(1, q.blog_id).Bind(2, KindWord(q.kind));
  if (q.status) stmt.Bind(3, StatusWord(*q.status));
  if (q.label) stmt.Bind(4, *q.label);
  if (q.published_before) stmt.Bind(5, Millis(*q.published_before));
  if (q.published_after) stmt.Bind(6, Millis(*q.published_after));
  if (q.published_from) stmt.Bind(7, Millis(*q.published_from));
}

// The published neighbour on one side of (published, id); `newer` picks the side.
Result<std::optional<PostLink>> Neighbour(Connection& conn, const Post& post, bool newer) {
  Result<Statement> query = conn.Prepare(
      newer ? "SELECT id, title, path FROM posts WHERE blog_id = ?1 AND kind = ?2 AND "
              "status = 'published' AND (published_ms, id) > (?3, ?4) "
              "ORDER BY published_ms, id LIMIT 1"
            : "SELECT id, title, path FROM posts WHERE blog_id = ?1 AND kind = ?2 AND "
              "status = 'published' AND (published_ms, id) < (?3, ?4) "
              "ORDER BY published_ms DESC, id DESC LIMIT 1");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, post.blog_id)
                         .Bind(2, KindWord(post.kind))
                         .Bind(3, Millis(post.published))
                         .Bind(4, post.id)
                         .Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PostLink>();
  return std::optional<PostLink>(PostLink{query->Int64(0), query->Text(1), query->Text(2)});
}

}  // namespace

Status SqliteStore::LoadLabels(Connection& conn, std::vector<Post>& posts) {
  if (posts.empty()) return Status::Ok();
  // One query for the whole page: the ids travel as one JSON array parameter.
  std::string ids = "[";
  std::unordered_map<int64_t, Post*> by_id;
  for (Post& post : posts) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(post.id);
    by_id[post.id] = &post;
    post.labels.clear();
  }
  ids += ']';
  Result<Statement> query = conn.Prepare(
      "SELECT post_id, name FROM post_labels "
      "WHERE post_id IN (SELECT value FROM json_each(?1)) ORDER BY post_id, position");
  if (!query.ok()) return query.status();
  query->Bind(1, ids);
  for (;;) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto it = by_id.find(query->Int64(0));
    if (it != by_id.end()) it->second->labels.push_back(query->Text(1));
  }
}

Result<Post> SqliteStore::GetPost(int64_t blog_id, int64_t post_id) {
  return Read([&](Connection& conn) -> Result<Post> {
    static const std::string kSql =
        "SELECT " + std::string(kPostColumns) + " FROM posts p WHERE p.id = ?1 AND p.blog_id = ?2";
    Result<Statement> query = conn.Prepare(kSql);
    if (!query.ok()) return query.status();
    query->Bind(1, post_id).Bind(2, blog_id);
    Result<std::vector<Post>> posts = CollectPosts(*query);
    if (!posts.ok()) return posts.status();
    if (posts->empty()) {
      return Status::NotFound("no post with id " + std::to_string(post_id) + " in blog " +
                              std::to_string(blog_id));
    }
    SAMIZDAT_RETURN_IF_ERROR(LoadLabels(conn, *posts));
    return std::move(posts->front());
  });
}

Result<Post> SqliteStore::GetPostByPath(int64_t blog_id, std::string_view path) {
  return Read([&](Connection& conn) -> Result<Post> {
    // "path <> ''" lets SQLite use the partial unique index on (blog_id, path).
    static const std::string kSql = "SELECT " + std::string(kPostColumns) +
                                    " FROM posts p WHERE p.blog_id = ?1 AND p.path = ?2 "
                                    "AND p.path <> ''";
    Result<Statement> query = conn.Prepare(kSql);
    if (!query.ok()) return query.status();
    query->Bind(1, blog_id).Bind(2, path);
    Result<std::vector<Post>> posts = CollectPosts(*query);
    if (!posts.ok()) return posts.status();
    if (posts->empty()) return Status::NotFound("no post at " + std::string(path));
    SAMIZDAT_RETURN_IF_ERROR(LoadLabels(conn, *posts));
    return std::move(posts->front());
  });
}

Result<bool> SqliteStore::PathExists(int64_t blog_id, std::string_view path) {
  return Read([&](Connection& conn) -> Result<bool> {
    Result<Statement> query = conn.Prepare(
        "SELECT 1 FROM posts WHERE blog_id = ?1 AND path = ?2 AND path <> ''");
    if (!query.ok()) return query.status();
    return query->Bind(1, blog_id).Bind(2, path).Step();
  });
}

Result<std::vector<Post>> SqliteStore::ListPosts(const PostQuery& q) {
  return Read([&](Connection& conn) -> Result<std::vector<Post>> {
    std::string sql =
        "SELECT " + std::string(kPostColumns) + FilterSql(q) + OrderSql(q) + " LIMIT ?8 OFFSET ?9";
    Result<Statement> query = conn.Prepare(sql);
    if (!query.ok()) return query.status();
    BindFilter(*query, q);
    query->Bind(8, q.limit < 0 ? -1 : q.limit).Bind(9, q.offset < 0 ? 0 : q.offset);
    Result<std::vector<Post>> posts = CollectPosts(*query);
    if (!posts.ok()) return posts.status();
    SAMIZDAT_RETURN_IF_ERROR(LoadLabels(conn, *posts));
    return posts;
  });
}

Result<int> SqliteStore::CountPosts(const PostQuery& q) {
  return Read([&](Connection& conn) -> Result<int> {
    Result<Statement> query = conn.Prepare("SELECT COUNT(*)" + FilterSql(q));
    if (!query.ok()) return query.status();
    BindFilter(*query, q);
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    return query->Int(0);
  });
}

Result<Neighbours> SqliteStore::GetNeighbours(const Post& post) {
  return Read([&](Connection& conn) -> Result<Neighbours> {
    Result<std::optional<PostLink>> newer = Neighbour(conn, post, /*newer=*/true);
    if (!newer.ok()) return newer.status();
    Result<std::optional<PostLink>> older = Neighbour(conn, post, /*newer=*/false);
    if (!older.ok()) return older.status();
    return Neighbours{std::move(*newer), std::move(*older)};
  });
}

Result<std::vector<Time>> SqliteStore::ListPublishedTimes(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Time>> {
    Result<Statement> query = conn.Prepare(
        "SELECT published_ms FROM posts WHERE blog_id = ?1 AND kind = 'post' AND "
        "status = 'published' ORDER BY published_ms DESC, id DESC");
    if (!query.ok()) return query.status();
    query->Bind(1, blog_id);
    std::vector<Time> times;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return times;
      times.push_back(FromMillis(query->Int64(0)));
    }
  });
}

Result<std::vector<LabelCount>> SqliteStore::LabelCounts(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<LabelCount>> {
    // NOCASE folds ASCII letters only; the plain name then orders "a" and "A" stably.
    Result<Statement> query = conn.Prepare(
        "SELECT name, count FROM label_counts WHERE blog_id = ?1 "
        "ORDER BY name COLLATE NOCASE, name");
    if (!query.ok()) return query.status();
    query->Bind(1, blog_id);
    std::vector<LabelCount> counts;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return counts;
      counts.push_back(LabelCount{query->Text(0), query->Int(1)});
    }
  });
}

}  // namespace samizdat::store::sqlite
