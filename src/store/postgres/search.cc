// PostgresStore: full-text search over published posts with the posts' generated
// tsvector (samizdat_search: simple + unaccent), ranked by ts_rank_cd.
#include <string>
#include <vector>

#include "store/postgres/postgres_store_impl.h"
#include "store/postgres/search_text.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {
namespace {

// The page of hits first, then their snippets (ts_headline reads the whole text: only
// for the rows shown). Rank weights {D, C, B, A}: a word of the title (A) counts five
// times one of the text (B), as SQLite's bm25 weights; normalization 1 divides by the
// log of the length. Documents and queries are read through samizdat_search_text
// (migration 0001), and so is the text ts_headline marks every match of (SnippetHtml
// picks the window): with no punctuation left, it drops or merges nothing.
// `select` is PostSelect()'s, the post's columns and its labels.
const std::string& SearchSql(const std::string& select) {
  static const std::string kSql =
      "WITH hits AS ("
      " SELECT p.id, ts_rank_cd('{0.1, 0.2, 0.2, 1.0}'::float4[], p.search, q.query, 1) AS rank,"
      "  p.published_ms"
      " FROM posts p, plainto_tsquery('samizdat_search', samizdat_search_text($1)) AS q(query)"
      " WHERE p.search @@ q.query AND p.blog_id = $2 AND p.kind = 'post'"
      "  AND p.status = 'published'"
      " ORDER BY rank DESC, p.published_ms DESC, p.id DESC LIMIT $3 OFFSET $4) " +
      select +
      ", ts_headline('samizdat_search', samizdat_search_text(p.body_text),"
      "  plainto_tsquery('samizdat_search', samizdat_search_text($1)),"
      "  'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', HighlightAll=true')"
      " FROM hits JOIN posts p ON p.id = hits.id"
      " ORDER BY hits.rank DESC, hits.published_ms DESC, hits.id DESC";
  return kSql;
}

static_assert(kMarkOpen == '\x02' && kMarkClose == '\x03', "SearchSql's chr(2), chr(3)");

}  // namespace

Result<std::vector<SearchHit>> PostgresStore::Search(int64_t blog_id, std::string_view text,
                                                     int limit, int offset) {
  const std::string words = SearchWords(text);
  if (words.empty()) return std::vector<SearchHit>();
  return Read([&](sql::Connection& conn) -> Result<std::vector<SearchHit>> {
    return ReadHits(
        conn, SearchSql(PostSelect(conn.dialect())),
        sql::Params().Add(words).Add(blog_id).AddLimit(limit).Add(offset < 0 ? 0 : offset),
        [](const Post& post, const std::string& headline) {
          return SnippetHtml(post.body_text, headline);
        });
  });
}

Result<int> PostgresStore::CountSearch(int64_t blog_id, std::string_view text) {
  const std::string words = SearchWords(text);
  if (words.empty()) return 0;
  return Read([&](sql::Connection& conn) -> Result<int> {
    return conn.Count(
        "SELECT COUNT(*) FROM posts p"
        " WHERE p.search @@ plainto_tsquery('samizdat_search', samizdat_search_text($1))"
        " AND p.blog_id = $2"
        " AND p.kind = 'post' AND p.status = 'published'",
        sql::Params().Add(words).Add(blog_id));
  });
}

}  // namespace samizdat::store::postgres
