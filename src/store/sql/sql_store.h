// SqlStore: the Store's queries, written once over sql::Connection for both backends (the
// model is element-hq/synapse's storage: one set of queries, an engine for the dialect).
// A backend (sqlite/sqlite_store_impl.h, postgres/postgres_store_impl.h) derives from it
// and supplies the engine: how a read and a write run (RunRead, RunWrite), and the parts
// its dialect writes its own way — full-text search, the change stamp, bulk loading.
//
// What the two schemas spell differently comes from the connection's Dialect. The methods
// are split by subject over blog_queries.cc, post_reads.cc, post_writes.cc,
// comment_queries.cc, user_queries.cc, session_queries.cc, revision_queries.cc,
// media_queries.cc, redirect_queries.cc, certificate_queries.cc and widget_queries.cc. Thread
// safety: as Store's; every statement runs inside RunRead or RunWrite (a few methods read first,
// and write only when needed).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/id_source.h"
#include "store/sql/connection.h"
#include "store/store.h"

namespace samizdat::store::sql {

// A borrowed callable: what RunRead and RunWrite take, without copying it to the heap.
template <typename Signature>
class FunctionRef;
template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F>
  requires(!std::is_same_v<std::remove_cv_t<F>, FunctionRef>)  // a copy copies, not wraps
      FunctionRef(F& f)  // NOLINT: implicit, as a lambda is passed
      : object_(static_cast<void*>(&f)), call_([](void* object, Args... args) -> R {
          return (*static_cast<F*>(object))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

// The post's stored fields as $1 … $16 ($1 the id, $2 the blog) in the order of INSERT
// INTO posts (id, blog_id, kind, status, title, path, source, format, body_html, body_text,
// author, published_ms, updated_ms, comments_mode, author_id, feed_id); not comment_count:
// the store keeps it from the comments (post_writes.cc).
Params PostFields(const Post& post);
// Whether `text` could be stored in a text column: well-formed UTF-8 without NUL. A path,
// label or media hash from a request that is not (the bytes of a mangled URL) names
// nothing, where PostgreSQL would refuse the statement (post_reads.cc).
bool Storable(std::string_view text);
// NotFound: "no post with id P in blog B" (post_writes.cc).
Status NoPost(int64_t blog_id, int64_t post_id);
// Within a write: NoPost unless the post is in the blog.
Status CheckPostInBlog(Connection& conn, int64_t blog_id, int64_t post_id);
// The comment's fields as $1 … $15, in the order of kCommentColumns (comment_queries.cc).
Params CommentFields(const Comment& comment);
// The user's stored fields but the id as $1 … $10, in the order of INSERT INTO users (email,
// display_name, password_hash, role, must_change_password, created_ms, blog_id,
// totp_secret, totp_on, totp_last_step) of both writers; the copy adds the id as $11
// (user_queries.cc).
Params UserFields(const User& user);
// Appends the blog's settings, $2 … $16 after its id: host, title, description,
// banner_url, banner_alt, time_zone, locale, posts_per_page, date_format, time_format,
// comment_moderation, moderation_days, comment_depth, jump_link_text, imported_from
// (blog_queries.cc). The
// generation, comment_seq and times are the store's: never written from `blog` but by a copy.
Params& AddBlogSettings(Params& params, const Blog& blog);

class SqlStore : public Store {
 public:
  Result<Blog> CreateBlog(const Blog& blog) override;
  Status UpdateBlog(const Blog& blog) override;
  Result<Blog> GetBlog(int64_t blog_id) override;
  Result<std::vector<Blog>> ListBlogs() override;

  Result<Post> GetPost(int64_t blog_id, int64_t post_id) override;
  Result<Post> GetPostByPath(int64_t blog_id, std::string_view path) override;
  Result<bool> PathExists(int64_t blog_id, std::string_view path) override;
  Result<std::vector<Post>> ListPosts(const PostQuery& query) override;
  Result<int> CountPosts(const PostQuery& query) override;
  Result<ItemPage> GetItemPage(int64_t blog_id, std::string_view path) override;
  Result<int> GetBodyVersion() override;
  Status SetBodyVersion(int version) override;
  Status RewriteBodies(int64_t blog_id, const std::vector<BodyRewrite>& rewrites) override;
  Result<std::vector<Time>> ListPublishedTimes(int64_t blog_id) override;
  Result<std::vector<LabelCount>> LabelCounts(int64_t blog_id) override;

  Result<Post> CreatePost(const Post& post) override;
  Status UpdatePost(const Post& post) override;
  Status DeletePost(int64_t blog_id, int64_t post_id) override;
  Result<std::vector<int64_t>> PublishDue(int64_t blog_id, Time now) override;

  Result<Comment> CreateComment(const Comment& comment) override;
  Result<Comment> GetComment(int64_t blog_id, int64_t comment_id) override;
  Result<std::vector<Comment>> ListComments(const CommentQuery& query) override;
  Result<int> CountComments(const CommentQuery& query) override;
  Status ModerateComment(int64_t blog_id, int64_t comment_id, CommentStatus status,
                         SpamTraining training, const std::vector<std::string>& tokens) override;
  Result<int> PurgeComments(CommentStatus status, Time before) override;
  Result<std::vector<int64_t>> PostsWithCommentsChangedSince(int64_t blog_id,
                                                             int64_t since) override;
  Result<CommentScreening> ScreenComment(const CommentScreeningQuery& query) override;
  Result<SpamCounts> GetAllSpamCounts(int64_t blog_id) override;

  // Begins a store copy (the engine's BeginCopy), handed out as the import batch it is.
  Result<std::unique_ptr<ImportBatch>> BeginImport() override;
  Result<std::string> GetRedirect(int64_t blog_id, std::string_view old_path) override;
  Result<std::vector<Redirect>> ListRedirects(int64_t blog_id) override;

  Result<StoredTheme> GetTheme(int64_t blog_id) override;
  Result<StoredTheme> PutTheme(int64_t blog_id, std::string_view xml) override;
  Status DeleteTheme(int64_t blog_id) override;

  Result<std::string> GetOrCreateSecret(std::string_view name, std::string_view candidate) override;
  Result<std::vector<Secret>> ListSecrets() override;

  Result<User> CreateUser(const User& user) override;
  Result<int> CountUsers() override;
  Result<std::vector<User>> ListUsers() override;
  Result<User> GetUser(int64_t user_id) override;
  Result<User> GetUserByEmail(std::string_view email) override;
  Status UpdateUser(const User& user) override;
  Status SetUserTotp(int64_t user_id, const UserTotp& totp) override;
  Result<bool> RecordTotpStep(int64_t user_id, int64_t step) override;
  Status DeleteUser(int64_t user_id) override;

  Status PutCertificate(const StoredCertificate& certificate) override;
  Result<std::vector<StoredCertificate>> ListCertificates() override;
  Status PutAcmeChallenge(std::string_view token, std::string_view key_authorization,
                          Time expires) override;
  Result<std::string> GetAcmeChallenge(std::string_view token, Time now) override;
  Status DeleteAcmeChallenge(std::string_view token) override;
  Result<bool> TakeLease(std::string_view name, std::string_view holder, Time now,
                         Time until) override;
  Status ReleaseLease(std::string_view name, std::string_view holder) override;

  Result<Revision> AddRevision(const Revision& revision) override;
  Result<std::vector<Revision>> ListRevisions(int64_t blog_id, int64_t post_id) override;
  Result<Revision> GetRevision(int64_t blog_id, int64_t revision_id) override;

  Status AddMedia(const Media& media) override;
  Result<Media> GetMedia(int64_t blog_id, std::string_view hash) override;
  Result<std::vector<Media>> ListMedia(int64_t blog_id, int limit, int offset) override;
  Status DeleteMedia(int64_t blog_id, std::string_view hash) override;

  Status CreateSession(const Session& session) override;
  Result<Session> GetSession(std::string_view token_hash) override;
  Status TouchSession(std::string_view token_hash, Time last_seen) override;
  Status DeleteSession(std::string_view token_hash) override;
  Result<int> DeleteUserSessions(int64_t user_id, std::string_view keep) override;
  Result<int> PurgeSessions(Time idle_before, Time created_before) override;
  Status CreateSignInLink(std::string_view token_hash, int64_t user_id, Time expires) override;
  Result<int64_t> FindSignInLink(std::string_view token_hash, Time now) override;
  Result<int64_t> TakeSignInLink(std::string_view token_hash, Time now) override;
  Status RecordSignInFailure(std::string_view account, std::string_view source, Time at) override;
  Result<SignInFailures> CountSignInFailures(std::string_view account, std::string_view source,
                                             Time since) override;
  Status ClearSignInFailures(std::string_view account, std::string_view source) override;

  Status AddPageViews(int64_t blog_id, int64_t day, const std::vector<PathViews>& views) override;
  Result<std::vector<PostViews>> TopPosts(int64_t blog_id, int64_t from_day, int limit) override;
  Result<std::vector<DayViews>> ListPostViews(int64_t blog_id, int64_t post_id) override;
  Result<std::vector<BlogListItem>> ListBlogListItems(int64_t blog_id) override;
  Result<std::vector<BlogListEntry>> ListBlogList(int64_t blog_id,
                                                  std::string_view widget_id) override;
  Status ReplaceBlogList(int64_t blog_id, std::string_view widget_id,
                         const std::vector<BlogListEntry>& entries) override;
  Result<ContactMessage> AddContactMessage(const ContactMessage& message) override;
  Result<std::vector<ContactMessage>> ListContactMessages(int64_t blog_id, int limit,
                                                          int offset) override;
  Result<int> CountContactMessages(int64_t blog_id, std::string_view remote_address,
                                   Time since) override;
  Status DeleteContactMessage(int64_t blog_id, int64_t message_id) override;

 protected:
  using Body = FunctionRef<Status(Connection&)>;
  // Runs `body` on a connection inside one read snapshot (SQLite: a pooled reader in a
  // transaction; PostgreSQL: a pooled connection, one statement per snapshot), retrying
  // where the engine can; returns its status.
  virtual Status RunRead(Body body) = 0;
  // Runs `body` in one write transaction, committing (durably, and telling other
  // processes) when it succeeds and rolling back when it fails; returns its status or the
  // commit's.
  virtual Status RunWrite(Body body) = 0;

  // Within PublishDue's write: false when another process or node is publishing the
  // blog's due posts right now (it publishes them all). SQLite's writer lock already
  // serializes them: the posts one published are no longer scheduled when the next looks.
  virtual Result<bool> LockPublishing(Connection& conn, int64_t blog_id);

  // fn(Connection&) -> Status or Result<T>, run by RunRead or RunWrite.
  template <typename Fn>
  auto Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    return Run(/*write=*/false, fn);
  }
  template <typename Fn>
  auto Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    return Run(/*write=*/true, fn);
  }

  // "SELECT <kPostColumns>[, <Dialect::post_labels>]" for "… FROM posts p"; without
  // `source_and_text`, '' stands for the source and the body_text's first 400 characters
  // for all of it (enough for a description).
  static std::string PostSelect(const Dialect& dialect, bool source_and_text = true);
  // The posts `sql` (selecting PostSelect's columns) returns, with their labels; each
  // row's next column after them as text into `extra` when given (a search's snippet).
  static Result<std::vector<Post>> ReadPosts(Connection& conn, std::string_view sql,
                                             const Params& params,
                                             std::vector<std::string>* extra = nullptr);
  // The post with that id in the blog, if there is one.
  static Result<std::optional<Post>> FindPost(Connection& conn, int64_t blog_id, int64_t post_id);
  // The post at `path` in the blog (NotFound: "no post at PATH"); without its source, and
  // with only the start of its body_text, unless `source_and_text`.
  static Result<Post> SelectPostByPath(Connection& conn, int64_t blog_id, std::string_view path,
                                       bool source_and_text = true);
  // Within a read: the comments `query` selects (ListComments's statement).
  static Result<std::vector<Comment>> SelectComments(Connection& conn, const CommentQuery& query);
  // A search's page: the posts ReadPosts reads, each with the HTML snippet(post, the
  // row's next column) makes.
  static Result<std::vector<SearchHit>> ReadHits(Connection& conn, std::string_view sql,
                                                 const Params& params,
                                                 std::string (*snippet)(const Post& post,
                                                                        const std::string& column));

  // The helpers of writes (the bulk loaders' too), each within a write transaction.
  // Generation + 1 and updated = now for the blog (PostgreSQL: locking its row). NotFound
  // if absent.
  static Status BumpGeneration(Connection& conn, int64_t blog_id);
  // Conflict if another blog than `blog_id` has `host`. A host taken by a concurrent
  // writer after this check still fails, on the unique index (Conflict too).
  static Status CheckHostFree(Connection& conn, const std::string& host, int64_t blog_id);
  // Inserts the revision under a new id, its labels cleaned, and returns the id. NotFound
  // (nothing inserted) unless its post is in its blog.
  static Result<int64_t> InsertRevision(Connection& conn, const Revision& revision);
  // Inserts the file with `created_ms` as its time, unless its hash is in the blog already
  // (the same hash is the same bytes: the first row stays). A blog that is not there fails
  // the foreign key (NotFound).
  static Status InsertMedia(Connection& conn, const Media& media, int64_t created_ms);
  // The blog's comment_seq + 1 and comments_updated_ms = now; each of `post_ids` stamped
  // with the new comment_seq and its published comments recounted — or, when `added` is
  // given (one new comment, 1 if published else 0), its count moved by that. NotFound if
  // the blog is absent.
  static Status TouchPosts(Connection& conn, int64_t blog_id, const std::set<int64_t>& post_ids,
                           std::optional<int> added = std::nullopt);
  // Conflict if the post's id, or its path in the blog, is taken (after the blog's row is
  // locked).
  static Status CheckPostFree(Connection& conn, const Post& post);
  // Inserts the post's row (no comments yet) and its labels, cleaned; no checks.
  static Status InsertPost(Connection& conn, const Post& post);
  // The labels as stored: empty names and repeats dropped, the author's order kept.
  static std::vector<std::string> CleanLabels(const std::vector<std::string>& labels);

  IdSource ids_;

  friend class BulkBatch;  // bulk_batch.cc: the helpers of writes

 private:
  template <typename Fn>
  auto Run(bool write, Fn& fn) -> decltype(fn(std::declval<Connection&>()));
  // Into metrics::Process(): the call's latency, and a store error when `code` is the
  // store's failure (Unavailable, Internal) rather than an answer about the data.
  static void CountStoreCall(bool write, std::chrono::nanoseconds elapsed, Status::Code code);
};

template <typename Fn>
auto SqlStore::Run(bool write, Fn& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  std::optional<R> result;
  auto body = [&](Connection& conn) -> Status {
    result.emplace(fn(conn));
    if constexpr (std::is_same_v<R, Status>) {
      return *result;
    } else {
      return result->status();
    }
  };
  const auto started = std::chrono::steady_clock::now();
  Status status = write ? RunWrite(body) : RunRead(body);
  CountStoreCall(write, std::chrono::steady_clock::now() - started, status.code());
  // The body's own error is returned as it is; a failure around it (a BEGIN or COMMIT) as
  // the engine's status.
  if (!result.has_value() || (!status.ok() && result->ok())) return R(status);
  return std::move(*result);
}

}  // namespace samizdat::store::sql
