// The post pages' shared parts: kinds and paths, loading an editable post, times in the
// blog's zone, and the editor's fields turned into a checked PostEdit.
#include "web/admin/post_form.h"

#include "core/strings.h"
#include "web/admin/session_cookie.h"

namespace samizdat::web::admin {

PostKind KindOf(const Context& c) {
  return std::string_view(c.request.target).starts_with("/admin/pages") ? PostKind::kPage
                                                                        : PostKind::kPost;
}

std::string ListPath(PostKind kind) {
  return kind == PostKind::kPage ? "/admin/pages" : "/admin/posts";
}

std::string EditorPath(const Post& post) {
  return ListPath(post.kind) + "/" + std::to_string(post.id);
}

std::string_view KindWord(PostKind kind) { return kind == PostKind::kPage ? "page" : "post"; }

TimeZone BlogZone(const Blog& blog) {
  auto zone = TimeZone::Find(blog.time_zone);
  return zone.ok() ? *zone : TimeZone::Utc();
}

std::string ShowTime(Time t, const TimeZone& zone) {
  return FormatPattern(t, zone, "yyyy-MM-dd HH:mm");
}

std::string PublicUrl(const Context& c, std::string_view path) {
  return Origin(c.request) + std::string(path);
}

boost::json::value OrNull(const std::string& value) {
  if (value.empty()) return nullptr;
  return boost::json::string(value);
}

std::optional<Post> LoadEditablePost(const Context& c, http::Response* error) {
  const std::string_view word = KindWord(KindOf(c));
  auto post = c.services.store.GetPost(c.blog.id, c.captures.id);
  if (!post.ok() || post->kind != KindOf(c)) {
    *error = post.ok() || post.status().IsNotFound()
                 ? c.Error(404, "There is no such " + std::string(word) + ".")
                 : c.Error("Cannot read the " + std::string(word), post.status());
    return std::nullopt;
  }
  if (!service::AccountService::MayEditPost(c.who->user, *post)) {
    *error = c.Error(403, "This " + std::string(word) +
                              " is another author's: only they and the blog's owners may "
                              "change it.");
    return std::nullopt;
  }
  return std::move(*post);
}

EditorFields EditorFields::FromForm(const Form& form) {
  EditorFields fields;
  fields.title = form.Get("title");
  fields.source = form.Get("source");
  if (form.Has("format")) fields.format = form.Get("format");
  fields.labels = form.Get("labels");
  fields.slug = std::string(TrimBlank(form.Get("slug")));
  if (form.Has("comments")) fields.comments = form.Get("comments");
  fields.publish_at = std::string(TrimBlank(form.Get("publish_at")));
  fields.action = form.Get("action");
  return fields;
}

EditorFields EditorFields::FromPost(const Post& post, const TimeZone& zone) {
  EditorFields fields;
  fields.title = post.title;
  fields.source = post.source;
  fields.format = post.format == BodyFormat::kMarkdown ? "markdown" : "html";
  for (const std::string& label : post.labels) {
    if (!fields.labels.empty()) fields.labels += ", ";
    fields.labels += label;
  }
  fields.slug = SlugOfPath(post.path);
  fields.comments = std::string(CommentsModeName(post.comments_mode));
  if (post.status == PostStatus::kScheduled) {
    fields.publish_at = FormatPattern(post.published, zone, "yyyy-MM-dd'T'HH:mm:ss");
  }
  return fields;
}

BodyFormat FormatOf(std::string_view word) {
  return word == "html" ? BodyFormat::kHtml : BodyFormat::kMarkdown;
}

std::string SlugOfPath(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || !path.ends_with(".html")) return "";
  return std::string(path.substr(slash + 1, path.size() - slash - 1 - 5));
}

Result<service::PostEdit> ToPostEdit(const EditorFields& fields, const std::optional<Post>& current,
                                     const TimeZone& zone, Time now) {
  service::PostEdit edit;
  edit.title = fields.title;
  edit.source = fields.source;
  if (fields.format != "markdown" && fields.format != "html") {
    return Status::InvalidArgument("Choose Markdown or HTML as the format.");
  }
  edit.format = FormatOf(fields.format);
  edit.labels = service::ParseLabels(fields.labels);
  if (fields.comments == "open") {
    edit.comments_mode = CommentsMode::kOpen;
  } else if (fields.comments == "closed") {
    edit.comments_mode = CommentsMode::kClosed;
  } else if (fields.comments == "hidden") {
    edit.comments_mode = CommentsMode::kHidden;
  } else {
    return Status::InvalidArgument("Comments must be open, closed or hidden.");
  }
  if (!current || fields.slug != SlugOfPath(current->path)) edit.slug = fields.slug;

  if (fields.action == "draft") {
    edit.action = service::SaveAction::kDraft;
  } else if (fields.action == "publish") {
    edit.action = service::SaveAction::kPublish;
  } else if (fields.action == "schedule") {
    edit.action = service::SaveAction::kSchedule;
  } else {
    return Status::InvalidArgument("Choose Save draft, Publish or Schedule.");
  }
  if (!fields.publish_at.empty()) {
    auto at = ParseUserDateTime(fields.publish_at, zone);
    if (!at.ok()) return Status::InvalidArgument("The publish time is " + at.status().message());
    edit.publish_at = *at;
  }
  if (edit.action == service::SaveAction::kSchedule &&
      (!edit.publish_at || *edit.publish_at <= now)) {
    return Status::InvalidArgument("To schedule, choose a publish time in the future (" +
                                   zone.name() + " time).");
  }
  return edit;
}

}  // namespace samizdat::web::admin
