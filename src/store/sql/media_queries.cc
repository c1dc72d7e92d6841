// SqlStore: uploaded media, the bytes in a BLOB or bytea column.
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/sql_store.h"
#include "text/utf8.h"

namespace samizdat::store::sql {
namespace {

Status NoFile(std::string_view hash) {
  return Status::NotFound("no file " + text::ToValidUtf8(hash));
}

}  // namespace

Status SqlStore::InsertMedia(Connection& conn, const Media& media, int64_t created_ms) {
  return conn.Execute(
      "INSERT INTO media (blog_id, hash, content_type, filename, bytes, size, created_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (blog_id, hash) DO NOTHING",
      Params()
          .Add(media.blog_id)
          .Add(media.hash)
          .Add(media.content_type)
          .Add(media.filename)
          .AddBytes(media.bytes)
          .Add(static_cast<int64_t>(media.bytes.size()))
          .Add(created_ms));
}

Status SqlStore::AddMedia(const Media& media) {
  SAMIZDAT_RETURN_IF_ERROR(CheckMedia(media));
  const int64_t created = Millis(media.created) != 0 ? Millis(media.created) : NowMillis();
  // A blog that is not there fails the foreign key (NotFound).
  return Write([&](Connection& conn) { return InsertMedia(conn, media, created); });
}

Result<Media> SqlStore::GetMedia(int64_t blog_id, std::string_view hash) {
  if (!Storable(hash)) return NoFile(hash);
  return Read([&](Connection& conn) -> Result<Media> {
    bool found = false;
    Result<Rows> row = conn.First(
        "SELECT content_type, filename, bytes, size, created_ms FROM media "
        "WHERE blog_id = $1 AND hash = $2",
        Params().Add(blog_id).Add(hash), &found);
    if (!row.ok()) return row.status();
    if (!found) return NoFile(hash);
    Media media;
    media.blog_id = blog_id;
    media.hash = std::string(hash);
    media.content_type = row->Text(0);
    media.filename = row->Text(1);
    media.bytes = row->Bytes(2);
    media.size = row->Int64(3);
    media.created = FromMillis(row->Int64(4));
    return media;
  });
}

Result<std::vector<Media>> SqlStore::ListMedia(int64_t blog_id, int limit, int offset) {
  return Read([&](Connection& conn) -> Result<std::vector<Media>> {
    return conn.Collect(
        "SELECT hash, content_type, filename, size, created_ms FROM media WHERE blog_id = $1 "
        "ORDER BY created_ms DESC, hash DESC LIMIT $2 OFFSET $3",
        Params().Add(blog_id).AddLimit(limit).Add(offset < 0 ? 0 : offset), [&](const Rows& row) {
          Media media;
          media.blog_id = blog_id;
          media.hash = row.Text(0);
          media.content_type = row.Text(1);
          media.filename = row.Text(2);
          media.size = row.Int64(3);
          media.created = FromMillis(row.Int64(4));
          return media;
        });
  });
}

Status SqlStore::DeleteMedia(int64_t blog_id, std::string_view hash) {
  if (!Storable(hash)) return NoFile(hash);
  return Write([&](Connection& conn) -> Status {
    Result<int64_t> removed = conn.Run("DELETE FROM media WHERE blog_id = $1 AND hash = $2",
                                       Params().Add(blog_id).Add(hash));
    if (!removed.ok()) return removed.status();
    if (*removed == 0) return NoFile(hash);
    return Status::Ok();
  });
}

}  // namespace samizdat::store::sql
