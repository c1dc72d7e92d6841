// Admin pages: the editor of posts and pages — new, edit, save as draft, publish,
// schedule, preview (a button without JavaScript; live with editor.js), autosave of
// drafts, delete (revision_pages.cc has their revisions).
#include <string>
#include <vector>

#include "service/media.h"
#include "service/posts.h"
#include "text/sanitize.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"
#include "web/admin/post_form.h"
#include "web/http_status.h"

namespace samizdat::web::admin {
namespace editor_pages {

constexpr int kMediaShown = 24;

// The editor's scripts ask for JSON answers (autosave of a new post).
bool WantsJson(const Context& c) {
  return c.request.GetHeader("Accept").find("application/json") != std::string_view::npos;
}

std::string StatusText(const Post& post, const TimeZone& zone) {
  switch (post.status) {
    case PostStatus::kPublished: return "Published " + ShowTime(post.published, zone);
    case PostStatus::kScheduled: return "Scheduled for " + ShowTime(post.published, zone);
    case PostStatus::kDraft: return "Draft, last saved " + ShowTime(post.updated, zone);
  }
  return "";
}

// The notice after a save.
std::string SavedNotice(const Post& post, const TimeZone& zone) {
  switch (post.status) {
    case PostStatus::kPublished: return "Published.";
    case PostStatus::kScheduled:
      return "Scheduled for " + ShowTime(post.published, zone) + " (" + zone.name() + ").";
    case PostStatus::kDraft: return "Draft saved.";
  }
  return "Saved.";
}

// A body as the public page would show it, and what the sanitizer takes out of it as
// [{what, count}] for the editor's "will be removed" list.
struct BodyPreview {
  std::string html;
  boost::json::array removed;
};

BodyPreview PreviewBody(std::string_view format, std::string_view source) {
  text::SanitizeReport report;
  BodyPreview preview{service::PostService::RenderBody(FormatOf(format), source, &report), {}};
  for (const text::SanitizeReport::Removed& entry : report.removed) {
    preview.removed.push_back({{"what", entry.what}, {"count", entry.count}});
  }
  return preview;
}

// Said after a save whose body lost parts to the sanitizer (the preview showed them).
std::string RemovedNotice(const text::SanitizeReport& removed) {
  if (removed.empty()) return "";
  return " Removed from the body: " + removed.Describe() + ".";
}

boost::json::array Choices(std::initializer_list<std::pair<const char*, const char*>> choices,
                           std::string_view chosen) {
  boost::json::array out;
  for (const auto& [value, label] : choices) {
    out.push_back({{"value", value}, {"label", label}, {"selected", chosen == value}});
  }
  return out;
}

// The blog's recent images, each with the snippet that shows it in a body.
boost::json::array MediaChoices(const Context& c, std::string_view format) {
  boost::json::array out;
  auto media = service::MediaService(c.services.store).List(c.blog, kMediaShown, 0);
  if (!media.ok()) return out;  // the editor works without the image list
  for (const Media& file : *media) {
    const std::string url = service::MediaPath(file);
    std::string alt = file.filename.substr(0, file.filename.rfind('.'));
    std::erase_if(alt, [](char ch) { return ch == '[' || ch == ']' || ch == '"' || ch == '<'; });
    out.push_back({{"url", url},
                   {"alt", alt},
                   {"filename", file.filename},
                   {"snippet", format == "html" ? "<img src=\"" + url + "\" alt=\"" + alt + "\">"
                                                : "![" + alt + "](" + url + ")"}});
  }
  return out;
}

boost::json::array LabelSuggestions(const Context& c) {
  boost::json::array out;
  auto labels = c.services.store.LabelCounts(c.blog.id);
  if (!labels.ok()) return out;  // suggestions only
  for (const LabelCount& label : *labels) out.push_back(boost::json::object{{"name", label.name}});
  return out;
}

// The editor for `post` (nullopt: a new one of the URL's kind) showing `fields`.
http::Response EditorPage(const Context& c, int status, const std::optional<Post>& post,
                          const EditorFields& fields, std::string_view error) {
  const PostKind kind = post ? post->kind : KindOf(c);
  const std::string word(KindWord(kind));
  const TimeZone zone = BlogZone(c.blog);
  const std::string base = post ? EditorPath(*post) : ListPath(kind) + "/new";
  const bool published = post && post->status == PostStatus::kPublished;
  const BodyPreview preview = PreviewBody(fields.format, fields.source);
  std::string permalink_note;
  if (!post || post->path.empty()) {
    permalink_note = "The permalink is made from the slug (or the title) when first published.";
  } else if (!published) {
    permalink_note = "Will be " + post->path;
  }
  boost::json::object values{
      {"kind", word},
      {"action_href", base},
      {"create_href", ListPath(kind) + "/new"},
      {"autosave_href", post ? OrNull(base + "/autosave") : nullptr},
      {"revisions_href", post ? OrNull(base + "/revisions") : nullptr},
      {"delete_href", post ? OrNull(base + "/delete") : nullptr},
      {"status", post ? PostStatusName(post->status) : "new"},
      {"status_text", post ? StatusText(*post, zone) : "Not saved yet"},
      {"public_url", published ? OrNull(PublicUrl(c, post->path)) : nullptr},
      {"public_path", published ? post->path : ""},
      {"permalink_note", OrNull(permalink_note)},
      {"error", OrNull(std::string(error))},
      {"title", fields.title},
      {"source", fields.source},
      {"formats", Choices({{"markdown", "Markdown"}, {"html", "HTML"}}, fields.format)},
      {"labels", fields.labels},
      {"label_suggestions", LabelSuggestions(c)},
      {"slug", fields.slug},
      {"slug_fixed", published},  // as on Blogger: links to it stay good
      {"comment_modes",
       Choices({{"open", "Open"}, {"closed", "Closed (shown, no new ones)"}, {"hidden", "Hidden"}},
               fields.comments)},
      {"publish_at", fields.publish_at},
      {"zone", zone.name()},
      {"publish_label", published ? "Update" : "Publish"},
      // Saving a published or scheduled post as a draft takes it off the blog.
      {"draft_label",
       post && post->status != PostStatus::kDraft ? "Unpublish (save as draft)" : "Save draft"},
      {"preview_html", preview.html},
      {"removed", preview.removed},
      {"has_removed", !preview.removed.empty()},
      {"media", MediaChoices(c, fields.format)}};
  const std::string title = post ? "Edit " + word : "New " + word;
  return c.Page(status, title, "editor", std::move(values));
}

// The answer to a save the service or the form checks refused: the editor again, as
// typed, with the message (JSON for the scripts).
http::Response Refused(const Context& c, const std::optional<Post>& post,
                       const EditorFields& fields, const Status& status) {
  if (!status.IsInvalidArgument() && !status.IsConflict()) {
    return c.Error("Nothing was saved", status);
  }
  if (WantsJson(c)) return c.Json(400, {{"error", status.message()}});
  return EditorPage(c, 400, post, fields, "Nothing was saved: " + status.message());
}

http::Response NewEditor(Context& c) {
  return EditorPage(c, 200, std::nullopt, EditorFields(), "");
}

http::Response Create(Context& c) {
  const EditorFields fields = EditorFields::FromForm(c.form);
  if (fields.action == "preview") return EditorPage(c, 200, std::nullopt, fields, "");
  const TimeZone zone = BlogZone(c.blog);
  auto edit = ToPostEdit(fields, std::nullopt, zone, Now());
  if (!edit.ok()) return Refused(c, std::nullopt, fields, edit.status());

  service::NewPost fresh;
  fresh.kind = KindOf(c);
  fresh.title = edit->title;
  fresh.source = edit->source;
  fresh.format = edit->format;
  fresh.labels = edit->labels;
  fresh.author = c.who->user.display_name;
  fresh.author_id = c.who->user.id;
  fresh.comments_mode = edit->comments_mode;
  fresh.slug = edit->slug;
  fresh.draft = edit->action == service::SaveAction::kDraft;
  if (edit->action == service::SaveAction::kSchedule) fresh.published = edit->publish_at;
  text::SanitizeReport removed;
  auto post = service::PostService(c.services.store).Add(c.blog, std::move(fresh), &removed);
  if (!post.ok()) return Refused(c, std::nullopt, fields, post.status());
  if (WantsJson(c)) {
    const std::string path = EditorPath(*post);
    return c.Json(200, {{"id", std::to_string(post->id)},
                        {"edit_href", path},
                        {"autosave_href", path + "/autosave"},
                        {"saved_at", FormatPattern(post->updated, zone, "HH:mm:ss")}});
  }
  return c.Redirect(EditorPath(*post), SavedNotice(*post, zone) + RemovedNotice(removed));
}

http::Response ShowEditor(Context& c) {
  http::Response error;
  const std::optional<Post> post = LoadEditablePost(c, &error);
  if (!post) return error;
  return EditorPage(c, 200, post, EditorFields::FromPost(*post, BlogZone(c.blog)), "");
}

http::Response Save(Context& c) {
  http::Response error;
  const std::optional<Post> post = LoadEditablePost(c, &error);
  if (!post) return error;
  const EditorFields fields = EditorFields::FromForm(c.form);
  if (fields.action == "preview") return EditorPage(c, 200, post, fields, "");
  const TimeZone zone = BlogZone(c.blog);
  auto edit = ToPostEdit(fields, post, zone, Now());
  if (!edit.ok()) return Refused(c, post, fields, edit.status());
  edit->editor = c.who->user.display_name;
  text::SanitizeReport removed;
  auto saved = service::PostService(c.services.store).Edit(c.blog, post->id, *edit, &removed);
  if (!saved.ok()) return Refused(c, post, fields, saved.status());
  return c.Redirect(EditorPath(*saved), SavedNotice(*saved, zone) + RemovedNotice(removed));
}

// The scripts' autosave of a draft: its fields in place, no revision. JSON {saved_at}.
http::Response Autosave(Context& c) {
  http::Response error;
  const std::optional<Post> post = LoadEditablePost(c, &error);
  if (!post) return c.Json(error.status, {{"error", "This draft cannot be saved here."}});
  EditorFields fields = EditorFields::FromForm(c.form);
  fields.action = "draft";
  const TimeZone zone = BlogZone(c.blog);
  auto edit = ToPostEdit(fields, post, zone, Now());
  if (!edit.ok()) return c.Json(400, {{"error", edit.status().message()}});
  edit->editor = c.who->user.display_name;
  auto saved = service::PostService(c.services.store).Autosave(c.blog, post->id, *edit);
  if (!saved.ok()) {
    const Status& failed = saved.status();
    // A refused edit is the form's fault (400), as Refused says; the rest as for any page.
    const int status =
        failed.IsInvalidArgument() || failed.IsConflict() ? 400 : HttpStatusOf(failed);
    http::Response response = c.Json(status, {{"error", failed.message()}});
    for (http::Header& header : ErrorHeaders(failed)) response.headers.push_back(std::move(header));
    return response;
  }
  return c.Json(200, {{"saved_at", FormatPattern(saved->updated, zone, "HH:mm:ss")}});
}

// The live preview: the body as the public page would show it (sanitized HTML), and what
// the sanitizer takes out of it: JSON {html, removed: [{what, count}]}.
http::Response Preview(Context& c) {
  const BodyPreview preview = PreviewBody(c.form.Get("format"), c.form.Get("source"));
  return c.Json(200, {{"html", preview.html}, {"removed", preview.removed}});
}

http::Response Delete(Context& c) {
  http::Response error;
  const std::optional<Post> post = LoadEditablePost(c, &error);
  if (!post) return error;
  auto removed = service::PostService(c.services.store).Remove(c.blog, std::to_string(post->id));
  if (!removed.ok() && !removed.status().IsNotFound()) {
    return c.Error("Nothing was deleted", removed.status());
  }
  return c.Redirect(ListPath(post->kind), "Deleted “" + post->title + "”.");
}

}  // namespace editor_pages

}  // namespace samizdat::web::admin
