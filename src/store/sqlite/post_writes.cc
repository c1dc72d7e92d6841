// SqliteStore: creating, updating and deleting posts and pages, with their labels, and
// publishing the scheduled ones when their time comes.
#include <string>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {

Result<bool> PostIdTaken(Connection& conn, int64_t id) {
  Result<Statement> query = conn.Prepare("SELECT 1 FROM posts WHERE id = ?1");
  if (!query.ok()) return query.status();
  return query->Bind(1, id).Step();
}

// Binds the post's stored fields to ?2 … ?15 (?1 is the id, bound by the caller).
// comment_count is not among them: the store keeps it from the comments.
void BindPostFields(Statement& stmt, const Post& post) {
  stmt.Bind(2, post.blog_id)
      .Bind(3, KindWord(post.kind))
      .Bind(4, PostStatusName(post.status))
      .Bind(5, post.title)
      .Bind(6, post.path)
      .Bind(7, post.source)
      .Bind(8, FormatWord(post.format))
      .Bind(9, post.body_html)
      .Bind(10, post.body_text)
      .Bind(11, post.author)
      .Bind(12, Millis(post.published))
      .Bind(13, Millis(post.updated))
      .Bind(14, CommentsModeName(post.comments_mode))
      .Bind(15, post.author_id);
}

}  // namespace

Status SqliteStore::CheckPathFree(Connection& conn, int64_t blog_id, int64_t post_id,
                                  const std::string& path) {
  if (path.empty()) return Status::Ok();
  Result<Statement> query = conn.Prepare(
      "SELECT id FROM posts WHERE blog_id = ?1 AND path = ?2 AND path <> '' AND id <> ?3");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, blog_id).Bind(2, path).Bind(3, post_id).Step();
  if (!row.ok()) return row.status();
  if (*row) {
    return Status::Conflict("the path " + path + " is already used by post " +
                            std::to_string(query->Int64(0)));
  }
  return Status::Ok();
}

Status SqliteStore::InsertLabels(Connection& conn, const Post& post) {
  std::vector<std::string> labels = CleanLabels(post.labels);
  for (size_t i = 0; i < labels.size(); ++i) {
    // The post's kind, status and time, as its row was just written with them: taken
    // from `post` rather than read back from the row.
    Result<Statement> insert = conn.Prepare(
        "INSERT INTO post_labels (post_id, blog_id, name, position, kind, status, published_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert.ok()) return insert.status();
    SAMIZDAT_RETURN_IF_ERROR(insert->Bind(1, post.id)
                                 .Bind(2, post.blog_id)
                                 .Bind(3, labels[i])
                                 .Bind(4, static_cast<int64_t>(i))
                                 .Bind(5, KindWord(post.kind))
                                 .Bind(6, PostStatusName(post.status))
                                 .Bind(7, Millis(post.published))
                                 .Run());
  }
  return Status::Ok();
}

Status SqliteStore::WriteLabels(Connection& conn, const Post& post) {
  Result<Statement> clear = conn.Prepare("DELETE FROM post_labels WHERE post_id = ?1");
  if (!clear.ok()) return clear.status();
  SAMIZDAT_RETURN_IF_ERROR(clear->Bind(1, post.id).Run());
  return InsertLabels(conn, post);
}

Status SqliteStore::CheckPostFree(Connection& conn, const Post& post) {
  Result<bool> taken = PostIdTaken(conn, post.id);
  if (!taken.ok()) return taken.status();
  if (*taken) return Status::Conflict("a post with id " + std::to_string(post.id) + " exists");
  return CheckPathFree(conn, post.blog_id, post.id, post.path);
}

Status SqliteStore::InsertPost(Connection& conn, const Post& post) {
  Result<Statement> insert = conn.Prepare(
      "INSERT INTO posts (id, blog_id, kind, status, title, path, source, format, "
      "body_html, body_text, author, published_ms, updated_ms, comments_mode, author_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (!insert.ok()) return insert.status();
  insert->Bind(1, post.id);
  BindPostFields(*insert, post);
  SAMIZDAT_RETURN_IF_ERROR(insert->Run());
  return InsertLabels(conn, post);
}

Result<Post> SqliteStore::CreatePost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckPost(post));
  return Write([&](Connection& conn) -> Result<Post> {
    SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, post.blog_id));  // NotFound: no blog
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

Status SqliteStore::UpdatePost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckPost(post));
  return Write([&](Connection& conn) -> Status {
    Result<Statement> exists = conn.Prepare("SELECT 1 FROM posts WHERE id = ?1 AND blog_id = ?2");
    if (!exists.ok()) return exists.status();
    Result<bool> found = exists->Bind(1, post.id).Bind(2, post.blog_id).Step();
    if (!found.ok()) return found.status();
    if (!*found) {
      return Status::NotFound("no post with id " + std::to_string(post.id) + " in blog " +
                              std::to_string(post.blog_id));
    }
    SAMIZDAT_RETURN_IF_ERROR(CheckPathFree(conn, post.blog_id, post.id, post.path));
    Result<Statement> update = conn.Prepare(
        "UPDATE posts SET kind = ?3, status = ?4, title = ?5, path = ?6, source = ?7, "
        "format = ?8, body_html = ?9, body_text = ?10, author = ?11, published_ms = ?12, "
        "updated_ms = ?13, comments_mode = ?14, author_id = ?15 WHERE id = ?1 AND blog_id = ?2");
    if (!update.ok()) return update.status();
    update->Bind(1, post.id);
    BindPostFields(*update, post);
    SAMIZDAT_RETURN_IF_ERROR(update->Run());
    SAMIZDAT_RETURN_IF_ERROR(WriteLabels(conn, post));
    return BumpGeneration(conn, post.blog_id);
  });
}

Status SqliteStore::DeletePost(int64_t blog_id, int64_t post_id) {
  return Write([&](Connection& conn) -> Status {
    Result<Statement> remove = conn.Prepare("DELETE FROM posts WHERE id = ?1 AND blog_id = ?2");
    if (!remove.ok()) return remove.status();
    SAMIZDAT_RETURN_IF_ERROR(remove->Bind(1, post_id).Bind(2, blog_id).Run());
    if (conn.Changes() == 0) {
      return Status::NotFound("no post with id " + std::to_string(post_id) + " in blog " +
                              std::to_string(blog_id));
    }
    return BumpGeneration(conn, blog_id);  // labels and comments go by ON DELETE CASCADE
  });
}

Result<std::vector<int64_t>> SqliteStore::PublishDue(int64_t blog_id, Time now) {
  // Usually nothing is due: a read then, which takes no write lock and leaves the
  // change stamp alone.
  Result<bool> due = Read([&](Connection& conn) -> Result<bool> {
    Result<Statement> query = conn.Prepare(
        "SELECT 1 FROM posts WHERE blog_id = ?1 AND status = 'scheduled' AND "
        "published_ms <= ?2 LIMIT 1");
    if (!query.ok()) return query.status();
    return query->Bind(1, blog_id).Bind(2, Millis(now)).Step();
  });
  if (!due.ok()) return due.status();
  if (!*due) return std::vector<int64_t>();
  // The write lock serializes this with every other process's PublishDue: the posts
  // one of them published are no longer scheduled when the next one looks.
  return Write([&](Connection& conn) -> Result<std::vector<int64_t>> {
    Result<Statement> publish = conn.Prepare(
        "UPDATE posts SET status = 'published' WHERE blog_id = ?1 AND status = 'scheduled' "
        "AND published_ms <= ?2 RETURNING id");
    if (!publish.ok()) return publish.status();
    publish->Bind(1, blog_id).Bind(2, Millis(now));
    std::vector<int64_t> ids;
    for (;;) {
      Result<bool> row = publish->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ids.push_back(publish->Int64(0));
    }
    if (!ids.empty()) SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, blog_id));
    return ids;
  });
}

}  // namespace samizdat::store::sqlite
