// BulkBatch: the rows both engines load alike, and Commit()'s order.
#include "store/sql/bulk_batch.h"

#include <map>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {

Result<int64_t> BulkBatch::Run(std::string_view sql, const Params& params) {
  Result<int64_t> changed = conn_.Run(sql, params);
  if (!changed.ok()) return Abandon(changed.status());
  return changed;
}

Result<bool> BulkBatch::Exists(std::string_view sql, const Params& params) {
  Result<bool> found = conn_.Exists(sql, params);
  if (!found.ok()) return Abandon(found.status());
  return found;
}

void BulkBatch::End() {
  if (!released_) Release();
  released_ = true;
  if (ended_.ok()) ended_ = Status::Internal("the bulk write has ended");
}

Status BulkBatch::Abandon(Status status) {
  End();
  ended_ = Status::Internal("the bulk write was rolled back after an error: " + status.message());
  return status;
}

Status BulkBatch::CheckBlog(int64_t blog_id) {
  if (known_blogs_.contains(blog_id)) return Status::Ok();
  Result<bool> found = Exists("SELECT 1 FROM blogs WHERE id = $1", Params().Add(blog_id));
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  known_blogs_.insert(blog_id);
  return Status::Ok();
}

Result<bool> BulkBatch::HasPost(int64_t post_id) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  if (added_posts_.contains(post_id)) return true;
  return Exists("SELECT 1 FROM posts WHERE id = $1", Params().Add(post_id));
}

Status BulkBatch::AddPost(const Post& post) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckImportedPost(post));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(post.blog_id));
  Status inserted = LoadPost(post);
  if (inserted.IsConflict()) {
    // Only the posts row can clash, its id or its path: name what is taken; the batch
    // goes on.
    Status named = SqlStore::CheckPostFree(conn_, post);
    if (!named.ok() && !named.IsConflict()) return Abandon(named);
    return named.ok() ? inserted : named;
  }
  if (!inserted.ok()) return Abandon(inserted);  // the row may be in without its labels
  added_posts_.emplace(post.id, post.blog_id);
  touched_blogs_.insert(post.blog_id);
  return Status::Ok();
}

Status BulkBatch::AddRedirect(int64_t blog_id, std::string_view old_path,
                              std::string_view new_path) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckRedirect(old_path, new_path));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  SAMIZDAT_RETURN_IF_ERROR(
      Run("INSERT INTO redirects (blog_id, old_path, new_path) VALUES ($1, $2, $3) "
          "ON CONFLICT (blog_id, old_path) DO UPDATE SET new_path = excluded.new_path",
          Params().Add(blog_id).Add(old_path).Add(new_path))
          .status());
  touched_blogs_.insert(blog_id);
  return Status::Ok();
}

Status BulkBatch::AddBlog(const Blog& blog) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckCopiedBlog(blog));
  Params params;
  AddBlogSettings(params.Add(blog.id), blog)
      .Add(Millis(blog.created))
      .Add(Millis(blog.updated))
      .Add(blog.generation)
      .Add(blog.comment_seq)
      .Add(Millis(blog.comments_updated));
  Result<int64_t> inserted =
      Run("INSERT INTO blogs (id, host, title, description, banner_url, banner_alt, time_zone, "
          "locale, posts_per_page, date_format, time_format, comment_moderation, "
          "moderation_days, comment_depth, jump_link_text, imported_from, created_ms, updated_ms, "
          "generation, comment_seq, comments_updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, "
          "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) "
          "ON CONFLICT DO NOTHING",
          params);
  if (!inserted.ok()) return inserted.status();
  if (*inserted == 0) {
    Result<bool> id_taken = Exists("SELECT 1 FROM blogs WHERE id = $1", Params().Add(blog.id));
    if (!id_taken.ok()) return id_taken.status();
    if (*id_taken) return Status::Conflict("a blog with id " + std::to_string(blog.id) + " exists");
    SAMIZDAT_RETURN_IF_ERROR(SqlStore::CheckHostFree(conn_, blog.host, blog.id));
    return Status::Conflict("blog " + std::to_string(blog.id) + " clashes");
  }
  known_blogs_.insert(blog.id);
  touched_blogs_.insert(blog.id);
  return Status::Ok();
}

Status BulkBatch::AddUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckCopiedUser(user));
  Result<int64_t> inserted =
      Run("INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
          "created_ms, blog_id, totp_secret, totp_on, totp_last_step, id) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
          "ON CONFLICT DO NOTHING",
          UserFields(user).Add(user.id));
  if (!inserted.ok()) return inserted.status();
  if (*inserted == 0) {
    Result<bool> id_taken = Exists("SELECT 1 FROM users WHERE id = $1", Params().Add(user.id));
    if (!id_taken.ok()) return id_taken.status();
    if (*id_taken) return Status::Conflict("a user with id " + std::to_string(user.id) + " exists");
    return Status::Conflict("the email " + user.email + " is already registered");
  }
  added_users_ = true;
  return Status::Ok();
}

Status BulkBatch::AddSecret(const Secret& secret) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckSecret(secret.name, secret.value));
  Result<int64_t> inserted =
      Run("INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
          Params().Add(secret.name).AddBytes(secret.value));
  if (!inserted.ok()) return inserted.status();
  if (*inserted == 0) return Status::Conflict("a secret named " + secret.name + " exists");
  return Status::Ok();
}

Status BulkBatch::AddRevision(const Revision& revision) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckRevision(revision));
  Status inserted = SqlStore::InsertRevision(conn_, revision).status();
  if (inserted.IsNotFound()) return inserted;  // nothing written: the batch goes on
  return inserted.ok() ? inserted : Abandon(inserted);
}

Status BulkBatch::AddMedia(const Media& media) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckMedia(media));
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(media.blog_id));
  Status inserted = SqlStore::InsertMedia(conn_, media, Millis(media.created));
  return inserted.ok() ? inserted : Abandon(inserted);
}

Status BulkBatch::AddSpamCounts(int64_t blog_id, const SpamCounts& counts) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  SAMIZDAT_RETURN_IF_ERROR(CheckBlog(blog_id));
  SAMIZDAT_RETURN_IF_ERROR(
      Run("INSERT INTO spam_totals (blog_id, spam_comments, ham_comments) VALUES ($1, $2, $3) "
          "ON CONFLICT (blog_id) DO UPDATE SET spam_comments = spam_totals.spam_comments + "
          "excluded.spam_comments, ham_comments = spam_totals.ham_comments + excluded.ham_comments",
          Params().Add(blog_id).Add(counts.spam_comments).Add(counts.ham_comments))
          .status());
  return AddSpamTokens(blog_id, counts);
}

Status BulkBatch::Restamp(std::string_view commented_sql, const Params& params) {
  std::map<int64_t, std::set<int64_t>> commented;
  Result<Rows> rows = conn_.Query(commented_sql, params);
  if (!rows.ok()) return rows.status();
  SAMIZDAT_RETURN_IF_ERROR(rows->ForEach([&](const Rows& row) {
    commented[row.Int64(0)].insert(row.Int64(1));
    touched_blogs_.insert(row.Int64(0));
  }));
  static const std::set<int64_t> kNoPosts;
  for (int64_t blog_id : touched_blogs_) {
    auto posts = commented.find(blog_id);
    SAMIZDAT_RETURN_IF_ERROR(SqlStore::BumpGeneration(conn_, blog_id));
    SAMIZDAT_RETURN_IF_ERROR(
        SqlStore::TouchPosts(conn_, blog_id, posts == commented.end() ? kNoPosts : posts->second));
  }
  return Status::Ok();
}

Status BulkBatch::Commit(std::vector<int64_t>* orphans) {
  SAMIZDAT_RETURN_IF_ERROR(CheckOpen());
  std::vector<int64_t> removed;
  Status settled = Settle(removed);
  if (settled.ok()) settled = CommitTransaction();  // SQLite checks foreign keys here
  if (!settled.ok()) return Abandon(settled);
  End();
  if (orphans != nullptr) *orphans = std::move(removed);
  return Status::Ok();
}

}  // namespace samizdat::store::sql
