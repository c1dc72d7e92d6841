// Admin pages: comments — the moderation queue and the other statuses, page by page,
// with the spam classifier's score; approve, spam or delete (one or many); replying as
// the signed-in author.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "core/strings.h"
#include "service/spam_classifier.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"

namespace samizdat::web::admin {
namespace comment_pages {

constexpr int kPerPage = 50;

constexpr CommentStatus kStatuses[] = {CommentStatus::kPending, CommentStatus::kPublished,
                                       CommentStatus::kSpam, CommentStatus::kDeleted};

// The tab's name for a status ("Pending" is the moderation queue).
std::string_view TabLabel(CommentStatus status) {
  switch (status) {
    case CommentStatus::kPending: return "Pending";
    case CommentStatus::kPublished: return "Published";
    case CommentStatus::kSpam: return "Spam";
    case CommentStatus::kDeleted: return "Deleted";
  }
  return "Pending";
}

CommentStatus StatusNamed(std::string_view word) {
  for (CommentStatus status : kStatuses) {
    if (word == CommentStatusName(status)) return status;
  }
  return CommentStatus::kPending;
}

struct Action {
  std::string_view word;    // the form's value
  std::string_view button;  // the button's label
  std::string_view done;    // "3 comments approved"
  service::ModerationAction action;
  CommentStatus result;  // a comment already there needs no button for it
};

constexpr Action kActions[] = {
    {"approve", "Approve", "approved", service::ModerationAction::kApprove,
     CommentStatus::kPublished},
    {"spam", "Spam", "marked as spam", service::ModerationAction::kSpam, CommentStatus::kSpam},
    {"delete", "Delete", "deleted", service::ModerationAction::kDelete, CommentStatus::kDeleted},
};

const Action* ActionNamed(std::string_view word) {
  for (const Action& action : kActions) {
    if (action.word == word) return &action;
  }
  return nullptr;
}

std::string Count(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string ScoreText(double score) {
  if (score < 0) return "not scored";
  return "spam score " + std::to_string(std::lround(score * 100)) + "%";
}

std::string ListUrl(CommentStatus status, int page) {
  std::string url = "/admin/comments?status=" + std::string(CommentStatusName(status));
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

// One row of the list: the comment, its post, and the buttons its status calls for.
boost::json::object Row(const Comment& comment, const Post* post, const TimeZone& zone) {
  boost::json::array buttons;
  for (const Action& action : kActions) {
    if (action.result == comment.status) continue;
    buttons.push_back({{"value", std::string(action.word) + ":" + std::to_string(comment.id)},
                       {"label", action.button},
                       {"danger", action.action == service::ModerationAction::kDelete}});
  }
  const bool can_reply =
      comment.status == CommentStatus::kPending || comment.status == CommentStatus::kPublished;
  return {{"id", std::to_string(comment.id)},
          {"author", comment.author_name},
          {"author_url", comment.author_url.empty() ? boost::json::value()
                                                    : boost::json::value(comment.author_url)},
          {"body_html", comment.body_html},
          {"time", FormatPattern(comment.published, zone, "yyyy-MM-dd HH:mm")},
          {"iso_time", FormatRfc3339(comment.published, zone)},
          {"score", ScoreText(comment.spam_score)},
          {"likely_spam", comment.spam_score >= service::kSpamThreshold},
          {"status", CommentStatusName(comment.status)},
          {"post_title", post ? (post->title.empty() ? "(untitled)" : post->title) : "(post gone)"},
          {"post_path", post && !post->path.empty() ? boost::json::value(post->path) : nullptr},
          {"is_reply", comment.parent_id != 0},
          {"buttons", std::move(buttons)},
          {"can_reply", can_reply}};
}

http::Response List(Context& c) {
  const CommentStatus status = StatusNamed(c.query.Get("status"));
  const int page = PageNumber(c.query);
  store::CommentQuery query;
  query.blog_id = c.blog.id;
  query.statuses = {status};
  query.newest_first = true;
  query.limit = kPerPage;
  query.offset = (page - 1) * kPerPage;

  boost::json::array tabs;
  int total = 0;
  for (CommentStatus tab : kStatuses) {
    store::CommentQuery count = query;
    count.statuses = {tab};
    auto n = c.services.store.CountComments(count);
    if (!n.ok()) return c.Error("Cannot read the comments", n.status());
    if (tab == status) total = *n;
    tabs.push_back({{"label", TabLabel(tab)},
                    {"href", ListUrl(tab, 1)},
                    {"count", *n},
                    {"current", tab == status}});
  }
  auto comments = c.services.store.ListComments(query);
  if (!comments.ok()) return c.Error("Cannot read the comments", comments.status());
  auto zone = TimeZone::Find(c.blog.time_zone);
  if (!zone.ok()) zone = TimeZone::Utc();

  std::map<int64_t, std::optional<Post>> posts;
  boost::json::array rows;
  for (const Comment& comment : *comments) {
    auto [it, fresh] = posts.try_emplace(comment.post_id);
    if (fresh) {
      auto post = c.services.store.GetPost(c.blog.id, comment.post_id);
      if (post.ok()) it->second = std::move(*post);
    }
    rows.push_back(Row(comment, it->second ? &*it->second : nullptr, *zone));
  }
  boost::json::array actions;
  for (const Action& action : kActions) {
    if (action.result == status) continue;
    actions.push_back({{"value", action.word},
                       {"label", action.button},
                       {"danger", action.action == service::ModerationAction::kDelete}});
  }
  return c.Page(200, "Comments", "comments",
                {{"tabs", std::move(tabs)},
                 {"status", CommentStatusName(status)},
                 {"queue", status == CommentStatus::kPending},
                 {"comments", std::move(rows)},
                 {"empty", comments->empty()},
                 {"actions", std::move(actions)},
                 {"newer", page > 1 ? boost::json::value(ListUrl(status, page - 1)) : nullptr},
                 {"older", page * kPerPage < total ? boost::json::value(ListUrl(status, page + 1))
                                                   : nullptr}});
}

// The checked comments with the toolbar's action, or one row's button ("approve:ID").
http::Response Bulk(Context& c) {
  const CommentStatus from = StatusNamed(c.form.Get("status"));
  std::string word = c.form.Get("action");
  std::vector<std::string> ids = c.form.GetAll("id");
  if (const std::string one = c.form.Get("one"); !one.empty()) {
    const size_t colon = one.find(':');
    word = one.substr(0, colon);
    ids = {colon == std::string::npos ? "" : one.substr(colon + 1)};
  }
  const Action* action = ActionNamed(word);
  if (action == nullptr) return c.Error(400, "Choose approve, spam or delete.");
  if (ids.empty()) return c.Redirect(ListUrl(from, 1), "No comment was selected.");
  int done = 0;
  int missing = 0;
  for (const std::string& word_id : ids) {
    const auto id = ParseInteger<int64_t>(word_id);
    Status moderated = id ? c.services.comments.Moderate(c.blog.id, *id, action->action)
                          : Status::NotFound("not an id");
    if (moderated.IsNotFound()) {
      ++missing;
    } else if (!moderated.ok()) {
      return c.Error(Count(done, "comment was", "comments were") + " " + std::string(action->done) +
                         " before an error",
                     moderated);
    } else {
      ++done;
    }
  }
  std::string notice = Count(done, "comment", "comments") + " " + std::string(action->done) + ".";
  if (missing > 0) notice += " " + Count(missing, "was", "were") + " not found.";
  return c.Redirect(ListUrl(from, 1), notice);
}

http::Response Reply(Context& c) {
  auto reply = c.services.comments.Reply(c.blog, c.captures.id, c.who->user.display_name,
                                         c.form.Get("body"), Now());
  const std::string back = ListUrl(StatusNamed(c.form.Get("status")), 1);
  if (reply.status().IsNotFound()) return c.Error(404, "There is no such comment.");
  if (reply.status().IsInvalidArgument()) return c.Error(400, reply.status().message());
  if (!reply.ok()) return c.Error("Cannot reply now", reply.status());
  return c.Redirect(back, "Your reply is published.");
}

}  // namespace comment_pages

}  // namespace samizdat::web::admin
