// How domain values map to columns: the column lists the queries select, enum <-> word,
// Time <-> epoch milliseconds, and reading a Blog, Post or Comment from a statement's row.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/model.h"
#include "store/sqlite/connection.h"

namespace samizdat::store::sqlite {

inline int64_t Millis(Time t) { return t.time_since_epoch().count(); }
inline Time FromMillis(int64_t ms) { return Time(std::chrono::milliseconds(ms)); }
int64_t NowMillis();

std::string_view KindWord(PostKind kind);        // "post" | "page"
std::string_view FormatWord(BodyFormat format);  // "html" | "markdown"
std::string_view RoleWord(UserRole role);        // "admin" | "owner" | "author"
std::string_view TrainingWord(SpamTraining training);  // "none" | "ham" | "spam"
// The status a CommentStatusName() word names (the schema allows no other words).
CommentStatus CommentStatusFromWord(std::string_view word);

// The columns ReadBlog expects, in order, for "SELECT <kBlogColumns> FROM blogs".
inline constexpr std::string_view kBlogColumns =
    "id, host, title, description, banner_url, banner_alt, time_zone, locale, "
    "posts_per_page, date_format, time_format, created_ms, updated_ms, generation, "
    "comment_moderation, moderation_days, comment_depth, comment_seq, comments_updated_ms";
Blog ReadBlog(const Statement& row);

// The columns ReadPost expects, each prefixed "p.", for "… FROM posts p".
inline constexpr std::string_view kPostColumns =
    "p.id, p.blog_id, p.kind, p.status, p.title, p.path, p.source, p.format, p.body_html, "
    "p.body_text, p.author, p.published_ms, p.updated_ms, p.comment_count, p.comments_mode";
inline constexpr int kPostColumnCount = 15;
// Reads the post's columns (labels are loaded separately).
Post ReadPost(const Statement& row);

// The columns ReadComment expects, for "SELECT <kCommentColumns> FROM comments".
inline constexpr std::string_view kCommentColumns =
    "id, blog_id, post_id, parent_id, status, author_name, author_url, body_html, "
    "body_text, body_digest, ip_hash, spam_score, trained, published_ms";
Comment ReadComment(const Statement& row);

}  // namespace samizdat::store::sqlite
