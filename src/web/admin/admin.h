// Admin: the author's side at /admin — sign-in, posts and pages with the editor,
// revisions, comment moderation, settings, media and import/export — server-rendered,
// usable without JavaScript (admin.js only helps: live preview, autosave, inserting
// images). It manages the blog of the request's Host, as the public site shows it.
//
// Security: sessions in an HttpOnly, SameSite=Lax cookie (over HTTPS, as request.secure
// says, __Host-samizdat_session with Secure and Path=/; over HTTP scoped to /admin); a
// state-changing request from another origin refused by the router (origin_check.h);
// a CSRF token in every state-changing form, checked before the handler runs (403
// otherwise, nothing changed); a Content-Security-Policy that allows only the admin's
// own script.
//
// Requests reach it through its rows of the route table (web/routes.cc): Handle runs the
// pipeline (the blog of the Host, the session, the row's access, the first-password rule,
// the row's CSRF check) and then the row's page (pages.h).
//
// Thread safety: every method may be called concurrently.
#pragma once

#include <memory>
#include <string_view>

#include "core/status.h"
#include "http/server.h"
#include "service/accounts.h"
#include "service/blog_directory.h"
#include "service/comments.h"
#include "service/themes.h"
#include "store/store.h"
#include "web/route.h"

namespace samizdat::web::admin {

class Context;

class Admin {
 public:
  // `blogs` is the public site's directory (Site::blogs()), so that both see a write
  // through one re-read; `themes` is the site's too (Site::themes()), so that a theme the
  // admin sets is compiled once, for both. All five must outlive the Admin.
  static Result<std::unique_ptr<Admin>> Create(store::Store& store,
                                               service::CommentService& comments,
                                               service::AccountService& accounts,
                                               service::BlogDirectory& blogs,
                                               service::ThemeService& themes);
  ~Admin();

  using PageHandler = http::Response (*)(Context&);

  // A request matched to an admin row (access other than kPublic): the pipeline, then
  // `page`. 404 when no blog is hosted at the Host; a redirect to the sign-in page (GET)
  // or 403 when the row's access is not met; 403 for a missing or stale CSRF token.
  http::Response Handle(const http::Request& request, const RouteMatch& match, PageHandler page);
  // A request to an admin row refused before the pipeline (the router's origin check):
  // `status` with `message` in the layout, nothing changed.
  http::Response Refuse(const http::Request& request, const RouteMatch& match, int status,
                        std::string_view message);
  // A method an admin path does not take: 405 in the layout, with Allow.
  http::Response NotAllowed(const http::Request& request, const Routed& routed);
  // GET /admin/static/VERSION/FILE: the admin's script or style sheet; any VERSION
  // answers with today's file (a page cached across an upgrade still gets them), cached
  // for good when VERSION is today's. 404 for another FILE.
  http::Response StaticFile(const http::Request& request, const RouteMatch& match);
  // Any other path under /admin/static/: 404.
  http::Response NoStaticFile(const http::Request& request, const RouteMatch& match);

  struct Impl;  // admin.cc

 private:
  explicit Admin(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samizdat::web::admin
