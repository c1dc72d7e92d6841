// Post and page use cases: write (render Markdown, sanitize, give the permalink by
// Blogger's rules), remove, and publish scheduled posts when their time comes.
//
// Post lifecycle:
//   draft ──publish──> published          (path fixed at first publish)
//   draft ──publish with a future time──> scheduled ──time passes [PublishDue]──> published
//   published or scheduled ──unpublish──> draft (the path is kept for a later publish)
// Every Edit and Restore keeps the version it replaces as a Revision; an autosave of a
// draft does not (it would bury the real saves).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::text {
struct SanitizeReport;
}  // namespace samizdat::text

namespace samizdat::service {

struct NewPost {
  PostKind kind = PostKind::kPost;
  std::string title;
  std::string source;  // Markdown or HTML, untrusted
  BodyFormat format = BodyFormat::kHtml;
  std::vector<std::string> labels;  // trimmed and de-duplicated on save
  std::optional<Time> published;    // default: now
  std::string author = "Anonymous";
  int64_t author_id = 0;  // the account writing it (0: CLI, import)
  bool draft = false;
  CommentsMode comments_mode = CommentsMode::kOpen;
  // The permalink's slug ("my-post" -> /YYYY/MM/my-post.html); empty: from the title.
  std::string slug;
};

// What the editor does with a post when it is saved.
enum class SaveAction {
  kDraft,     // keep it (or make it) a draft
  kPublish,   // publish now (or keep it published)
  kSchedule,  // publish at PostEdit::publish_at, which must be in the future
};

// An edit of an existing post or page from the editor.
struct PostEdit {
  std::string title;
  std::string source;  // Markdown or HTML, untrusted
  BodyFormat format = BodyFormat::kHtml;
  std::vector<std::string> labels;
  CommentsMode comments_mode = CommentsMode::kOpen;
  // A new permalink slug (CleanSlug); empty: keep the path (or make one from the title
  // at first publish). The path of a published post is fixed: a slug that would move it
  // is refused (InvalidArgument), since old links to it would break.
  std::string slug;
  SaveAction action = SaveAction::kDraft;
  std::optional<Time> publish_at;  // kSchedule
  std::string editor;              // display name of who saves (the revision's saved_by)
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

// A permalink slug as typed ("My Post" -> "my-post"): trimmed, ASCII letters folded to
// lower case, runs of blanks made one '-'. What is left must be 1 to 100 of a-z, 0-9,
// '-' and '_' (Blogger's own SLUG_DD): InvalidArgument otherwise.
Result<std::string> CleanSlug(std::string_view typed);

class PostService {
 public:
  explicit PostService(store::Store& store) : store_(store) {}

  // Stores a new post or page. The body is rendered (Markdown) and sanitized here, once.
  // A post's path is /YYYY/MM/SLUG.html (year and month of its publish time in the
  // blog's zone), a page's /p/SLUG.html; on a clash the day of month is appended
  // (SLUG_DD), then a counter (SLUG_DD-2, ...). InvalidArgument for an empty title,
  // a title or body that is not UTF-8, a label over 200 characters. What the sanitizer
  // took out of the body is added to `removed` when given (the editor's notice).
  Result<Post> Add(const Blog& blog, NewPost post, text::SanitizeReport* removed = nullptr);
  // The post or page with that id or path ("/2022/01/x.html"). NotFound otherwise.
  Result<Post> Find(const Blog& blog, std::string_view id_or_path);
  // Removes the post or page with that id or path. NotFound otherwise.
  Result<Post> Remove(const Blog& blog, std::string_view id_or_path);
  // Sets the comment switch of the post or page with that id or path. NotFound.
  Result<Post> SetCommentsMode(const Blog& blog, std::string_view id_or_path, CommentsMode mode);
  // Publishes the blog's scheduled posts whose time has come; returns how many.
  Result<int> PublishDue(const Blog& blog, Time now);

  // --- the editor ------------------------------------------------------------------
  // Saves an edit, keeping the replaced version as a revision first. kDraft keeps the
  // path (a slug gives a draft its future path); kPublish publishes a draft or scheduled
  // post now, at its kept path or a new Blogger path, and keeps a published post's time
  // and path; kSchedule sets the time and the path from publish_at's month.
  // InvalidArgument as Add, and for kSchedule without a future publish_at or on a
  // published post, a malformed slug, a slug that would move a published post; NotFound.
  // Nothing is changed on error. `removed` as for Add.
  Result<Post> Edit(const Blog& blog, int64_t post_id, const PostEdit& edit,
                    text::SanitizeReport* removed = nullptr);
  // Saves a draft's title, body, format, labels and comment switch in place without a
  // revision (the editor's autosave); the slug and action are not looked at.
  // InvalidArgument when the post is not a draft or as Add; NotFound.
  Result<Post> Autosave(const Blog& blog, int64_t post_id, const PostEdit& edit);
  // Makes a published or scheduled post a draft again (keeping a revision). NotFound.
  Result<Post> Unpublish(const Blog& blog, int64_t post_id, const std::string& editor);
  // Brings back a revision's title, body, format and labels (keeping the current
  // version as a revision). NotFound for a revision of another post.
  Result<Post> Restore(const Blog& blog, int64_t post_id, int64_t revision_id,
                       const std::string& editor);
  // The HTML a body would have on the public page: the same Markdown and sanitizer as a
  // save. For the editor's preview, which also shows what the sanitizer takes out (added
  // to `removed` when given).
  static std::string RenderBody(BodyFormat format, std::string_view source,
                                text::SanitizeReport* removed = nullptr);

 private:
  // Sets what the author writes: the title (trimmed), source, format and labels, and the
  // body rendered from them (what the sanitizer took out added to `removed` if given).
  // InvalidArgument for an empty title, a title or body that is not UTF-8, a label over
  // 200 characters; `post` is then unchanged.
  static Status SetContent(Post& post, std::string_view title, const std::string& source,
                           BodyFormat format, const std::vector<std::string>& labels,
                           text::SanitizeReport* removed = nullptr);
  // The first free Blogger path for `post` with `slug` at its published time in the
  // blog's zone; the path the post holds now counts as free.
  Result<std::string> FreePath(const Blog& blog, const Post& post, std::string_view slug);
  // Keeps `post` as it is stored as a revision saved by `editor`.
  Status KeepRevision(const Post& post, const std::string& editor);
  store::Store& store_;
};

}  // namespace samizdat::service
