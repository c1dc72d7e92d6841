// What an admin page handler gets and gives: the request as a Context (the blog, the
// signed-in user, the parsed form, the route's parameters, the services) and the
// Route entries each page module adds to the admin's route table.
//
// A handler runs only after the admin checked what its Route asks: the user signed in
// (and has changed a first password) with the role its Access names on the request's
// blog, and for every POST a valid CSRF token. A handler still checks what depends on
// the thing it touches (AccountService::MayEditPost for a post).
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "http/server.h"
#include "service/accounts.h"
#include "service/comments.h"
#include "store/store.h"
#include "web/admin/forms.h"

namespace samizdat::web::admin {

class ImportJobs;
class Templates;

// Who may reach a route.
enum class Access {
  kAnyone,    // the sign-in page
  kSignedIn,  // any account that may use the blog, even before changing a first password
  kAuthor,    // any role on the blog
  kOwner,     // owners of the blog and admins
};

// The long-lived parts the pages use; owned by Admin.
struct Services {
  store::Store& store;
  service::AccountService& accounts;
  service::CommentService& comments;
  ImportJobs& imports;
  const Templates& templates;
  std::string sign_in_key;  // the sign-in form's token key (auth::MakeFormToken)
};

class Context {
 public:
  Context(const http::Request& request, const Blog& blog, const service::SignedIn* who, Form form,
          Form query, std::vector<std::string> params, Services& services, std::string notice)
      : request(request),
        blog(blog),
        who(who),
        form(std::move(form)),
        query(std::move(query)),
        params(std::move(params)),
        services(services),
        notice_(std::move(notice)) {}

  const http::Request& request;
  const Blog& blog;
  const service::SignedIn* who;           // null only on kAnyone routes, when nobody signed in
  const Form form;                        // the POST body's fields and files (empty for GET)
  const Form query;                       // the query string's parameters
  const std::vector<std::string> params;  // the route pattern's {…} segments, decoded
  Services& services;

  // Template `name` (assets/NAME.mustache) inside the admin layout, which adds the
  // blog, the user, the navigation and the notice of the last redirect. `values` are the
  // template's own; it also sees `csrf` (the session's token, for every form),
  // `blog_title` and `static` (the URL prefix of the admin's static files, for a page's
  // own script: <script src="{{static}}/editor.js" defer>).
  http::Response Page(int status, std::string_view title, std::string_view name,
                      boost::json::object values) const;
  // 303 See Other to `location` (an /admin path); `notice` shows on the next page.
  http::Response Redirect(std::string_view location, std::string_view notice = "") const;
  // The error page in the layout: `message` under the status.
  http::Response Error(int status, std::string_view message) const;
  // A JSON answer (the editor's autosave and preview).
  http::Response Json(int status, const boost::json::value& value) const;

  // The signed-in user's CSRF token ("" when nobody signed in).
  std::string_view csrf() const { return who ? std::string_view(who->csrf_token) : ""; }

 private:
  std::string notice_;
};

// One entry of the admin's route table. Patterns match whole paths segment by segment;
// a "{name}" segment matches any one segment, handed to the handler in Context::params.
struct Route {
  std::string_view method;   // "GET" (also HEAD) or "POST"
  std::string_view pattern;  // "/admin/posts/{id}"
  Access access;
  http::Response (*handle)(Context&);
};

// The page modules: each adds its routes (auth_pages.cc, post_pages.cc, editor_pages.cc,
// comment_pages.cc, settings_pages.cc, media_pages.cc, transfer_pages.cc).
void AddAuthRoutes(std::vector<Route>& routes);
void AddPostRoutes(std::vector<Route>& routes);
void AddEditorRoutes(std::vector<Route>& routes);
void AddCommentRoutes(std::vector<Route>& routes);
void AddSettingsRoutes(std::vector<Route>& routes);
void AddMediaRoutes(std::vector<Route>& routes);
void AddTransferRoutes(std::vector<Route>& routes);

}  // namespace samizdat::web::admin
