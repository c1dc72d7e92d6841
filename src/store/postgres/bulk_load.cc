// PostgresStore's bulk loading (imports, samizdat migrate): PostgresBulkLoad, the
// engine's part of sql::BulkBatch.
//
// A bulk write is one READ COMMITTED transaction on one connection leased for the
// batch's whole life, under bulk_mu_ held exclusively, so the store's other writers wait
// for it (readers do not; other nodes' writers do only on rows the batch has changed).
//
// A failed statement aborts a PostgreSQL transaction, so the rows that may clash are
// inserted with ON CONFLICT DO NOTHING, and only when nothing was inserted is the clash
// looked up and named: the batch goes on. Any other failure rolls the batch back.
//
// Comments may come before their posts, and the schema's foreign keys are checked at
// once (not deferrable). So comments are gathered in memory and copied, a few hundred
// rows per statement, into a temporary table (bulk_comments, dropped at the end of the
// transaction); Commit() moves those whose post is in their blog into comments in one
// statement and reports the others as orphans. Posts go in as they come, with their
// labels, in one statement each (their search column is generated, so they are indexed
// as they are inserted).
#include <charconv>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/checks.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"
#include "store/sql/bulk_batch.h"
#include "store/sql/transaction.h"

namespace samizdat::store::postgres {
namespace {

// Comments gathered before they are copied into bulk_comments in one statement.
constexpr size_t kCommentsPerCopy = 500;
// Tokens of AddSpamTokens written per statement.
constexpr size_t kTokensPerStatement = 5000;

}  // namespace

class PostgresBulkLoad final : public sql::BulkBatch {
 public:
  PostgresBulkLoad(PostgresStore& store, std::unique_lock<std::shared_mutex> lock,
                   PostgresStore::Begun begun)
      : BulkBatch(*begun.lease), store_(store), lock_(std::move(lock)), begun_(std::move(begun)) {}
  ~PostgresBulkLoad() override { End(); }

  Result<bool> HasComment(int64_t comment_id) override;
  Status AddComment(const Comment& comment) override;

 private:
  Status Settle(std::vector<int64_t>& orphans) override;
  Status LoadPost(const Post& post) override;
  Status AddSpamTokens(int64_t blog_id, const SpamCounts& counts) override;
  Status CommitTransaction() override;
  void Release() override;

  // Copies the gathered comments into bulk_comments.
  Status CopyComments();

  PostgresStore& store_;
  std::unique_lock<std::shared_mutex> lock_;    // on store_.bulk_mu_; declared before
  std::optional<PostgresStore::Begun> begun_;   // the transaction: the unlock comes last
  std::unordered_set<int64_t> added_comments_;  // gathered or copied
  std::vector<Comment> gathered_;               // not yet in bulk_comments
  // The last comment id HasComment() found stored nowhere: AddComment() of that id, which
  // an import makes next, needs not ask again.
  std::optional<int64_t> absent_comment_;
};

void PostgresBulkLoad::Release() {
  begun_.reset();  // ROLLBACK unless Commit() went through; the connection back to the pool
  if (lock_.owns_lock()) lock_.unlock();
}

Status PostgresBulkLoad::CommitTransaction() { return store_.Commit(begun_->tx); }

Result<bool> PostgresBulkLoad::HasComment(int64_t comment_id) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  if (added_comments_.contains(comment_id)) return true;
  Result<bool> stored =
      Exists("SELECT 1 FROM comments WHERE id = $1", sql::Params().Add(comment_id));
  if (stored.ok() && !*stored) absent_comment_ = comment_id;
  return stored;
}

Status PostgresBulkLoad::LoadPost(const Post& post) {
  // The post and its labels in one statement; nothing at all when the id or the path is
  // taken. comment_count is left at 0: Commit() counts.
  const std::vector<std::string> labels = PostgresStore::CleanLabels(post.labels);
  Result<int64_t> inserted = conn_.Int64(
      "WITH p AS (INSERT INTO posts (id, blog_id, kind, status, title, path, source, format, "
      "body_html, body_text, author, published_ms, updated_ms, comments_mode, author_id, "
      "feed_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
      "ON CONFLICT DO NOTHING RETURNING id, blog_id), "
      "labels AS (INSERT INTO post_labels (post_id, blog_id, name, position) "
      "SELECT p.id, p.blog_id, l.name, l.n - 1 FROM p, unnest($17::text[]) "
      "WITH ORDINALITY AS l(name, n)) "
      "SELECT COUNT(*) FROM p",
      sql::PostFields(post).AddList(labels));
  if (!inserted.ok()) return inserted.status();
  if (*inserted == 0) return Status::Conflict("post " + std::to_string(post.id) + " clashes");
  return Status::Ok();
}

Status PostgresBulkLoad::AddComment(const Comment& comment) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckImportedComment(comment));
  const Status taken =
      Status::Conflict("a comment with id " + std::to_string(comment.id) + " exists");
  if (added_comments_.contains(comment.id)) return taken;
  if (absent_comment_ == comment.id) {
    absent_comment_.reset();
  } else {
    Result<bool> stored =
        Exists("SELECT 1 FROM comments WHERE id = $1", sql::Params().Add(comment.id));
    if (!stored.ok()) return stored.status();
    if (*stored) return taken;
  }
  gathered_.push_back(comment);
  added_comments_.insert(comment.id);
  return gathered_.size() >= kCommentsPerCopy ? CopyComments() : Status::Ok();
}

Status PostgresBulkLoad::CopyComments() {
  if (gathered_.empty()) return Status::Ok();
  std::vector<int64_t> ids, blogs, posts, parents, published;
  std::vector<std::string> statuses, names, urls, htmls, texts, digests, ips, scores, trained,
      kinds;
  for (const Comment& c : gathered_) {
    ids.push_back(c.id);
    blogs.push_back(c.blog_id);
    posts.push_back(c.post_id);
    parents.push_back(c.parent_id);
    statuses.emplace_back(CommentStatusName(c.status));
    names.push_back(c.author_name);
    urls.push_back(c.author_url);
    htmls.push_back(c.body_html);
    texts.push_back(c.body_text);
    digests.push_back(c.body_digest);
    ips.push_back(c.ip_hash);
    char buffer[64];  // the shortest text that reads back as the same double
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, c.spam_score);
    scores.emplace_back(buffer, end);
    trained.emplace_back(TrainingWord(c.trained));
    published.push_back(Millis(c.published));
    kinds.emplace_back(CommentKindName(c.kind));
  }
  sql::Params params;
  params.AddList(ids).AddList(blogs).AddList(posts).AddList(parents).AddList(statuses);
  params.AddList(names).AddList(urls).AddList(htmls).AddList(texts).AddList(digests);
  params.AddList(ips).AddList(scores).AddList(trained).AddList(published).AddList(kinds);
  static const std::string kSql =
      "INSERT INTO bulk_comments (" + std::string(kCommentColumns) +
      ") SELECT * FROM unnest("
      "$1::int8[], $2::int8[], $3::int8[], $4::int8[], $5::text[], $6::text[], $7::text[], "
      "$8::text[], $9::text[], $10::text[], $11::text[], $12::text[]::float8[], $13::text[], "
      "$14::int8[], $15::text[])";
  SAMIZDAT_RETURN_IF_ERROR(Run(kSql, params).status());
  gathered_.clear();
  return Status::Ok();
}

Status PostgresBulkLoad::AddSpamTokens(int64_t blog_id, const SpamCounts& counts) {
  std::vector<std::string> tokens;
  std::vector<int64_t> spam, ham;
  auto write = [&]() -> Status {
    if (tokens.empty()) return Status::Ok();
    Result<int64_t> written =
        Run("INSERT INTO spam_tokens (blog_id, token, spam, ham) SELECT $1, t.token, t.spam, t.ham "
            "FROM unnest($2::text[], $3::int8[], $4::int8[]) AS t(token, spam, ham) "
            "ON CONFLICT (blog_id, token) DO UPDATE SET spam = spam_tokens.spam + excluded.spam, "
            "ham = spam_tokens.ham + excluded.ham",
            sql::Params().Add(blog_id).AddList(tokens).AddList(spam).AddList(ham));
    tokens.clear();
    spam.clear();
    ham.clear();
    return written.status();
  };
  for (const auto& [token, count] : counts.tokens) {
    tokens.push_back(token);
    spam.push_back(count.spam);
    ham.push_back(count.ham);
    if (tokens.size() >= kTokensPerStatement) SAMIZDAT_RETURN_IF_ERROR(write());
  }
  return write();
}

Status PostgresBulkLoad::Settle(std::vector<int64_t>& orphans) {
  SAMIZDAT_RETURN_IF_ERROR(CopyComments());

  // The blogs' rows first, in id order, as every write of a blog locks its row first.
  Result<std::vector<int64_t>> blogs = conn_.Ids("SELECT DISTINCT blog_id FROM bulk_comments", {});
  if (!blogs.ok()) return blogs.status();
  blogs->insert(blogs->end(), touched_blogs_.begin(), touched_blogs_.end());
  SAMIZDAT_RETURN_IF_ERROR(
      conn_.Execute("SELECT id FROM blogs WHERE id = ANY($1) ORDER BY id FOR UPDATE",
                    sql::Params().AddList(*blogs)));

  // Comments whose post is not in their blog (or whose blog does not exist) go.
  Result<std::vector<int64_t>> removed = conn_.Ids(
      "DELETE FROM bulk_comments s WHERE NOT EXISTS (SELECT 1 FROM posts p "
      "WHERE p.id = s.post_id AND p.blog_id = s.blog_id) RETURNING s.id",
      {});
  if (!removed.ok()) return removed.status();
  orphans = std::move(*removed);

  // The others in. An id another node stored since AddComment() fails the batch
  // (Conflict).
  static const std::string kMove = "INSERT INTO comments (" + std::string(kCommentColumns) +
                                   ") SELECT " + std::string(kCommentColumns) +
                                   " FROM bulk_comments";
  SAMIZDAT_RETURN_IF_ERROR(conn_.Execute(kMove, {}));

  // A reply whose parent is absent, is itself, or is a comment of another post, becomes
  // top-level.
  SAMIZDAT_RETURN_IF_ERROR(
      conn_.Execute("UPDATE comments c SET parent_id = 0 FROM bulk_comments s WHERE c.id = s.id "
                    "AND s.parent_id <> 0 AND NOT EXISTS (SELECT 1 FROM comments pc "
                    "WHERE pc.id = s.parent_id AND pc.post_id = s.post_id AND pc.id <> s.id)",
                    {}));

  SAMIZDAT_RETURN_IF_ERROR(Restamp("SELECT DISTINCT blog_id, post_id FROM bulk_comments"));

  // Users copied with their ids: the next CreateUser draws above them.
  if (!added_users_) return Status::Ok();
  return conn_.Execute(
      "SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users))", {});
}

Result<std::unique_ptr<StoreCopy>> PostgresStore::BeginCopy() {
  std::unique_lock lock(bulk_mu_);
  Result<Begun> begun = Begin();
  if (!begun.ok()) return begun.status();
  // Where comments wait for Commit(); gone when the transaction ends, either way.
  SAMIZDAT_RETURN_IF_ERROR(
      begun->lease->Exec("CREATE TEMPORARY TABLE bulk_comments (LIKE comments) ON COMMIT DROP"));
  return std::unique_ptr<StoreCopy>(
      std::make_unique<PostgresBulkLoad>(*this, std::move(lock), std::move(*begun)));
}

}  // namespace samizdat::store::postgres
