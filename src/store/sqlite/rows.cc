// Row mapping between the schema of migrations/sqlite/ and the domain types.
#include "store/sqlite/rows.h"

namespace samizdat::store::sqlite {
namespace {

// The enumerator of `values` whose word is `word`; the first one when none is (the
// schema's CHECK constraints allow only the words the *Name() functions write).
template <typename E, size_t N>
E FromWord(std::string_view word, const E (&values)[N], std::string_view (*name)(E)) {
  for (E value : values) {
    if (name(value) == word) return value;
  }
  return values[0];
}

constexpr ModerationMode kModerationModes[] = {ModerationMode::kNever, ModerationMode::kAlways,
                                               ModerationMode::kOlderPosts};
constexpr CommentsMode kCommentsModes[] = {CommentsMode::kOpen, CommentsMode::kClosed,
                                           CommentsMode::kHidden};
constexpr CommentStatus kCommentStatuses[] = {CommentStatus::kPending, CommentStatus::kPublished,
                                              CommentStatus::kSpam, CommentStatus::kDeleted};
constexpr SpamTraining kTrainings[] = {SpamTraining::kNone, SpamTraining::kHam,
                                       SpamTraining::kSpam};

}  // namespace

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
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

CommentStatus CommentStatusFromWord(std::string_view word) {
  return FromWord(word, kCommentStatuses, &CommentStatusName);
}

Blog ReadBlog(const Statement& row) {
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
  b.comment_moderation = FromWord(row.TextView(14), kModerationModes, &ModerationModeName);
  b.moderation_days = row.Int(15);
  b.comment_depth = row.Int(16);
  b.comment_seq = row.Int64(17);
  b.comments_updated = FromMillis(row.Int64(18));
  return b;
}

Post ReadPost(const Statement& row) {
  // The schema's CHECK constraints allow only the words KindWord() and friends write.
  Post p;
  p.id = row.Int64(0);
  p.blog_id = row.Int64(1);
  p.kind = row.TextView(2) == "page" ? PostKind::kPage : PostKind::kPost;
  std::string_view status = row.TextView(3);
  p.status = status == "published"   ? PostStatus::kPublished
             : status == "scheduled" ? PostStatus::kScheduled
                                     : PostStatus::kDraft;
  p.title = row.Text(4);
  p.path = row.Text(5);
  p.source = row.Text(6);
  p.format = row.TextView(7) == "markdown" ? BodyFormat::kMarkdown : BodyFormat::kHtml;
  p.body_html = row.Text(8);
  p.body_text = row.Text(9);
  p.author = row.Text(10);
  p.published = FromMillis(row.Int64(11));
  p.updated = FromMillis(row.Int64(12));
  p.comment_count = row.Int(13);
  p.comments_mode = FromWord(row.TextView(14), kCommentsModes, &CommentsModeName);
  return p;
}

Comment ReadComment(const Statement& row) {
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
  c.trained = FromWord(row.TextView(12), kTrainings, &TrainingWord);
  c.published = FromMillis(row.Int64(13));
  return c;
}

}  // namespace samizdat::store::sqlite
