// SqlStore: a blog's Blogger theme (the blog_themes table).
#include <string>
#include <string_view>

#include "store/row_mapping.h"
#include "store/sql/bulk_batch.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {
namespace {

Status CheckThemeXml(std::string_view xml) {
  if (xml.empty()) return Status::InvalidArgument("a theme cannot be empty");
  if (!Storable(xml)) {
    return Status::InvalidArgument("a theme must be UTF-8 text without NUL characters");
  }
  return Status::Ok();
}

Result<StoredTheme> SelectTheme(Connection& conn, int64_t blog_id) {
  bool found = false;
  Result<Rows> row =
      conn.First("SELECT xml, version, updated_ms FROM blog_themes WHERE blog_id = $1",
                 Params().Add(blog_id), &found);
  if (!row.ok()) return row.status();
  if (!found) {
    return Status::NotFound("blog " + std::to_string(blog_id) + " wears the default theme");
  }
  return StoredTheme{blog_id, row->Text(0), row->Int64(1), FromMillis(row->Int64(2))};
}

}  // namespace

Result<StoredTheme> SqlStore::GetTheme(int64_t blog_id) {
  return Read([&](Connection& conn) { return SelectTheme(conn, blog_id); });
}

Result<StoredTheme> SqlStore::PutTheme(int64_t blog_id, std::string_view xml) {
  SAMIZDAT_RETURN_IF_ERROR(CheckThemeXml(xml));
  return Write([&](Connection& conn) -> Result<StoredTheme> {
    SAMIZDAT_RETURN_IF_ERROR(BumpGeneration(conn, blog_id));
    SAMIZDAT_RETURN_IF_ERROR(conn.Execute(
        "INSERT INTO blog_themes (blog_id, xml, version, updated_ms) "
        "SELECT id, $2, generation, $3 FROM blogs WHERE id = $1 "
        "ON CONFLICT (blog_id) DO UPDATE SET xml = excluded.xml, version = excluded.version, "
        "updated_ms = excluded.updated_ms",
        Params().Add(blog_id).Add(xml).Add(NowMillis())));
    return SelectTheme(conn, blog_id);
  });
}

Status SqlStore::DeleteTheme(int64_t blog_id) {
  return Write([&](Connection& conn) -> Status {
    Result<int64_t> deleted =
        conn.Run("DELETE FROM blog_themes WHERE blog_id = $1", Params().Add(blog_id));
    if (!deleted.ok()) return deleted.status();
    if (*deleted == 0) return Status::Ok();
    return BumpGeneration(conn, blog_id);
  });
}

Status BulkBatch::PutTheme(int64_t blog_id, std::string_view xml) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckThemeXml(xml));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  // Commit bumps the generation of every blog touched once: the theme's version is the
  // generation it will have then.
  SAMIZDAT_RETURN_IF_ERROR(
      Run("INSERT INTO blog_themes (blog_id, xml, version, updated_ms) "
          "SELECT id, $2, generation + 1, $3 FROM blogs WHERE id = $1 "
          "ON CONFLICT (blog_id) DO UPDATE SET xml = excluded.xml, version = excluded.version, "
          "updated_ms = excluded.updated_ms",
          Params().Add(blog_id).Add(xml).Add(NowMillis()))
          .status());
  touched_blogs_.insert(blog_id);
  return Status::Ok();
}

Status BulkBatch::AddTheme(const StoredTheme& theme) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckThemeXml(theme.xml));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(theme.blog_id));
  // A copy keeps the version: the blog's generation, copied too, is at least as large.
  SAMIZDAT_RETURN_IF_ERROR(
      Run("INSERT INTO blog_themes (blog_id, xml, version, updated_ms) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (blog_id) DO UPDATE SET xml = excluded.xml, version = excluded.version, "
          "updated_ms = excluded.updated_ms",
          Params().Add(theme.blog_id).Add(theme.xml).Add(theme.version).Add(Millis(theme.updated)))
          .status());
  touched_blogs_.insert(theme.blog_id);
  return Status::Ok();
}

}  // namespace samizdat::store::sql
