// The domain types: plain values shared by every module. No behaviour beyond defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace samizdat {

// When a reader's comment waits for the author's approval before it shows.
enum class ModerationMode {
  kNever,       // comments show at once (unless the spam checks hold them)
  kAlways,      // every comment waits
  kOlderPosts,  // comments on posts older than Blog::moderation_days wait
};

// "never", "always", "older": the word the CLI takes and the store keeps.
constexpr std::string_view ModerationModeName(ModerationMode mode) {
  switch (mode) {
    case ModerationMode::kNever: return "never";
    case ModerationMode::kAlways: return "always";
    case ModerationMode::kOlderPosts: return "older";
  }
  return "never";
}

// One blog. A blog is chosen by the request's Host header; when the instance holds a
// single blog it answers any host.
struct Blog {
  int64_t id = 0;    // Blogger blog ids are kept when imported
  std::string host;  // lower case, no port: "example.com"
  std::string title;
  std::string description;        // plain text
  std::string banner_url;         // header image; empty = text header
  std::string banner_alt;         // the image's alt text
  std::string time_zone = "UTC";  // IANA name
  std::string locale = "en";
  int posts_per_page = 7;                          // home and list pages
  std::string date_format = "EEEE, MMMM d, yyyy";  // date headers (Blogger's default)
  std::string time_format = "h:mm a";              // "Posted by X at 4:18 PM"
  ModerationMode comment_moderation = ModerationMode::kNever;
  int moderation_days = 14;  // for kOlderPosts (Blogger's default delay)
  int comment_depth = 2;     // levels shown: 1 = flat, 2 = Blogger's one level of replies
  // The link list pages show after the part of a post before its jump break (plain
  // text); a post's own text (WordPress's <!--more text-->) wins.
  std::string jump_link_text = "Read more \u00bb";
  // The address of the blog an import brought this one from ("https://x.wordpress.com/");
  // its images are fetched from there (service/media_import.h). "" = not imported.
  std::string imported_from;
  Time created{};
  Time updated{};  // last write that changed what the blog shows
  // Bumped by every write that changes what the blog shows, by any process; the page
  // cache compares it to drop the blog's pages. Comment writes do not bump it.
  int64_t generation = 0;
  // Bumped by every comment write (new comment, status change, purge); the store also
  // stamps the post it touched with the new value, so a cache can drop only the pages
  // that show that post's comments. Read-only: Create/UpdateBlog ignore both.
  int64_t comment_seq = 0;
  Time comments_updated{};  // time of the last comment write
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

// The per-post comment switch, as on Blogger.
enum class CommentsMode {
  kOpen,    // comments shown, form shown
  kClosed,  // existing comments shown, no form, new ones refused
  kHidden,  // nothing shown, new ones refused
};

// "open", "closed", "hidden".
constexpr std::string_view CommentsModeName(CommentsMode mode) {
  switch (mode) {
    case CommentsMode::kOpen: return "open";
    case CommentsMode::kClosed: return "closed";
    case CommentsMode::kHidden: return "hidden";
  }
  return "open";
}

// A post or a static page.
struct Post {
  int64_t id = 0;  // 64-bit; Blogger ids kept on import, random for new posts
  int64_t blog_id = 0;
  PostKind kind = PostKind::kPost;
  PostStatus status = PostStatus::kDraft;
  std::string title;
  // The permalink path: "/2022/01/slug.html" or "/p/slug.html"; empty for a draft
  // that was never published. Fixed at first publish, as on Blogger.
  std::string path;
  std::string source;  // what the author wrote
  BodyFormat format = BodyFormat::kHtml;
  std::string body_html;            // sanitized HTML rendered from source, made at save time
  std::string body_text;            // the body as plain text, for search and summaries
  std::string author;               // display name
  std::vector<std::string> labels;  // in the author's order, no duplicates
  Time published{};
  Time updated{};
  int comment_count = 0;  // published comments, not backlinks (kept by the store)
  CommentsMode comments_mode = CommentsMode::kOpen;
  int64_t author_id = 0;  // the account that wrote it; 0: imported or from the CLI
  // The entry id the post's feed entries had on the blog it came from (a WordPress guid,
  // "https://example.com/?p=12"), kept so no reader sees it twice; "" = samizdat's own,
  // Blogger's "tag:blogger.com,1999:blog-B.post-P" made from the ids.
  std::string feed_id;
};

// A post or page as it was before a save replaced it (the editor's revisions).
struct Revision {
  int64_t id = 0;  // assigned by the store
  int64_t blog_id = 0;
  int64_t post_id = 0;
  Time saved{};  // when this version was replaced
  std::string title;
  std::string source;
  BodyFormat format = BodyFormat::kHtml;
  std::vector<std::string> labels;
  std::string saved_by;  // display name of who replaced it
};

enum class CommentStatus {
  kPending,  // held for the author: invisible to readers
  kPublished,
  kSpam,     // kept, marked, never shown; purged after 30 days
  kDeleted,  // kept for threads and exports, never shown
};

// "pending", "published", "spam", "deleted".
constexpr std::string_view CommentStatusName(CommentStatus status) {
  switch (status) {
    case CommentStatus::kPending: return "pending";
    case CommentStatus::kPublished: return "published";
    case CommentStatus::kSpam: return "spam";
    case CommentStatus::kDeleted: return "deleted";
  }
  return "pending";
}

// What the spam classifier has learnt from a comment: nothing yet, or that it is
// ham (the author approved it) or spam.
enum class SpamTraining { kNone, kHam, kSpam };

// What kind of response to a post a comment is: a reader's words, or a notice another
// site sent that it links here (WordPress's pingbacks and trackbacks, shown as Blogger
// shows backlinks).
enum class CommentKind { kComment, kPingback, kTrackback };

// "comment", "pingback", "trackback": the word exports write and the store keeps.
constexpr std::string_view CommentKindName(CommentKind kind) {
  switch (kind) {
    case CommentKind::kComment: return "comment";
    case CommentKind::kPingback: return "pingback";
    case CommentKind::kTrackback: return "trackback";
  }
  return "comment";
}

// A reader's comment on a post. Threads are stored to any depth through parent_id.
struct Comment {
  int64_t id = 0;  // 64-bit; Blogger ids kept on import, random for new ones
  int64_t blog_id = 0;
  int64_t post_id = 0;
  int64_t parent_id = 0;  // the comment this replies to; 0 = top level
  CommentStatus status = CommentStatus::kPending;
  std::string author_name;  // "Anonymous" when the reader gave none
  std::string author_url;   // http(s) URL or ""
  std::string body_html;    // sanitized (SanitizePolicy::kComment) before it is stored
  std::string body_text;    // the body as plain text: classifier, feed titles
  std::string body_digest;  // hash of the normalized text: duplicate refusal
  std::string ip_hash;      // keyed hash of the poster's IP; "" for imported comments
  double spam_score = -1;   // classifier's probability of spam, 0..1; -1 = not scored
  SpamTraining trained = SpamTraining::kNone;
  Time published{};
  CommentKind kind = CommentKind::kComment;
};

// What an account may do. An admin runs the whole instance; an owner runs a blog
// (settings, comments, every post, import and export); an author writes posts and pages
// and edits only their own.
enum class UserRole { kAdmin, kOwner, kAuthor };

// "admin", "owner", "author": the word the CLI takes and the store keeps.
constexpr std::string_view UserRoleName(UserRole role) {
  switch (role) {
    case UserRole::kAdmin: return "admin";
    case UserRole::kOwner: return "owner";
    case UserRole::kAuthor: return "author";
  }
  return "author";
}

// An account's two-step sign-in (service/second_factor.h): a TOTP secret, on once a
// first code proved the user's app holds it.
struct UserTotp {
  std::string sealed_secret;  // the secret sealed with the instance's key; "" for none
  bool on = false;            // false while a new secret waits for its first code
  int64_t last_step = 0;      // the last 30-second step whose code was accepted
};

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string password_hash;  // argon2id encoded string (libsodium)
  UserRole role = UserRole::kAuthor;
  // The one blog an owner's or author's role holds on; 0: every blog of the instance
  // (always 0 for an admin).
  int64_t blog_id = 0;
  bool must_change_password = false;
  Time created{};
  UserTotp totp;
};

// A signed-in browser. The 256-bit token lives only in the browser's cookie; the store
// keeps its hash, so a leaked database holds no usable session.
struct Session {
  std::string token_hash;  // hex hash of the token (auth::SessionTokenHash)
  int64_t user_id = 0;
  Time created{};    // absolute expiry counts from here
  Time last_seen{};  // idle expiry counts from here
};

// An uploaded file (images), named by a hash of its bytes.
struct Media {
  int64_t blog_id = 0;
  std::string hash;          // lowercase hex content hash: the file's name in its URL
  std::string content_type;  // from its bytes: "image/png", "image/jpeg", ...
  std::string filename;      // as uploaded, for the media list
  std::string bytes;         // empty in lists (ListMedia)
  int64_t size = 0;          // bytes.size() as stored
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
