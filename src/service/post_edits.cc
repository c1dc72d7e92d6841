// PostService: the editor's saves — edit (draft, publish, schedule), autosave,
// unpublish and restore — each keeping the version it replaces as a revision (but the
// autosave).
#include <string>
#include <string_view>
#include <utility>

#include "service/posts.h"
#include "text/slug.h"

namespace samizdat::service {
namespace {

// "/2022/01/my-post_05.html" -> "my-post_05": the slug a path was made with.
std::string SlugOfPath(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (path.ends_with(".html")) path.remove_suffix(5);
  return std::string(path);
}

}  // namespace

Status PostService::KeepRevision(const Post& post, const std::string& editor) {
  Revision revision;
  revision.blog_id = post.blog_id;
  revision.post_id = post.id;
  revision.saved = Now();
  revision.title = post.title;
  revision.source = post.source;
  revision.format = post.format;
  revision.labels = post.labels;
  revision.saved_by = editor;
  return store_.AddRevision(revision).status();
}

Result<Post> PostService::Edit(const Blog& blog, int64_t post_id, const PostEdit& edit,
                               text::SanitizeReport* removed) {
  Result<Post> current = store_.GetPost(blog.id, post_id);
  if (!current.ok()) return current.status();
  Post next = *current;
  SAMIZDAT_RETURN_IF_ERROR(
      SetContent(next, edit.title, edit.source, edit.format, edit.labels, removed));
  next.comments_mode = edit.comments_mode;
  std::string slug;
  if (!edit.slug.empty()) {
    auto clean = CleanSlug(edit.slug);
    if (!clean.ok()) return clean.status();
    slug = std::move(*clean);
  }
  const Time now = Now();
  const bool published = current->status == PostStatus::kPublished;
  // The slug a new path is made with: the one asked for, else the one of the path kept
  // so far, else the title's.
  const std::string new_slug = !slug.empty()            ? slug
                               : !current->path.empty() ? SlugOfPath(current->path)
                                                        : text::BloggerSlug(next.title);
  switch (edit.action) {
    case SaveAction::kDraft: next.status = PostStatus::kDraft; break;
    case SaveAction::kPublish:
      if (!published) {
        next.status = PostStatus::kPublished;
        next.published = now;
      }
      break;
    case SaveAction::kSchedule:
      if (!edit.publish_at || *edit.publish_at <= now) {
        return Status::InvalidArgument("a scheduled post needs a publish time in the future");
      }
      if (published) {
        return Status::InvalidArgument("a published post cannot be scheduled: unpublish it first");
      }
      next.status = PostStatus::kScheduled;
      next.published = *edit.publish_at;
      break;
  }
  // The path: a published post's stays where it is; a schedule takes its month; a first
  // publish gets one; otherwise only a new slug moves it.
  const bool needs_path =
      edit.action == SaveAction::kSchedule ||
      (edit.action == SaveAction::kPublish && !published && current->path.empty()) || !slug.empty();
  if (needs_path) {
    auto path = FreePath(blog, next, new_slug);
    if (!path.ok()) return path.status();
    if (published && next.status == PostStatus::kPublished && *path != current->path) {
      return Status::InvalidArgument("the permalink of a published post is fixed");
    }
    next.path = std::move(*path);
  }
  next.updated = now;
  SAMIZDAT_RETURN_IF_ERROR(KeepRevision(*current, edit.editor));
  SAMIZDAT_RETURN_IF_ERROR(store_.UpdatePost(next));
  return next;
}

Result<Post> PostService::Autosave(const Blog& blog, int64_t post_id, const PostEdit& edit) {
  Result<Post> current = store_.GetPost(blog.id, post_id);
  if (!current.ok()) return current.status();
  if (current->status != PostStatus::kDraft) {
    return Status::InvalidArgument("only a draft is saved automatically; save the post instead");
  }
  Post next = *current;
  SAMIZDAT_RETURN_IF_ERROR(SetContent(next, edit.title, edit.source, edit.format, edit.labels));
  next.comments_mode = edit.comments_mode;
  next.updated = Now();
  SAMIZDAT_RETURN_IF_ERROR(store_.UpdatePost(next));
  return next;
}

Result<Post> PostService::Unpublish(const Blog& blog, int64_t post_id, const std::string& editor) {
  Result<Post> current = store_.GetPost(blog.id, post_id);
  if (!current.ok()) return current.status();
  if (current->status == PostStatus::kDraft) return current;  // nothing to do
  Post next = *current;
  next.status = PostStatus::kDraft;  // the path is kept for a later publish
  next.updated = Now();
  SAMIZDAT_RETURN_IF_ERROR(KeepRevision(*current, editor));
  SAMIZDAT_RETURN_IF_ERROR(store_.UpdatePost(next));
  return next;
}

Result<Post> PostService::Restore(const Blog& blog, int64_t post_id, int64_t revision_id,
                                  const std::string& editor) {
  Result<Revision> revision = store_.GetRevision(blog.id, revision_id);
  if (!revision.ok()) return revision.status();
  if (revision->post_id != post_id) {
    return Status::NotFound("no revision " + std::to_string(revision_id) + " of post " +
                            std::to_string(post_id));
  }
  Result<Post> current = store_.GetPost(blog.id, post_id);
  if (!current.ok()) return current.status();
  Post next = *current;
  SAMIZDAT_RETURN_IF_ERROR(
      SetContent(next, revision->title, revision->source, revision->format, revision->labels));
  next.updated = Now();
  SAMIZDAT_RETURN_IF_ERROR(KeepRevision(*current, editor));
  SAMIZDAT_RETURN_IF_ERROR(store_.UpdatePost(next));
  return next;
}

}  // namespace samizdat::service
