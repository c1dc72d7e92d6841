// What the post list, the editor and the revision pages share: which kind (post or page)
// a URL is about, the post a URL names once the user's right to edit it is checked, the
// blog's zone and the way times show, and the editor's fields as the browser sent them.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/time.h"
#include "http/server.h"
#include "service/posts.h"
#include "web/admin/context.h"

namespace samizdat::web::admin {

// kPage for URLs under /admin/pages, else kPost.
PostKind KindOf(const Context& c);
// "/admin/posts" or "/admin/pages".
std::string ListPath(PostKind kind);
// "/admin/posts/ID" or "/admin/pages/ID".
std::string EditorPath(const Post& post);
// "post" or "page".
std::string_view KindWord(PostKind kind);

// The blog's zone (UTC when the tz database does not know it).
TimeZone BlogZone(const Blog& blog);
// "2026-11-25 19:30" in `zone`.
std::string ShowTime(Time t, const TimeZone& zone);
// The public URL of a blog path, on the host the admin was reached at.
std::string PublicUrl(const Context& c, std::string_view path);

// null for "" (Mustache would enter a section for an empty string), else the string.
boost::json::value OrNull(const std::string& value);

// The post or page of the URL's kind whose id is the row's {id}, if the signed-in user
// may edit it. Otherwise nullopt, with `error` set to the page to answer (404 for no such
// post or a post of the other kind, 403 for another author's post, HttpStatusOf's answer
// when the store fails).
std::optional<Post> LoadEditablePost(const Context& c, http::Response* error);

// The editor's fields as sent: kept as text, so a refused form shows again as typed.
struct EditorFields {
  std::string title;
  std::string source;
  std::string format = "markdown";  // "markdown" or "html"
  std::string labels;               // comma-separated
  std::string slug;
  std::string comments = "open";  // "open", "closed" or "hidden"
  std::string publish_at;         // datetime-local ("2026-11-25T19:30"), blog's zone
  std::string action;             // "draft", "publish", "schedule" or "preview"

  static EditorFields FromForm(const Form& form);
  // The fields showing a stored post.
  static EditorFields FromPost(const Post& post, const TimeZone& zone);
};

BodyFormat FormatOf(std::string_view word);
// The permalink's slug of a path ("/2026/11/my-post.html" -> "my-post"); "" for none.
std::string SlugOfPath(std::string_view path);

// The fields as an edit of `current` (nullopt for a new post), checked: the action is
// one of the three saves, the comments mode and publish time are valid, and a schedule
// has a future time. InvalidArgument with a message for the author otherwise. The slug
// is sent only when it differs from the current path's (PostEdit: empty keeps it).
Result<service::PostEdit> ToPostEdit(const EditorFields& fields, const std::optional<Post>& current,
                                     const TimeZone& zone, Time now);

}  // namespace samizdat::web::admin
