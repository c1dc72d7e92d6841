// Admin::Handle: the admin's request pipeline — the blog of the Host, the session, the
// row's access, the first-password rule, the row's CSRF check — then the page; and the
// admin's static files, 404 and 405.
#include "web/admin/admin.h"

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "auth/form_token.h"
#include "service/blog_directory.h"
#include "text/escape.h"
#include "web/admin/context.h"
#include "web/admin/import_jobs.h"
#include "web/admin/pages.h"
#include "web/admin/session_cookie.h"
#include "web/admin/templates.h"
#include "web/http_status.h"

namespace samizdat::web::admin {

struct Admin::Impl {
  Impl(store::Store& store, service::AccountService& accounts, service::CommentService& comments,
       service::BlogDirectory& blogs, service::ThemeService& themes, std::string sign_in_key)
      : accounts(accounts),
        imports(store),
        services{store, accounts, comments, themes, imports, templates, std::move(sign_in_key)},
        blogs(blogs) {}

  // What every answer but a static file needs: the request's blog, who signed in, the
  // notice of the last redirect and the query; or the answer when there is no blog or the
  // session cannot be checked.
  struct Visit {
    std::shared_ptr<const service::BlogEntry> entry;
    std::optional<service::SignedIn> who;
    std::string notice;
    Form query;
  };
  std::variant<Visit, http::Response> Begin(const http::Request& request, const RouteMatch& match);

  service::AccountService& accounts;
  Templates templates;
  ImportJobs imports;
  Services services;
  service::BlogDirectory& blogs;
};

namespace {

http::Response WithAdminHeaders(http::Response response) {
  AddAdminHeaders(response);
  return response;
}

http::Response Plain(int status, std::string text) {
  return WithAdminHeaders(http::Response::Text(status, std::move(text) + "\n"));
}

}  // namespace

Result<std::unique_ptr<Admin>> Admin::Create(store::Store& store, service::CommentService& comments,
                                             service::AccountService& accounts,
                                             service::BlogDirectory& blogs,
                                             service::ThemeService& themes) {
  auto sign_in_key = store.GetOrCreateSecret("sign-in-form-key", auth::RandomSecretKey());
  if (!sign_in_key.ok()) return sign_in_key.status();
  return std::unique_ptr<Admin>(new Admin(
      std::make_unique<Impl>(store, accounts, comments, blogs, themes, std::move(*sign_in_key))));
}

Admin::Admin(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Admin::~Admin() = default;

std::variant<Admin::Impl::Visit, http::Response> Admin::Impl::Begin(const http::Request& request,
                                                                    const RouteMatch& match) {
  Visit visit;
  auto found = blogs.Lookup(request.host);
  if (found.status().IsNotFound()) return Plain(404, "No blog is hosted at " + request.host + ".");
  if (!found.ok()) {
    return WithAdminHeaders(ErrorResponse("The blog's database is unavailable", found.status()));
  }
  visit.entry = std::move(*found);

  const Time now = Now();
  if (auto token = AdminCookieValue(request, kSessionCookie); token && !token->empty()) {
    if (auto signed_in = accounts.Authenticate(*token, now); signed_in.ok()) {
      visit.who = std::move(*signed_in);
    } else if (!signed_in.status().IsNotFound()) {
      return WithAdminHeaders(ErrorResponse("Cannot check the session", signed_in.status()));
    }
  }
  if (auto cookie = AdminCookieValue(request, kNoticeCookie)) {
    visit.notice = DecodeNotice(*cookie);
  }
  if (auto parsed = Form::FromUrlencoded(match.encoded_query); parsed.ok()) {
    visit.query = std::move(*parsed);
  }
  return visit;
}

http::Response Admin::Handle(const http::Request& request, const RouteMatch& match,
                             PageHandler page) {
  auto begun = impl_->Begin(request, match);
  if (auto* error = std::get_if<http::Response>(&begun)) return std::move(*error);
  Impl::Visit& visit = std::get<Impl::Visit>(begun);
  const Blog& blog = visit.entry->blog;
  const service::SignedIn* who = visit.who ? &*visit.who : nullptr;
  const Context bare(request, blog, who, Form(), Form(), match.captures, impl_->services,
                     visit.notice);

  const Access access = match.route->access;
  if (access != Access::kAnyone) {
    if (who == nullptr) {
      if (request.method == "GET") {
        return bare.Redirect("/admin/sign-in?next=" + text::PercentEncode(match.path));
      }
      return bare.Error(403, "Your session has ended. Sign in again; nothing was changed.");
    }
    if (!service::AccountService::MayUseBlog(who->user, blog.id)) {
      return bare.Error(403, "Your account has no access to this blog.");
    }
    if (who->user.must_change_password && access != Access::kSignedIn) {
      return bare.Redirect("/admin/password", "Choose a new password before you go on.");
    }
    if (access == Access::kOwner && !service::AccountService::MayManageBlog(who->user, blog.id)) {
      return bare.Error(403, "Only the blog's owners may do this.");
    }
  }

  Form form;
  if (request.method == "POST" && match.route->csrf) {
    auto parsed = Form::FromBody(request.GetHeader("Content-Type"), request.body);
    if (!parsed.ok()) return bare.Error(400, parsed.status().message());
    form = std::move(*parsed);
    // Every state change carries the session's CSRF token (a form field, or a header for
    // the editor's scripts). The sign-in form has no session yet: it checks its own.
    if (who != nullptr) {
      std::string token = form.Get("csrf");
      if (token.empty()) token = std::string(request.GetHeader("X-CSRF-Token"));
      if (!impl_->accounts.CheckCsrf(who->session, token)) {
        return bare.Error(403,
                          "This form's security token is missing or out of date, so "
                          "nothing was changed. Reload the page and try again.");
      }
    }
  }

  Context context(request, blog, who, std::move(form), std::move(visit.query), match.captures,
                  impl_->services, std::move(visit.notice));
  return page(context);
}

http::Response Admin::Refuse(const http::Request& request, const RouteMatch& match, int status,
                             std::string_view message) {
  auto begun = impl_->Begin(request, match);
  if (auto* error = std::get_if<http::Response>(&begun)) return std::move(*error);
  const Impl::Visit& visit = std::get<Impl::Visit>(begun);
  const Context bare(request, visit.entry->blog, visit.who ? &*visit.who : nullptr, Form(), Form(),
                     match.captures, impl_->services, visit.notice);
  return bare.Error(status, message);
}

http::Response Admin::NotAllowed(const http::Request& request, const Routed& routed) {
  auto begun = impl_->Begin(request, routed.match);
  if (auto* error = std::get_if<http::Response>(&begun)) return std::move(*error);
  const Impl::Visit& visit = std::get<Impl::Visit>(begun);
  const Context bare(request, visit.entry->blog, visit.who ? &*visit.who : nullptr, Form(), Form(),
                     routed.match.captures, impl_->services, visit.notice);
  http::Response response = bare.Error(405, request.method + " is not allowed here.");
  response.headers.push_back({"Allow", routed.allow});
  return response;
}

http::Response Admin::StaticFile(const http::Request&, const RouteMatch& match) {
  const std::string* bytes = impl_->templates.Static(match.captures.file);
  if (bytes == nullptr) return Plain(404, "No such file.");
  http::Response response;
  response.body = std::make_shared<const std::string>(*bytes);
  const bool script = match.captures.file.ends_with(".js");
  response.headers.push_back(
      {"Content-Type", script ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"});
  response.headers.push_back({"Cache-Control", match.captures.version == impl_->templates.Version()
                                                   ? "public, max-age=31536000, immutable"
                                                   : "no-cache"});
  return response;
}

http::Response Admin::NoStaticFile(const http::Request&, const RouteMatch&) {
  return Plain(404, "No such file.");
}

http::Response NoSuchPage(Context& c) {
  return c.Error(404, "There is no such page in the admin.");
}

}  // namespace samizdat::web::admin
