// BulkBatch: what an import batch and a store copy do alike on both engines, over one
// sql::Connection held in one write transaction for the batch's whole life: the checks,
// the rows that go in one statement each (blogs, users, secrets, revisions, media,
// redirects, themes, the widgets' data, the classifier's totals), naming a clash, and Commit()'s
// order. The engine's loader (sqlite/bulk_load.cc, postgres/bulk_load.cc) adds how posts and
// comments are loaded and settled, the classifier's token counts, and how the transaction ends.
//
// A failed INSERT of a row that may clash inserts nothing (ON CONFLICT DO NOTHING, so a
// PostgreSQL transaction is not aborted): the clash is then looked up and named, and the
// batch goes on. Any other failure rolls the batch back (Abandon). Thread safety: none; a
// batch is used by one thread.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace samizdat::store::sql {

class BulkBatch : public StoreCopy {
 public:
  Result<bool> HasPost(int64_t post_id) override;
  Status AddPost(const Post& post) override;
  Status AddRedirect(int64_t blog_id, std::string_view old_path,
                     std::string_view new_path) override;
  Status PutTheme(int64_t blog_id, std::string_view xml) override;
  Status AddBlog(const Blog& blog) override;
  Status AddUser(const User& user) override;
  Status AddSecret(const Secret& secret) override;
  Status AddRevision(const Revision& revision) override;
  Status AddMedia(const Media& media) override;
  Status AddTheme(const StoredTheme& theme) override;
  Status AddPostViews(int64_t post_id, const std::vector<DayViews>& views) override;
  Status AddBlogListItem(int64_t blog_id, const BlogListItem& item) override;
  Status AddContactMessage(const ContactMessage& message) override;
  Status AddSpamCounts(int64_t blog_id, const SpamCounts& counts) override;
  Status Commit(std::vector<int64_t>* orphans) override;

 protected:
  explicit BulkBatch(Connection& conn) : conn_(conn) {}

  // Runs one statement of the batch; a failure rolls the batch back.
  Result<int64_t> Run(std::string_view sql, const Params& params);
  // Whether `sql` returns a row; a failure rolls the batch back.
  Result<bool> Exists(std::string_view sql, const Params& params);
  // OK while the batch is open; otherwise why it is not.
  Status CheckOpen() const { return ended_; }
  // NotFound unless the blog exists (asked once per blog).
  Status CheckBlog(int64_t blog_id);
  // `status` after rolling the batch back.
  Status Abandon(Status status);
  // Rolls back unless committed and lets other writers in (Release), once. The engine's
  // destructor calls it.
  void End();
  // Within Settle: every blog touched (and every blog with new comments) gets its
  // generation and comment_seq bumped once; the posts with new comments, the (blog_id,
  // post_id) rows of `commented_sql`, recounted and stamped.
  Status Restamp(std::string_view commented_sql, const Params& params = {});

  // The engine's part: Commit()'s work before COMMIT (orphans out, appended to
  // `orphans`; dangling replies top-level; Restamp), COMMIT itself, and letting go.
  virtual Status Settle(std::vector<int64_t>& orphans) = 0;
  // AddPost's insert of the post and its labels, after its checks: Conflict, with nothing
  // inserted, when the post's id or path is taken.
  virtual Status LoadPost(const Post& post) = 0;
  // AddSpamCounts' tokens, after its checks and totals; a failure rolls the batch back.
  virtual Status AddSpamTokens(int64_t blog_id, const SpamCounts& counts) = 0;
  virtual Status CommitTransaction() = 0;
  virtual void Release() = 0;

  Connection& conn_;
  std::unordered_set<int64_t> known_blogs_;
  std::set<int64_t> touched_blogs_;                   // blogs of the rows added
  std::unordered_map<int64_t, int64_t> added_posts_;  // post id -> blog id
  bool added_users_ = false;

 private:
  Status ended_;  // non-OK once the batch has ended
  bool released_ = false;
};

}  // namespace samizdat::store::sql
