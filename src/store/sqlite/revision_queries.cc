// SqliteStore: post revisions. A revision's labels are one text column, the names joined
// by newlines in the author's order (labels are typed on one line: a newline inside one
// would come back as two labels).
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {

// The columns ReadRevision reads, in its order.
constexpr std::string_view kRevisionSelect =
    "SELECT id, blog_id, post_id, saved_ms, title, source, format, labels, saved_by "
    "FROM revisions";

// The labels, cleaned (none empty), as one text.
std::string JoinLabels(const std::vector<std::string>& labels) {
  std::string joined;
  for (const std::string& label : labels) {
    if (!joined.empty()) joined += '\n';
    joined += label;
  }
  return joined;
}

std::vector<std::string> SplitLabels(std::string_view joined) {
  std::vector<std::string> labels;
  while (!joined.empty()) {
    const size_t end = joined.find('\n');
    std::string_view label = joined.substr(0, end);
    if (!label.empty()) labels.emplace_back(label);
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
  return labels;
}

Revision ReadRevision(const Statement& row) {
  Revision revision;
  revision.id = row.Int64(0);
  revision.blog_id = row.Int64(1);
  revision.post_id = row.Int64(2);
  revision.saved = FromMillis(row.Int64(3));
  revision.title = row.Text(4);
  revision.source = row.Text(5);
  revision.format = FormatFromWord(row.TextView(6));
  revision.labels = SplitLabels(row.TextView(7));
  revision.saved_by = row.Text(8);
  return revision;
}

}  // namespace

Result<int64_t> SqliteStore::InsertRevision(Connection& conn, const Revision& revision) {
  Result<Statement> post = conn.Prepare("SELECT 1 FROM posts WHERE id = ?1 AND blog_id = ?2");
  if (!post.ok()) return post.status();
  Result<bool> found = post->Bind(1, revision.post_id).Bind(2, revision.blog_id).Step();
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::NotFound("no post with id " + std::to_string(revision.post_id) + " in blog " +
                            std::to_string(revision.blog_id));
  }
  Result<Statement> insert = conn.Prepare(
      "INSERT INTO revisions (blog_id, post_id, saved_ms, title, source, format, labels, "
      "saved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert.ok()) return insert.status();
  SAMIZDAT_RETURN_IF_ERROR(insert->Bind(1, revision.blog_id)
                               .Bind(2, revision.post_id)
                               .Bind(3, Millis(revision.saved))
                               .Bind(4, revision.title)
                               .Bind(5, revision.source)
                               .Bind(6, FormatWord(revision.format))
                               .Bind(7, JoinLabels(CleanLabels(revision.labels)))
                               .Bind(8, revision.saved_by)
                               .Run());
  return sqlite3_last_insert_rowid(conn.handle());
}

Result<Revision> SqliteStore::AddRevision(const Revision& revision) {
  SAMIZDAT_RETURN_IF_ERROR(CheckRevision(revision));
  return Write([&](Connection& conn) -> Result<Revision> {
    Revision stored = revision;
    stored.labels = CleanLabels(revision.labels);
    if (Millis(stored.saved) == 0) stored.saved = FromMillis(NowMillis());
    Result<int64_t> id = InsertRevision(conn, stored);
    if (!id.ok()) return id.status();
    stored.id = *id;
    return stored;
  });
}

Result<std::vector<Revision>> SqliteStore::ListRevisions(int64_t blog_id, int64_t post_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Revision>> {
    Result<Statement> query =
        conn.Prepare(std::string(kRevisionSelect) +
                     " WHERE post_id = ?1 AND blog_id = ?2 ORDER BY saved_ms DESC, id DESC");
    if (!query.ok()) return query.status();
    query->Bind(1, post_id).Bind(2, blog_id);
    std::vector<Revision> revisions;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return revisions;
      revisions.push_back(ReadRevision(*query));
    }
  });
}

Result<Revision> SqliteStore::GetRevision(int64_t blog_id, int64_t revision_id) {
  return Read([&](Connection& conn) -> Result<Revision> {
    Result<Statement> query =
        conn.Prepare(std::string(kRevisionSelect) + " WHERE id = ?1 AND blog_id = ?2");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, revision_id).Bind(2, blog_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return Status::NotFound("no revision with id " + std::to_string(revision_id) + " in blog " +
                              std::to_string(blog_id));
    }
    return ReadRevision(*query);
  });
}

}  // namespace samizdat::store::sqlite
