// SqliteStore's bulk loading (imports, and whole-store copies for samizdat migrate):
// SqliteBulkLoad, the engine's part of sql::BulkBatch.
//
// A bulk write is one BEGIN IMMEDIATE … COMMIT on the writer connection, held under
// writer_mu_ for the batch's whole life. Posts and comments go in through plain INSERTs,
// without the per-row checks CreatePost and CreateComment make: a taken id or path fails
// the INSERT itself and is then named. Foreign keys are deferred to COMMIT,
// since comments may come before their posts; Commit() removes the comments that never
// found their post before it commits.
//
// Speed: FTS5 keeps the terms of the rows it is given in memory and writes them out as
// one index segment when the memory fills (hashsize), but also whenever a statement opens
// a savepoint (every statement that fires a trigger does) and whenever a rowid comes
// lower than the one before. With the schema's triggers, and Blogger's ids in no order,
// every post would be its own segment, merged again and again: a few thousand posts per
// CPU second. So while the batch lives the writer connection runs with triggers off
// (SQLITE_DBCONFIG_ENABLE_TRIGGER) and the batch does by hand what the INSERT triggers
// of migrations/sqlite/ do: label_counts_insert (labels counted in memory, added at
// Commit) and posts_fts_insert (at Commit, the batch's posts copied in id order by one
// INSERT … SELECT). Nothing else a batch runs (UPDATE of comment columns, DELETE of
// comments, rows of blogs, users, secrets and the classifier's counts) has triggers. A migration
// that adds a trigger must be mirrored here; the bulk test lists the triggers to catch that.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/bulk_batch.h"
#include "store/sql/transaction.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

// The writer's page cache during a batch, in KiB (SQLite's default is 2000).
constexpr int64_t kBulkCacheKib = 16384;

class SqliteBulkLoad final : public sql::BulkBatch {
 public:
  // Takes the writer (locked, in `tx`) and sets it up for the batch until it ends.
  SqliteBulkLoad(SqliteStore& store, std::unique_lock<std::mutex> lock, sql::Transaction tx)
      : BulkBatch(*store.writer_), store_(store), lock_(std::move(lock)), tx_(std::move(tx)) {
    Tune(true);
  }
  ~SqliteBulkLoad() override { End(); }

  Result<bool> HasComment(int64_t comment_id) override;
  Status AddComment(const Comment& comment) override;

 private:
  Status Settle(std::vector<int64_t>& orphans) override;
  // Also counts the labels of a published post (not a page).
  Status LoadPost(const Post& post) override;
  Status AddSpamTokens(int64_t blog_id, const SpamCounts& counts) override;
  Status CommitTransaction() override;
  void Release() override;

  // For the batch (`bulk`) or back as it was: the writer connection's triggers off, and
  // a page cache of kBulkCacheKib (the batch's pages are rewritten less often before
  // COMMIT). Switching triggers expires the connection's prepared statements: SQLite
  // compiles them again, with or without the trigger programs, at their next use.
  void Tune(bool bulk);
  // What posts_fts_insert does, for every post of the batch, in id order.
  Status IndexPosts();
  // What label_counts_insert does, for every label counted.
  Status WriteLabelCounts();

  SqliteStore& store_;
  std::unique_lock<std::mutex> lock_;    // on store_.writer_mu_; declared before tx_,
  std::optional<sql::Transaction> tx_;   // so the rollback runs before the unlock
  int64_t saved_cache_size_ = -2000;     // the connection's cache_size before the batch
  std::vector<int64_t> added_comments_;  // their ids
  // Published posts (not pages) carrying each label, by blog and label: label_counts'
  // increments.
  std::map<std::pair<int64_t, std::string>, int64_t> label_counts_;
};

void SqliteBulkLoad::Tune(bool bulk) {
  // Neither can fail for valid values on an open connection.
  (void)sqlite3_db_config(store_.writer_->handle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, bulk ? 0 : 1,
                          nullptr);
  if (bulk) {
    Result<int64_t> size = conn_.Int64("PRAGMA cache_size", sql::Params());
    if (size.ok()) saved_cache_size_ = *size;
  }
  const int64_t size = bulk ? -kBulkCacheKib : saved_cache_size_;
  (void)conn_.Exec("PRAGMA cache_size = " + std::to_string(size));
}

void SqliteBulkLoad::Release() {
  tx_.reset();  // ROLLBACK unless Commit() went through
  if (lock_.owns_lock()) {
    Tune(false);
    lock_.unlock();
  }
}

Status SqliteBulkLoad::CommitTransaction() {
  SAMIZDAT_RETURN_IF_ERROR(tx_->Commit());  // foreign keys are checked here
  store_.tracker_.NoteLocalWrite();
  return Status::Ok();
}

Result<bool> SqliteBulkLoad::HasComment(int64_t comment_id) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  return Exists("SELECT 1 FROM comments WHERE id = $1", sql::Params().Add(comment_id));
}

Status SqliteBulkLoad::LoadPost(const Post& post) {
  // A clash fails the INSERT of the posts row, which leaves nothing behind.
  SAMIZDAT_RETURN_IF_ERROR(SqliteStore::InsertPost(conn_, post));
  if (post.kind != PostKind::kPost || post.status != PostStatus::kPublished) return Status::Ok();
  for (std::string& label : SqliteStore::CleanLabels(post.labels)) {
    ++label_counts_[{post.blog_id, std::move(label)}];
  }
  return Status::Ok();
}

Status SqliteBulkLoad::IndexPosts() {
  std::vector<int64_t> ids;
  ids.reserve(added_posts_.size());
  for (const auto& [id, blog_id] : added_posts_) ids.push_back(id);
  // Rising rowids: FTS5 keeps filling one segment.
  Result<int64_t> indexed = conn_.Run(
      "INSERT INTO posts_fts (rowid, title, body_text) SELECT id, title, body_text FROM posts "
      "WHERE id = ANY($1) ORDER BY id",
      sql::Params().AddList(ids));
  if (!indexed.ok()) return indexed.status();
  if (*indexed != static_cast<int64_t>(ids.size())) {
    return Status::Internal("posts of the batch vanished before they were indexed");
  }
  return Status::Ok();
}

Status SqliteBulkLoad::WriteLabelCounts() {
  for (const auto& [key, count] : label_counts_) {
    SAMIZDAT_RETURN_IF_ERROR(
        conn_.Execute("INSERT INTO label_counts (blog_id, name, count) VALUES ($1, $2, $3) "
                      "ON CONFLICT (blog_id, name) DO UPDATE SET count = count + excluded.count",
                      sql::Params().Add(key.first).Add(key.second).Add(count)));
  }
  return Status::Ok();
}

Status SqliteBulkLoad::AddComment(const Comment& comment) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckImportedComment(comment));
  static const std::string kSql = "INSERT INTO comments (" + std::string(kCommentColumns) +
                                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                                  "$12, $13, $14, $15)";
  Status inserted = conn_.Execute(kSql, sql::CommentFields(comment));
  if (inserted.IsConflict()) {  // the id: comments have no other unique key
    return Status::Conflict("a comment with id " + std::to_string(comment.id) + " exists");
  }
  if (!inserted.ok()) return Abandon(inserted);
  added_comments_.push_back(comment.id);
  return Status::Ok();
}

Status SqliteBulkLoad::AddSpamTokens(int64_t blog_id, const SpamCounts& counts) {
  // A failure may leave part of the counts in: Run() rolls the batch back.
  for (const auto& [token, count] : counts.tokens) {
    SAMIZDAT_RETURN_IF_ERROR(
        Run("INSERT INTO spam_tokens (blog_id, token, spam, ham) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (blog_id, token) DO UPDATE SET spam = spam + excluded.spam, "
            "ham = ham + excluded.ham",
            sql::Params().Add(blog_id).Add(token).Add(count.spam).Add(count.ham))
            .status());
  }
  return Status::Ok();
}

Status SqliteBulkLoad::Settle(std::vector<int64_t>& orphans) {
  // Comments whose post is not in their blog (or whose blog does not exist) go.
  const sql::Params added = sql::Params().AddList(added_comments_);
  Result<std::vector<int64_t>> removed = conn_.Ids(
      "DELETE FROM comments WHERE id = ANY($1) AND NOT EXISTS (SELECT 1 FROM posts p "
      "WHERE p.id = comments.post_id AND p.blog_id = comments.blog_id) RETURNING id",
      added);
  if (!removed.ok()) return removed.status();
  orphans = std::move(*removed);

  // A reply whose parent is absent, is itself, or is a comment of another post, becomes
  // top-level.
  SAMIZDAT_RETURN_IF_ERROR(conn_.Execute(
      "UPDATE comments AS c SET parent_id = 0 WHERE c.id = ANY($1) AND c.parent_id <> 0 "
      "AND NOT EXISTS (SELECT 1 FROM comments pc WHERE pc.id = c.parent_id "
      "AND pc.post_id = c.post_id AND pc.id <> c.id)",
      added));

  SAMIZDAT_RETURN_IF_ERROR(IndexPosts());
  SAMIZDAT_RETURN_IF_ERROR(WriteLabelCounts());

  return Restamp("SELECT DISTINCT blog_id, post_id FROM comments WHERE id = ANY($1)", added);
}

Result<std::unique_ptr<StoreCopy>> SqliteStore::BeginCopy() {
  std::unique_lock lock(writer_mu_);
  Result<sql::Transaction> tx = sql::Transaction::Begin(*writer_, "BEGIN IMMEDIATE");
  if (!tx.ok()) return tx.status();
  // Comments may come before their posts: foreign keys wait for COMMIT. SQLite turns
  // the pragma off again when the transaction ends.
  SAMIZDAT_RETURN_IF_ERROR(writer_->Exec("PRAGMA defer_foreign_keys = ON"));
  return std::unique_ptr<StoreCopy>(
      std::make_unique<SqliteBulkLoad>(*this, std::move(lock), std::move(*tx)));
}

}  // namespace samizdat::store::sqlite
