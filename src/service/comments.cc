// CommentService: screening, storing and moderating readers' comments.
#include "service/comments.h"

#include <boost/url/parse.hpp>
#include <tuple>

#include "auth/form_token.h"
#include "core/strings.h"
#include "service/spam_classifier.h"
#include "text/html_text.h"
#include "text/sanitize.h"
#include "text/url_attributes.h"
#include "text/utf8.h"

namespace samizdat::service {
namespace {

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// "Your name is 123 characters long; the limit is 100." when `value` is over `limit`
// characters; "" otherwise.
std::string TooLong(std::string_view what, std::string_view value, std::size_t limit) {
  const std::size_t n = CodePoints(value);
  if (n <= limit) return "";
  return "Your " + std::string(what) + " is " + WithThousands(static_cast<int64_t>(n)) +
         " characters long; the limit is " + WithThousands(static_cast<int64_t>(limit)) + ".";
}

// The text as compared for duplicates: lower-case ASCII, runs of white space as one.
std::string NormalizedText(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// Whether `s` shows anything: a character other than white space and the invisible
// format characters (zero-width spaces and joiners, word joiners, the BOM, soft hyphens).
bool HasVisibleText(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    const text::Utf8Char c = text::DecodeUtf8(s, pos);
    pos += c.length;
    const char32_t cp = c.code_point;
    const bool invisible = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                           cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
                           (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x3000;
    if (!invisible) return true;
  }
  return false;
}

// The website address a reader typed (trimmed, not empty) as its author link will hold
// it: without control characters, made a valid URL (text::NormalizeUrl); nullopt unless
// it is an absolute http or https URL with a host.
std::optional<std::string> AuthorUrl(std::string_view typed) {
  std::optional<std::string> url = text::NormalizeUrl(text::StripControlChars(typed));
  if (!url) return std::nullopt;
  auto parsed = boost::urls::parse_absolute_uri(*url);
  if (!parsed) return std::nullopt;
  const std::string scheme = parsed->scheme();
  if ((scheme != "http" && scheme != "https") || parsed->encoded_host().empty()) {
    return std::nullopt;
  }
  return url;
}

CommentOutcome Refuse(CommentRefusal refusal, std::string message, int retry_after = 0,
                      const Post* post = nullptr) {
  CommentOutcome outcome;
  if (post != nullptr) outcome.post = *post;
  outcome.refusal = refusal;
  outcome.message = std::move(message);
  outcome.retry_after_seconds = retry_after;
  return outcome;
}

// Field checks that need nothing stored. Returns the refusal message, or "" when fine.
std::string CheckFields(const CommentSubmission& in) {
  if (!text::IsValidUtf8(in.name) || !text::IsValidUtf8(in.url) || !text::IsValidUtf8(in.body)) {
    return "Your comment could not be read: it is not valid UTF-8 text.";
  }
  if (!HasVisibleText(in.body)) return "Your comment is empty.";
  for (const auto& [what, value, limit] :
       {std::tuple{"comment", std::string_view(in.body), kMaxCommentBody},
        std::tuple{"name", std::string_view(in.name), kMaxCommentName},
        std::tuple{"website address", std::string_view(in.url), kMaxCommentUrl}}) {
    if (std::string problem = TooLong(what, value, limit); !problem.empty()) return problem;
  }
  const std::string_view url = TrimBlank(in.url);
  if (!url.empty() && !AuthorUrl(url)) {
    return "Your website must be an address starting with http:// or https://.";
  }
  return "";
}

}  // namespace

Result<CommentService> CommentService::Open(store::Store& store, CommentSettings settings) {
  auto token_key = store.GetOrCreateSecret("comment-form-token", auth::RandomSecretKey());
  if (!token_key.ok()) return token_key.status();
  auto ip_key = store.GetOrCreateSecret("comment-ip-hash", auth::RandomSecretKey());
  if (!ip_key.ok()) return ip_key.status();
  return CommentService(store, settings, std::move(*token_key), std::move(*ip_key));
}

std::string CommentService::FormToken(int64_t post_id, Time now) const {
  return auth::MakeFormToken(token_key_, post_id, now);
}

Result<CommentOutcome> CommentService::Submit(const Blog& blog, const CommentSubmission& in,
                                              Time now) {
  // The comment is made first, so that everything the checks below ask the store (its
  // digest, its words, the post, the parent, the rate limit) is read in one snapshot;
  // the checks then run in their order of importance.
  Comment comment = Written(in.name, in.body);
  comment.ip_hash = auth::KeyedHash(ip_key_, in.remote_address);
  const std::vector<std::string> links = text::LinkHrefs(comment.body_html);
  store::CommentScreeningQuery query;
  query.blog_id = blog.id;
  query.post_id = in.post_id;
  query.parent_id = in.parent_id;
  query.ip_hash = comment.ip_hash;
  if (settings_.rate_limit > 0) query.ip_since = now - settings_.rate_window;
  query.digest = comment.body_digest;
  query.spam_tokens = SpamTokens(comment.body_text, links);
  auto screened = store_->ScreenComment(query);
  if (!screened.ok()) return screened.status();
  if (!screened->post || screened->post->status != PostStatus::kPublished) {
    return Refuse(CommentRefusal::kNotFound, "There is no post to comment on here.");
  }
  const Post& post = *screened->post;
  if (post.comments_mode != CommentsMode::kOpen) {  // posts and pages alike
    return Refuse(CommentRefusal::kForbidden, "Comments are closed on this post.", 0, &post);
  }
  CommentOutcome outcome = [&]() -> CommentOutcome {
    if (!in.honeypot.empty()) {
      return Refuse(CommentRefusal::kInvalid,
                    "The form had a field filled in that people leave empty, so it looks "
                    "automated. Please post again without filling it.");
    }
    using std::chrono::milliseconds;
    switch (auth::CheckFormToken(token_key_, in.token, in.post_id, now,
                                 milliseconds(settings_.min_age),
                                 milliseconds(settings_.form_ttl))) {
      case auth::FormTokenCheck::kValid: break;
      case auth::FormTokenCheck::kMissing:
      case auth::FormTokenCheck::kMalformed:
        return Refuse(CommentRefusal::kForbidden,
                      "This form did not come from this post's page. Please reload the page "
                      "and post again.");
      case auth::FormTokenCheck::kExpired:
        return Refuse(CommentRefusal::kForbidden,
                      "This form has expired. Please reload the page and post again.");
      case auth::FormTokenCheck::kTooFresh:
        return Refuse(CommentRefusal::kTooSoon,
                      "That was quick: please wait a few seconds, then post again.",
                      static_cast<int>(settings_.min_age.count()));
    }
    if (std::string problem = CheckFields(in); !problem.empty()) {
      return Refuse(CommentRefusal::kInvalid, std::move(problem));
    }
    return {};
  }();
  outcome.post = post;
  if (outcome.refusal != CommentRefusal::kNone) return outcome;

  comment.blog_id = blog.id;
  comment.post_id = post.id;
  comment.parent_id = in.parent_id;
  comment.author_url = TrimBlank(in.url).empty() ? "" : AuthorUrl(TrimBlank(in.url)).value();
  if (!HasVisibleText(comment.body_text)) {
    return Refuse(CommentRefusal::kInvalid,
                  "Your comment has no text left once the HTML that is not allowed is "
                  "removed. Comments may use <b>, <i> and <a href> only.",
                  0, &post);
  }
  if (static_cast<int>(links.size()) > settings_.max_links) {
    return Refuse(CommentRefusal::kInvalid,
                  "Your comment has " + std::to_string(links.size()) + " links; at most " +
                      std::to_string(settings_.max_links) + " are allowed.",
                  0, &post);
  }
  if (in.parent_id != 0) {
    const std::optional<Comment>& parent = screened->parent;
    if (!parent || parent->post_id != post.id || parent->status != CommentStatus::kPublished) {
      return Refuse(CommentRefusal::kInvalid,
                    "The comment you are replying to is not on this post (any more).", 0, &post);
    }
  }
  if (settings_.rate_limit > 0 && screened->comments_from_ip >= settings_.rate_limit) {
    return Refuse(CommentRefusal::kTooSoon,
                  "You have posted " + std::to_string(screened->comments_from_ip) +
                      " comments in the last " +
                      std::to_string(settings_.rate_window.count() / 60) +
                      " minutes, the most this blog takes. Please try again later.",
                  static_cast<int>(settings_.rate_window.count()), &post);
  }
  if (screened->duplicate) {
    return Refuse(CommentRefusal::kDuplicate, "This post already has that very comment.", 0, &post);
  }

  const std::optional<double> score = SpamProbability(query.spam_tokens, screened->spam);
  if (score) comment.spam_score = *score;
  const bool moderated = blog.comment_moderation == ModerationMode::kAlways ||
                         (blog.comment_moderation == ModerationMode::kOlderPosts &&
                          post.published < now - std::chrono::hours(24) * blog.moderation_days);
  const bool likely_spam = score && *score >= kSpamThreshold;
  comment.status = moderated || likely_spam ? CommentStatus::kPending : CommentStatus::kPublished;
  comment.published = now;
  auto stored = store_->CreateComment(comment);
  if (!stored.ok()) return stored.status();
  outcome.comment = std::move(*stored);
  outcome.message = comment.status == CommentStatus::kPublished
                        ? "Your comment has been published."
                        : "Your comment has been saved and will be visible after the blog's "
                          "author approves it.";
  return outcome;
}

Status CommentService::Moderate(int64_t blog_id, int64_t comment_id, ModerationAction action) {
  auto comment = store_->GetComment(blog_id, comment_id);
  if (!comment.ok()) return comment.status();
  const std::vector<std::string> tokens =
      SpamTokens(comment->body_text, text::LinkHrefs(comment->body_html));
  switch (action) {
    case ModerationAction::kApprove:
      return store_->ModerateComment(blog_id, comment_id, CommentStatus::kPublished,
                                     SpamTraining::kHam, tokens);
    case ModerationAction::kSpam:
      return store_->ModerateComment(blog_id, comment_id, CommentStatus::kSpam, SpamTraining::kSpam,
                                     tokens);
    case ModerationAction::kDelete:
      return store_->ModerateComment(blog_id, comment_id, CommentStatus::kDeleted, comment->trained,
                                     tokens);
  }
  return Status::InvalidArgument("unknown moderation action");
}

Comment CommentService::Written(std::string_view name, std::string_view body) const {
  Comment comment;
  comment.author_name = std::string(TrimBlank(text::StripControlChars(name)));
  if (comment.author_name.empty()) comment.author_name = "Anonymous";
  comment.body_html = text::SanitizeHtml(body, text::SanitizePolicy::kComment);
  comment.body_text = text::HtmlToText(comment.body_html);
  comment.body_digest = auth::KeyedHash(ip_key_, "body\n" + NormalizedText(comment.body_text));
  return comment;
}

Result<Comment> CommentService::Reply(const Blog& blog, int64_t parent_id,
                                      std::string_view author_name, std::string_view body,
                                      Time now) {
  auto parent = store_->GetComment(blog.id, parent_id);
  if (!parent.ok()) return parent.status();
  if (parent->status == CommentStatus::kSpam || parent->status == CommentStatus::kDeleted) {
    return Status::InvalidArgument("That comment is marked as " +
                                   std::string(CommentStatusName(parent->status)) +
                                   "; approve it before replying to it.");
  }
  CommentSubmission fields;
  fields.name = std::string(author_name);
  fields.body = std::string(body);
  if (std::string problem = CheckFields(fields); !problem.empty()) {
    return Status::InvalidArgument(std::move(problem));
  }
  Comment reply = Written(author_name, body);
  reply.blog_id = blog.id;
  reply.post_id = parent->post_id;
  reply.parent_id = parent->id;
  reply.status = CommentStatus::kPublished;
  if (!HasVisibleText(reply.body_text)) {
    return Status::InvalidArgument(
        "The reply has no text left once the HTML that is not "
        "allowed is removed. Comments may use <b>, <i> and <a href> only.");
  }
  reply.published = now;
  if (parent->status == CommentStatus::kPending) {
    SAMIZDAT_RETURN_IF_ERROR(Moderate(blog.id, parent->id, ModerationAction::kApprove));
  }
  return store_->CreateComment(reply);
}

Result<int> CommentService::PurgeOldSpam(Time now) {
  return store_->PurgeComments(CommentStatus::kSpam, now - kSpamRetention);
}

}  // namespace samizdat::service
