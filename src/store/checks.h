// The checks every backend makes before writing: values the schema cannot hold, refused
// with the same InvalidArgument messages whatever the database. Each looks at the values
// alone; what needs a query (a taken id, host or path, a post or parent that is not
// there) stays in the backend.
#pragma once

#include <string_view>

#include "core/model.h"
#include "core/status.h"

namespace samizdat::store {

// CreateBlog and UpdateBlog: an id not negative (0: the store draws one) and settings
// in range (posts per page and comment depth at least 1, moderation days not negative).
Status CheckBlogSettings(const Blog& blog);
// StoreCopy::AddBlog: a positive id (a copy keeps it) and the settings of CheckBlogSettings.
Status CheckCopiedBlog(const Blog& blog);

// CreatePost and UpdatePost: an id not negative (0: drawn) and a blog.
Status CheckPost(const Post& post);
// ImportBatch::AddPost: a positive id (an import keeps it) and a blog.
Status CheckImportedPost(const Post& post);

// CreateComment: a blog and a post, an id not negative (0: drawn), a parent id not
// negative (0: none).
Status CheckNewComment(const Comment& comment);
// ImportBatch::AddComment: a positive id, a blog and a post, a parent id not negative
// and a time (the store stamps only new comments).
Status CheckImportedComment(const Comment& comment);

// CreateUser: an email address.
Status CheckUser(const User& user);
// StoreCopy::AddUser: a positive id and an email address.
Status CheckCopiedUser(const User& user);

// GetOrCreateSecret and StoreCopy::AddSecret: a name and a value that is not empty.
Status CheckSecret(std::string_view name, std::string_view value);

// AddRevision: a blog and a post.
Status CheckRevision(const Revision& revision);
// AddMedia: a blog, a hash of lowercase hex digits and a content type.
Status CheckMedia(const Media& media);

// ImportBatch::AddRedirect: both paths.
Status CheckRedirect(std::string_view old_path, std::string_view new_path);

}  // namespace samizdat::store
