// CopyStore: reads the source page by page and feeds one StoreCopy of the target.
#include "service/store_copy.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/strings.h"

namespace samizdat::service {
namespace {

// Rows read from the source per query: bounds the memory a copy holds besides the
// target's transaction.
constexpr int kPageSize = 500;

// What the target held before the copy, to tell "already there" from a clash.
struct TargetState {
  std::unordered_map<int64_t, std::string> blog_hosts;  // id -> host
  std::unordered_map<std::string, int64_t> host_blogs;  // host -> id
  std::unordered_set<int64_t> user_ids;
  std::unordered_map<std::string, int64_t> email_users;  // lower-cased email -> id
  std::unordered_set<std::string> secrets;
};

Result<TargetState> ReadTarget(store::Store& to) {
  TargetState state;
  auto blogs = to.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  for (const Blog& blog : *blogs) {
    state.blog_hosts.emplace(blog.id, blog.host);
    state.host_blogs.emplace(blog.host, blog.id);
  }
  auto users = to.ListUsers();
  if (!users.ok()) return users.status();
  for (const User& user : *users) {
    state.user_ids.insert(user.id);
    state.email_users.emplace(AsciiLower(user.email), user.id);
  }
  auto secrets = to.ListSecrets();
  if (!secrets.ok()) return secrets.status();
  for (const store::Secret& secret : *secrets) state.secrets.insert(secret.name);
  return state;
}

// Whether two listings of the source's blogs show the same blogs at the same generation
// and comment_seq.
bool SameVersions(const std::vector<Blog>& before, const std::vector<Blog>& after) {
  if (before.size() != after.size()) return false;
  for (size_t i = 0; i < before.size(); ++i) {
    if (before[i].id != after[i].id || before[i].generation != after[i].generation ||
        before[i].comment_seq != after[i].comment_seq) {
      return false;
    }
  }
  return true;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

class Copier {
 public:
  Copier(store::Store& from, store::Store& to, store::StoreCopy& bulk, const TargetState& target,
         CopyReport& report)
      : from_(from), to_(to), bulk_(bulk), target_(target), report_(report) {}

  Status Secrets() {
    auto secrets = from_.ListSecrets();
    if (!secrets.ok()) return secrets.status().WithContext("the source");
    for (const store::Secret& secret : *secrets) {
      if (target_.secrets.contains(secret.name)) {
        ++report_.secrets.already_there;
        continue;
      }
      SAMIZDAT_RETURN_IF_ERROR(bulk_.AddSecret(secret).WithContext("secret " + secret.name));
      ++report_.secrets.copied;
    }
    return Status::Ok();
  }

  Status Users() {
    auto users = from_.ListUsers();
    if (!users.ok()) return users.status().WithContext("the source");
    for (const User& user : *users) {
      if (target_.user_ids.contains(user.id)) {
        ++report_.users.already_there;
        continue;
      }
      auto other = target_.email_users.find(AsciiLower(user.email));
      if (other != target_.email_users.end()) {
        return Status::Conflict("user " + user.email + " (id " + std::to_string(user.id) +
                                ") cannot be copied: the target's user " +
                                std::to_string(other->second) + " has that email");
      }
      SAMIZDAT_RETURN_IF_ERROR(bulk_.AddUser(user).WithContext("user " + user.email));
      ++report_.users.copied;
    }
    return Status::Ok();
  }

  // The blog's settings, then everything it holds.
  Status CopyBlog(const Blog& blog) {
    const bool there = target_.blog_hosts.contains(blog.id);
    if (there) {
      ++report_.blogs.already_there;
    } else {
      SAMIZDAT_RETURN_IF_ERROR(bulk_.AddBlog(blog).WithContext("blog " + blog.host));
      ++report_.blogs.copied;
    }
    SAMIZDAT_RETURN_IF_ERROR(Posts(blog, PostKind::kPost, there));
    SAMIZDAT_RETURN_IF_ERROR(Posts(blog, PostKind::kPage, there));
    SAMIZDAT_RETURN_IF_ERROR(Comments(blog, there));
    SAMIZDAT_RETURN_IF_ERROR(Redirects(blog, there));
    SAMIZDAT_RETURN_IF_ERROR(MediaFiles(blog));
    if (!there) SAMIZDAT_RETURN_IF_ERROR(SpamCounts(blog));
    if (!there) SAMIZDAT_RETURN_IF_ERROR(Theme(blog));
    if (!there) SAMIZDAT_RETURN_IF_ERROR(BlogListItems(blog));
    if (!there) SAMIZDAT_RETURN_IF_ERROR(ContactMessages(blog));
    return Status::Ok();
  }

 private:
  // Every post (or page) of the blog, whatever its status, oldest first.
  Status Posts(const Blog& blog, PostKind kind, bool blog_there) {
    store::PostQuery query;
    query.blog_id = blog.id;
    query.kind = kind;
    query.status = std::nullopt;
    query.oldest_first = true;
    query.limit = kPageSize;
    for (;;) {
      auto posts = from_.ListPosts(query);
      if (!posts.ok()) return posts.status().WithContext("the source");
      for (const Post& post : *posts) {
        if (blog_there) {
          auto stored = bulk_.HasPost(post.id);
          if (!stored.ok()) return stored.status();
          if (*stored) {
            SAMIZDAT_RETURN_IF_ERROR(CheckPostInBlog(post, blog));
            ++report_.posts.already_there;
            if (kind == PostKind::kPage) ++report_.pages.already_there;
            continue;
          }
        }
        // A blog new to the target may still meet a post id the target holds in another
        // blog: AddPost says Conflict.
        SAMIZDAT_RETURN_IF_ERROR(bulk_.AddPost(post).WithContext("post " + std::to_string(post.id) +
                                                                 " of " + blog.host));
        SAMIZDAT_RETURN_IF_ERROR(Revisions(post, blog));
        SAMIZDAT_RETURN_IF_ERROR(PostViews(post, blog));
        ++report_.posts.copied;
        if (kind == PostKind::kPage) ++report_.pages.copied;
      }
      if (static_cast<int>(posts->size()) < query.limit) return Status::Ok();
      query.offset += query.limit;
    }
  }

  // A post id the target holds must be a post of the same blog there: otherwise the
  // source's comments on it would have no post to go to.
  Status CheckPostInBlog(const Post& post, const Blog& blog) {
    auto stored = to_.GetPost(blog.id, post.id);
    if (stored.ok()) return Status::Ok();
    if (!stored.status().IsNotFound()) return stored.status().WithContext("the target");
    return Status::Conflict("post " + std::to_string(post.id) + " of " + blog.host +
                            " cannot be copied: the target holds a post of that id in "
                            "another blog");
  }

  // Every comment of the blog, whatever its status, oldest first.
  Status Comments(const Blog& blog, bool blog_there) {
    store::CommentQuery query;
    query.blog_id = blog.id;
    query.statuses = {};
    query.limit = kPageSize;
    for (;;) {
      auto comments = from_.ListComments(query);
      if (!comments.ok()) return comments.status().WithContext("the source");
      for (const Comment& comment : *comments) {
        if (blog_there) {
          auto stored = bulk_.HasComment(comment.id);
          if (!stored.ok()) return stored.status();
          if (*stored) {
            ++report_.comments.already_there;
            continue;
          }
        }
        SAMIZDAT_RETURN_IF_ERROR(bulk_.AddComment(comment).WithContext(
            "comment " + std::to_string(comment.id) + " of " + blog.host));
        ++report_.comments.copied;
      }
      if (static_cast<int>(comments->size()) < query.limit) return Status::Ok();
      query.offset += query.limit;
    }
  }

  // The revisions of a post just copied, oldest first (they get new ids in that order).
  Status Revisions(const Post& post, const Blog& blog) {
    auto revisions = from_.ListRevisions(blog.id, post.id);
    if (!revisions.ok()) return revisions.status().WithContext("the source");
    for (auto it = revisions->rbegin(); it != revisions->rend(); ++it) {
      SAMIZDAT_RETURN_IF_ERROR(bulk_.AddRevision(*it).WithContext(
          "a revision of post " + std::to_string(post.id) + " of " + blog.host));
      ++report_.revisions;
    }
    return Status::Ok();
  }

  // The page views of a post just copied (PopularPosts), every day of them.
  Status PostViews(const Post& post, const Blog& blog) {
    auto views = from_.ListPostViews(blog.id, post.id);
    if (!views.ok()) return views.status().WithContext("the source");
    if (views->empty()) return Status::Ok();
    SAMIZDAT_RETURN_IF_ERROR(
        bulk_.AddPostViews(post.id, *views)
            .WithContext("the page views of post " + std::to_string(post.id) + " of " + blog.host));
    for (const store::DayViews& day : *views) report_.page_views += day.views;
    return Status::Ok();
  }

  // The items the blog's BlogList widgets last read from their feeds.
  Status BlogListItems(const Blog& blog) {
    auto items = from_.ListBlogListItems(blog.id);
    if (!items.ok()) return items.status().WithContext("the source");
    for (const store::BlogListItem& item : *items) {
      SAMIZDAT_RETURN_IF_ERROR(
          bulk_.AddBlogListItem(blog.id, item)
              .WithContext("blog list item " + item.entry.feed_url + " of " + blog.host));
      ++report_.blog_list_items;
    }
    return Status::Ok();
  }

  // The messages readers sent with the blog's contact form, newest first.
  Status ContactMessages(const Blog& blog) {
    for (int offset = 0;; offset += kPageSize) {
      auto messages = from_.ListContactMessages(blog.id, kPageSize, offset);
      if (!messages.ok()) return messages.status().WithContext("the source");
      for (const store::ContactMessage& message : *messages) {
        SAMIZDAT_RETURN_IF_ERROR(bulk_.AddContactMessage(message).WithContext(
            "contact message " + std::to_string(message.id) + " of " + blog.host));
        ++report_.messages;
      }
      if (static_cast<int>(messages->size()) < kPageSize) return Status::Ok();
    }
  }

  // Every uploaded file of the blog, one at a time with its bytes; a file the target
  // has already (the same hash) is left as it is.
  Status MediaFiles(const Blog& blog) {
    for (int offset = 0;; offset += kPageSize) {
      auto files = from_.ListMedia(blog.id, kPageSize, offset);
      if (!files.ok()) return files.status().WithContext("the source");
      for (const Media& listed : *files) {
        auto file = from_.GetMedia(blog.id, listed.hash);
        if (!file.ok()) return file.status().WithContext("the source");
        SAMIZDAT_RETURN_IF_ERROR(
            bulk_.AddMedia(*file).WithContext("file " + listed.hash + " of " + blog.host));
        ++report_.media;
      }
      if (static_cast<int>(files->size()) < kPageSize) return Status::Ok();
    }
  }

  Status Redirects(const Blog& blog, bool blog_there) {
    auto redirects = from_.ListRedirects(blog.id);
    if (!redirects.ok()) return redirects.status().WithContext("the source");
    std::unordered_set<std::string> stored;
    if (blog_there && !redirects->empty()) {
      auto existing = to_.ListRedirects(blog.id);
      if (!existing.ok()) return existing.status().WithContext("the target");
      for (store::Redirect& r : *existing) stored.insert(std::move(r.old_path));
    }
    for (const store::Redirect& r : *redirects) {
      if (stored.contains(r.old_path)) {
        ++report_.redirects.already_there;
        continue;
      }
      SAMIZDAT_RETURN_IF_ERROR(bulk_.AddRedirect(blog.id, r.old_path, r.new_path)
                                   .WithContext("redirect " + r.old_path + " of " + blog.host));
      ++report_.redirects.copied;
    }
    return Status::Ok();
  }

  // The blog's Blogger theme, if it wears one.
  Status Theme(const Blog& blog) {
    auto theme = from_.GetTheme(blog.id);
    if (theme.status().IsNotFound()) return Status::Ok();
    if (!theme.ok()) return theme.status().WithContext("the source");
    SAMIZDAT_RETURN_IF_ERROR(bulk_.AddTheme(*theme).WithContext("the theme of " + blog.host));
    ++report_.themes;
    return Status::Ok();
  }

  Status SpamCounts(const Blog& blog) {
    auto counts = from_.GetAllSpamCounts(blog.id);
    if (!counts.ok()) return counts.status().WithContext("the source");
    if (counts->spam_comments == 0 && counts->ham_comments == 0 && counts->tokens.empty()) {
      return Status::Ok();
    }
    SAMIZDAT_RETURN_IF_ERROR(
        bulk_.AddSpamCounts(blog.id, *counts).WithContext("the spam classifier of " + blog.host));
    report_.spam_tokens += static_cast<int64_t>(counts->tokens.size());
    return Status::Ok();
  }

  store::Store& from_;
  store::Store& to_;
  store::StoreCopy& bulk_;
  const TargetState& target_;
  CopyReport& report_;
};

}  // namespace

Status CopyStore(store::Store& from, store::Store& to, const CopyOptions& options,
                 CopyReport* report) {
  auto blogs = from.ListBlogs();
  if (!blogs.ok()) return blogs.status().WithContext("the source");

  auto target = ReadTarget(to);
  if (!target.ok()) return target.status().WithContext("the target");
  if (!options.allow_non_empty && (!target->blog_hosts.empty() || !target->user_ids.empty())) {
    return Status::InvalidArgument("the target is not empty (it holds " +
                                   Plural(target->blog_hosts.size(), "blog", "blogs") + " and " +
                                   Plural(target->user_ids.size(), "user", "users") +
                                   "): copy into an empty database, or allow a non-empty target "
                                   "(--allow-non-empty) to add only what it lacks");
  }
  for (const Blog& blog : *blogs) {
    auto holder = target->host_blogs.find(blog.host);
    if (holder != target->host_blogs.end() && holder->second != blog.id) {
      return Status::Conflict("blog " + blog.host + " (id " + std::to_string(blog.id) +
                              ") cannot be copied: the target's blog " +
                              std::to_string(holder->second) + " has that host");
    }
  }

  CopyReport counted;
  auto bulk = to.BeginCopy();
  if (!bulk.ok()) return bulk.status().WithContext("the target");
  Copier copier(from, to, **bulk, *target, counted);
  SAMIZDAT_RETURN_IF_ERROR(copier.Secrets());
  SAMIZDAT_RETURN_IF_ERROR(copier.Users());
  for (const Blog& blog : *blogs) SAMIZDAT_RETURN_IF_ERROR(copier.CopyBlog(blog));
  // Every write a blog shows bumps its generation, every comment write its comment_seq:
  // the same values at the end mean the source held still. (ChangeStamp() would not do:
  // it may move with no change, say when a PostgreSQL store's listener connects.)
  auto blogs_after = from.ListBlogs();
  if (!blogs_after.ok()) return blogs_after.status().WithContext("the source");
  if (!SameVersions(*blogs, *blogs_after)) {
    return Status::Unavailable(
        "the source changed while it was copied (is a server writing to it?); nothing was "
        "written: stop its writers and copy again");
  }
  // Every comment's post is in its blog (copied, or there already), so none is orphaned.
  SAMIZDAT_RETURN_IF_ERROR((*bulk)->Commit(nullptr).WithContext("the target"));
  // The bodies came as the source's renderer made them; where the target held posts of
  // its own, the older of the two renderers speaks for all (the next open refreshes).
  Result<int> from_version = from.GetBodyVersion();
  if (!from_version.ok()) return from_version.status().WithContext("the source");
  Result<int> to_version = to.GetBodyVersion();
  if (!to_version.ok()) return to_version.status().WithContext("the target");
  const int version =
      target->host_blogs.empty() ? *from_version : std::min(*from_version, *to_version);
  SAMIZDAT_RETURN_IF_ERROR(to.SetBodyVersion(version).WithContext("the target"));
  if (report != nullptr) *report = counted;
  return Status::Ok();
}

}  // namespace samizdat::service
