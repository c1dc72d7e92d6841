// SqliteStore: reading posts and pages — by id or path, lists and counts, neighbours,
// archive times and label counts.
#include <string>
#include <unordered_map>
#include <vector>

#include "store/row_mapping.h"
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

// Parameter numbers of the listing statements (BindFilter binds the ones FilterSql uses).
// Labels after the first are numbered from kMoreLabels on.
enum Param : int {
  kBlog = 1,
  kKind,
  kStatus,
  kFirstLabel,
  kPublishedBefore,
  kPublishedAfter,
  kPublishedFrom,
  kLimit,
  kOffset,
  kUpdatedFrom,
  kUpdatedBefore,
  kText,
  kMoreLabels
};

// The parameter of q.labels[i].
int LabelParam(size_t i) { return i == 0 ? kFirstLabel : kMoreLabels + static_cast<int>(i) - 1; }

// Whether the rows come from the first label's rows of post_labels (label pages in
// published order) rather than from posts.
bool FromLabelRows(const PostQuery& q) {
  return !q.labels.empty() && q.order == PostQuery::Order::kPublished;
}

// "FROM … WHERE …" for `q`. In published order, labelled rows come from the first
// label's rows of post_labels, which carry the post's kind, status and published time, so
// they are read in index order without sorting; posts is joined only when `post_columns`
// are read or the updated time or the text is bounded. In updated order they come from
// posts in updated order (a feed stops after its first page instead of sorting every post
// of a common label). Either way each other label is one primary-key probe of post_labels
// (post_id, name).
std::string FilterSql(const PostQuery& q, bool post_columns) {
  const bool from_labels = FromLabelRows(q);
  const bool posts_bound = q.updated_from || q.updated_before || !q.text.empty();
  std::string sql;
  if (from_labels) {
    sql = post_columns || posts_bound ? " FROM post_labels l JOIN posts p ON p.id = l.post_id"
                                      : " FROM post_labels l";
    sql += " WHERE l.blog_id = ?1 AND l.name = ?4 AND l.kind = ?2";
  } else {
    sql = " FROM posts p WHERE p.blog_id = ?1 AND p.kind = ?2";
  }
  const std::string t = from_labels ? " AND l." : " AND p.";
  if (q.status) sql += t + "status = ?3";
  if (q.published_before) sql += t + "published_ms < ?5";
  if (q.published_after) sql += t + "published_ms > ?6";
  if (q.published_from) sql += t + "published_ms >= ?7";
  if (q.updated_from) sql += " AND p.updated_ms >= ?10";
  if (q.updated_before) sql += " AND p.updated_ms < ?11";
  // LIKE folds the case of ASCII letters only.
  if (!q.text.empty()) {
    sql += " AND (p.title LIKE ?12 ESCAPE '\\' OR p.body_text LIKE ?12 ESCAPE '\\')";
  }
  const char* post_id = from_labels ? "l.post_id" : "p.id";
  for (size_t i = from_labels ? 1 : 0; i < q.labels.size(); ++i) {
    sql += " AND EXISTS (SELECT 1 FROM post_labels x WHERE x.post_id = " + std::string(post_id) +
           " AND x.name = ?" + std::to_string(LabelParam(i)) + ")";
  }
  return sql;
}

// The ORDER BY that the chosen index delivers: posts_listing/posts_any_status or
// post_labels_listing for published order, posts_updated/posts_any_status_updated
// (migration 0002) for updated order. The id (rowid) breaks ties.
std::string OrderSql(const PostQuery& q) {
  std::string time = "p.published_ms", id = "p.id";
  if (q.order == PostQuery::Order::kUpdated) {
    time = "p.updated_ms";
  } else if (FromLabelRows(q)) {
    time = "l.published_ms", id = "l.post_id";
  }
  const char* dir = q.oldest_first ? "" : " DESC";
  return " ORDER BY " + time + dir + ", " + id + dir;
}

void BindFilter(Statement& stmt, const PostQuery& q) {
  stmt.Bind(kBlog, q.blog_id).Bind(kKind, KindWord(q.kind));
  if (q.status) stmt.Bind(kStatus, PostStatusName(*q.status));
  if (q.published_before) stmt.Bind(kPublishedBefore, Millis(*q.published_before));
  if (q.published_after) stmt.Bind(kPublishedAfter, Millis(*q.published_after));
  if (q.published_from) stmt.Bind(kPublishedFrom, Millis(*q.published_from));
  if (q.updated_from) stmt.Bind(kUpdatedFrom, Millis(*q.updated_from));
  if (q.updated_before) stmt.Bind(kUpdatedBefore, Millis(*q.updated_before));
  if (!q.text.empty()) stmt.Bind(kText, ContainsPattern(q.text));
  for (size_t i = 0; i < q.labels.size(); ++i) {
    stmt.Bind(LabelParam(i), q.labels[i]);
  }
}

// The published neighbour on one side of (published, id); `newer` picks the side.
Result<std::optional<PostLink>> Neighbour(Connection& conn, const Post& post, bool newer) {
  Result<Statement> query =
      conn.Prepare(newer ? "SELECT id, title, path FROM posts WHERE blog_id = ?1 AND kind = ?2 AND "
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
    Result<Statement> query =
        conn.Prepare("SELECT 1 FROM posts WHERE blog_id = ?1 AND path = ?2 AND path <> ''");
    if (!query.ok()) return query.status();
    return query->Bind(1, blog_id).Bind(2, path).Step();
  });
}

Result<std::vector<Post>> SqliteStore::ListPosts(const PostQuery& q) {
  return Read([&](Connection& conn) -> Result<std::vector<Post>> {
    std::string sql = "SELECT " + std::string(kPostColumns) + FilterSql(q, /*post_columns=*/true) +
                      OrderSql(q) + " LIMIT ?8 OFFSET ?9";
    Result<Statement> query = conn.Prepare(sql);
    if (!query.ok()) return query.status();
    BindFilter(*query, q);
    query->Bind(kLimit, q.limit < 0 ? -1 : q.limit).Bind(kOffset, q.offset < 0 ? 0 : q.offset);
    Result<std::vector<Post>> posts = CollectPosts(*query);
    if (!posts.ok()) return posts.status();
    SAMIZDAT_RETURN_IF_ERROR(LoadLabels(conn, *posts));
    return posts;
  });
}

Result<int> SqliteStore::CountPosts(const PostQuery& q) {
  return Read([&](Connection& conn) -> Result<int> {
    // The order does not change the count, and published order lets a label count read
    // the label's index alone.
    PostQuery counted = q;
    counted.order = PostQuery::Order::kPublished;
    Result<Statement> query =
        conn.Prepare("SELECT COUNT(*)" + FilterSql(counted, /*post_columns=*/false));
    if (!query.ok()) return query.status();
    BindFilter(*query, counted);
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
