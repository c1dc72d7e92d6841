// SqliteStore: creating, updating and reading blogs.
#include <string>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {

Result<bool> BlogIdTaken(Connection& conn, int64_t id) {
  Result<Statement> query = conn.Prepare("SELECT 1 FROM blogs WHERE id = ?1");
  if (!query.ok()) return query.status();
  return query->Bind(1, id).Step();
}

// Binds ?2..?11 and ?14..?16, the settings columns shared by the INSERT and the UPDATE
// of a blog (comment_seq and comments_updated are the store's: never written from `blog`).
Statement& BindSettings(Statement& statement, const Blog& blog) {
  return statement.Bind(2, blog.host)
      .Bind(3, blog.title)
      .Bind(4, blog.description)
      .Bind(5, blog.banner_url)
      .Bind(6, blog.banner_alt)
      .Bind(7, blog.time_zone)
      .Bind(8, blog.locale)
      .Bind(9, blog.posts_per_page)
      .Bind(10, blog.date_format)
      .Bind(11, blog.time_format)
      .Bind(14, ModerationModeName(blog.comment_moderation))
      .Bind(15, blog.moderation_days)
      .Bind(16, blog.comment_depth);
}

Result<Blog> SelectBlog(Connection& conn, int64_t blog_id) {
  static const std::string kSql =
      "SELECT " + std::string(kBlogColumns) + " FROM blogs WHERE id = ?1";
  Result<Statement> query = conn.Prepare(kSql);
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, blog_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  return ReadBlog(*query);
}

}  // namespace

Status SqliteStore::CheckHostFree(Connection& conn, const std::string& host, int64_t blog_id) {
  Result<Statement> query = conn.Prepare("SELECT id FROM blogs WHERE host = ?1 AND id <> ?2");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, host).Bind(2, blog_id).Step();
  if (!row.ok()) return row.status();
  if (*row) {
    return Status::Conflict("the host \"" + host + "\" is already used by blog " +
                            std::to_string(query->Int64(0)));
  }
  return Status::Ok();
}

Result<Blog> SqliteStore::CreateBlog(const Blog& blog) {
  SAMIZDAT_RETURN_IF_ERROR(CheckBlogSettings(blog));
  return Write([&](Connection& conn) -> Result<Blog> {
    int64_t id = blog.id;
    if (id == 0) {
      Result<int64_t> drawn =
          ids_.DrawFree("blog", [&](int64_t candidate) { return BlogIdTaken(conn, candidate); });
      if (!drawn.ok()) return drawn.status();
      id = *drawn;
    } else {
      Result<bool> taken = BlogIdTaken(conn, id);
      if (!taken.ok()) return taken.status();
      if (*taken) return Status::Conflict("a blog with id " + std::to_string(id) + " exists");
    }
    SAMIZDAT_RETURN_IF_ERROR(CheckHostFree(conn, blog.host, id));

    Result<Statement> insert = conn.Prepare(
        "INSERT INTO blogs (id, host, title, description, banner_url, banner_alt, time_zone, "
        "locale, posts_per_page, date_format, time_format, created_ms, updated_ms, generation, "
        "comment_moderation, moderation_days, comment_depth) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15, ?16)");
    if (!insert.ok()) return insert.status();
    int64_t now = NowMillis();
    // An imported blog keeps its creation time; a new one is created now.
    int64_t created = Millis(blog.created) != 0 ? Millis(blog.created) : now;
    SAMIZDAT_RETURN_IF_ERROR(
        BindSettings(insert->Bind(1, id), blog).Bind(12, created).Bind(13, now).Run());
    return SelectBlog(conn, id);
  });
}

Status SqliteStore::UpdateBlog(const Blog& blog) {
  SAMIZDAT_RETURN_IF_ERROR(CheckBlogSettings(blog));
  return Write([&](Connection& conn) -> Status {
    SAMIZDAT_RETURN_IF_ERROR(CheckHostFree(conn, blog.host, blog.id));
    Result<Statement> update = conn.Prepare(
        "UPDATE blogs SET host = ?2, title = ?3, description = ?4, banner_url = ?5, "
        "banner_alt = ?6, time_zone = ?7, locale = ?8, posts_per_page = ?9, "
        "date_format = ?10, time_format = ?11, comment_moderation = ?14, "
        "moderation_days = ?15, comment_depth = ?16 WHERE id = ?1");
    if (!update.ok()) return update.status();
    SAMIZDAT_RETURN_IF_ERROR(BindSettings(update->Bind(1, blog.id), blog).Run());
    return BumpGeneration(conn, blog.id);  // NotFound when no row had that id
  });
}

Result<Blog> SqliteStore::GetBlog(int64_t blog_id) {
  return Read([&](Connection& conn) { return SelectBlog(conn, blog_id); });
}

Result<std::vector<Blog>> SqliteStore::ListBlogs() {
  return Read([&](Connection& conn) -> Result<std::vector<Blog>> {
    static const std::string kSql =
        "SELECT " + std::string(kBlogColumns) + " FROM blogs ORDER BY created_ms, id";
    Result<Statement> query = conn.Prepare(kSql);
    if (!query.ok()) return query.status();
    std::vector<Blog> blogs;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return blogs;
      blogs.push_back(ReadBlog(*query));
    }
  });
}

}  // namespace samizdat::store::sqlite
