// PostgresStore: uploaded media, the bytes in a bytea column (sent as a binary parameter,
// read back from the hex text output).
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"
#include "text/utf8.h"

namespace samizdat::store::postgres {
namespace {

// A hash from a URL that a text column could not hold names no file (CheckMedia lets
// only hex digits in).
bool Storable(std::string_view hash) {
  return hash.find('\0') == std::string_view::npos && text::IsValidUtf8(hash);
}

Status NoFile(std::string_view hash) {
  return Status::NotFound("no file " + text::ToValidUtf8(hash));
}

}  // namespace

Status PostgresStore::InsertMedia(Connection& conn, const Media& media, int64_t created_ms) {
  return conn
      .Query(
          "INSERT INTO media (blog_id, hash, content_type, filename, bytes, size, created_ms) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (blog_id, hash) DO NOTHING",
          Params()
              .Add(media.blog_id)
              .Add(media.hash)
              .Add(media.content_type)
              .Add(media.filename)
              .AddBytes(media.bytes)
              .Add(static_cast<int64_t>(media.bytes.size()))
              .Add(created_ms))
      .status();
}

Status PostgresStore::AddMedia(const Media& media) {
  SAMIZDAT_RETURN_IF_ERROR(CheckMedia(media));
  const int64_t created = Millis(media.created) != 0 ? Millis(media.created) : NowMillis();
  return Write([&](Connection& conn) { return InsertMedia(conn, media, created); });
}

Result<Media> PostgresStore::GetMedia(int64_t blog_id, std::string_view hash) {
  if (!Storable(hash)) return NoFile(hash);
  return Read([&](Connection& conn) -> Result<Media> {
    Result<Rows> rows = conn.Query(
        "SELECT content_type, filename, bytes, size, created_ms FROM media "
        "WHERE blog_id = $1 AND hash = $2",
        Params().Add(blog_id).Add(hash));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NoFile(hash);
    Media media;
    media.blog_id = blog_id;
    media.hash = std::string(hash);
    media.content_type = rows->Text(0, 0);
    media.filename = rows->Text(0, 1);
    media.bytes = rows->Bytes(0, 2);
    media.size = rows->Int64(0, 3);
    media.created = FromMillis(rows->Int64(0, 4));
    return media;
  });
}

Result<std::vector<Media>> PostgresStore::ListMedia(int64_t blog_id, int limit, int offset) {
  Params params;
  params.Add(blog_id);
  if (limit < 0) {
    params.AddNull();  // LIMIT NULL: no limit
  } else {
    params.Add(limit);
  }
  params.Add(offset < 0 ? 0 : offset);
  return Read([&](Connection& conn) -> Result<std::vector<Media>> {
    Result<Rows> rows = conn.Query(
        "SELECT hash, content_type, filename, size, created_ms FROM media WHERE blog_id = $1 "
        "ORDER BY created_ms DESC, hash DESC LIMIT $2 OFFSET $3",
        params);
    if (!rows.ok()) return rows.status();
    std::vector<Media> files;
    files.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) {
      Media media;
      media.blog_id = blog_id;
      media.hash = rows->Text(i, 0);
      media.content_type = rows->Text(i, 1);
      media.filename = rows->Text(i, 2);
      media.size = rows->Int64(i, 3);
      media.created = FromMillis(rows->Int64(i, 4));
      files.push_back(std::move(media));
    }
    return files;
  });
}

Status PostgresStore::DeleteMedia(int64_t blog_id, std::string_view hash) {
  if (!Storable(hash)) return NoFile(hash);
  return Write([&](Connection& conn) -> Status {
    Result<Rows> removed = conn.Query("DELETE FROM media WHERE blog_id = $1 AND hash = $2",
                                      Params().Add(blog_id).Add(hash));
    if (!removed.ok()) return removed.status();
    if (removed->Affected() == 0) return NoFile(hash);
    return Status::Ok();
  });
}

}  // namespace samizdat::store::postgres
