// SqlStore: reading posts and pages — by id or path, lists and counts, neighbours,
// archive times and label counts.
//
// A listing's filter is the one part written per schema: SQLite's post_labels rows carry
// their post's kind, status and time (Dialect::labels_carry_post), so a label page reads
// that index in order; PostgreSQL's are plain (post, name) rows joined to posts.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "store/row_mapping.h"
#include "store/sql/sql_store.h"
#include "text/utf8.h"

namespace samizdat::store::sql {
namespace {

// Whether every label could be stored: an empty one, which no post carries, names nothing.
bool AllStorable(const std::vector<std::string>& labels) {
  for (const std::string& label : labels) {
    if (label.empty() || !Storable(label)) return false;
  }
  return true;
}

// A statement's text and its parameters, grown together: Bind(value) adds the value and
// returns its placeholder. Params borrows: a value bound must outlive the Statement.
struct Statement {
  std::string sql;
  Params params;
  std::string pattern;  // PostQuery::text's, which params borrows

  template <typename T>
  std::string Bind(const T& value) {
    params.Add(value);
    return "$" + std::to_string(params.size());
  }
};

// Whether SQLite's rows come from the first label's rows of post_labels (label pages in
// published order) rather than from posts.
bool FromLabelRows(const Dialect& dialect, const PostQuery& q) {
  return dialect.labels_carry_post && !q.labels.empty() && q.order == PostQuery::Order::kPublished;
}

// " FROM … WHERE …" for `q`, its values bound in `st`; `labels` are q's, each once (they
// must outlive st's use).
//
// SQLite, published order with labels: the rows come from the first label's rows of
// post_labels, read in index order without sorting; posts is joined only when
// `post_columns` are read or the updated time or the text is bounded. Otherwise from
// posts; each other label is one primary-key probe of post_labels (post_id, name).
//
// PostgreSQL: from posts; posts carrying every label come from post_labels
// (post_labels_listing alone): one label is a plain semi-join, several are the posts
// holding as many of them as were asked for (the primary key counts each once).
void AddFilter(const Dialect& dialect, Statement& st, const PostQuery& q,
               const std::vector<std::string>& labels, bool post_columns) {
  const bool from_labels = FromLabelRows(dialect, q);
  const bool posts_bound = q.updated_from || q.updated_before || !q.text.empty();
  const std::string blog = st.Bind(q.blog_id);
  const std::string kind = st.Bind(KindWord(q.kind));
  if (from_labels) {
    st.sql += post_columns || posts_bound ? " FROM post_labels l JOIN posts p ON p.id = l.post_id"
                                          : " FROM post_labels l";
    st.sql += " WHERE l.blog_id = " + blog + " AND l.name = " + st.Bind(labels[0]) +
              " AND l.kind = " + kind;
  } else {
    st.sql += " FROM posts p WHERE p.blog_id = " + blog + " AND p.kind = " + kind;
  }
  const std::string t = from_labels ? " AND l." : " AND p.";
  if (q.status) st.sql += t + "status = " + st.Bind(PostStatusName(*q.status));
  if (q.published_before) st.sql += t + "published_ms < " + st.Bind(Millis(*q.published_before));
  if (q.published_after) st.sql += t + "published_ms > " + st.Bind(Millis(*q.published_after));
  if (q.published_from) st.sql += t + "published_ms >= " + st.Bind(Millis(*q.published_from));
  if (q.updated_from) st.sql += " AND p.updated_ms >= " + st.Bind(Millis(*q.updated_from));
  if (q.updated_before) st.sql += " AND p.updated_ms < " + st.Bind(Millis(*q.updated_before));
  if (!q.text.empty()) {
    // SQLite's LIKE folds the case of ASCII letters only; PostgreSQL's ILIKE as the
    // database's locale does.
    st.pattern = ContainsPattern(q.text);
    const std::string pattern = st.Bind(st.pattern);
    const std::string like = " " + std::string(dialect.like_ignoring_case) + " ";
    st.sql += " AND (p.title" + like + pattern + " ESCAPE '\\' OR p.body_text" + like + pattern +
              " ESCAPE '\\')";
  }
  if (dialect.labels_carry_post) {
    const char* post_id = from_labels ? "l.post_id" : "p.id";
    for (size_t i = from_labels ? 1 : 0; i < labels.size(); ++i) {
      st.sql +=
          " AND EXISTS (SELECT 1 FROM post_labels x WHERE x.post_id = " + std::string(post_id) +
          " AND x.name = " + st.Bind(labels[i]) + ")";
    }
  } else if (labels.size() == 1) {
    st.sql += " AND p.id IN (SELECT l.post_id FROM post_labels l WHERE l.blog_id = " + blog +
              " AND l.name = " + st.Bind(labels[0]) + ")";
  } else if (labels.size() > 1) {
    st.params.AddList(labels);
    const std::string names = "$" + std::to_string(st.params.size());
    st.sql += " AND p.id IN (SELECT l.post_id FROM post_labels l WHERE l.blog_id = " + blog +
              " AND l.name = ANY(" + names + ") GROUP BY l.post_id HAVING COUNT(*) = cardinality(" +
              names + "::text[]))";
  }
}

// The ORDER BY the chosen index delivers: posts_listing/posts_any_status (or SQLite's
// post_labels_listing) for published order, posts_updated/posts_any_status_updated for
// updated order. The id breaks ties.
std::string OrderSql(const Dialect& dialect, const PostQuery& q) {
  std::string time = "p.published_ms", id = "p.id";
  if (q.order == PostQuery::Order::kUpdated) {
    time = "p.updated_ms";
  } else if (FromLabelRows(dialect, q)) {
    time = "l.published_ms", id = "l.post_id";
  }
  const char* dir = q.oldest_first ? "" : " DESC";
  return " ORDER BY " + time + dir + ", " + id + dir;
}

}  // namespace

bool Storable(std::string_view text) {
  return text.find('\0') == std::string_view::npos && text::IsValidUtf8(text);
}

std::string SqlStore::PostSelect(const Dialect& dialect, bool source_and_text) {
  std::string sql = "SELECT " + std::string(kPostColumns);
  if (!source_and_text) {
    constexpr std::string_view kSource = "p.source";
    constexpr std::string_view kText = "p.body_text";
    sql.replace(sql.find(kSource), kSource.size(), "''");
    // The text's start is enough for the page's description (render/build.h).
    sql.replace(sql.find(kText), kText.size(), "substr(p.body_text, 1, 400)");
  }
  if (!dialect.post_labels.empty()) sql += ", " + std::string(dialect.post_labels);
  return sql;
}

Result<std::vector<Post>> SqlStore::ReadPosts(Connection& conn, std::string_view sql,
                                              const Params& params,
                                              std::vector<std::string>* extra) {
  Result<Rows> rows = conn.Query(sql, params);
  if (!rows.ok()) return rows.status();
  const bool labelled = !conn.dialect().post_labels.empty();
  const int extra_column = labelled ? kPostColumnCount + 1 : kPostColumnCount;
  std::vector<Post> posts;
  SAMIZDAT_RETURN_IF_ERROR(rows->ForEach([&](const Rows& row) -> Status {
    posts.push_back(ReadPost(row));
    if (extra != nullptr) extra->push_back(row.Text(extra_column));
    if (!labelled || row.IsNull(kPostColumnCount)) return Status::Ok();  // no labels: NULL
    Result<std::vector<std::string>> labels = row.List(kPostColumnCount);
    if (!labels.ok()) return labels.status();
    posts.back().labels = std::move(*labels);
    return Status::Ok();
  }));
  if (labelled) return posts;
  // Each post's labels by its primary key, put in the author's order here: a statement
  // for the whole page (post_id = ANY(...) ORDER BY position) cost SQLite an index of
  // the ids and a sort in temporary b-trees, more than these few probes.
  std::vector<std::pair<int, std::string>> labels;
  for (Post& post : posts) {
    labels.clear();
    Result<Rows> rows = conn.Query("SELECT position, name FROM post_labels WHERE post_id = $1",
                                   Params().Add(post.id));
    if (!rows.ok()) return rows.status();
    SAMIZDAT_RETURN_IF_ERROR(
        rows->ForEach([&](const Rows& row) { labels.emplace_back(row.Int(0), row.Text(1)); }));
    std::sort(labels.begin(), labels.end());
    for (auto& label : labels) post.labels.push_back(std::move(label.second));
  }
  return posts;
}

Result<std::vector<SearchHit>> SqlStore::ReadHits(
    Connection& conn, std::string_view sql, const Params& params,
    std::string (*snippet)(const Post& post, const std::string& column)) {
  std::vector<std::string> columns;
  Result<std::vector<Post>> posts = ReadPosts(conn, sql, params, &columns);
  if (!posts.ok()) return posts.status();
  std::vector<SearchHit> hits;
  for (size_t i = 0; i < posts->size(); ++i) {
    std::string html = snippet((*posts)[i], columns[i]);
    hits.push_back(SearchHit{std::move((*posts)[i]), std::move(html)});
  }
  return hits;
}

Result<std::optional<Post>> SqlStore::FindPost(Connection& conn, int64_t blog_id, int64_t post_id) {
  Result<std::vector<Post>> posts = ReadPosts(
      conn, PostSelect(conn.dialect()) + " FROM posts p WHERE p.id = $1 AND p.blog_id = $2",
      Params().Add(post_id).Add(blog_id));
  if (!posts.ok()) return posts.status();
  if (posts->empty()) return std::optional<Post>();
  return std::optional<Post>(std::move(posts->front()));
}

Result<Post> SqlStore::GetPost(int64_t blog_id, int64_t post_id) {
  return Read([&](Connection& conn) -> Result<Post> {
    Result<std::optional<Post>> post = FindPost(conn, blog_id, post_id);
    if (!post.ok()) return post.status();
    if (!*post) return NoPost(blog_id, post_id);
    return std::move(**post);
  });
}

Result<Post> SqlStore::SelectPostByPath(Connection& conn, int64_t blog_id, std::string_view path,
                                        bool source_and_text) {
  // "path <> ''" lets the database use the partial unique index on (blog_id, path).
  Result<std::vector<Post>> posts =
      ReadPosts(conn,
                PostSelect(conn.dialect(), source_and_text) +
                    " FROM posts p WHERE p.blog_id = $1 AND p.path = $2 AND p.path <> ''",
                Params().Add(blog_id).Add(path));
  if (!posts.ok()) return posts.status();
  if (posts->empty()) return Status::NotFound("no post at " + std::string(path));
  return std::move(posts->front());
}

Result<Post> SqlStore::GetPostByPath(int64_t blog_id, std::string_view path) {
  if (!Storable(path)) return Status::NotFound("no post at " + text::ToValidUtf8(path));
  return Read([&](Connection& conn) { return SelectPostByPath(conn, blog_id, path); });
}

Result<bool> SqlStore::PathExists(int64_t blog_id, std::string_view path) {
  if (!Storable(path)) return false;
  return Read([&](Connection& conn) {
    return conn.Exists("SELECT 1 FROM posts WHERE blog_id = $1 AND path = $2 AND path <> ''",
                       Params().Add(blog_id).Add(path));
  });
}

Result<std::vector<Post>> SqlStore::ListPosts(const PostQuery& q) {
  if (!AllStorable(q.labels) || !Storable(q.text)) return std::vector<Post>();
  const std::vector<std::string> labels = CleanLabels(q.labels);
  return Read([&](Connection& conn) -> Result<std::vector<Post>> {
    const Dialect& dialect = conn.dialect();
    Statement st;
    st.sql = PostSelect(dialect);
    AddFilter(dialect, st, q, labels, /*post_columns=*/true);
    st.sql += OrderSql(dialect, q);
    st.params.AddLimit(q.limit);
    st.sql += " LIMIT $" + std::to_string(st.params.size());
    st.sql += " OFFSET " + st.Bind(q.offset < 0 ? 0 : q.offset);
    return ReadPosts(conn, st.sql, st.params);
  });
}

Result<int> SqlStore::CountPosts(const PostQuery& q) {
  if (!AllStorable(q.labels) || !Storable(q.text)) return 0;
  // The order does not change the count, and published order lets SQLite count a label
  // from the label's index alone.
  PostQuery counted = q;
  counted.order = PostQuery::Order::kPublished;
  const std::vector<std::string> labels = CleanLabels(q.labels);
  return Read([&](Connection& conn) -> Result<int> {
    Statement st;
    st.sql = "SELECT COUNT(*)";
    AddFilter(conn.dialect(), st, counted, labels, /*post_columns=*/false);
    return conn.Count(st.sql, st.params);
  });
}

namespace {

// Within a read: the published neighbours of `post` (store.h's Neighbours). Both sides
// in one statement: the first column says which side.
Result<Neighbours> SelectNeighbours(Connection& conn, const Post& post) {
  Result<Rows> rows = conn.Query(
      "SELECT * FROM (SELECT true, id, title, path FROM posts WHERE blog_id = $1 AND "
      " kind = $2 AND status = 'published' AND (published_ms, id) > ($3, $4) "
      " ORDER BY published_ms, id LIMIT 1) AS newer "
      "UNION ALL "
      "SELECT * FROM (SELECT false, id, title, path FROM posts WHERE blog_id = $1 AND "
      " kind = $2 AND status = 'published' AND (published_ms, id) < ($3, $4) "
      " ORDER BY published_ms DESC, id DESC LIMIT 1) AS older",
      Params().Add(post.blog_id).Add(KindWord(post.kind)).Add(Millis(post.published)).Add(post.id));
  if (!rows.ok()) return rows.status();
  Neighbours neighbours;
  SAMIZDAT_RETURN_IF_ERROR(rows->ForEach([&](const Rows& row) {
    (row.Bool(0) ? neighbours.newer : neighbours.older) =
        PostLink{row.Int64(1), row.Text(2), row.Text(3)};
  }));
  return neighbours;
}

}  // namespace

Result<ItemPage> SqlStore::GetItemPage(int64_t blog_id, std::string_view path) {
  if (!Storable(path)) return Status::NotFound("no post at " + text::ToValidUtf8(path));
  return Read([&](Connection& conn) -> Result<ItemPage> {
    // The source and the text (two thirds of a post's bytes) are not on the page; only
    // the text's start is, in the description.
    Result<Post> post = SelectPostByPath(conn, blog_id, path, /*source_and_text=*/false);
    if (!post.ok()) return post.status();
    ItemPage page{std::move(*post), {}, {}};
    if (page.post.status != PostStatus::kPublished) return page;
    Result<Neighbours> neighbours = SelectNeighbours(conn, page.post);
    if (!neighbours.ok()) return neighbours.status();
    page.neighbours = std::move(*neighbours);
    CommentQuery comments;
    comments.blog_id = blog_id;
    comments.post_id = page.post.id;
    comments.limit = -1;
    Result<std::vector<Comment>> listed = SelectComments(conn, comments);
    if (!listed.ok()) return listed.status();
    page.comments = std::move(*listed);
    return page;
  });
}

Result<std::vector<Time>> SqlStore::ListPublishedTimes(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Time>> {
    return conn.Collect(
        "SELECT published_ms FROM posts WHERE blog_id = $1 AND kind = 'post' AND "
        "status = 'published' ORDER BY published_ms DESC, id DESC",
        Params().Add(blog_id), [](const Rows& row) { return FromMillis(row.Int64(0)); });
  });
}

Result<std::vector<LabelCount>> SqlStore::LabelCounts(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<LabelCount>> {
    return conn.Collect(conn.dialect().label_counts, Params().Add(blog_id), [](const Rows& row) {
      return LabelCount{row.Text(0), row.Int(1)};
    });
  });
}

}  // namespace samizdat::store::sql
