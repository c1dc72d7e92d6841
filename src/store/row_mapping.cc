// The words of the schemas' enumerations, both ways, and the clock in milliseconds.
#include "store/row_mapping.h"

namespace samizdat::store {
namespace {

// The enumerator of `values` whose word is `word`; the first one when none is.
template <typename E, size_t N>
E FromWord(std::string_view word, const E (&values)[N], std::string_view (*name)(E)) {
  for (E value : values) {
    if (name(value) == word) return value;
  }
  return values[0];
}

constexpr PostKind kKinds[] = {PostKind::kPost, PostKind::kPage};
constexpr PostStatus kPostStatuses[] = {PostStatus::kDraft, PostStatus::kScheduled,
                                        PostStatus::kPublished};
constexpr BodyFormat kFormats[] = {BodyFormat::kHtml, BodyFormat::kMarkdown};
constexpr UserRole kRoles[] = {UserRole::kAuthor, UserRole::kOwner, UserRole::kAdmin};
constexpr ModerationMode kModerationModes[] = {ModerationMode::kNever, ModerationMode::kAlways,
                                               ModerationMode::kOlderPosts};
constexpr CommentsMode kCommentsModes[] = {CommentsMode::kOpen, CommentsMode::kClosed,
                                           CommentsMode::kHidden};
constexpr CommentStatus kCommentStatuses[] = {CommentStatus::kPending, CommentStatus::kPublished,
                                              CommentStatus::kSpam, CommentStatus::kDeleted};
constexpr CommentKind kCommentKinds[] = {CommentKind::kComment, CommentKind::kPingback,
                                         CommentKind::kTrackback};
constexpr SpamTraining kTrainings[] = {SpamTraining::kNone, SpamTraining::kHam,
                                       SpamTraining::kSpam};

}  // namespace

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::string_view KindWord(PostKind kind) { return kind == PostKind::kPage ? "page" : "post"; }

std::string_view FormatWord(BodyFormat format) {
  return format == BodyFormat::kMarkdown ? "markdown" : "html";
}

std::string_view RoleWord(UserRole role) {
  switch (role) {
    case UserRole::kAdmin: return "admin";
    case UserRole::kOwner: return "owner";
    case UserRole::kAuthor: return "author";
  }
  return "author";
}

std::string_view TrainingWord(SpamTraining training) {
  switch (training) {
    case SpamTraining::kNone: return "none";
    case SpamTraining::kHam: return "ham";
    case SpamTraining::kSpam: return "spam";
  }
  return "none";
}

PostKind KindFromWord(std::string_view word) { return FromWord(word, kKinds, &KindWord); }
PostStatus PostStatusFromWord(std::string_view word) {
  return FromWord(word, kPostStatuses, &PostStatusName);
}
BodyFormat FormatFromWord(std::string_view word) { return FromWord(word, kFormats, &FormatWord); }
UserRole RoleFromWord(std::string_view word) { return FromWord(word, kRoles, &RoleWord); }
SpamTraining TrainingFromWord(std::string_view word) {
  return FromWord(word, kTrainings, &TrainingWord);
}
CommentStatus CommentStatusFromWord(std::string_view word) {
  return FromWord(word, kCommentStatuses, &CommentStatusName);
}
CommentKind CommentKindFromWord(std::string_view word) {
  return FromWord(word, kCommentKinds, &CommentKindName);
}
CommentsMode CommentsModeFromWord(std::string_view word) {
  return FromWord(word, kCommentsModes, &CommentsModeName);
}
ModerationMode ModerationModeFromWord(std::string_view word) {
  return FromWord(word, kModerationModes, &ModerationModeName);
}

}  // namespace samizdat::store
