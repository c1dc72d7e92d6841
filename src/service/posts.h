// Post and page use cases: write (render Markdown, sanitize, give the permalink by
// Blogger's rules), remove, and publish scheduled posts when their time comes.
//
// Post lifecycle:
//   draft ──publish──> published          (path fixed at first publish, never changed)
//   draft ──publish with a future time──> scheduled ──time passes [PublishDue]──> published
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

struct NewPost {
  PostKind kind = PostKind::kPost;
  std::string title;
  std::string source;                    // Markdown or HTML, untrusted
  BodyFormat format = BodyFormat::kHtml;
  std::vector<std::string> labels;       // trimmed and de-duplicated on save
  std::optional<Time> published;         // default: now
  std::string author = "Anonymous";
  bool draft = false;
  CommentsMode comments_mode = CommentsMode::kOpen;
};

// Whether a path is taken; errors are the store's.
using PathTaken = std::function<Result<bool>(const std::string& path)>;

// Blogger's permalink for a post or page with slug `slug` published at `local` (the
// blog's local time): /YYYY/MM/SLUG.html or /p/SLUG.html, and on a clash SLUG_DD, then
// SLUG_DD-2, SLUG_DD-3...: the first that `taken` says is free. Conflict after 1,000.
Result<std::string> BloggerPath(PostKind kind, const LocalTime& local, std::string_view slug,
                                const PathTaken& taken);

// "a, b ,a" -> {"a", "b"}: trimmed, empty names and duplicates dropped, order kept.
std::vector<std::string> ParseLabels(std::string_view comma_separated);

class PostService {
 public:
  explicit PostService(store::Store& store) : store_(store) {}

  // Stores a new post or page. The body is rendered (Markdown) and sanitized here, once.
  // A post's path is /YYYY/MM/SLUG.html (year and month of its publish time in the
  // blog's zone), a page's /p/SLUG.html; on a clash the day of month is appended
  // (SLUG_DD), then a counter (SLUG_DD-2, ...). InvalidArgument for an empty title,
  // a title or body that is not UTF-8, a label over 200 characters.
  Result<Post> Add(const Blog& blog, NewPost post);
  // The post or page with that id or path ("/2022/01/x.html"). NotFound otherwise.
  Result<Post> Find(const Blog& blog, std::string_view id_or_path);
  // Removes the post or page with that id or path. NotFound otherwise.
  Result<Post> Remove(const Blog& blog, std::string_view id_or_path);
  // Sets the comment switch of the post or page with that id or path. NotFound.
  Result<Post> SetCommentsMode(const Blog& blog, std::string_view id_or_path, CommentsMode mode);
  // Publishes the blog's scheduled posts whose time has come; returns how many.
  Result<int> PublishDue(const Blog& blog, Time now);

 private:
  Result<std::string> FreePath(const Blog& blog, const Post& post);
  store::Store& store_;
};

}  // namespace samizdat::service
