// PostgresStore: post revisions, their labels a text[] in the author's order.
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/postgres/text_array.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {
namespace {

// The columns ReadRevision reads, in its order.
constexpr std::string_view kRevisionSelect =
    "SELECT id, blog_id, post_id, saved_ms, title, source, format, labels, saved_by "
    "FROM revisions";

Result<Revision> ReadRevision(const Rows& rows, int row) {
  Revision revision;
  revision.id = rows.Int64(row, 0);
  revision.blog_id = rows.Int64(row, 1);
  revision.post_id = rows.Int64(row, 2);
  revision.saved = FromMillis(rows.Int64(row, 3));
  revision.title = rows.Text(row, 4);
  revision.source = rows.Text(row, 5);
  revision.format = FormatFromWord(rows.TextView(row, 6));
  Result<std::vector<std::string>> labels = DecodeTextArray(rows.TextView(row, 7));
  if (!labels.ok()) return labels.status();
  revision.labels = std::move(*labels);
  revision.saved_by = rows.Text(row, 8);
  return revision;
}

}  // namespace

Result<int64_t> PostgresStore::InsertRevision(Connection& conn, const Revision& revision) {
  Result<Rows> inserted = conn.Query(
      "INSERT INTO revisions (blog_id, post_id, saved_ms, title, source, format, labels, "
      "saved_by) SELECT $1, $2, $3, $4, $5, $6, $7, $8 "
      "WHERE EXISTS (SELECT 1 FROM posts WHERE id = $2 AND blog_id = $1) RETURNING id",
      Params()
          .Add(revision.blog_id)
          .Add(revision.post_id)
          .Add(Millis(revision.saved))
          .Add(revision.title)
          .Add(revision.source)
          .Add(FormatWord(revision.format))
          .AddTextArray(CleanLabels(revision.labels))
          .Add(revision.saved_by));
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) {
    return Status::NotFound("no post with id " + std::to_string(revision.post_id) + " in blog " +
                            std::to_string(revision.blog_id));
  }
  return inserted->Int64(0, 0);
}

Result<Revision> PostgresStore::AddRevision(const Revision& revision) {
  SAMIZDAT_RETURN_IF_ERROR(CheckRevision(revision));
  Revision stored = revision;
  if (Millis(stored.saved) == 0) stored.saved = FromMillis(NowMillis());
  stored.labels = CleanLabels(revision.labels);
  return Write([&](Connection& conn) -> Result<Revision> {
    Result<int64_t> id = InsertRevision(conn, stored);
    if (!id.ok()) return id.status();
    Revision result = stored;
    result.id = *id;
    return result;
  });
}

Result<std::vector<Revision>> PostgresStore::ListRevisions(int64_t blog_id, int64_t post_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Revision>> {
    Result<Rows> rows =
        conn.Query(std::string(kRevisionSelect) +
                       " WHERE post_id = $1 AND blog_id = $2 ORDER BY saved_ms DESC, id DESC",
                   Params().Add(post_id).Add(blog_id));
    if (!rows.ok()) return rows.status();
    std::vector<Revision> revisions;
    revisions.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) {
      Result<Revision> revision = ReadRevision(*rows, i);
      if (!revision.ok()) return revision.status();
      revisions.push_back(std::move(*revision));
    }
    return revisions;
  });
}

Result<Revision> PostgresStore::GetRevision(int64_t blog_id, int64_t revision_id) {
  return Read([&](Connection& conn) -> Result<Revision> {
    Result<Rows> rows = conn.Query(std::string(kRevisionSelect) + " WHERE id = $1 AND blog_id = $2",
                                   Params().Add(revision_id).Add(blog_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return Status::NotFound("no revision with id " + std::to_string(revision_id) + " in blog " +
                              std::to_string(blog_id));
    }
    return ReadRevision(*rows, 0);
  });
}

}  // namespace samizdat::store::postgres
