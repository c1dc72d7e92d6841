// The backends' value checks, in the order each write made them before they moved
// here: with several values wrong, the first one named stays the same.
#include "store/checks.h"

#include <string>

#include "store/row_mapping.h"

namespace samizdat::store {
namespace {

Status CheckSettingRanges(const Blog& blog) {
  if (blog.posts_per_page < 1) {
    return Status::InvalidArgument("posts per page must be at least 1, not " +
                                   std::to_string(blog.posts_per_page));
  }
  if (blog.moderation_days < 0) {
    return Status::InvalidArgument("moderation days must not be negative, not " +
                                   std::to_string(blog.moderation_days));
  }
  if (blog.comment_depth < 1) {
    return Status::InvalidArgument("the comment depth must be at least 1, not " +
                                   std::to_string(blog.comment_depth));
  }
  return Status::Ok();
}

Status CheckPostBlog(const Post& post) {
  if (post.blog_id <= 0) return Status::InvalidArgument("a post must belong to a blog");
  return Status::Ok();
}

Status CheckCommentPlace(const Comment& comment) {
  if (comment.blog_id <= 0) return Status::InvalidArgument("a comment must belong to a blog");
  if (comment.post_id <= 0) return Status::InvalidArgument("a comment must belong to a post");
  return Status::Ok();
}

Status CheckParentId(const Comment& comment) {
  if (comment.parent_id < 0) return Status::InvalidArgument("a parent comment id is positive");
  return Status::Ok();
}

}  // namespace

Status CheckBlogSettings(const Blog& blog) {
  if (blog.id < 0) return Status::InvalidArgument("a blog id must be positive");
  return CheckSettingRanges(blog);
}

Status CheckCopiedBlog(const Blog& blog) {
  if (blog.id <= 0) return Status::InvalidArgument("a copied blog needs a positive id");
  return CheckSettingRanges(blog);
}

Status CheckPost(const Post& post) {
  if (post.id < 0) return Status::InvalidArgument("a post id must be positive");
  return CheckPostBlog(post);
}

Status CheckImportedPost(const Post& post) {
  if (post.id <= 0) return Status::InvalidArgument("an imported post needs a positive id");
  return CheckPostBlog(post);
}

Status CheckNewComment(const Comment& comment) {
  SAMIZDAT_RETURN_IF_ERROR(CheckCommentPlace(comment));
  if (comment.id < 0) return Status::InvalidArgument("a comment id must be positive");
  return CheckParentId(comment);
}

Status CheckImportedComment(const Comment& comment) {
  if (comment.id <= 0) return Status::InvalidArgument("an imported comment needs a positive id");
  SAMIZDAT_RETURN_IF_ERROR(CheckCommentPlace(comment));
  SAMIZDAT_RETURN_IF_ERROR(CheckParentId(comment));
  if (Millis(comment.published) == 0) {
    return Status::InvalidArgument("comment " + std::to_string(comment.id) + " has no time");
  }
  return Status::Ok();
}

Status CheckUser(const User& user) {
  if (user.email.empty()) return Status::InvalidArgument("a user needs an email address");
  return Status::Ok();
}

Status CheckCopiedUser(const User& user) {
  if (user.id <= 0) return Status::InvalidArgument("a copied user needs a positive id");
  return CheckUser(user);
}

Status CheckSecret(std::string_view name, std::string_view value) {
  if (name.empty()) return Status::InvalidArgument("a secret needs a name");
  if (value.empty()) return Status::InvalidArgument("a secret must not be empty");
  return Status::Ok();
}

Status CheckRedirect(std::string_view old_path, std::string_view new_path) {
  if (old_path.empty() || new_path.empty()) {
    return Status::InvalidArgument("a redirect needs an old and a new path");
  }
  return Status::Ok();
}

Status CheckRevision(const Revision& revision) {
  if (revision.blog_id <= 0) return Status::InvalidArgument("a revision must belong to a blog");
  if (revision.post_id <= 0) return Status::InvalidArgument("a revision must belong to a post");
  return Status::Ok();
}

Status CheckMedia(const Media& media) {
  if (media.blog_id <= 0) return Status::InvalidArgument("a file must belong to a blog");
  if (media.hash.empty() || media.hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Status::InvalidArgument("a file's hash must be lowercase hex, not '" + media.hash + "'");
  }
  if (media.content_type.empty()) return Status::InvalidArgument("a file needs a content type");
  return Status::Ok();
}

}  // namespace samizdat::store
