// PostgresStore: reading posts and pages — by id or path, lists and counts, neighbours,
// archive times and label counts.
#include <string>
#include <vector>

#include "store/postgres/postgres_store_impl.h"
#include "store/postgres/text_array.h"
#include "store/row_mapping.h"
#include "text/utf8.h"

namespace samizdat::store::postgres {
namespace {

// Whether `text` could be stored in a text column: well-formed UTF-8 without NUL. A path
// or label from a request that is not (the bytes of a mangled URL) names nothing, where
// PostgreSQL would refuse the statement.
bool Storable(std::string_view text) {
  return text.find('\0') == std::string_view::npos && text::IsValidUtf8(text);
}

bool AllStorable(const std::vector<std::string>& labels) {
  for (const std::string& label : labels) {
    if (!Storable(label)) return false;
  }
  return true;
}

Result<std::vector<Post>> CollectPosts(const Rows& rows) {
  std::vector<Post> posts;
  posts.reserve(rows.size());
  for (int i = 0; i < rows.size(); ++i) {
    Result<Post> post = ReadLabelledPost(rows, i);
    if (!post.ok()) return post.status();
    posts.push_back(std::move(*post));
  }
  return posts;
}

// A statement's text and its parameters, grown together: Bind(value) adds the value and
// returns its placeholder.
struct Statement {
  std::string sql;
  Params params;

  template <typename T>
  std::string Bind(const T& value) {
    params.Add(value);
    return "$" + std::to_string(params.size());
  }
};

// The labels a query asks for, each once (naming a label twice asks for it once).
std::vector<std::string> DistinctLabels(const std::vector<std::string>& labels) {
  std::vector<std::string> distinct;
  for (const std::string& label : labels) {
    bool seen = false;
    for (const std::string& kept : distinct) seen = seen || kept == label;
    if (!seen) distinct.push_back(label);
  }
  return distinct;
}

// " FROM posts p WHERE …" for `q`, its values bound in `st`. Posts carrying every label
// come from post_labels (post_labels_listing alone): one label is a plain semi-join,
// several are the posts holding as many of them as were asked for (the primary key
// (post_id, name) counts each once).
void AddFilter(Statement& st, const PostQuery& q) {
  const std::string blog = st.Bind(q.blog_id);
  st.sql +=
      " FROM posts p WHERE p.blog_id = " + blog + " AND p.kind = " + st.Bind(KindWord(q.kind));
  if (q.status) st.sql += " AND p.status = " + st.Bind(PostStatusName(*q.status));
  if (q.published_before) st.sql += " AND p.published_ms < " + st.Bind(Millis(*q.published_before));
  if (q.published_after) st.sql += " AND p.published_ms > " + st.Bind(Millis(*q.published_after));
  if (q.published_from) st.sql += " AND p.published_ms >= " + st.Bind(Millis(*q.published_from));
  if (q.updated_from) st.sql += " AND p.updated_ms >= " + st.Bind(Millis(*q.updated_from));
  if (q.updated_before) st.sql += " AND p.updated_ms < " + st.Bind(Millis(*q.updated_before));
  if (!q.text.empty()) {
    // ILIKE folds case as the database's locale does; LIKE's default escape is backslash.
    const std::string pattern = st.Bind(ContainsPattern(q.text));
    st.sql += " AND (p.title ILIKE " + pattern + " OR p.body_text ILIKE " + pattern + ")";
  }
  const std::vector<std::string> labels = DistinctLabels(q.labels);
  if (labels.size() == 1) {
    st.sql += " AND p.id IN (SELECT l.post_id FROM post_labels l WHERE l.blog_id = " + blog +
              " AND l.name = " + st.Bind(labels[0]) + ")";
  } else if (labels.size() > 1) {
    st.params.AddTextArray(labels);
    const std::string names = "$" + std::to_string(st.params.size());
    st.sql += " AND p.id IN (SELECT l.post_id FROM post_labels l WHERE l.blog_id = " + blog +
              " AND l.name = ANY(" + names + ") GROUP BY l.post_id HAVING COUNT(*) = cardinality(" +
              names + "::text[]))";
  }
}

// The order of posts_listing/posts_any_status (published) or posts_updated/
// posts_any_status_updated (updated); the id breaks ties.
std::string OrderSql(const PostQuery& q) {
  const char* time = q.order == PostQuery::Order::kUpdated ? "p.updated_ms" : "p.published_ms";
  const char* dir = q.oldest_first ? "" : " DESC";
  return std::string(" ORDER BY ") + time + dir + ", p.id" + dir;
}

}  // namespace

Result<Post> ReadLabelledPost(const Rows& rows, int row) {
  Post post = ReadPost(rows.At(row));
  if (!rows.IsNull(row, kPostColumnCount)) {  // array_agg over no labels is NULL
    Result<std::vector<std::string>> labels = DecodeTextArray(rows.TextView(row, kPostColumnCount));
    if (!labels.ok()) return labels.status();
    post.labels = std::move(*labels);
  }
  return post;
}

Result<Post> PostgresStore::GetPost(int64_t blog_id, int64_t post_id) {
  return Read([&](Connection& conn) -> Result<Post> {
    static const std::string kSql = "SELECT " + std::string(kPostColumns) + ", " +
                                    std::string(kPostLabelsColumn) +
                                    " FROM posts p WHERE p.id = $1 AND p.blog_id = $2";
    Result<Rows> rows = conn.Query(kSql, Params().Add(post_id).Add(blog_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return Status::NotFound("no post with id " + std::to_string(post_id) + " in blog " +
                              std::to_string(blog_id));
    }
    return ReadLabelledPost(*rows, 0);
  });
}

Result<Post> PostgresStore::GetPostByPath(int64_t blog_id, std::string_view path) {
  if (!Storable(path)) return Status::NotFound("no post at " + text::ToValidUtf8(path));
  return Read([&](Connection& conn) -> Result<Post> {
    // "path <> ''" lets PostgreSQL use the partial unique index on (blog_id, path).
    static const std::string kSql = "SELECT " + std::string(kPostColumns) + ", " +
                                    std::string(kPostLabelsColumn) +
                                    " FROM posts p WHERE p.blog_id = $1 AND p.path = $2 "
                                    "AND p.path <> ''";
    Result<Rows> rows = conn.Query(kSql, Params().Add(blog_id).Add(path));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("no post at " + std::string(path));
    return ReadLabelledPost(*rows, 0);
  });
}

Result<bool> PostgresStore::PathExists(int64_t blog_id, std::string_view path) {
  if (!Storable(path)) return false;
  return Read([&](Connection& conn) -> Result<bool> {
    Result<Rows> rows =
        conn.Query("SELECT 1 FROM posts WHERE blog_id = $1 AND path = $2 AND path <> ''",
                   Params().Add(blog_id).Add(path));
    if (!rows.ok()) return rows.status();
    return !rows->empty();
  });
}

Result<std::vector<Post>> PostgresStore::ListPosts(const PostQuery& q) {
  if (!AllStorable(q.labels) || !Storable(q.text)) return std::vector<Post>();
  Statement st;
  st.sql = "SELECT " + std::string(kPostColumns) + ", " + std::string(kPostLabelsColumn);
  AddFilter(st, q);
  st.sql += OrderSql(q);
  // LIMIT NULL is no limit.
  if (q.limit < 0) {
    st.params.AddNull();
    st.sql += " LIMIT $" + std::to_string(st.params.size());
  } else {
    st.sql += " LIMIT " + st.Bind(q.limit);
  }
  st.sql += " OFFSET " + st.Bind(q.offset < 0 ? 0 : q.offset);
  return Read([&](Connection& conn) -> Result<std::vector<Post>> {
    Result<Rows> rows = conn.Query(st.sql, st.params);
    if (!rows.ok()) return rows.status();
    return CollectPosts(*rows);
  });
}

Result<int> PostgresStore::CountPosts(const PostQuery& q) {
  if (!AllStorable(q.labels) || !Storable(q.text)) return 0;
  Statement st;
  st.sql = "SELECT COUNT(*)";
  AddFilter(st, q);
  return Read([&](Connection& conn) -> Result<int> {
    Result<Rows> rows = conn.Query(st.sql, st.params);
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

Result<Neighbours> PostgresStore::GetNeighbours(const Post& post) {
  return Read([&](Connection& conn) -> Result<Neighbours> {
    // Both sides in one statement (one snapshot): the first column says which side.
    Result<Rows> rows = conn.Query(
        "(SELECT true, id, title, path FROM posts WHERE blog_id = $1 AND kind = $2 AND "
        " status = 'published' AND (published_ms, id) > ($3, $4) "
        " ORDER BY published_ms, id LIMIT 1) "
        "UNION ALL "
        "(SELECT false, id, title, path FROM posts WHERE blog_id = $1 AND kind = $2 AND "
        " status = 'published' AND (published_ms, id) < ($3, $4) "
        " ORDER BY published_ms DESC, id DESC LIMIT 1)",
        Params()
            .Add(post.blog_id)
            .Add(KindWord(post.kind))
            .Add(Millis(post.published))
            .Add(post.id));
    if (!rows.ok()) return rows.status();
    Neighbours neighbours;
    for (int i = 0; i < rows->size(); ++i) {
      PostLink link{rows->Int64(i, 1), rows->Text(i, 2), rows->Text(i, 3)};
      (rows->Bool(i, 0) ? neighbours.newer : neighbours.older) = std::move(link);
    }
    return neighbours;
  });
}

Result<std::vector<Time>> PostgresStore::ListPublishedTimes(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Time>> {
    Result<Rows> rows = conn.Query(
        "SELECT published_ms FROM posts WHERE blog_id = $1 AND kind = 'post' AND "
        "status = 'published' ORDER BY published_ms DESC, id DESC",
        Params().Add(blog_id));
    if (!rows.ok()) return rows.status();
    std::vector<Time> times;
    times.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) times.push_back(FromMillis(rows->Int64(i, 0)));
    return times;
  });
}

Result<std::vector<LabelCount>> PostgresStore::LabelCounts(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<LabelCount>> {
    // Counted from the labels joined to their posts (no kept counts, unlike SQLite), both
    // read from their indexes (post_labels_listing, posts_listing: hence p.blog_id). In
    // byte order after folding case, then by the plain name, whatever the database's
    // collation: "a" and "A" stay in a stable order.
    Result<Rows> rows = conn.Query(
        "SELECT l.name, COUNT(*) FROM post_labels l JOIN posts p ON p.id = l.post_id "
        "WHERE l.blog_id = $1 AND p.blog_id = $1 AND p.kind = 'post' AND p.status = 'published' "
        "GROUP BY l.name ORDER BY lower(l.name) COLLATE \"C\", l.name COLLATE \"C\"",
        Params().Add(blog_id));
    if (!rows.ok()) return rows.status();
    std::vector<LabelCount> counts;
    counts.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) {
      counts.push_back(LabelCount{rows->Text(i, 0), rows->Int(i, 1)});
    }
    return counts;
  });
}

}  // namespace samizdat::store::postgres
