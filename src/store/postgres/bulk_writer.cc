// PostgresStore: bulk writes (imports, samizdat migrate) through PostgresBulkWriter, and
// redirects.
//
// A bulk write is one READ COMMITTED transaction on one connection leased for the
// writer's whole life, under bulk_mu_ held exclusively, so the store's other writers wait
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
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/checks.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {
namespace {

// Comments gathered before they are copied into bulk_comments in one statement.
constexpr size_t kCommentsPerCopy = 500;
// Tokens of AddSpamCounts written per statement.
constexpr size_t kTokensPerStatement = 5000;

// The post's stored fields as $1 … $15 ($1 the id, $2 the blog), in the order of
// store/sql/post_writes.cc's INSERT; comment_count is not among them.
Params PostFields(const Post& post) {
  Params params;
  params.Add(post.id)
      .Add(post.blog_id)
      .Add(KindWord(post.kind))
      .Add(PostStatusName(post.status))
      .Add(post.title)
      .Add(post.path)
      .Add(post.source)
      .Add(FormatWord(post.format))
      .Add(post.body_html)
      .Add(post.body_text)
      .Add(post.author)
      .Add(Millis(post.published))
      .Add(Millis(post.updated))
      .Add(CommentsModeName(post.comments_mode))
      .Add(post.author_id);
  return params;
}

// The numbers as a text[] parameter PostgreSQL casts to float8[] (shortest round trip).
Params& AddDoubleArray(Params& params, const std::vector<double>& values) {
  std::vector<std::string> texts;
  texts.reserve(values.size());
  for (double value : values) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    texts.emplace_back(buffer, end);
  }
  return params.AddTextArray(texts);
}

}  // namespace

class PostgresBulkWriter final : public BulkWriter {
 public:
  PostgresBulkWriter(PostgresStore& store, std::unique_lock<std::shared_mutex> lock,
                     ConnectionPool::Lease lease, Transaction tx)
      : store_(store), lock_(std::move(lock)), lease_(std::move(lease)), tx_(std::move(tx)) {}
  ~PostgresBulkWriter() override { End(); }

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
  Connection& conn() { return **lease_; }
  // Runs one statement of the batch; a failure rolls the batch back (the transaction is
  // aborted by then anyway).
  Result<Rows> Run(std::string_view sql, const Params& params = {});
  // Whether `sql` returns a row.
  Result<bool> Exists(std::string_view sql, const Params& params);
  // OK while the batch is open; otherwise why it is not.
  Status CheckOpen() const { return ended_; }
  // NotFound unless the blog exists (asked once per blog).
  Status CheckBlog(int64_t blog_id);
  // `status` after rolling the batch back.
  Status Abandon(Status status);
  // Rolls back unless committed, gives the connection back and lets other writers in.
  // Idempotent.
  void End();
  // Copies the gathered comments into bulk_comments.
  Status CopyComments();
  // Commit()'s work before COMMIT: orphans out, the others into comments, dangling
  // replies top-level, generations, comment counts and stamps, the users' sequence.
  // Appends the orphans' ids to `orphans`.
  Status Settle(std::vector<int64_t>& orphans);

  PostgresStore& store_;
  std::unique_lock<std::shared_mutex> lock_;    // on store_.bulk_mu_; declared before
  std::optional<ConnectionPool::Lease> lease_;  // the lease and the transaction, so the
  std::optional<Transaction> tx_;               // rollback runs first, the unlock last
  Status ended_;                                // non-OK once the batch has ended
  std::unordered_set<int64_t> known_blogs_;
  std::set<int64_t> touched_blogs_;  // blogs of the posts, redirects and blogs added
  std::unordered_set<int64_t> added_posts_;
  std::unordered_set<int64_t> added_comments_;  // gathered or copied
  std::vector<Comment> gathered_;               // not yet in bulk_comments
  // The last comment id HasComment() found stored nowhere: AddComment() of that id, which
  // an import makes next, needs not ask again.
  std::optional<int64_t> absent_comment_;
  bool added_users_ = false;
};

Result<Rows> PostgresBulkWriter::Run(std::string_view sql, const Params& params) {
  Result<Rows> rows = conn().Query(sql, params);
  if (!rows.ok()) return Abandon(rows.status());
  return rows;
}

Result<bool> PostgresBulkWriter::Exists(std::string_view sql, const Params& params) {
  Result<Rows> rows = Run(sql, params);
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

void PostgresBulkWriter::End() {
  tx_.reset();     // ROLLBACK unless Commit() went through
  lease_.reset();  // the connection back to the pool
  if (lock_.owns_lock()) lock_.unlock();
  if (ended_.ok()) ended_ = Status::Internal("the bulk write has ended");
}

Status PostgresBulkWriter::Abandon(Status status) {
  End();
  ended_ = Status::Internal("the bulk write was rolled back after an error: " + status.message());
  return status;
}

Status PostgresBulkWriter::CheckBlog(int64_t blog_id) {
  if (known_blogs_.contains(blog_id)) return Status::Ok();
  Result<bool> found = Exists("SELECT 1 FROM blogs WHERE id = $1", Params().Add(blog_id));
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  known_blogs_.insert(blog_id);
  return Status::Ok();
}

Result<bool> PostgresBulkWriter::HasPost(int64_t post_id) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  if (added_posts_.contains(post_id)) return true;
  return Exists("SELECT 1 FROM posts WHERE id = $1", Params().Add(post_id));
}

Result<bool> PostgresBulkWriter::HasComment(int64_t comment_id) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  if (added_comments_.contains(comment_id)) return true;
  Result<bool> stored = Exists("SELECT 1 FROM comments WHERE id = $1", Params().Add(comment_id));
  if (stored.ok() && !*stored) absent_comment_ = comment_id;
  return stored;
}

Status PostgresBulkWriter::AddPost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckImportedPost(post));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(post.blog_id));
  // The post and its labels in one statement; nothing at all when the id or the path is
  // taken. comment_count is left at 0: Commit() counts.
  Result<Rows> inserted =
      Run("WITH p AS (INSERT INTO posts (id, blog_id, kind, status, title, path, source, format, "
          "body_html, body_text, author, published_ms, updated_ms, comments_mode, author_id) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
          "ON CONFLICT DO NOTHING RETURNING id, blog_id), "
          "labels AS (INSERT INTO post_labels (post_id, blog_id, name, position) "
          "SELECT p.id, p.blog_id, l.name, l.n - 1 FROM p, unnest($16::text[]) "
          "WITH ORDINALITY AS l(name, n)) "
          "SELECT COUNT(*) FROM p",
          PostFields(post).AddTextArray(PostgresStore::CleanLabels(post.labels)));
  if (!inserted.ok()) return inserted.status();
  if (inserted->Int64(0, 0) == 0) {
    // Only the posts row can clash, its id or its path: name what is taken.
    Result<bool> id_taken = Exists("SELECT 1 FROM posts WHERE id = $1", Params().Add(post.id));
    if (!id_taken.ok()) return id_taken.status();
    if (*id_taken) return Status::Conflict("a post with id " + std::to_string(post.id) + " exists");
    Result<Rows> holder =
        Run("SELECT id FROM posts WHERE blog_id = $1 AND path = $2 AND path <> ''",
            Params().Add(post.blog_id).Add(post.path));
    if (!holder.ok()) return holder.status();
    if (holder->empty()) return Status::Conflict("post " + std::to_string(post.id) + " clashes");
    return Status::Conflict("the path " + post.path + " is already used by post " +
                            std::to_string(holder->Int64(0, 0)));
  }
  added_posts_.insert(post.id);
  touched_blogs_.insert(post.blog_id);
  return Status::Ok();
}

Status PostgresBulkWriter::AddComment(const Comment& comment) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckImportedComment(comment));
  const Status taken =
      Status::Conflict("a comment with id " + std::to_string(comment.id) + " exists");
  if (added_comments_.contains(comment.id)) return taken;
  if (absent_comment_ == comment.id) {
    absent_comment_.reset();
  } else {
    Result<bool> stored = Exists("SELECT 1 FROM comments WHERE id = $1", Params().Add(comment.id));
    if (!stored.ok()) return stored.status();
    if (*stored) return taken;
  }
  gathered_.push_back(comment);
  added_comments_.insert(comment.id);
  return gathered_.size() >= kCommentsPerCopy ? CopyComments() : Status::Ok();
}

Status PostgresBulkWriter::CopyComments() {
  if (gathered_.empty()) return Status::Ok();
  std::vector<int64_t> ids, blogs, posts, parents, published;
  std::vector<std::string> statuses, names, urls, htmls, texts, digests, ips, trained;
  std::vector<double> scores;
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
    scores.push_back(c.spam_score);
    trained.emplace_back(TrainingWord(c.trained));
    published.push_back(Millis(c.published));
  }
  Params params;
  params.AddInt64Array(ids).AddInt64Array(blogs).AddInt64Array(posts).AddInt64Array(parents);
  params.AddTextArray(statuses).AddTextArray(names).AddTextArray(urls).AddTextArray(htmls);
  params.AddTextArray(texts).AddTextArray(digests).AddTextArray(ips);
  AddDoubleArray(params, scores).AddTextArray(trained).AddInt64Array(published);
  static const std::string kSql =
      "INSERT INTO bulk_comments (" + std::string(kCommentColumns) +
      ") SELECT * FROM unnest("
      "$1::int8[], $2::int8[], $3::int8[], $4::int8[], $5::text[], $6::text[], $7::text[], "
      "$8::text[], $9::text[], $10::text[], $11::text[], $12::text[]::float8[], $13::text[], "
      "$14::int8[])";
  Result<Rows> copied = Run(kSql, params);
  if (!copied.ok()) return copied.status();
  gathered_.clear();
  return Status::Ok();
}

Status PostgresBulkWriter::AddRedirect(int64_t blog_id, std::string_view old_path,
                                       std::string_view new_path) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckRedirect(old_path, new_path));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  Result<Rows> written =
      Run("INSERT INTO redirects (blog_id, old_path, new_path) VALUES ($1, $2, $3) "
          "ON CONFLICT (blog_id, old_path) DO UPDATE SET new_path = excluded.new_path",
          Params().Add(blog_id).Add(old_path).Add(new_path));
  if (!written.ok()) return written.status();
  touched_blogs_.insert(blog_id);
  return Status::Ok();
}

Status PostgresBulkWriter::AddBlog(const Blog& blog) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckCopiedBlog(blog));
  static const std::string kSql =
      "INSERT INTO blogs (" + std::string(kBlogColumns) +
      ") VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT DO NOTHING "
      "RETURNING id";
  Result<Rows> inserted = Run(kSql, Params()
                                        .Add(blog.id)
                                        .Add(blog.host)
                                        .Add(blog.title)
                                        .Add(blog.description)
                                        .Add(blog.banner_url)
                                        .Add(blog.banner_alt)
                                        .Add(blog.time_zone)
                                        .Add(blog.locale)
                                        .Add(blog.posts_per_page)
                                        .Add(blog.date_format)
                                        .Add(blog.time_format)
                                        .Add(Millis(blog.created))
                                        .Add(Millis(blog.updated))
                                        .Add(blog.generation)
                                        .Add(ModerationModeName(blog.comment_moderation))
                                        .Add(blog.moderation_days)
                                        .Add(blog.comment_depth)
                                        .Add(blog.comment_seq)
                                        .Add(Millis(blog.comments_updated)));
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) {
    Result<bool> id_taken = Exists("SELECT 1 FROM blogs WHERE id = $1", Params().Add(blog.id));
    if (!id_taken.ok()) return id_taken.status();
    if (*id_taken) return Status::Conflict("a blog with id " + std::to_string(blog.id) + " exists");
    SAMIZDAT_RETURN_IF_ERROR(PostgresStore::CheckHostFree(conn(), blog.host, blog.id));
    return Status::Conflict("blog " + std::to_string(blog.id) + " clashes");
  }
  known_blogs_.insert(blog.id);
  touched_blogs_.insert(blog.id);
  return Status::Ok();
}

Status PostgresBulkWriter::AddUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckCopiedUser(user));
  Result<Rows> inserted =
      Run("INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
          "created_ms, blog_id, id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
          "ON CONFLICT DO NOTHING RETURNING id",
          Params()
              .Add(user.email)
              .Add(user.display_name)
              .Add(user.password_hash)
              .Add(RoleWord(user.role))
              .AddBool(user.must_change_password)
              .Add(Millis(user.created))
              .Add(user.blog_id)
              .Add(user.id));
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) {
    Result<bool> id_taken = Exists("SELECT 1 FROM users WHERE id = $1", Params().Add(user.id));
    if (!id_taken.ok()) return id_taken.status();
    if (*id_taken) return Status::Conflict("a user with id " + std::to_string(user.id) + " exists");
    return Status::Conflict("the email " + user.email + " is already registered");
  }
  added_users_ = true;
  return Status::Ok();
}

Status PostgresBulkWriter::AddSecret(const Secret& secret) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckSecret(secret.name, secret.value));
  Result<Rows> inserted =
      Run("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING "
          "RETURNING name",
          Params().Add(secret.name).AddBytes(secret.value));
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) return Status::Conflict("a secret named " + secret.name + " exists");
  return Status::Ok();
}

Status PostgresBulkWriter::AddRevision(const Revision& revision) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckRevision(revision));
  Status inserted = PostgresStore::InsertRevision(conn(), revision).status();
  if (inserted.IsNotFound()) return inserted;  // nothing written: the batch goes on
  return inserted.ok() ? inserted : Abandon(inserted);
}

Status PostgresBulkWriter::AddMedia(const Media& media) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckMedia(media));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(media.blog_id));
  Status inserted = PostgresStore::InsertMedia(conn(), media, Millis(media.created));
  return inserted.ok() ? inserted : Abandon(inserted);
}

Status PostgresBulkWriter::AddSpamCounts(int64_t blog_id, const SpamCounts& counts) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  Result<Rows> totals =
      Run("INSERT INTO spam_totals (blog_id, spam_comments, ham_comments) VALUES ($1, $2, $3) "
          "ON CONFLICT (blog_id) DO UPDATE SET spam_comments = spam_totals.spam_comments + "
          "excluded.spam_comments, ham_comments = spam_totals.ham_comments + excluded.ham_comments",
          Params().Add(blog_id).Add(counts.spam_comments).Add(counts.ham_comments));
  if (!totals.ok()) return totals.status();
  std::vector<std::string> tokens;
  std::vector<int64_t> spam, ham;
  auto write = [&]() -> Status {
    if (tokens.empty()) return Status::Ok();
    Result<Rows> written =
        Run("INSERT INTO spam_tokens (blog_id, token, spam, ham) SELECT $1, t.token, t.spam, t.ham "
            "FROM unnest($2::text[], $3::int8[], $4::int8[]) AS t(token, spam, ham) "
            "ON CONFLICT (blog_id, token) DO UPDATE SET spam = spam_tokens.spam + excluded.spam, "
            "ham = spam_tokens.ham + excluded.ham",
            Params().Add(blog_id).AddTextArray(tokens).AddInt64Array(spam).AddInt64Array(ham));
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

Status PostgresBulkWriter::Settle(std::vector<int64_t>& orphans) {
  SAMIZDAT_RETURN_IF_ERROR(CopyComments());

  // The blogs' rows first, in id order, as every write of a blog locks its row first.
  Result<Rows> commented = Run("SELECT DISTINCT blog_id FROM bulk_comments");
  if (!commented.ok()) return commented.status();
  std::vector<int64_t> blogs(touched_blogs_.begin(), touched_blogs_.end());
  for (int i = 0; i < commented->size(); ++i) blogs.push_back(commented->Int64(i, 0));
  SAMIZDAT_RETURN_IF_ERROR(Run("SELECT id FROM blogs WHERE id = ANY($1) ORDER BY id FOR UPDATE",
                               Params().AddInt64Array(blogs))
                               .status());

  // Comments whose post is not in their blog (or whose blog does not exist) go.
  Result<Rows> removed =
      Run("DELETE FROM bulk_comments s WHERE NOT EXISTS (SELECT 1 FROM posts p "
          "WHERE p.id = s.post_id AND p.blog_id = s.blog_id) RETURNING s.id");
  if (!removed.ok()) return removed.status();
  for (int i = 0; i < removed->size(); ++i) orphans.push_back(removed->Int64(i, 0));

  // The others in. An id another node stored since AddComment() fails the batch
  // (Conflict).
  static const std::string kMove = "INSERT INTO comments (" + std::string(kCommentColumns) +
                                   ") SELECT " + std::string(kCommentColumns) +
                                   " FROM bulk_comments";
  SAMIZDAT_RETURN_IF_ERROR(Run(kMove).status());

  // A reply whose parent is absent, is itself, or is a comment of another post, becomes
  // top-level.
  SAMIZDAT_RETURN_IF_ERROR(
      Run("UPDATE comments c SET parent_id = 0 FROM bulk_comments s WHERE c.id = s.id "
          "AND s.parent_id <> 0 AND NOT EXISTS (SELECT 1 FROM comments pc "
          "WHERE pc.id = s.parent_id AND pc.post_id = s.post_id AND pc.id <> s.id)")
          .status());

  // Every blog touched: generation and comment_seq once each; posts with new comments
  // recounted and stamped with the new comment_seq.
  Result<Rows> posts = Run("SELECT DISTINCT blog_id, post_id FROM bulk_comments");
  if (!posts.ok()) return posts.status();
  std::map<int64_t, std::set<int64_t>> commented_posts;  // blog id -> posts
  for (int i = 0; i < posts->size(); ++i) {
    commented_posts[posts->Int64(i, 0)].insert(posts->Int64(i, 1));
    touched_blogs_.insert(posts->Int64(i, 0));
  }
  static const std::set<int64_t> kNoPosts;
  for (int64_t blog_id : touched_blogs_) {
    auto touched = commented_posts.find(blog_id);
    Status bumped = PostgresStore::BumpGeneration(conn(), blog_id);
    if (bumped.ok()) {
      bumped = PostgresStore::TouchPosts(
          conn(), blog_id, touched == commented_posts.end() ? kNoPosts : touched->second);
    }
    if (!bumped.ok()) return Abandon(bumped);
  }

  // Users copied with their ids: the next CreateUser draws above them.
  if (added_users_) {
    SAMIZDAT_RETURN_IF_ERROR(
        Run("SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users))")
            .status());
  }
  return Status::Ok();
}

Status PostgresBulkWriter::Commit(std::vector<int64_t>* orphans) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  std::vector<int64_t> removed;
  SAMIZDAT_RETURN_IF_ERROR(Settle(removed));  // a failure has rolled the batch back
  Status committed = tx_->Commit(std::string("NOTIFY ") + kChangeChannel);
  tx_.reset();
  if (!committed.ok()) return Abandon(committed);
  store_.listener_.NoteLocalWrite();
  End();
  if (orphans != nullptr) *orphans = std::move(removed);
  return Status::Ok();
}

Result<std::unique_ptr<BulkWriter>> PostgresStore::BeginBulk() {
  std::unique_lock lock(bulk_mu_);
  for (int attempt = 0;; ++attempt) {
    Result<ConnectionPool::Lease> lease = pool_.Borrow();
    if (!lease.ok()) return lease.status();
    Result<Transaction> tx = Transaction::Begin(**lease);
    if (!tx.ok()) {
      // A pooled connection that died with the server: retry once on a fresh one.
      if (attempt == 0 && (*lease)->Broken()) {
        pool_.DropIdle();
        continue;
      }
      return tx.status();
    }
    // Where comments wait for Commit(); gone when the transaction ends, either way.
    SAMIZDAT_RETURN_IF_ERROR(
        (*lease)->Exec("CREATE TEMPORARY TABLE bulk_comments (LIKE comments) ON COMMIT DROP"));
    return std::unique_ptr<BulkWriter>(std::make_unique<PostgresBulkWriter>(
        *this, std::move(lock), std::move(*lease), std::move(*tx)));
  }
}

Result<std::string> PostgresStore::GetRedirect(int64_t blog_id, std::string_view old_path) {
  return Read([&](Connection& conn) -> Result<std::string> {
    Result<Rows> rows =
        conn.Query("SELECT new_path FROM redirects WHERE blog_id = $1 AND old_path = $2",
                   Params().Add(blog_id).Add(old_path));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("no redirect from " + std::string(old_path));
    return rows->Text(0, 0);
  });
}

Result<std::vector<Redirect>> PostgresStore::ListRedirects(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<std::vector<Redirect>> {
    // Byte order, as SQLite sorts, whatever the database's collation.
    Result<Rows> rows = conn.Query(
        "SELECT old_path, new_path FROM redirects WHERE blog_id = $1 ORDER BY old_path COLLATE "
        "\"C\"",
        Params().Add(blog_id));
    if (!rows.ok()) return rows.status();
    std::vector<Redirect> redirects;
    redirects.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i)
      redirects.push_back({rows->Text(i, 0), rows->Text(i, 1)});
    return redirects;
  });
}

}  // namespace samizdat::store::postgres
