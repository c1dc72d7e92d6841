// `samizdat comment list|approve|spam|delete`: moderation from the command line.
#include <iostream>

#include "app/commands.h"
#include "core/strings.h"
#include "service/blogs.h"
#include "service/comments.h"
#include "service/posts.h"
#include "text/html_text.h"

namespace samizdat::app {
namespace {

struct ListFlags {
  std::string blog, post, status = "pending";
};

// The statuses `--status` names: one of them, or every one for "all".
Result<std::vector<CommentStatus>> ParseStatuses(std::string_view word) {
  const std::vector<CommentStatus> every = {CommentStatus::kPending, CommentStatus::kPublished,
                                            CommentStatus::kSpam, CommentStatus::kDeleted};
  if (word == "all") return every;
  for (CommentStatus status : every) {
    if (word == CommentStatusName(status)) return std::vector<CommentStatus>{status};
  }
  return Status::InvalidArgument(
      "--status must be pending, published, spam, deleted or all, not '" + std::string(word) + "'");
}

// One line a comment: id, status, local time, post id, spam score, author, text.
int List(const GlobalOptions& global, const ListFlags& flags) {
  auto statuses = ParseStatuses(flags.status);
  if (!statuses.ok()) return Fail(statuses.status());
  auto store = OpenStoreToRead(global);
  if (!store.ok()) return Fail(store.status());
  auto blog = service::BlogService(**store).Resolve(flags.blog);
  if (!blog.ok()) return Fail(blog.status());
  auto zone = TimeZone::Find(blog->time_zone);
  if (!zone.ok()) return Fail(zone.status());
  store::CommentQuery query;
  query.blog_id = blog->id;
  query.statuses = *statuses;
  query.newest_first = true;
  query.limit = 1'000'000;
  if (!flags.post.empty()) {
    auto post = service::PostService(**store).Find(*blog, flags.post);
    if (!post.ok()) return Fail(post.status());
    query.post_id = post->id;
  }
  auto comments = (*store)->ListComments(query);
  if (!comments.ok()) return Fail(comments.status());
  for (const Comment& c : *comments) {
    char score[16] = "-";
    if (c.spam_score >= 0) std::snprintf(score, sizeof score, "%.2f", c.spam_score);
    std::string text = text::Summarize(c.body_text, 60);
    for (char& ch : text) {
      if (ch == '\n' || ch == '\t') ch = ' ';
    }
    std::cout << c.id << "\t" << CommentStatusName(c.status) << "\t"
              << FormatPattern(c.published, *zone, "yyyy-MM-dd HH:mm") << "\t" << c.post_id << "\t"
              << score << "\t" << c.author_name << "\t" << text << "\n";
  }
  return 0;
}

struct ModerateFlags {
  std::string blog;
  std::vector<std::string> ids;
};

// Applies `action` to each id; stops at the first failure (those before it stay done).
int Moderate(const GlobalOptions& global, const ModerateFlags& flags,
             service::ModerationAction action, std::string_view done) {
  auto store = OpenStore(global);
  if (!store.ok()) return Fail(store.status());
  auto blog = service::BlogService(**store).Resolve(flags.blog);
  if (!blog.ok()) return Fail(blog.status());
  auto comments = service::CommentService::Open(**store, {});
  if (!comments.ok()) return Fail(comments.status());
  for (const std::string& word : flags.ids) {
    auto id = ParseInteger<int64_t>(word);
    if (!id) return Fail("'" + word + "' is not a comment id");
    Status moderated = comments->Moderate(blog->id, *id, action);
    if (moderated.IsNotFound()) return Fail("no comment " + word + " in " + blog->host);
    if (!moderated.ok()) return Fail(moderated);
    std::cout << done << " comment " << *id << "\n";
  }
  return 0;
}

}  // namespace

void RegisterComments(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* comment = app.add_subcommand("comment", "List and moderate readers' comments");
  comment->require_subcommand(1);

  auto list_flags = std::make_shared<ListFlags>();
  CLI::App* list = comment->add_subcommand("list", "List comments, newest first");
  list->add_option("--blog", list_flags->blog, "Host of the blog (needed when there are several)");
  list->add_option("--post", list_flags->post, "Only the comments of this post (id or path)");
  list->add_option("--status", list_flags->status,
                   "pending (the moderation queue; default), published, spam, deleted or all");
  list->callback([&global, &exit_code, list_flags] { exit_code = List(global, *list_flags); });

  struct Action {
    const char* name;
    const char* help;
    service::ModerationAction action;
    const char* done;
  };
  for (const Action& a : {Action{"approve", "Publish held comments (teaches the spam filter)",
                                 service::ModerationAction::kApprove, "approved"},
                          Action{"spam", "Mark comments as spam (teaches the spam filter)",
                                 service::ModerationAction::kSpam, "marked as spam"},
                          Action{"delete", "Delete comments (kept, never shown)",
                                 service::ModerationAction::kDelete, "deleted"}}) {
    auto flags = std::make_shared<ModerateFlags>();
    CLI::App* cmd = comment->add_subcommand(a.name, a.help);
    cmd->add_option("ID", flags->ids, "Comment ids")->required();
    cmd->add_option("--blog", flags->blog, "Host of the blog (needed when there are several)");
    cmd->callback([&global, &exit_code, flags, a] {
      exit_code = Moderate(global, *flags, a.action, a.done);
    });
  }
}

}  // namespace samizdat::app
