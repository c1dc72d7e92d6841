// Comment use cases: a reader posts a comment (checked, sanitized, screened for spam,
// published or held), the author moderates (approve, spam, delete: each teaches the
// spam classifier) and replies, and old spam is purged.
//
// Screening runs in this order, and the first check that fails refuses the comment with
// nothing stored: the post exists and is published (kNotFound); its comments are open
// (kForbidden); the honeypot is empty (kInvalid); the form token is genuine, for this
// post, and neither too fresh nor expired (kForbidden / kTooSoon); the fields are valid
// UTF-8 within Blogger's limits, the URL is http(s), the body has text left once
// sanitized and no more links than allowed (kInvalid); the IP has not posted too often
// (kTooSoon); the post has no comment with the same text (kDuplicate). A comment that
// passes is held (pending) when the blog moderates it or the classifier scores it as
// likely spam, and published otherwise.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

struct CommentSettings {
  std::chrono::seconds min_age{3};       // form shown -> posted; 0 = no minimum
  std::chrono::seconds form_ttl{86400};  // a form token expires after this
  int rate_limit = 10;                   // comments per IP per rate_window; 0 = none
  std::chrono::seconds rate_window{600};
  int max_links = 3;  // links in one body
};

// Blogger's limits, in characters (code points).
inline constexpr std::size_t kMaxCommentBody = 4096;
inline constexpr std::size_t kMaxCommentName = 100;
inline constexpr std::size_t kMaxCommentUrl = 2000;
// Spam is kept this long (marked, never shown), then purged.
inline constexpr std::chrono::hours kSpamRetention{24 * 30};

// What a reader's form sent.
struct CommentSubmission {
  int64_t post_id = 0;
  int64_t parent_id = 0;  // 0 = top level
  std::string token;
  std::string name;
  std::string url;
  std::string body;
  std::string honeypot;        // the field people leave empty
  std::string remote_address;  // the poster's IP, hashed before it is stored
};

enum class CommentRefusal {
  kNone,
  kInvalid,    // a field is wrong: the message says which and how
  kForbidden,  // comments are closed, or the form token is missing, forged or expired
  kNotFound,   // no such post
  kDuplicate,  // the post already has this comment
  kTooSoon,    // posted too soon after the form was shown, or too often from one IP
};

struct CommentOutcome {
  CommentRefusal refusal = CommentRefusal::kNone;
  std::string message;          // for a person: why it was refused, or what happens next
  int retry_after_seconds = 0;  // kTooSoon
  Comment comment;              // as stored (kNone): published or pending
  Post post;                    // the post commented on (when it exists)
};

enum class ModerationAction { kApprove, kSpam, kDelete };

class CommentService {
 public:
  // Reads (or creates, once per database) the keys for form tokens and IP hashes.
  static Result<CommentService> Open(store::Store& store, CommentSettings settings);

  // The token for the comment form of `post_id`, shown at `now`.
  std::string FormToken(int64_t post_id, Time now) const;

  // Screens and stores a reader's comment on a post or page of `blog` (see the header
  // comment). Errors are the store's; refusals are outcomes, not errors.
  Result<CommentOutcome> Submit(const Blog& blog, const CommentSubmission& submission, Time now);

  // Approve publishes a comment and trains the classifier on it as ham; Spam marks it
  // and trains it as spam; Delete hides it for good (kept, marked deleted) and leaves
  // the training as it was. NotFound for an unknown comment.
  Status Moderate(int64_t blog_id, int64_t comment_id, ModerationAction action);

  // The blog's author replies to comment `parent_id` as `author_name` (the admin's reply
  // form): published at once, with no screening but the fields' (valid UTF-8, a body
  // with text left once sanitized as comments are, within the length limits). A pending
  // parent is approved first, as on Blogger. NotFound for an unknown parent;
  // InvalidArgument for a bad body or a parent that is spam or deleted.
  Result<Comment> Reply(const Blog& blog, int64_t parent_id, std::string_view author_name,
                        std::string_view body, Time now);

  // Removes spam older than kSpamRetention; returns how many comments went.
  Result<int> PurgeOldSpam(Time now);

  const CommentSettings& settings() const { return settings_; }

 private:
  CommentService(store::Store& store, CommentSettings settings, std::string token_key,
                 std::string ip_key)
      : store_(&store),
        settings_(settings),
        token_key_(std::move(token_key)),
        ip_key_(std::move(ip_key)) {}

  // A comment's words as stored, for readers' comments and the author's replies alike:
  // the name trimmed ("Anonymous" when none), the body sanitized as a comment, its plain
  // text, and the digest that tells a duplicate.
  Comment Written(std::string_view name, std::string_view body) const;

  store::Store* store_;
  CommentSettings settings_;
  std::string token_key_;
  std::string ip_key_;
};

}  // namespace samizdat::service
