// SqlStore: creating, updating and deleting posts and pages, with their labels, and
// publishing the scheduled ones that are due.
#include <string>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {
namespace {

Result<bool> PostIdTaken(Connection& conn, int64_t id) {
  return conn.Exists("SELECT 1 FROM posts WHERE id = $1", Params().Add(id));
}

// Within a write, after the blog's row is locked: Conflict if `path` (non-empty) belongs
// to another post of the blog.
Status CheckPathFree(Connection& conn, int64_t blog_id, int64_t post_id, const std::string& path) {
  if (path.empty()) return Status::Ok();
  bool found = false;
  Result<Rows> row = conn.First(
      "SELECT id FROM posts WHERE blog_id = $1 AND path = $2 AND path <> '' AND id <> $3",
      Params().Add(blog_id).Add(path).Add(post_id), &found);
  if (!row.ok()) return row.status();
  if (found) {
    return Status::Conflict("the path " + path + " is already used by post " +
                            std::to_string(row->Int64(0)));
  }
  return Status::Ok();
}

// Within a write: adds `labels` (cleaned) to a post that has none stored, in one
// statement; their position is their order.
Status InsertLabels(Connection& conn, const Post& post, const std::vector<std::string>& labels) {
  if (labels.empty()) return Status::Ok();
  const Dialect& dialect = conn.dialect();
  Params params;
  params.Add(post.id).Add(post.blog_id).AddList(labels);
  if (dialect.labels_carry_post) {
    params.Add(KindWord(post.kind)).Add(PostStatusName(post.status)).Add(Millis(post.published));
  }
  return conn.Execute(dialect.insert_labels, params);
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
      .Add(post.author_id)
      .Add(post.feed_id);
  return params;
}

Result<bool> SqlStore::LockPublishing(Connection&, int64_t) { return true; }

Status NoPost(int64_t blog_id, int64_t post_id) {
  return Status::NotFound("no post with id " + std::to_string(post_id) + " in blog " +
                          std::to_string(blog_id));
}

Status CheckPostInBlog(Connection& conn, int64_t blog_id, int64_t post_id) {
  Result<bool> found = conn.Exists("SELECT 1 FROM posts WHERE id = $1 AND blog_id = $2",
                                   Params().Add(post_id).Add(blog_id));
  if (!found.ok()) return found.status();
  return *found ? Status::Ok() : NoPost(blog_id, post_id);
}

Status SqlStore::CheckPostFree(Connection& conn, const Post& post) {
  Result<bool> taken = PostIdTaken(conn, post.id);
  if (!taken.ok()) return taken.status();
  if (*taken) return Status::Conflict("a post with id " + std::to_string(post.id) + " exists");
  return CheckPathFree(conn, post.blog_id, post.id, post.path);
}

Status SqlStore::InsertPost(Connection& conn, const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Execute("INSERT INTO posts (id, blog_id, kind, status, title, path, source, format, "
                   "body_html, body_text, author, published_ms, updated_ms, comments_mode, "
                   "author_id, feed_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                   "$13, $14, $15, $16)",
                   PostFields(post)));
  return InsertLabels(conn, post, CleanLabels(post.labels));
}

Result<Post> SqlStore::CreatePost(const Post& post) {
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
    SAMIZDAT_RETURN_IF_ERROR(InsertPost(conn, stored));
    return stored;
  });
}

Status SqlStore::UpdatePost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckPost(post));
  return Write([&](Connection& conn) -> Status {
    // Locks the blog's row; no blog, no post.
    Status bumped = BumpGeneration(conn, post.blog_id);
    if (bumped.IsNotFound()) return NoPost(post.blog_id, post.id);
    SAMIZDAT_RETURN_IF_ERROR(bumped);
    SAMIZDAT_RETURN_IF_ERROR(CheckPostInBlog(conn, post.blog_id, post.id));
    SAMIZDAT_RETURN_IF_ERROR(CheckPathFree(conn, post.blog_id, post.id, post.path));
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Execute("UPDATE posts SET kind = $3, status = $4, title = $5, path = $6, "
                     "source = $7, format = $8, body_html = $9, body_text = $10, author = $11, "
                     "published_ms = $12, updated_ms = $13, comments_mode = $14, "
                     "author_id = $15, feed_id = $16 WHERE id = $1 AND blog_id = $2",
                     PostFields(post)));
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Execute("DELETE FROM post_labels WHERE post_id = $1", Params().Add(post.id)));
    return InsertLabels(conn, post, CleanLabels(post.labels));
  });
}

Result<int> SqlStore::GetBodyVersion() {
  return Read([&](Connection& conn) -> Result<int> {
    return conn.Count("SELECT version FROM body_version", Params());
  });
}

Status SqlStore::SetBodyVersion(int version) {
  return Write([&](Connection& conn) -> Status {
    return conn.Execute("UPDATE body_version SET version = $1", Params().Add(version));
  });
}

Status SqlStore::RewriteBodies(int64_t blog_id, const std::vector<BodyRewrite>& rewrites) {
  if (rewrites.empty()) return Status::Ok();
  return Write([&](Connection& conn) -> Status {
    SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, blog_id));
    for (const BodyRewrite& rewrite : rewrites) {
      SAMIZDAT_RETURN_IF_ERROR(conn.Execute(
          "UPDATE posts SET body_html = $3, body_text = $4 WHERE id = $1 AND blog_id = $2",
          Params()
              .Add(rewrite.post_id)
              .Add(blog_id)
              .Add(rewrite.body_html)
              .Add(rewrite.body_text)));
    }
    return Status::Ok();
  });
}

Status SqlStore::DeletePost(int64_t blog_id, int64_t post_id) {
  return Write([&](Connection& conn) -> Status {
    // Locks the blog's row (the bump is rolled back if nothing goes); no blog, no post.
    Status bumped = BumpGeneration(conn, blog_id);
    if (bumped.IsNotFound()) return NoPost(blog_id, post_id);
    SAMIZDAT_RETURN_IF_ERROR(bumped);
    Result<int64_t> removed = conn.Run("DELETE FROM posts WHERE id = $1 AND blog_id = $2",
                                       Params().Add(post_id).Add(blog_id));
    if (!removed.ok()) return removed.status();
    if (*removed == 0) return NoPost(blog_id, post_id);
    return Status::Ok();  // labels and comments go by ON DELETE CASCADE
  });
}

Result<std::vector<int64_t>> SqlStore::PublishDue(int64_t blog_id, Time now) {
  // Usually nothing is due: a plain read then, with no write transaction, leaving the
  // change stamp alone.
  Result<bool> due = Read([&](Connection& conn) {
    return conn.Exists(
        "SELECT 1 FROM posts WHERE blog_id = $1 AND status = 'scheduled' AND "
        "published_ms <= $2 LIMIT 1",
        Params().Add(blog_id).Add(Millis(now)));
  });
  if (!due.ok()) return due.status();
  if (!*due) return std::vector<int64_t>();
  return Write([&](Connection& conn) -> Result<std::vector<int64_t>> {
    // Another process or node publishing this blog right now publishes these posts.
    Result<bool> mine = LockPublishing(conn, blog_id);
    if (!mine.ok()) return mine.status();
    if (!*mine) return std::vector<int64_t>();
    // The blog's row before the posts' rows, in the order of every other writer.
    Result<bool> blog =
        conn.Exists("SELECT 1 FROM blogs WHERE id = $1 FOR UPDATE", Params().Add(blog_id));
    if (!blog.ok()) return blog.status();
    if (!*blog) return std::vector<int64_t>();
    Result<std::vector<int64_t>> ids = conn.Ids(
        "UPDATE posts SET status = 'published' WHERE blog_id = $1 AND status = 'scheduled' "
        "AND published_ms <= $2 RETURNING id",
        Params().Add(blog_id).Add(Millis(now)));
    if (ids.ok() && !ids->empty()) SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, blog_id));
    return ids;
  });
}

}  // namespace samizdat::store::sql
