// How domain values map to columns, for every backend: the column lists the queries
// select (both dialects' schemas use the same names), enum <-> word, Time <-> epoch
// milliseconds, and reading a Blog, Post or Comment from one result row.
//
// The readers are templates over the backend's row: anything with Int64(column),
// Int(column), Double(column), Text(column) and TextView(column), columns counted from 0.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.h"

namespace samizdat::store {

inline int64_t Millis(Time t) { return t.time_since_epoch().count(); }
inline Time FromMillis(int64_t ms) { return Time(std::chrono::milliseconds(ms)); }
int64_t NowMillis();

std::string_view KindWord(PostKind kind);              // "post" | "page"
std::string_view FormatWord(BodyFormat format);        // "html" | "markdown"
std::string_view RoleWord(UserRole role);              // "admin" | "owner" | "author"
std::string_view TrainingWord(SpamTraining training);  // "none" | "ham" | "spam"

// The LIKE pattern (ESCAPE '\\') matching any text that contains `text`: "%…%", with
// backslash, '%' and '_' in `text` escaped so they match only themselves (PostQuery::text).
std::string ContainsPattern(std::string_view text);

// The values the words above (and the *Name() functions of core/model.h) name. The
// schemas' CHECK constraints allow no other words; an unknown one reads as the first.
PostKind KindFromWord(std::string_view word);
PostStatus PostStatusFromWord(std::string_view word);
BodyFormat FormatFromWord(std::string_view word);
UserRole RoleFromWord(std::string_view word);
SpamTraining TrainingFromWord(std::string_view word);
CommentStatus CommentStatusFromWord(std::string_view word);
CommentKind CommentKindFromWord(std::string_view word);
CommentsMode CommentsModeFromWord(std::string_view word);
ModerationMode ModerationModeFromWord(std::string_view word);

// The columns ReadBlog expects, in order, for "SELECT <kBlogColumns> FROM blogs".
inline constexpr std::string_view kBlogColumns =
    "id, host, title, description, banner_url, banner_alt, time_zone, locale, "
    "posts_per_page, date_format, time_format, created_ms, updated_ms, generation, "
    "comment_moderation, moderation_days, comment_depth, comment_seq, comments_updated_ms, "
    "jump_link_text, imported_from";

template <typename Row>
Blog ReadBlog(const Row& row) {
  Blog b;
  b.id = row.Int64(0);
  b.host = row.Text(1);
  b.title = row.Text(2);
  b.description = row.Text(3);
  b.banner_url = row.Text(4);
  b.banner_alt = row.Text(5);
  b.time_zone = row.Text(6);
  b.locale = row.Text(7);
  b.posts_per_page = row.Int(8);
  b.date_format = row.Text(9);
  b.time_format = row.Text(10);
  b.created = FromMillis(row.Int64(11));
  b.updated = FromMillis(row.Int64(12));
  b.generation = row.Int64(13);
  b.comment_moderation = ModerationModeFromWord(row.TextView(14));
  b.moderation_days = row.Int(15);
  b.comment_depth = row.Int(16);
  b.comment_seq = row.Int64(17);
  b.comments_updated = FromMillis(row.Int64(18));
  b.jump_link_text = row.Text(19);
  b.imported_from = row.Text(20);
  return b;
}

// The columns ReadPost expects, each prefixed "p.", for "… FROM posts p".
inline constexpr std::string_view kPostColumns =
    "p.id, p.blog_id, p.kind, p.status, p.title, p.path, p.source, p.format, p.body_html, "
    "p.body_text, p.author, p.published_ms, p.updated_ms, p.comment_count, p.comments_mode, "
    "p.author_id, p.feed_id";
inline constexpr int kPostColumnCount = 17;

// Reads the post's columns (labels are loaded separately).
template <typename Row>
Post ReadPost(const Row& row) {
  Post p;
  p.id = row.Int64(0);
  p.blog_id = row.Int64(1);
  p.kind = KindFromWord(row.TextView(2));
  p.status = PostStatusFromWord(row.TextView(3));
  p.title = row.Text(4);
  p.path = row.Text(5);
  p.source = row.Text(6);
  p.format = FormatFromWord(row.TextView(7));
  p.body_html = row.Text(8);
  p.body_text = row.Text(9);
  p.author = row.Text(10);
  p.published = FromMillis(row.Int64(11));
  p.updated = FromMillis(row.Int64(12));
  p.comment_count = row.Int(13);
  p.comments_mode = CommentsModeFromWord(row.TextView(14));
  p.author_id = row.Int64(15);
  p.feed_id = row.Text(16);
  return p;
}

// The columns ReadComment expects, for "SELECT <kCommentColumns> FROM comments".
inline constexpr std::string_view kCommentColumns =
    "id, blog_id, post_id, parent_id, status, author_name, author_url, body_html, "
    "body_text, body_digest, ip_hash, spam_score, trained, published_ms, kind";

template <typename Row>
Comment ReadComment(const Row& row) {
  Comment c;
  c.id = row.Int64(0);
  c.blog_id = row.Int64(1);
  c.post_id = row.Int64(2);
  c.parent_id = row.Int64(3);
  c.status = CommentStatusFromWord(row.TextView(4));
  c.author_name = row.Text(5);
  c.author_url = row.Text(6);
  c.body_html = row.Text(7);
  c.body_text = row.Text(8);
  c.body_digest = row.Text(9);
  c.ip_hash = row.Text(10);
  c.spam_score = row.Double(11);
  c.trained = TrainingFromWord(row.TextView(12));
  c.published = FromMillis(row.Int64(13));
  c.kind = CommentKindFromWord(row.TextView(14));
  return c;
}

}  // namespace samizdat::store
