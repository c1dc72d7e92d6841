// PostgresStore: creating, updating and deleting posts and pages, with their labels, and
// publishing the scheduled ones that are due.
#include <string>
#include <vector>

#include "store/checks.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {
namespace {

Status NoPost(int64_t blog_id, int64_t post_id) {
  return Status::NotFound("no post with id " + std::to_string(post_id) + " in blog " +
                          std::to_string(blog_id));
}

Result<bool> PostIdTaken(Connection& conn, int64_t id) {
  Result<Rows> rows = conn.Query("SELECT 1 FROM posts WHERE id = $1", Params().Add(id));
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

// Within a write, after the blog's row is locked: Conflict if `path` (non-empty) belongs
// to another post of the blog.
Status CheckPathFree(Connection& conn, int64_t blog_id, int64_t post_id, const std::string& path) {
  if (path.empty()) return Status::Ok();
  Result<Rows> rows = conn.Query(
      "SELECT id FROM posts WHERE blog_id = $1 AND path = $2 AND path <> '' AND id <> $3",
      Params().Add(blog_id).Add(path).Add(post_id));
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) {
    return Status::Conflict("the path " + path + " is already used by post " +
                            std::to_string(rows->Int64(0, 0)));
  }
  return Status::Ok();
}

// Within a write, after the blog's row is locked: Conflict if the post's id, or its path
// in the blog, is taken.
Status CheckPostFree(Connection& conn, const Post& post) {
  Result<bool> taken = PostIdTaken(conn, post.id);
  if (!taken.ok()) return taken.status();
  if (*taken) return Status::Conflict("a post with id " + std::to_string(post.id) + " exists");
  return CheckPathFree(conn, post.blog_id, post.id, post.path);
}

// Within a write: adds `labels` (cleaned) to a post that has none stored, in one
// statement; their position is their order.
Status InsertLabels(Connection& conn, const Post& post, const std::vector<std::string>& labels) {
  if (labels.empty()) return Status::Ok();
  return conn
      .Query(
          "INSERT INTO post_labels (post_id, blog_id, name, position) "
          "SELECT $1, $2, name, position - 1 FROM unnest($3::text[]) "
          "WITH ORDINALITY AS l(name, position)",
          Params().Add(post.id).Add(post.blog_id).AddTextArray(labels))
      .status();
}

// Within a write: inserts the post's row (no comments yet) and its labels, which must be
// cleaned already; no checks.
Status InsertPost(Connection& conn, const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Query("INSERT INTO posts (id, blog_id, kind, status, title, path, source, format, "
                 "body_html, body_text, author, published_ms, updated_ms, comments_mode, "
                 "author_id) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                 PostFields(post))
          .status());
  return InsertLabels(conn, post, post.labels);
}

// Within a write: replaces the post's labels with `labels` (cleaned).
Status ReplaceLabels(Connection& conn, const Post& post, const std::vector<std::string>& labels) {
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Query("DELETE FROM post_labels WHERE post_id = $1", Params().Add(post.id)).status());
  return InsertLabels(conn, post, labels);
}

// Two int4 advisory lock keys made of the blog id's halves: one lock per blog, in a key
// space apart from the single int8 keys (the migrations' lock).
Params PublishLockKeys(int64_t blog_id) {
  const uint64_t id = static_cast<uint64_t>(blog_id);
  return Params()
      .Add(static_cast<int64_t>(static_cast<int32_t>(id >> 32)))
      .Add(static_cast<int64_t>(static_cast<int32_t>(id & 0xffffffffu)));
}

}  // namespace

Params PostFields(const Post& post) {
  Params params;
  params.Add(post.id)
      .Add(post.blog_id)
      .Add(KindWord(post.kind))
      .Add(PostStatusName(post.status))
      .Add(post.title)
      .Add(post.path)
      .Add(post.source)
      .Add(FormatWord(post.format))
      .Add(post.body_html)
      .Add(post.body_text)
      .Add(post.author)
      .Add(Millis(post.published))
      .Add(Millis(post.updated))
      .Add(CommentsModeName(post.comments_mode))
      .Add(post.author_id);
  return params;
}

Result<Post> PostgresStore::CreatePost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckPost(post));
  return Write([&](Connection& conn) -> Result<Post> {
    // First: NotFound without a blog, and the blog's row locked, so the checks below
    // cannot be raced by another writer of the blog.
    SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, post.blog_id));
    Post stored = post;
    stored.labels = CleanLabels(post.labels);
    stored.comment_count = 0;  // a new post has no comments yet
    if (stored.id == 0) {
      Result<int64_t> drawn =
          ids_.DrawFree("post", [&](int64_t candidate) { return PostIdTaken(conn, candidate); });
      if (!drawn.ok()) return drawn.status();
      stored.id = *drawn;
    }
    SAMIZDAT_RETURN_IF_ERROR(CheckPostFree(conn, stored));
    SAMIZDAT_RETURN_IF_ERROR(InsertPost(conn, stored));  // its labels are cleaned
    return stored;
  });
}

Status PostgresStore::UpdatePost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckPost(post));
  return Write([&](Connection& conn) -> Status {
    // Locks the blog's row; no blog, no post.
    Status bumped = BumpGeneration(conn, post.blog_id);
    if (bumped.IsNotFound()) return NoPost(post.blog_id, post.id);
    SAMIZDAT_RETURN_IF_ERROR(bumped);
    Result<Rows> found = conn.Query("SELECT 1 FROM posts WHERE id = $1 AND blog_id = $2",
                                    Params().Add(post.id).Add(post.blog_id));
    if (!found.ok()) return found.status();
    if (found->empty()) return NoPost(post.blog_id, post.id);
    SAMIZDAT_RETURN_IF_ERROR(CheckPathFree(conn, post.blog_id, post.id, post.path));
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Query("UPDATE posts SET kind = $3, status = $4, title = $5, path = $6, "
                   "source = $7, format = $8, body_html = $9, body_text = $10, author = $11, "
                   "published_ms = $12, updated_ms = $13, comments_mode = $14, "
                   "author_id = $15 WHERE id = $1 AND blog_id = $2",
                   PostFields(post))
            .status());
    return ReplaceLabels(conn, post, CleanLabels(post.labels));
  });
}

Status PostgresStore::DeletePost(int64_t blog_id, int64_t post_id) {
  return Write([&](Connection& conn) -> Status {
    // Locks the blog's row (the bump is rolled back if nothing goes); no blog, no post.
    Status bumped = BumpGeneration(conn, blog_id);
    if (bumped.IsNotFound()) return NoPost(blog_id, post_id);
    SAMIZDAT_RETURN_IF_ERROR(bumped);
    Result<Rows> removed = conn.Query("DELETE FROM posts WHERE id = $1 AND blog_id = $2",
                                      Params().Add(post_id).Add(blog_id));
    if (!removed.ok()) return removed.status();
    if (removed->Affected() == 0) return NoPost(blog_id, post_id);
    return Status::Ok();  // labels and comments go by ON DELETE CASCADE
  });
}

Result<std::vector<int64_t>> PostgresStore::PublishDue(int64_t blog_id, Time now) {
  // Usually nothing is due: a plain read then, with no write transaction and no NOTIFY.
  Result<bool> due = Read([&](Connection& conn) -> Result<bool> {
    Result<Rows> rows = conn.Query(
        "SELECT 1 FROM posts WHERE blog_id = $1 AND status = 'scheduled' AND "
        "published_ms <= $2 LIMIT 1",
        Params().Add(blog_id).Add(Millis(now)));
    if (!rows.ok()) return rows.status();
    return !rows->empty();
  });
  if (!due.ok()) return due.status();
  if (!*due) return std::vector<int64_t>();
  return Write([&](Connection& conn) -> Result<std::vector<int64_t>> {
    // Another process or node publishing this blog right now will publish these posts:
    // leave them to it rather than wait for its commit.
    Result<Rows> locked = conn.Query("SELECT pg_try_advisory_xact_lock($1::int4, $2::int4)",
                                     PublishLockKeys(blog_id));
    if (!locked.ok()) return locked.status();
    if (!locked->Bool(0, 0)) return std::vector<int64_t>();
    // The blog's row before the posts' rows, in the order of every other writer.
    Result<Rows> blog =
        conn.Query("SELECT 1 FROM blogs WHERE id = $1 FOR UPDATE", Params().Add(blog_id));
    if (!blog.ok()) return blog.status();
    if (blog->empty()) return std::vector<int64_t>();
    Result<Rows> published = conn.Query(
        "UPDATE posts SET status = 'published' WHERE blog_id = $1 AND status = 'scheduled' "
        "AND published_ms <= $2 RETURNING id",
        Params().Add(blog_id).Add(Millis(now)));
    if (!published.ok()) return published.status();
    std::vector<int64_t> ids;
    ids.reserve(published->size());
    for (int i = 0; i < published->size(); ++i) ids.push_back(published->Int64(i, 0));
    if (!ids.empty()) SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, blog_id));
    return ids;
  });
}

}  // namespace samizdat::store::postgres
