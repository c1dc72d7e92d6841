// Admin pages: a post's (or page's) revisions — the versions its saves replaced — one
// revision shown as it would read, and restoring it.
#include <string>
#include <vector>

#include "core/strings.h"
#include "service/posts.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"
#include "web/admin/post_form.h"

namespace samizdat::web::admin {
namespace revision_pages {

http::Response ListRevisions(Context& c) {
  http::Response error;
  const std::optional<Post> post = LoadEditablePost(c, &error);
  if (!post) return error;
  auto revisions = c.services.store.ListRevisions(c.blog.id, post->id);
  if (!revisions.ok()) return c.Error("Cannot list the revisions", revisions.status());
  const TimeZone zone = BlogZone(c.blog);
  const std::string editor = EditorPath(*post);
  boost::json::array rows;
  for (const Revision& revision : *revisions) {
    rows.push_back({{"href", editor + "/revisions/" + std::to_string(revision.id)},
                    {"saved", ShowTime(revision.saved, zone)},
                    {"saved_by", revision.saved_by},
                    {"title", revision.title.empty() ? "(untitled)" : revision.title}});
  }
  return c.Page(200, "Revisions of “" + post->title + "”", "revisions",
                {{"editor_href", editor},
                 {"kind", KindWord(post->kind)},
                 {"zone", zone.name()},
                 {"has_revisions", !rows.empty()},
                 {"revisions", std::move(rows)}});
}

// The revision {rid}, if it is one of `post`'s; else nullopt with `error` set.
std::optional<Revision> LoadRevision(const Context& c, const Post& post, http::Response* error) {
  auto revision = c.services.store.GetRevision(c.blog.id, c.captures.rid);
  if (revision.ok() && revision->post_id == post.id) return std::move(*revision);
  *error = revision.ok() || revision.status().IsNotFound()
               ? c.Error(404, "There is no such revision of this " +
                                  std::string(KindWord(post.kind)) + ".")
               : c.Error("Cannot read the revision", revision.status());
  return std::nullopt;
}

http::Response ShowRevision(Context& c) {
  http::Response error;
  const std::optional<Post> post = LoadEditablePost(c, &error);
  if (!post) return error;
  const std::optional<Revision> revision = LoadRevision(c, *post, &error);
  if (!revision) return error;
  const TimeZone zone = BlogZone(c.blog);
  std::string labels;
  for (const std::string& label : revision->labels) labels += (labels.empty() ? "" : ", ") + label;
  const std::string editor = EditorPath(*post);
  return c.Page(
      200, "Revision of " + ShowTime(revision->saved, zone), "revision",
      {{"editor_href", editor},
       {"revisions_href", editor + "/revisions"},
       {"restore_href", editor + "/revisions/" + std::to_string(revision->id) + "/restore"},
       {"kind", KindWord(post->kind)},
       {"saved", ShowTime(revision->saved, zone)},
       {"zone", zone.name()},
       {"saved_by", revision->saved_by},
       {"title", revision->title},
       {"labels", OrNull(labels)},
       {"format", revision->format == BodyFormat::kMarkdown ? "Markdown" : "HTML"},
       {"body_html", service::PostService::RenderBody(revision->format, revision->source)},
       {"source", revision->source}});
}

http::Response Restore(Context& c) {
  http::Response error;
  const std::optional<Post> post = LoadEditablePost(c, &error);
  if (!post) return error;
  const std::optional<Revision> revision = LoadRevision(c, *post, &error);
  if (!revision) return error;
  auto restored = service::PostService(c.services.store)
                      .Restore(c.blog, post->id, revision->id, c.who->user.display_name);
  if (!restored.ok()) {
    return c.Error("Nothing was restored", restored.status());
  }
  return c.Redirect(EditorPath(*restored), "Restored the version replaced " +
                                               ShowTime(revision->saved, BlogZone(c.blog)) +
                                               "; the version before it is kept as a revision.");
}

}  // namespace revision_pages

}  // namespace samizdat::web::admin
