// The decisions of an import, shared by its reads (service/import.cc: one for a Blogger
// file, two otherwise): which samizdat ids and paths the posts and comments of a file
// get, and what a first read learns (a single read learns it on the way). Private to the
// import.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"
#include "text/sanitize.h"
#include "transfer/readers.h"

namespace samizdat::service::importing {

using transfer::ExportFormat;
using transfer::SourceBlog;
using transfer::SourceComment;
using transfer::SourceLocation;
using transfer::SourcePost;
using transfer::SourceRedirect;
using transfer::SourceTheme;

// "feed.atom:120", for messages.
std::string Where(const SourceLocation& where);

// A body as it is stored: sanitized HTML and its text, and what the sanitizer took out.
// Making it is most of an import's work, so the storing read makes bodies on every core
// (import_pipeline.h).
struct Body {
  std::string html;
  std::string text;
  text::SanitizeReport removed;
};
Body MakeBody(std::string_view html, text::SanitizePolicy policy);

// Everything the first read learns: the blog, the counts, which posts the file holds
// and which comments' posts are not there, what it skips.
struct Plan {
  ExportFormat format = ExportFormat::kBloggerClassic;
  SourceBlog source_blog;
  int64_t posts_total = 0;
  int64_t comments_total = 0;
  std::unordered_set<int64_t> post_ids;         // posts in the file
  std::unordered_set<int64_t> orphan_comments;  // comments whose post is nowhere
  std::vector<std::string> skipped;
  transfer::WxrMedia media;  // a WordPress file's attachments, for the second read's galleries
  std::optional<SourceTheme> theme;  // the blog's theme in the export, if it has one
};

// Whether the file's ids are kept as they are (Blogger's, or samizdat's own in a WXR it
// wrote), rather than derived from the site and the file's ids (WordPress's).
bool KeepsIds(const Plan& plan);

// WordPress files can hold two items with the same wp:post_id (hand-edited or merged
// exports); they are different posts. The second and later get "ID#2", "ID#3" as the
// original id, and a comment (nested in its item) goes to the latest item of its id.
// The same file gives the same keys on every read.
class PostKeys {
 public:
  explicit PostKeys(const Plan& plan) : plan_(plan) {}

  std::string ForPost(const std::string& original) {
    if (KeepsIds(plan_)) return original;
    const int seen = ++seen_[original];
    std::string key = seen == 1 ? original : original + "#" + std::to_string(seen);
    latest_[original] = key;
    return key;
  }
  std::string ForComment(const std::string& post_original) const {
    auto it = latest_.find(post_original);
    return it == latest_.end() ? post_original : it->second;
  }

 private:
  const Plan& plan_;
  std::unordered_map<std::string, int> seen_;
  std::unordered_map<std::string, std::string> latest_;
};

// Turns what the readers find into posts and comments of one blog. Used by both reads;
// the same input gives the same decisions.
class Converter {
 public:
  Converter(store::Store& store, const Blog& blog, const TimeZone& zone, const Plan& plan)
      : store_(store),
        blog_(blog),
        zone_(zone),
        keep_ids_(KeepsIds(plan)),
        site_(plan.source_blog.url) {}

  int64_t blog_id() const { return blog_.id; }

  // The samizdat ids of a post and a comment of the file. InvalidArgument when the file
  // keeps its ids and this one is not a positive number.
  Result<int64_t> PostId(std::string_view original) const;
  Result<int64_t> CommentId(std::string_view original) const;

  // The post to store, and the redirects to it. Conflict when its path belongs to
  // another post of the blog (in the store or earlier in the file).
  struct Converted {
    Post post;
    std::vector<std::string> redirects_from;
  };
  Result<Converted> ConvertPost(const SourcePost& in, Body body);

  // The comment to store.
  Result<Comment> ConvertComment(const SourceComment& in, Body body) const;

 private:
  // A path in Blogger's scheme for a post whose file gave none that fits it, by the
  // rules PostService uses: the title's slug (or the file's slug), _DD on a clash.
  Result<std::string> FreePath(const Post& post, std::string_view file_slug);

  store::Store& store_;
  const Blog& blog_;
  const TimeZone& zone_;
  const bool keep_ids_;
  const std::string site_;
  std::unordered_map<std::string, int64_t> paths_;  // planned path -> post id
};

}  // namespace samizdat::service::importing
