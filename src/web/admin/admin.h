// Admin: the author's side at /admin — sign-in, posts and pages with the editor,
// revisions, comment moderation, settings, media and import/export — server-rendered,
// usable without JavaScript (admin.js only helps: live preview, autosave, inserting
// images). It manages the blog of the request's Host, as the public site shows it.
//
// Security: sessions in an HttpOnly, SameSite=Lax cookie (Secure when the request came
// over TLS, as a proxy's X-Forwarded-Proto: https says) scoped to /admin; a CSRF token
// in every state-changing form, checked before the handler runs (403 otherwise,
// nothing changed); a Content-Security-Policy that allows only the admin's own script.
//
// Thread safety: Handle may be called concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "http/server.h"
#include "service/accounts.h"
#include "service/blog_directory.h"
#include "service/comments.h"
#include "store/store.h"

namespace samizdat::web::admin {

class Admin {
 public:
  // `blogs` is the public site's directory (Site::blogs()), so that both see a write
  // through one re-read. All four must outlive the Admin.
  static Result<std::unique_ptr<Admin>> Create(store::Store& store,
                                               service::CommentService& comments,
                                               service::AccountService& accounts,
                                               service::BlogDirectory& blogs);
  ~Admin();

  // Any request under /admin.
  http::Response Handle(const http::Request& request);

  struct Impl;  // admin.cc

 private:
  explicit Admin(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samizdat::web::admin
