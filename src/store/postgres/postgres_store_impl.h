// PostgresStore: the Store over one PostgreSQL database. Private to store/postgres/; the
// rest of the program reaches it through OpenPostgresStore() and the Store interface.
//
// Connections: every call borrows one from the pool for its duration. A write runs in one
// READ COMMITTED transaction that ends with NOTIFY samizdat_changes; writes of one blog
// are serialized by locking the blog's row (UPDATE blogs … first, or SELECT … FOR
// UPDATE), so counters and checks cannot be raced by another node. A read is one
// statement outside any transaction (one snapshot): a post's labels come with it as a
// text[] column (kPostLabelsColumn), not from a second query.
// The methods are split by subject over blog_queries.cc, post_reads.cc, post_writes.cc,
// search.cc, comment_queries.cc, user_queries.cc, session_queries.cc, revision_queries.cc,
// media_queries.cc and bulk_writer.cc.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/id_source.h"
#include "store/postgres/change_listener.h"
#include "store/postgres/connection.h"
#include "store/postgres/pool.h"
#include "store/sql/sql_store.h"
#include "store/store.h"

namespace samizdat::store::postgres {

// What the post reads select after kPostColumns: the post's labels in the author's order
// as a text[] (NULL when it has none), so posts and their labels come in one statement.
inline constexpr std::string_view kPostLabelsColumn =
    "(SELECT array_agg(l.name ORDER BY l.position) FROM post_labels l WHERE l.post_id = p.id)";
// The post of row `row` of a result whose columns are kPostColumns, then
// kPostLabelsColumn (post_reads.cc).
Result<Post> ReadLabelledPost(const Rows& rows, int row);

// The post's stored fields as $1 … $15 ($1 the id, $2 the blog), in the order of the
// INSERT INTO posts (id, blog_id, kind, status, title, path, source, format, body_html,
// body_text, author, published_ms, updated_ms, comments_mode, author_id) of both writers
// (post_writes.cc). comment_count is not among them: the store keeps it from the comments.
Params PostFields(const Post& post);

// The user's stored fields but the id as $1 … $7, in the order of the INSERT INTO users
// (email, display_name, password_hash, role, must_change_password, created_ms, blog_id)
// of both writers (user_queries.cc); the bulk writer adds the id as $8.
Params UserFields(const User& user);

class PostgresStore final : public sql::SqlStore {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& url);

  explicit PostgresStore(const std::string& url);

  Result<Blog> CreateBlog(const Blog& blog) override;
  Status UpdateBlog(const Blog& blog) override;
  Result<Blog> GetBlog(int64_t blog_id) override;
  Result<std::vector<Blog>> ListBlogs() override;

  Result<Post> CreatePost(const Post& post) override;
  Status UpdatePost(const Post& post) override;
  Status DeletePost(int64_t blog_id, int64_t post_id) override;
  Result<Post> GetPost(int64_t blog_id, int64_t post_id) override;
  Result<Post> GetPostByPath(int64_t blog_id, std::string_view path) override;
  Result<bool> PathExists(int64_t blog_id, std::string_view path) override;
  Result<std::vector<Post>> ListPosts(const PostQuery& query) override;
  Result<int> CountPosts(const PostQuery& query) override;
  Result<std::vector<int64_t>> PublishDue(int64_t blog_id, Time now) override;
  Result<Neighbours> GetNeighbours(const Post& post) override;
  Result<std::vector<Time>> ListPublishedTimes(int64_t blog_id) override;
  Result<std::vector<LabelCount>> LabelCounts(int64_t blog_id) override;
  Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query, int limit,
                                        int offset) override;
  Result<int> CountSearch(int64_t blog_id, std::string_view query) override;

  Result<Comment> CreateComment(const Comment& comment) override;
  Result<Comment> GetComment(int64_t blog_id, int64_t comment_id) override;
  Result<std::vector<Comment>> ListComments(const CommentQuery& query) override;
  Result<int> CountComments(const CommentQuery& query) override;
  Status ModerateComment(int64_t blog_id, int64_t comment_id, CommentStatus status,
                         SpamTraining training, const std::vector<std::string>& tokens) override;
  Result<int> PurgeComments(CommentStatus status, Time before) override;
  Result<std::vector<int64_t>> PostsWithCommentsChangedSince(int64_t blog_id,
                                                             int64_t since) override;
  Result<int> CountCommentsFromIp(int64_t blog_id, std::string_view ip_hash,
                                  Time since) override;
  Result<bool> CommentDigestExists(int64_t blog_id, int64_t post_id,
                                   std::string_view digest) override;
  Result<SpamCounts> GetSpamCounts(int64_t blog_id,
                                   const std::vector<std::string>& tokens) override;
  Result<SpamCounts> GetAllSpamCounts(int64_t blog_id) override;

  Result<std::unique_ptr<BulkWriter>> BeginBulk() override;
  Result<std::string> GetRedirect(int64_t blog_id, std::string_view old_path) override;
  Result<std::vector<Redirect>> ListRedirects(int64_t blog_id) override;

  Result<std::string> GetOrCreateSecret(std::string_view name,
                                        std::string_view candidate) override;
  Result<std::vector<Secret>> ListSecrets() override;

  Result<User> CreateUser(const User& user) override;
  Result<int> CountUsers() override;
  Result<std::vector<User>> ListUsers() override;
  Result<User> GetUser(int64_t user_id) override;
  Result<User> GetUserByEmail(std::string_view email) override;
  Status UpdateUser(const User& user) override;
  Status DeleteUser(int64_t user_id) override;

  Result<Revision> AddRevision(const Revision& revision) override;
  Result<std::vector<Revision>> ListRevisions(int64_t blog_id, int64_t post_id) override;
  Result<Revision> GetRevision(int64_t blog_id, int64_t revision_id) override;

  Status AddMedia(const Media& media) override;
  Result<Media> GetMedia(int64_t blog_id, std::string_view hash) override;
  Result<std::vector<Media>> ListMedia(int64_t blog_id, int limit, int offset) override;
  Status DeleteMedia(int64_t blog_id, std::string_view hash) override;

  uint64_t ChangeStamp() override { return listener_.Stamp(); }

 private:
  Status RunRead(Body body) override {
    return Read([&](Connection& conn) { return body(conn); });
  }
  Status RunWrite(Body body) override {
    return Write([&](Connection& conn) { return body(conn); });
  }

  // Runs fn(Connection&) -> Status or Result<T> on a borrowed connection inside one write
  // transaction; commits (with the NOTIFY) if fn succeeded, rolls back otherwise. After a
  // lost server the pooled connections are dead: when the first one borrowed fails its
  // BEGIN that way, the idle ones are dropped and one retry runs on a fresh connection.
  template <typename Fn>
  auto Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>()));
  // Runs fn(Connection&) on a borrowed connection, outside any transaction: every read is
  // one statement. Retries once, like Write(), on a connection that died with the server.
  template <typename Fn>
  auto Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>()));

  // Within a write: Conflict if another blog than `blog_id` has `host` (blog_queries.cc).
  // A host taken by a concurrent writer after this check still fails, on the unique
  // index (Conflict too).
  static Status CheckHostFree(Connection& conn, const std::string& host, int64_t blog_id);
  // Within a write: generation + 1 and updated = now for the blog (locking its row).
  // NotFound if absent.
  static Status BumpGeneration(Connection& conn, int64_t blog_id);
  // Within a write: the blog's comment_seq + 1 and comments_updated_ms = now; each of
  // `post_ids` stamped with it and its published comments recounted — or, when `added`
  // is given (one new comment, 1 if published else 0), its count moved by that.
  // NotFound if the blog is absent.
  static Status TouchPosts(Connection& conn, int64_t blog_id, const std::set<int64_t>& post_ids,
                           std::optional<int> added = std::nullopt);
  // Within a write: inserts the revision under a new id, its labels cleaned, and returns
  // the id. NotFound (nothing inserted) unless its post is in its blog: one statement, no
  // race with the post's removal (the foreign key holds the post's row until commit).
  static Result<int64_t> InsertRevision(Connection& conn, const Revision& revision);
  // Within a write: inserts the file with `created_ms` as its time, unless its hash is in
  // the blog already (the same hash is the same bytes: the first row stays). A blog that
  // is not there fails the foreign key (NotFound).
  static Status InsertMedia(Connection& conn, const Media& media, int64_t created_ms);
  // The labels as stored: empty names and repeats dropped, the author's order kept
  // (post_writes.cc; the bulk writer's too).
  static std::vector<std::string> CleanLabels(const std::vector<std::string>& labels);

  friend class PostgresBulkWriter;  // bulk_writer.cc: holds bulk_mu_ exclusively

  ConnectionPool pool_;
  // Writes hold it shared; a BulkWriter holds it exclusively while it lives, so the other
  // writers of this store wait for the batch (as with SQLite's one writer).
  std::shared_mutex bulk_mu_;
  ChangeListener listener_;  // last: its thread stops first
};

template <typename Fn>
auto PostgresStore::Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  std::shared_lock batch(bulk_mu_);
  for (int attempt = 0;; ++attempt) {
    Result<ConnectionPool::Lease> lease = pool_.Borrow();
    if (!lease.ok()) return R(lease.status());
    Result<Transaction> tx = Transaction::Begin(**lease);
    if (!tx.ok()) {
      if (attempt == 0 && (*lease)->Broken()) {
        pool_.DropIdle();
        continue;
      }
      return R(tx.status());
    }
    R result = fn(**lease);
    if (!result.ok()) return result;  // ~Transaction rolls back
    Status committed = tx->Commit(std::string("NOTIFY ") + kChangeChannel);
    if (!committed.ok()) return R(committed);
    listener_.NoteLocalWrite();
    return result;
  }
}

template <typename Fn>
auto PostgresStore::Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  for (int attempt = 0;; ++attempt) {
    Result<ConnectionPool::Lease> lease = pool_.Borrow();
    if (!lease.ok()) return R(lease.status());
    R result = fn(**lease);
    // A pooled connection that died with the server: retry once on a fresh one.
    if (!result.ok() && attempt == 0 && (*lease)->Broken()) {
      pool_.DropIdle();
      continue;
    }
    return result;
  }
}

}  // namespace samizdat::store::postgres
