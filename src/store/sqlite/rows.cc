// Row mapping between the schema of migrations/sqlite/ and the domain types.
#include "store/sqlite/rows.h"

namespace samizdat::store::sqlite {

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
  return p;
}

}  // namespace samizdat::store::sqlite
