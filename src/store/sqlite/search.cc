// SqliteStore: full-text search over published posts with FTS5, ranked by bm25.
#include <string>
#include <vector>

#include "store/row_mapping.h"
#include "store/sqlite/fts_query.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {

// bm25 weights of the (title, body_text) columns: a word in the title counts for more.
// snippet(): column 1 (body_text), our markers, an ellipsis, at most 24 tokens.
const std::string& SearchSql() {
  static const std::string kSql =
      "SELECT " + std::string(kPostColumns) +
      ", snippet(posts_fts, 1, char(2), char(3), '…', 24)"
      " FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid"
      " WHERE posts_fts MATCH $1 AND p.blog_id = $2 AND p.kind = 'post'"
      " AND p.status = 'published'"
      " ORDER BY bm25(posts_fts, 5.0, 1.0), p.published_ms DESC, p.id DESC"
      " LIMIT $3 OFFSET $4";
  return kSql;
}

static_assert(kMarkOpen == '\x02' && kMarkClose == '\x03', "SearchSql's char(2), char(3)");

}  // namespace

Result<std::vector<SearchHit>> SqliteStore::Search(int64_t blog_id, std::string_view text,
                                                   int limit, int offset) {
  std::string match = FtsQuery(text);
  if (match.empty()) return std::vector<SearchHit>();
  return Read([&](sql::Connection& conn) -> Result<std::vector<SearchHit>> {
    return ReadHits(
        conn, SearchSql(),
        sql::Params().Add(match).Add(blog_id).AddLimit(limit).Add(offset < 0 ? 0 : offset),
        [](const Post&, const std::string& snippet) { return SnippetToHtml(snippet); });
  });
}

Result<int> SqliteStore::CountSearch(int64_t blog_id, std::string_view text) {
  std::string match = FtsQuery(text);
  if (match.empty()) return 0;
  return Read([&](sql::Connection& conn) -> Result<int> {
    return conn.Count(
        "SELECT COUNT(*) FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid"
        " WHERE posts_fts MATCH $1 AND p.blog_id = $2 AND p.kind = 'post'"
        " AND p.status = 'published'",
        sql::Params().Add(match).Add(blog_id));
  });
}

}  // namespace samizdat::store::sqlite
