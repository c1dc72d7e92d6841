// SqlStore: post revisions, their labels one column in the author's order (a text[] in
// PostgreSQL; in SQLite the names joined by newlines).
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {
namespace {

// The columns ReadRevision reads, in its order.
constexpr std::string_view kRevisionSelect =
    "SELECT id, blog_id, post_id, saved_ms, title, source, format, labels, saved_by "
    "FROM revisions";

Result<Revision> ReadRevision(const Rows& row) {
  Revision revision;
  revision.id = row.Int64(0);
  revision.blog_id = row.Int64(1);
  revision.post_id = row.Int64(2);
  revision.saved = FromMillis(row.Int64(3));
  revision.title = row.Text(4);
  revision.source = row.Text(5);
  revision.format = FormatFromWord(row.TextView(6));
  Result<std::vector<std::string>> labels = row.List(7);
  if (!labels.ok()) return labels.status();
  revision.labels = std::move(*labels);
  revision.saved_by = row.Text(8);
  return revision;
}

}  // namespace

std::vector<std::string> SqlStore::CleanLabels(const std::vector<std::string>& labels) {
  std::vector<std::string> clean;
  for (const std::string& label : labels) {
    if (label.empty()) continue;
    bool seen = false;
    for (const std::string& kept : clean) seen = seen || kept == label;
    if (!seen) clean.push_back(label);
  }
  return clean;
}

Result<int64_t> SqlStore::InsertRevision(Connection& conn, const Revision& revision) {
  // One statement: no race with the post's removal (and a bulk write, which defers
  // foreign keys to COMMIT, is checked here too).
  const std::vector<std::string> labels = CleanLabels(revision.labels);
  bool inserted = false;
  Result<Rows> row = conn.First(
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
          .AddColumnList(labels)
          .Add(revision.saved_by),
      &inserted);
  if (!row.ok()) return row.status();
  if (!inserted) return NoPost(revision.blog_id, revision.post_id);
  return row->Int64(0);
}

Result<Revision> SqlStore::AddRevision(const Revision& revision) {
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

Result<std::vector<Revision>> SqlStore::ListRevisions(int64_t blog_id, int64_t post_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Revision>> {
    Result<Rows> rows =
        conn.Query(std::string(kRevisionSelect) +
                       " WHERE post_id = $1 AND blog_id = $2 ORDER BY saved_ms DESC, id DESC",
                   Params().Add(post_id).Add(blog_id));
    if (!rows.ok()) return rows.status();
    std::vector<Revision> revisions;
    SAMIZDAT_RETURN_IF_ERROR(rows->ForEach([&](const Rows& row) -> Status {
      Result<Revision> revision = ReadRevision(row);
      if (!revision.ok()) return revision.status();
      revisions.push_back(std::move(*revision));
      return Status::Ok();
    }));
    return revisions;
  });
}

Result<Revision> SqlStore::GetRevision(int64_t blog_id, int64_t revision_id) {
  return Read([&](Connection& conn) -> Result<Revision> {
    bool found = false;
    Result<Rows> row = conn.First(std::string(kRevisionSelect) + " WHERE id = $1 AND blog_id = $2",
                                  Params().Add(revision_id).Add(blog_id), &found);
    if (!row.ok()) return row.status();
    if (!found) {
      return Status::NotFound("no revision with id " + std::to_string(revision_id) + " in blog " +
                              std::to_string(blog_id));
    }
    return ReadRevision(*row);
  });
}

}  // namespace samizdat::store::sql
