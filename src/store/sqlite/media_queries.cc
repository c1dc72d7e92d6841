// SqliteStore: uploaded media, the bytes in a BLOB column.
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Status SqliteStore::InsertMedia(Connection& conn, const Media& media, int64_t created_ms) {
  Result<Statement> insert = conn.Prepare(
      "INSERT INTO media (blog_id, hash, content_type, filename, bytes, size, created_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (blog_id, hash) DO NOTHING");
  if (!insert.ok()) return insert.status();
  return insert->Bind(1, media.blog_id)
      .Bind(2, media.hash)
      .Bind(3, media.content_type)
      .Bind(4, media.filename)
      .BindBlob(5, media.bytes)
      .Bind(6, static_cast<int64_t>(media.bytes.size()))
      .Bind(7, created_ms)
      .Run();
}

Status SqliteStore::AddMedia(const Media& media) {
  SAMIZDAT_RETURN_IF_ERROR(CheckMedia(media));
  const int64_t created = Millis(media.created) != 0 ? Millis(media.created) : NowMillis();
  // A blog that is not there fails the foreign key (NotFound).
  return Write([&](Connection& conn) { return InsertMedia(conn, media, created); });
}

Result<Media> SqliteStore::GetMedia(int64_t blog_id, std::string_view hash) {
  return Read([&](Connection& conn) -> Result<Media> {
    Result<Statement> query = conn.Prepare(
        "SELECT content_type, filename, bytes, size, created_ms FROM media "
        "WHERE blog_id = ?1 AND hash = ?2");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, blog_id).Bind(2, hash).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no file " + std::string(hash));
    Media media;
    media.blog_id = blog_id;
    media.hash = std::string(hash);
    media.content_type = query->Text(0);
    media.filename = query->Text(1);
    media.bytes = std::string(query->BlobView(2));
    media.size = query->Int64(3);
    media.created = FromMillis(query->Int64(4));
    return media;
  });
}

Result<std::vector<Media>> SqliteStore::ListMedia(int64_t blog_id, int limit, int offset) {
  return Read([&](Connection& conn) -> Result<std::vector<Media>> {
    Result<Statement> query = conn.Prepare(
        "SELECT hash, content_type, filename, size, created_ms FROM media WHERE blog_id = ?1 "
        "ORDER BY created_ms DESC, hash DESC LIMIT ?2 OFFSET ?3");
    if (!query.ok()) return query.status();
    query->Bind(1, blog_id).Bind(2, limit < 0 ? -1 : limit).Bind(3, offset < 0 ? 0 : offset);
    std::vector<Media> files;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return files;
      Media media;
      media.blog_id = blog_id;
      media.hash = query->Text(0);
      media.content_type = query->Text(1);
      media.filename = query->Text(2);
      media.size = query->Int64(3);
      media.created = FromMillis(query->Int64(4));
      files.push_back(std::move(media));
    }
  });
}

Status SqliteStore::DeleteMedia(int64_t blog_id, std::string_view hash) {
  return Write([&](Connection& conn) -> Status {
    Result<Statement> remove = conn.Prepare("DELETE FROM media WHERE blog_id = ?1 AND hash = ?2");
    if (!remove.ok()) return remove.status();
    SAMIZDAT_RETURN_IF_ERROR(remove->Bind(1, blog_id).Bind(2, hash).Run());
    if (conn.Changes() == 0) return Status::NotFound("no file " + std::string(hash));
    return Status::Ok();
  });
}

}  // namespace samizdat::store::sqlite
