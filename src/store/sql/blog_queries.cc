// SqlStore: creating, updating and reading blogs; the generation every write bumps.
#include <string>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {
namespace {

Result<bool> BlogIdTaken(Connection& conn, int64_t id) {
  return conn.Exists("SELECT 1 FROM blogs WHERE id = $1", Params().Add(id));
}

// The blog the statement returns first; NotFound without one.
Result<Blog> FirstBlog(Connection& conn, std::string_view sql, const Params& params,
                       int64_t blog_id) {
  bool found = false;
  Result<Rows> row = conn.First(sql, params, &found);
  if (!row.ok()) return row.status();
  if (!found) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  return ReadBlog(*row);
}

}  // namespace

Params& AddBlogSettings(Params& params, const Blog& blog) {
  return params.Add(blog.host)
      .Add(blog.title)
      .Add(blog.description)
      .Add(blog.banner_url)
      .Add(blog.banner_alt)
      .Add(blog.time_zone)
      .Add(blog.locale)
      .Add(blog.posts_per_page)
      .Add(blog.date_format)
      .Add(blog.time_format)
      .Add(ModerationModeName(blog.comment_moderation))
      .Add(blog.moderation_days)
      .Add(blog.comment_depth)
      .Add(blog.jump_link_text)
      .Add(blog.imported_from);
}

Status SqlStore::BumpGeneration(Connection& conn, int64_t blog_id) {
  Result<int64_t> bumped =
      conn.Run("UPDATE blogs SET generation = generation + 1, updated_ms = $2 WHERE id = $1",
               Params().Add(blog_id).Add(NowMillis()));
  if (!bumped.ok()) return bumped.status();
  if (*bumped == 0) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  return Status::Ok();
}

Status SqlStore::CheckHostFree(Connection& conn, const std::string& host, int64_t blog_id) {
  bool found = false;
  Result<Rows> row = conn.First("SELECT id FROM blogs WHERE host = $1 AND id <> $2",
                                Params().Add(host).Add(blog_id), &found);
  if (!row.ok()) return row.status();
  if (found) {
    return Status::Conflict("the host \"" + host + "\" is already used by blog " +
                            std::to_string(row->Int64(0)));
  }
  return Status::Ok();
}

Result<Blog> SqlStore::CreateBlog(const Blog& blog) {
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

    const int64_t now = NowMillis();
    // An imported blog keeps its creation time; a new one is created now.
    const int64_t created = Millis(blog.created) != 0 ? Millis(blog.created) : now;
    Params params;
    params.Add(id);
    AddBlogSettings(params, blog).Add(created).Add(now);
    static const std::string kSql =
        "INSERT INTO blogs (id, host, title, description, banner_url, banner_alt, time_zone, "
        "locale, posts_per_page, date_format, time_format, comment_moderation, "
        "moderation_days, comment_depth, jump_link_text, imported_from, created_ms, updated_ms, "
        "generation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
        "$16, $17, $18, 1) "
        "RETURNING " +
        std::string(kBlogColumns);
    return FirstBlog(conn, kSql, params, id);
  });
}

Status SqlStore::UpdateBlog(const Blog& blog) {
  SAMIZDAT_RETURN_IF_ERROR(CheckBlogSettings(blog));
  return Write([&](Connection& conn) -> Status {
    // Locks the blog's row first (NotFound when there is none), so no other writer of
    // the blog runs between the host check and the update.
    SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, blog.id));
    SAMIZDAT_RETURN_IF_ERROR(CheckHostFree(conn, blog.host, blog.id));
    Params params;
    params.Add(blog.id);
    AddBlogSettings(params, blog);
    return conn.Execute(
        "UPDATE blogs SET host = $2, title = $3, description = $4, banner_url = $5, "
        "banner_alt = $6, time_zone = $7, locale = $8, posts_per_page = $9, "
        "date_format = $10, time_format = $11, comment_moderation = $12, "
        "moderation_days = $13, comment_depth = $14, jump_link_text = $15, imported_from = $16 "
        "WHERE id = $1",
        params);
  });
}

Result<Blog> SqlStore::GetBlog(int64_t blog_id) {
  return Read([&](Connection& conn) {
    static const std::string kSql =
        "SELECT " + std::string(kBlogColumns) + " FROM blogs WHERE id = $1";
    return FirstBlog(conn, kSql, Params().Add(blog_id), blog_id);
  });
}

Result<std::vector<Blog>> SqlStore::ListBlogs() {
  return Read([&](Connection& conn) -> Result<std::vector<Blog>> {
    static const std::string kSql =
        "SELECT " + std::string(kBlogColumns) + " FROM blogs ORDER BY created_ms, id";
    return conn.Collect(kSql, Params(), [](const Rows& row) { return ReadBlog(row); });
  });
}

}  // namespace samizdat::store::sql
