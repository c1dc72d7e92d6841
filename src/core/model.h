// The domain types: plain values shared by every module. No behaviour beyond defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace samizdat {

// One blog. A blog is chosen by the request's Host header; when the instance holds a
// single blog it answers any host.
struct Blog {
  int64_t id = 0;            // Blogger blog ids are kept when imported
  std::string host;          // lower case, no port: "example.com"
  std::string title;
  std::string description;   // plain text
  std::string banner_url;    // header image; empty = text header
  std::string banner_alt;    // the image's alt text
  std::string time_zone = "UTC";        // IANA name
  std::string locale = "en";
  int posts_per_page = 7;               // home and list pages
  std::string date_format = "EEEE, MMMM d, yyyy";  // date headers (Blogger's default)
  std::string time_format = "h:mm a";              // "Posted by X at 4:18 PM"
  Time created{};
  Time updated{};            // last write that changed what the blog shows
  // Bumped by every write that changes what the blog shows, by any process; the page
  // cache compares it to drop the blog's pages.
  int64_t generation = 0;
};

enum class PostKind { kPost, kPage };
enum class PostStatus { kDraft, kScheduled, kPublished };

// "draft", "scheduled", "published": the word the CLI prints and the store keeps.
constexpr std::string_view PostStatusName(PostStatus status) {
  switch (status) {
    case PostStatus::kDraft: return "draft";
    case PostStatus::kScheduled: return "scheduled";
    case PostStatus::kPublished: return "published";
  }
  return "draft";
}
enum class BodyFormat { kHtml, kMarkdown };

// A post or a static page.
struct Post {
  int64_t id = 0;            // 64-bit; Blogger ids kept on import, random for new posts
  int64_t blog_id = 0;
  PostKind kind = PostKind::kPost;
  PostStatus status = PostStatus::kDraft;
  std::string title;
  // The permalink path: "/2022/01/slug.html" or "/p/slug.html"; empty for a draft
  // that was never published. Fixed at first publish, as on Blogger.
  std::string path;
  std::string source;        // what the author wrote
  BodyFormat format = BodyFormat::kHtml;
  std::string body_html;     // sanitized HTML rendered from source, made at save time
  std::string body_text;     // the body as plain text, for search and summaries
  std::string author;        // display name
  std::vector<std::string> labels;  // in the author's order, no duplicates
  Time published{};
  Time updated{};
  int comment_count = 0;     // published comments
};

enum class UserRole { kAdmin, kOwner, kAuthor };

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string password_hash;  // argon2id encoded string (libsodium)
  UserRole role = UserRole::kAuthor;
  bool must_change_password = false;
  Time created{};
};

struct LabelCount {
  std::string name;
  int count = 0;
};

// A search result: the post and a snippet of its text, HTML-escaped, with the matched
// terms wrapped in <mark>…</mark>.
struct SearchHit {
  Post post;
  std::string snippet_html;
};

}  // namespace samizdat
