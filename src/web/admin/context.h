// What an admin page handler gets and gives: the request as a Context (the blog, the
// signed-in user, the parsed form, the route's typed captures, the services).
//
// A handler runs only after the admin checked what its row of the route table (web/
// routes.cc) asks: the user signed in (and has changed a first password) with the role
// its Access names on the request's blog, and for a POST on a row with CSRF a valid
// token. A handler still checks what depends on the thing it touches
// (AccountService::MayEditPost for a post).
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "http/server.h"
#include "service/accounts.h"
#include "service/comments.h"
#include "service/themes.h"
#include "store/store.h"
#include "web/admin/forms.h"
#include "web/route.h"

namespace samizdat::web::admin {

class ImportJobs;
class Templates;

// The long-lived parts the pages use; owned by Admin.
struct Services {
  store::Store& store;
  service::AccountService& accounts;
  service::CommentService& comments;
  service::ThemeService& themes;
  ImportJobs& imports;
  const Templates& templates;
  std::string sign_in_key;  // the sign-in form's token key (auth::MakeFormToken)
};

class Context {
 public:
  Context(const http::Request& request, const Blog& blog, const service::SignedIn* who, Form form,
          Form query, const Captures& captures, Services& services, std::string notice)
      : request(request),
        blog(blog),
        who(who),
        form(std::move(form)),
        query(std::move(query)),
        captures(captures),
        services(services),
        notice_(std::move(notice)) {}

  const http::Request& request;
  const Blog& blog;
  const service::SignedIn* who;  // null only on kAnyone routes, when nobody signed in
  const Form form;               // the POST body's fields and files (empty for GET)
  const Form query;              // the query string's parameters
  const Captures& captures;      // the row's pattern's captures ({id}, {rid}, …)
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
  // The error page of a failure: "`what`: <its message>", with the status and headers
  // HttpStatusOf and ErrorHeaders (web/http_status.h) give it.
  http::Response Error(std::string_view what, const Status& status) const;
  // A JSON answer (the editor's autosave and preview).
  http::Response Json(int status, const boost::json::value& value) const;

  // The signed-in user's CSRF token ("" when nobody signed in).
  std::string_view csrf() const { return who ? std::string_view(who->csrf_token) : ""; }

 private:
  std::string notice_;
};

}  // namespace samizdat::web::admin
