// SqliteStore: bulk writes (imports, and whole-store copies for samizdat migrate) through
// SqliteBulkWriter, and redirects.
//
// A bulk write is one BEGIN IMMEDIATE … COMMIT on the writer connection, held under
// writer_mu_ for the writer's whole life. Rows go in through the same statements as
// CreatePost and CreateComment, without the per-row checks those make: a taken id or
// path fails the INSERT itself and is then named. Foreign keys are deferred to COMMIT,
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
// Commit) and posts_fts_insert (at Commit, the batch's posts read back in id order, one
// VALUES row each). Nothing else a batch runs (UPDATE of comment columns, DELETE of
// comments, rows of blogs, users, secrets and the classifier's counts) has triggers. A migration
// that adds a trigger must be mirrored here; the bulk test lists the triggers to catch that.
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

// The writer's page cache during a batch, in KiB (SQLite's default is 2000).
constexpr int64_t kBulkCacheKib = 16384;

class SqliteBulkWriter final : public BulkWriter {
 public:
  // Takes the writer (locked, in `tx`) and sets it up for the batch until End().
  SqliteBulkWriter(SqliteStore& store, std::unique_lock<std::mutex> lock, Transaction tx)
      : store_(store), conn_(*store.writer_), lock_(std::move(lock)), tx_(std::move(tx)) {
    Tune(true);
  }
  ~SqliteBulkWriter() override { End(); }

  Result<bool> HasPost(int64_t post_id) override;
  Result<bool> HasComment(int64_t comment_id) override;
  Status AddPost(const Post& post) override;
  Status AddComment(const Comment& comment) override;
  Status AddRedirect(int64_t blog_id, std::string_view old_path,
                     std::string_view new_path) override;
  Status AddBlog(const Blog& blog) override;
  Status AddUser(const User& user) override;
  Status AddSecret(const Secret& secret) override;
  Status AddSpamCounts(int64_t blog_id, const SpamCounts& counts) override;
  Status AddRevision(const Revision& revision) override;
  Status AddMedia(const Media& media) override;
  Status Commit(std::vector<int64_t>* orphans) override;

 private:
  // What Commit() needs to know of each comment added.
  struct Added {
    int64_t id;
    int64_t blog_id;
    int64_t post_id;
    int64_t parent_id;
  };

  // For the batch (`bulk`) or back as it was: the writer connection's triggers off, and
  // a page cache of kBulkCacheKib (the batch's pages are rewritten less often before
  // COMMIT). Switching triggers expires the connection's prepared statements: SQLite
  // compiles them again, with or without the trigger programs, at their next use.
  void Tune(bool bulk);
  // Counts the labels of a post just inserted, if it is a published post.
  void CountLabels(const Post& post);
  // What posts_fts_insert does, for every post of the batch, in id order.
  Status IndexPosts();
  // What label_counts_insert does, for every label counted.
  Status WriteLabelCounts();
  // OK while the batch is open; otherwise why it is not.
  Status CheckOpen() const;
  // NotFound unless the blog exists (asked once per blog).
  Status CheckBlog(int64_t blog_id);
  // `status` after rolling the batch back: a failure that may have left part of a row.
  Status Abandon(Status status);
  // Rolls back unless committed, and lets other writers in. Idempotent.
  void End();
  // The blog of a post stored in this batch or before it; 0 if there is no such post.
  Result<int64_t> BlogOfPost(int64_t post_id);
  // The post of a comment stored (orphans are gone by then); 0 if there is none.
  Result<int64_t> PostOfComment(int64_t comment_id);
  // Commit()'s work before COMMIT: orphans out, dangling replies top-level, the posts
  // indexed and their labels counted, generations, comment counts and stamps. Appends
  // the orphans' ids to `orphans`.
  Status Settle(std::vector<int64_t>& orphans);

  SqliteStore& store_;
  Connection& conn_;                   // store_.writer_, ours while lock_ is held
  std::unique_lock<std::mutex> lock_;  // on store_.writer_mu_; declared before tx_,
  std::optional<Transaction> tx_;      // so the rollback runs before the unlock
  Status ended_;                       // non-OK once the batch has ended
  std::unordered_set<int64_t> known_blogs_;
  std::set<int64_t> touched_blogs_;                   // blogs of the posts and redirects added
  std::unordered_map<int64_t, int64_t> added_posts_;  // post id -> blog id
  int64_t saved_cache_size_ = -2000;   // the connection's cache_size before the batch
  std::vector<Added> added_comments_;  // in the order added
  // Published posts (not pages) carrying each label, by blog and label: label_counts'
  // increments.
  std::map<std::pair<int64_t, std::string>, int64_t> label_counts_;
};

Status SqliteBulkWriter::CheckOpen() const { return ended_; }

void SqliteBulkWriter::Tune(bool bulk) {
  // Neither can fail for valid values on an open connection.
  (void)sqlite3_db_config(conn_.handle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, bulk ? 0 : 1, nullptr);
  if (bulk) {
    Result<Statement> query = conn_.Prepare("PRAGMA cache_size");
    Result<bool> row = query.ok() ? query->Step() : Result<bool>(query.status());
    if (row.ok() && *row) saved_cache_size_ = query->Int64(0);
  }
  const int64_t size = bulk ? -kBulkCacheKib : saved_cache_size_;
  (void)conn_.Exec("PRAGMA cache_size = " + std::to_string(size));
}

void SqliteBulkWriter::End() {
  tx_.reset();  // ROLLBACK unless Commit() went through
  if (lock_.owns_lock()) {
    Tune(false);
    lock_.unlock();
  }
  if (ended_.ok()) ended_ = Status::Internal("the bulk write has ended");
}

Status SqliteBulkWriter::Abandon(Status status) {
  End();
  ended_ = Status::Internal("the bulk write was rolled back after an error: " + status.message());
  return status;
}

Status SqliteBulkWriter::CheckBlog(int64_t blog_id) {
  if (known_blogs_.contains(blog_id)) return Status::Ok();
  Result<Statement> query = conn_.Prepare("SELECT 1 FROM blogs WHERE id = ?1");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, blog_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  known_blogs_.insert(blog_id);
  return Status::Ok();
}

Result<bool> SqliteBulkWriter::HasPost(int64_t post_id) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  Result<Statement> query = conn_.Prepare("SELECT 1 FROM posts WHERE id = ?1");
  if (!query.ok()) return query.status();
  return query->Bind(1, post_id).Step();
}

Result<bool> SqliteBulkWriter::HasComment(int64_t comment_id) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  Result<Statement> query = conn_.Prepare("SELECT 1 FROM comments WHERE id = ?1");
  if (!query.ok()) return query.status();
  return query->Bind(1, comment_id).Step();
}

Status SqliteBulkWriter::AddPost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckImportedPost(post));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(post.blog_id));
  Status inserted = SqliteStore::InsertPost(conn_, post);
  if (inserted.IsConflict()) {
    // Only the posts row can clash (its id or its path), and the failed INSERT left
    // nothing behind: name what is taken; the batch goes on.
    Status named = SqliteStore::CheckPostFree(conn_, post);
    return named.ok() ? inserted : named;
  }
  if (!inserted.ok()) return Abandon(inserted);  // the row may be in without its labels
  CountLabels(post);
  added_posts_.emplace(post.id, post.blog_id);
  touched_blogs_.insert(post.blog_id);
  return Status::Ok();
}

void SqliteBulkWriter::CountLabels(const Post& post) {
  if (post.kind != PostKind::kPost || post.status != PostStatus::kPublished) return;
  for (std::string& label : SqliteStore::CleanLabels(post.labels)) {
    ++label_counts_[{post.blog_id, std::move(label)}];
  }
}

Status SqliteBulkWriter::IndexPosts() {
  std::vector<int64_t> ids;
  ids.reserve(added_posts_.size());
  for (const auto& [id, blog_id] : added_posts_) ids.push_back(id);
  std::sort(ids.begin(), ids.end());  // rising rowids: FTS5 keeps filling one segment
  for (int64_t id : ids) {
    Result<Statement> text = conn_.Prepare("SELECT title, body_text FROM posts WHERE id = ?1");
    if (!text.ok()) return text.status();
    Result<bool> row = text->Bind(1, id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal("post " + std::to_string(id) + " vanished in its batch");
    Result<Statement> index =
        conn_.Prepare("INSERT INTO posts_fts (rowid, title, body_text) VALUES (?1, ?2, ?3)");
    if (!index.ok()) return index.status();
    SAMIZDAT_RETURN_IF_ERROR(
        index->Bind(1, id).Bind(2, text->TextView(0)).Bind(3, text->TextView(1)).Run());
  }
  return Status::Ok();
}

Status SqliteBulkWriter::WriteLabelCounts() {
  for (const auto& [key, count] : label_counts_) {
    Result<Statement> add = conn_.Prepare(
        "INSERT INTO label_counts (blog_id, name, count) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (blog_id, name) DO UPDATE SET count = count + excluded.count");
    if (!add.ok()) return add.status();
    SAMIZDAT_RETURN_IF_ERROR(add->Bind(1, key.first).Bind(2, key.second).Bind(3, count).Run());
  }
  return Status::Ok();
}

Status SqliteStore::InsertComment(Connection& conn, const Comment& comment) {
  Result<Statement> insert = conn.Prepare(
      "INSERT INTO comments (id, blog_id, post_id, parent_id, status, author_name, "
      "author_url, body_html, body_text, body_digest, ip_hash, spam_score, trained, "
      "published_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!insert.ok()) return insert.status();
  return insert->Bind(1, comment.id)
      .Bind(2, comment.blog_id)
      .Bind(3, comment.post_id)
      .Bind(4, comment.parent_id)
      .Bind(5, CommentStatusName(comment.status))
      .Bind(6, comment.author_name)
      .Bind(7, comment.author_url)
      .Bind(8, comment.body_html)
      .Bind(9, comment.body_text)
      .Bind(10, comment.body_digest)
      .Bind(11, comment.ip_hash)
      .Bind(12, comment.spam_score)
      .Bind(13, TrainingWord(comment.trained))
      .Bind(14, Millis(comment.published))
      .Run();
}

Status SqliteBulkWriter::AddComment(const Comment& comment) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckImportedComment(comment));
  Status inserted = SqliteStore::InsertComment(conn_, comment);
  if (inserted.IsConflict()) {  // the id: comments have no other unique key
    return Status::Conflict("a comment with id " + std::to_string(comment.id) + " exists");
  }
  if (!inserted.ok()) return Abandon(inserted);
  added_comments_.push_back({comment.id, comment.blog_id, comment.post_id, comment.parent_id});
  return Status::Ok();
}

Status SqliteBulkWriter::AddRedirect(int64_t blog_id, std::string_view old_path,
                                     std::string_view new_path) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckRedirect(old_path, new_path));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  Result<Statement> upsert = conn_.Prepare(
      "INSERT INTO redirects (blog_id, old_path, new_path) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (blog_id, old_path) DO UPDATE SET new_path = excluded.new_path");
  if (!upsert.ok()) return upsert.status();
  Status written = upsert->Bind(1, blog_id).Bind(2, old_path).Bind(3, new_path).Run();
  if (!written.ok()) return Abandon(written);
  touched_blogs_.insert(blog_id);
  return Status::Ok();
}

Status SqliteBulkWriter::AddBlog(const Blog& blog) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckCopiedBlog(blog));
  static const std::string kSql = "INSERT INTO blogs (" + std::string(kBlogColumns) +
                                  ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                  "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
  Result<Statement> insert = conn_.Prepare(kSql);
  if (!insert.ok()) return insert.status();
  Status inserted = insert->Bind(1, blog.id)
                        .Bind(2, blog.host)
                        .Bind(3, blog.title)
                        .Bind(4, blog.description)
                        .Bind(5, blog.banner_url)
                        .Bind(6, blog.banner_alt)
                        .Bind(7, blog.time_zone)
                        .Bind(8, blog.locale)
                        .Bind(9, blog.posts_per_page)
                        .Bind(10, blog.date_format)
                        .Bind(11, blog.time_format)
                        .Bind(12, Millis(blog.created))
                        .Bind(13, Millis(blog.updated))
                        .Bind(14, blog.generation)
                        .Bind(15, ModerationModeName(blog.comment_moderation))
                        .Bind(16, blog.moderation_days)
                        .Bind(17, blog.comment_depth)
                        .Bind(18, blog.comment_seq)
                        .Bind(19, Millis(blog.comments_updated))
                        .Run();
  if (inserted.IsConflict()) {
    // The failed INSERT left nothing: name what is taken, the id or the host.
    Result<Statement> id_taken = conn_.Prepare("SELECT 1 FROM blogs WHERE id = ?1");
    if (!id_taken.ok()) return id_taken.status();
    Result<bool> row = id_taken->Bind(1, blog.id).Step();
    if (!row.ok()) return row.status();
    if (*row) return Status::Conflict("a blog with id " + std::to_string(blog.id) + " exists");
    SAMIZDAT_RETURN_IF_ERROR(SqliteStore::CheckHostFree(conn_, blog.host, blog.id));
    return inserted;
  }
  if (!inserted.ok()) return Abandon(inserted);
  known_blogs_.insert(blog.id);
  touched_blogs_.insert(blog.id);
  return Status::Ok();
}

Status SqliteBulkWriter::AddUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckCopiedUser(user));
  Result<Statement> insert = conn_.Prepare(
      "INSERT INTO users (id, email, display_name, password_hash, role, must_change_password, "
      "created_ms, blog_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert.ok()) return insert.status();
  Status inserted = insert->Bind(1, user.id)
                        .Bind(2, user.email)
                        .Bind(3, user.display_name)
                        .Bind(4, user.password_hash)
                        .Bind(5, RoleWord(user.role))
                        .Bind(6, user.must_change_password ? 1 : 0)
                        .Bind(7, Millis(user.created))
                        .Bind(8, user.blog_id)
                        .Run();
  if (inserted.IsConflict()) {
    Result<Statement> taken = conn_.Prepare("SELECT 1 FROM users WHERE id = ?1");
    if (!taken.ok()) return taken.status();
    Result<bool> row = taken->Bind(1, user.id).Step();
    if (!row.ok()) return row.status();
    if (*row) return Status::Conflict("a user with id " + std::to_string(user.id) + " exists");
    return Status::Conflict("the email " + user.email + " is already registered");
  }
  return inserted.ok() ? inserted : Abandon(inserted);
}

Status SqliteBulkWriter::AddSecret(const Secret& secret) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckSecret(secret.name, secret.value));
  Result<Statement> insert = conn_.Prepare(
      "INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
  if (!insert.ok()) return insert.status();
  Status inserted = insert->Bind(1, secret.name).BindBlob(2, secret.value).Run();
  if (!inserted.ok()) return Abandon(inserted);
  if (conn_.Changes() == 0) return Status::Conflict("a secret named " + secret.name + " exists");
  return Status::Ok();
}

Status SqliteBulkWriter::AddRevision(const Revision& revision) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckRevision(revision));
  Status inserted = SqliteStore::InsertRevision(conn_, revision).status();
  if (inserted.IsNotFound()) return inserted;  // nothing written: the batch goes on
  return inserted.ok() ? inserted : Abandon(inserted);
}

Status SqliteBulkWriter::AddMedia(const Media& media) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckMedia(media));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(media.blog_id));
  Status inserted = SqliteStore::InsertMedia(conn_, media, Millis(media.created));
  return inserted.ok() ? inserted : Abandon(inserted);
}

Status SqliteBulkWriter::AddSpamCounts(int64_t blog_id, const SpamCounts& counts) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  Result<Statement> totals = conn_.Prepare(
      "INSERT INTO spam_totals (blog_id, spam_comments, ham_comments) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (blog_id) DO UPDATE SET spam_comments = spam_comments + "
      "excluded.spam_comments, ham_comments = ham_comments + excluded.ham_comments");
  if (!totals.ok()) return totals.status();
  Status written =
      totals->Bind(1, blog_id).Bind(2, counts.spam_comments).Bind(3, counts.ham_comments).Run();
  for (auto token = counts.tokens.begin(); written.ok() && token != counts.tokens.end(); ++token) {
    Result<Statement> add = conn_.Prepare(
        "INSERT INTO spam_tokens (blog_id, token, spam, ham) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (blog_id, token) DO UPDATE SET spam = spam + excluded.spam, "
        "ham = ham + excluded.ham");
    if (!add.ok()) return add.status();
    written = add->Bind(1, blog_id)
                  .Bind(2, token->first)
                  .Bind(3, token->second.spam)
                  .Bind(4, token->second.ham)
                  .Run();
  }
  // Part of the counts may be in: the batch cannot go on.
  return written.ok() ? written : Abandon(written);
}

Result<int64_t> SqliteBulkWriter::BlogOfPost(int64_t post_id) {
  auto added = added_posts_.find(post_id);
  if (added != added_posts_.end()) return added->second;
  Result<Statement> query = conn_.Prepare("SELECT blog_id FROM posts WHERE id = ?1");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, post_id).Step();
  if (!row.ok()) return row.status();
  return *row ? query->Int64(0) : int64_t{0};
}

Result<int64_t> SqliteBulkWriter::PostOfComment(int64_t comment_id) {
  Result<Statement> query = conn_.Prepare("SELECT post_id FROM comments WHERE id = ?1");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, comment_id).Step();
  if (!row.ok()) return row.status();
  return *row ? query->Int64(0) : int64_t{0};
}

Status SqliteBulkWriter::Settle(std::vector<int64_t>& orphans) {
  // Comments whose post is not in their blog (or whose blog does not exist) go.
  std::unordered_map<int64_t, int64_t> blog_of_post;  // memo of BlogOfPost
  std::unordered_map<int64_t, int64_t> kept;          // comment id -> post id
  std::map<int64_t, std::set<int64_t>> commented;     // blog id -> posts with new comments
  for (const Added& c : added_comments_) {
    auto memo = blog_of_post.find(c.post_id);
    if (memo == blog_of_post.end()) {
      Result<int64_t> blog = BlogOfPost(c.post_id);
      if (!blog.ok()) return blog.status();
      memo = blog_of_post.emplace(c.post_id, *blog).first;
    }
    if (memo->second == c.blog_id) {
      kept.emplace(c.id, c.post_id);
      commented[c.blog_id].insert(c.post_id);
      continue;
    }
    Result<Statement> remove = conn_.Prepare("DELETE FROM comments WHERE id = ?1");
    if (!remove.ok()) return remove.status();
    SAMIZDAT_RETURN_IF_ERROR(remove->Bind(1, c.id).Run());
    orphans.push_back(c.id);
  }

  // A reply whose parent is absent, or a comment of another post, becomes top-level.
  for (const Added& c : added_comments_) {
    if (c.parent_id == 0 || !kept.contains(c.id)) continue;
    int64_t parent_post = 0;
    if (c.parent_id != c.id) {
      auto parent = kept.find(c.parent_id);
      if (parent != kept.end()) {
        parent_post = parent->second;
      } else {
        Result<int64_t> stored = PostOfComment(c.parent_id);  // from before the batch
        if (!stored.ok()) return stored.status();
        parent_post = *stored;
      }
    }
    if (parent_post == c.post_id) continue;
    Result<Statement> detach = conn_.Prepare("UPDATE comments SET parent_id = 0 WHERE id = ?1");
    if (!detach.ok()) return detach.status();
    SAMIZDAT_RETURN_IF_ERROR(detach->Bind(1, c.id).Run());
  }

  SAMIZDAT_RETURN_IF_ERROR(IndexPosts());
  SAMIZDAT_RETURN_IF_ERROR(WriteLabelCounts());

  // Every blog touched: generation and comment_seq once each; posts with new comments
  // recounted and stamped with the new comment_seq.
  for (const auto& [blog_id, posts] : commented) touched_blogs_.insert(blog_id);
  static const std::set<int64_t> kNoPosts;
  for (int64_t blog_id : touched_blogs_) {
    SAMIZDAT_RETURN_IF_ERROR(SqliteStore::BumpGeneration(conn_, blog_id));
    auto posts = commented.find(blog_id);
    SAMIZDAT_RETURN_IF_ERROR(SqliteStore::TouchPosts(
        conn_, blog_id, posts == commented.end() ? kNoPosts : posts->second));
  }
  return Status::Ok();
}

Status SqliteBulkWriter::Commit(std::vector<int64_t>* orphans) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  std::vector<int64_t> removed;
  Status settled = Settle(removed);
  if (!settled.ok()) return Abandon(settled);
  Status committed = tx_->Commit();  // foreign keys are checked here
  if (!committed.ok()) return Abandon(committed);
  store_.tracker_.NoteLocalWrite();
  End();
  if (orphans != nullptr) *orphans = std::move(removed);
  return Status::Ok();
}

Result<std::unique_ptr<BulkWriter>> SqliteStore::BeginBulk() {
  std::unique_lock lock(writer_mu_);
  Result<Transaction> tx = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  // Comments may come before their posts: foreign keys wait for COMMIT. SQLite turns
  // the pragma off again when the transaction ends.
  Result<Statement> defer = writer_->Prepare("PRAGMA defer_foreign_keys = ON");
  if (!defer.ok()) return defer.status();
  SAMIZDAT_RETURN_IF_ERROR(defer->Run());
  return std::unique_ptr<BulkWriter>(
      std::make_unique<SqliteBulkWriter>(*this, std::move(lock), std::move(*tx)));
}

Result<std::string> SqliteStore::GetRedirect(int64_t blog_id, std::string_view old_path) {
  return Read([&](Connection& conn) -> Result<std::string> {
    Result<Statement> query =
        conn.Prepare("SELECT new_path FROM redirects WHERE blog_id = ?1 AND old_path = ?2");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, blog_id).Bind(2, old_path).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no redirect from " + std::string(old_path));
    return query->Text(0);
  });
}

Result<std::vector<Redirect>> SqliteStore::ListRedirects(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Redirect>> {
    Result<Statement> query = conn.Prepare(
        "SELECT old_path, new_path FROM redirects WHERE blog_id = ?1 ORDER BY old_path");
    if (!query.ok()) return query.status();
    query->Bind(1, blog_id);
    std::vector<Redirect> redirects;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return redirects;
      redirects.push_back(Redirect{query->Text(0), query->Text(1)});
    }
  });
}

}  // namespace samizdat::store::sqlite
