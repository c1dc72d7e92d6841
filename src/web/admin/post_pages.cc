// Admin pages: the lists of posts and of pages (filters by status, label and text, 25
// a page) and their bulk actions (publish, unpublish, delete the checked ones).
#include <string>
#include <vector>

#include "core/strings.h"
#include "service/posts.h"
#include "text/escape.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"
#include "web/admin/post_form.h"

namespace samizdat::web::admin {
namespace post_pages {

constexpr int kPerPage = 25;

// The list's filters, as the GET form (and the bulk form's hidden fields) carry them.
struct Filters {
  std::string status;  // "", "draft", "scheduled" or "published"
  std::string label;
  std::string text;
  int page = 1;

  static Filters From(const Form& form) {
    Filters f;
    f.status = form.Get("status");
    if (f.status != "draft" && f.status != "scheduled" && f.status != "published") f.status = "";
    f.label = std::string(TrimBlank(form.Get("label")));
    f.text = std::string(TrimBlank(form.Get("q")));
    f.page = PageNumber(form);
    return f;
  }

  // "?status=draft&q=x&page=2" for page `page` ("" when nothing is set).
  std::string QueryFor(int at_page) const {
    std::string query;
    auto add = [&query](std::string_view name, std::string_view value) {
      if (value.empty()) return;
      query += query.empty() ? '?' : '&';
      query += std::string(name) + "=" + text::PercentEncode(value);
    };
    add("status", status);
    add("label", label);
    add("q", text);
    if (at_page > 1) add("page", std::to_string(at_page));
    return query;
  }

  store::PostQuery ToQuery(int64_t blog_id, PostKind kind) const {
    store::PostQuery query;
    query.blog_id = blog_id;
    query.kind = kind;
    query.status = std::nullopt;
    if (status == "draft") query.status = PostStatus::kDraft;
    if (status == "scheduled") query.status = PostStatus::kScheduled;
    if (status == "published") query.status = PostStatus::kPublished;
    if (!label.empty()) query.labels = {label};
    query.text = text;
    // Drafts have no meaningful publish time: the last edited come first.
    query.order = status == "published" || status == "scheduled"
                      ? store::PostQuery::Order::kPublished
                      : store::PostQuery::Order::kUpdated;
    query.limit = kPerPage;
    query.offset = (page - 1) * kPerPage;
    return query;
  }
};

std::string StatusTime(const Post& post, const TimeZone& zone) {
  switch (post.status) {
    case PostStatus::kPublished: return ShowTime(post.published, zone);
    case PostStatus::kScheduled: return "for " + ShowTime(post.published, zone);
    case PostStatus::kDraft: return "edited " + ShowTime(post.updated, zone);
  }
  return "";
}

boost::json::object Row(const Context& c, const Post& post, const TimeZone& zone) {
  std::string labels;
  for (const std::string& label : post.labels) labels += (labels.empty() ? "" : ", ") + label;
  const bool published = post.status == PostStatus::kPublished;
  return {{"id", std::to_string(post.id)},
          {"title", post.title.empty() ? "(untitled)" : post.title},
          {"may_edit", service::AccountService::MayEditPost(c.who->user, post)},
          {"edit_href", EditorPath(post)},
          {"status", PostStatusName(post.status)},
          {"when", StatusTime(post, zone)},
          {"labels", labels},
          {"author", post.author},
          {"comments", post.comment_count},
          {"view_href", published ? OrNull(PublicUrl(c, post.path)) : nullptr}};
}

http::Response List(Context& c) {
  const PostKind kind = KindOf(c);
  const Filters filters = Filters::From(c.query);
  const store::PostQuery query = filters.ToQuery(c.blog.id, kind);
  auto posts = c.services.store.ListPosts(query);
  auto total = c.services.store.CountPosts(query);
  auto label_counts = c.services.store.LabelCounts(c.blog.id);
  if (!posts.ok() || !total.ok() || !label_counts.ok()) {
    const Status& failed = !posts.ok()   ? posts.status()
                           : !total.ok() ? total.status()
                                         : label_counts.status();
    return c.Error("Cannot list the " + std::string(KindWord(kind)) + "s", failed);
  }
  const TimeZone zone = BlogZone(c.blog);

  boost::json::array rows;
  for (const Post& post : *posts) rows.push_back(Row(c, post, zone));
  boost::json::array statuses;
  for (const auto& [value, label] : {std::pair{"", "All"},
                                     {"draft", "Drafts"},
                                     {"scheduled", "Scheduled"},
                                     {"published", "Published"}}) {
    statuses.push_back({{"value", value}, {"label", label}, {"selected", filters.status == value}});
  }
  boost::json::array labels;
  for (const LabelCount& label : *label_counts) {
    labels.push_back(
        {{"name", label.name}, {"count", label.count}, {"selected", label.name == filters.label}});
  }
  const std::string list = ListPath(kind);
  const bool older = query.offset + static_cast<int>(posts->size()) < *total;
  boost::json::object values{
      {"kind", KindWord(kind)},
      {"list_href", list},
      {"new_href", list + "/new"},
      {"zone", zone.name()},
      {"statuses", std::move(statuses)},
      {"labels", std::move(labels)},
      {"q", filters.text},
      {"filter_status", filters.status},
      {"filter_label", filters.label},
      {"page", filters.page},
      {"total", *total},
      {"has_posts", !rows.empty()},
      {"posts", std::move(rows)},
      {"newer_href",
       filters.page > 1 ? OrNull(list + filters.QueryFor(filters.page - 1)) : nullptr},
      {"older_href", older ? OrNull(list + filters.QueryFor(filters.page + 1)) : nullptr}};
  return c.Page(200, kind == PostKind::kPage ? "Pages" : "Posts", "posts", std::move(values));
}

// What a bulk action did, for the notice: "2 published; 1 skipped: not yours".
struct Tally {
  int done = 0;
  int not_yours = 0;
  int unchanged = 0;
  int missing = 0;
  std::vector<std::string> failures;

  std::string Notice(std::string_view done_word, std::string_view unchanged_word) const {
    std::string notice = std::to_string(done) + " " + std::string(done_word);
    if (not_yours > 0) notice += "; " + std::to_string(not_yours) + " skipped: not yours";
    if (unchanged > 0)
      notice += "; " + std::to_string(unchanged) + " " + std::string(unchanged_word);
    if (missing > 0) notice += "; " + std::to_string(missing) + " no longer there";
    for (const std::string& failure : failures) notice += "; " + failure;
    return notice + ".";
  }
};

// Publishes a draft or scheduled post now, with its stored fields.
Status PublishNow(Context& c, service::PostService& posts, const Post& post) {
  service::PostEdit edit;
  edit.title = post.title;
  edit.source = post.source;
  edit.format = post.format;
  edit.labels = post.labels;
  edit.comments_mode = post.comments_mode;
  edit.action = service::SaveAction::kPublish;
  edit.editor = c.who->user.display_name;
  return posts.Edit(c.blog, post.id, edit).status();
}

http::Response Bulk(Context& c) {
  const PostKind kind = KindOf(c);
  const Filters filters = Filters::From(c.form);
  const std::string back = ListPath(kind) + filters.QueryFor(filters.page);
  const std::string action = c.form.Get("action");
  if (action != "publish" && action != "unpublish" && action != "delete") {
    return c.Redirect(back, "Choose an action: publish, unpublish or delete.");
  }
  const std::vector<std::string> ids = c.form.GetAll("id");
  if (ids.empty()) return c.Redirect(back, "Nothing was selected, so nothing changed.");

  service::PostService posts(c.services.store);
  Tally tally;
  for (const std::string& id_text : ids) {
    const std::optional<int64_t> id = ParseInteger<int64_t>(id_text);
    auto post = id ? c.services.store.GetPost(c.blog.id, *id) : Result<Post>(Status::NotFound(""));
    if (!post.ok() || post->kind != kind) {
      if (post.ok() || post.status().IsNotFound()) {
        ++tally.missing;
        continue;
      }
      return c.Error("Cannot read a " + std::string(KindWord(kind)), post.status());
    }
    if (!service::AccountService::MayEditPost(c.who->user, *post)) {
      ++tally.not_yours;
      continue;
    }
    Status done = Status::Ok();
    if (action == "publish") {
      if (post->status == PostStatus::kPublished) {
        ++tally.unchanged;
        continue;
      }
      done = PublishNow(c, posts, *post);
    } else if (action == "unpublish") {
      if (post->status == PostStatus::kDraft) {
        ++tally.unchanged;
        continue;
      }
      done = posts.Unpublish(c.blog, post->id, c.who->user.display_name).status();
    } else {
      done = posts.Remove(c.blog, std::to_string(post->id)).status();
    }
    if (done.ok()) {
      ++tally.done;
    } else if (done.IsNotFound()) {
      ++tally.missing;
    } else if (done.IsInvalidArgument() || done.IsConflict()) {
      tally.failures.push_back("“" + post->title + "” not changed: " + done.message());
    } else {
      return c.Error("Cannot change “" + post->title + "”", done);
    }
  }
  if (action == "publish") return c.Redirect(back, tally.Notice("published", "already published"));
  if (action == "unpublish") return c.Redirect(back, tally.Notice("unpublished", "already drafts"));
  return c.Redirect(back, tally.Notice("deleted", ""));
}

}  // namespace post_pages

}  // namespace samizdat::web::admin
