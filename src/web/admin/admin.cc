// Admin::Handle: the admin's request pipeline — static files, the blog of the Host, the
// route, the session, the role, the first-password rule, the CSRF token — then the page.
#include "web/admin/admin.h"

#include <boost/url/parse.hpp>
#include <string>
#include <utility>
#include <vector>

#include "auth/form_token.h"
#include "service/blog_directory.h"
#include "text/escape.h"
#include "web/admin/context.h"
#include "web/admin/import_jobs.h"
#include "web/admin/session_cookie.h"
#include "web/admin/templates.h"

namespace samizdat::web::admin {

struct Admin::Impl {
  Impl(store::Store& store, service::AccountService& accounts, service::CommentService& comments,
       service::BlogDirectory& blogs, std::string sign_in_key)
      : accounts(accounts),
        imports(store),
        services{store, accounts, comments, imports, templates, std::move(sign_in_key)},
        blogs(blogs) {
    AddAuthRoutes(routes);
    AddPostRoutes(routes);
    AddEditorRoutes(routes);
    AddCommentRoutes(routes);
    AddSettingsRoutes(routes);
    AddMediaRoutes(routes);
    AddTransferRoutes(routes);
  }

  service::AccountService& accounts;
  Templates templates;
  ImportJobs imports;
  Services services;
  service::BlogDirectory& blogs;
  std::vector<Route> routes;
};

namespace {

// The decoded segments of `path` ("/admin/posts/7" -> admin, posts, 7).
std::vector<std::string> Segments(const boost::urls::url_view& url) {
  std::vector<std::string> segments;
  for (const std::string segment : url.segments()) segments.push_back(segment);
  if (!segments.empty() && segments.back().empty()) segments.pop_back();  // "/admin/"
  return segments;
}

// Whether `pattern` matches `segments`; fills `params` with its {…} segments.
bool Matches(std::string_view pattern, const std::vector<std::string>& segments,
             std::vector<std::string>* params) {
  params->clear();
  if (pattern.starts_with('/')) pattern.remove_prefix(1);
  size_t index = 0;
  while (true) {
    const size_t slash = pattern.find('/');
    const std::string_view part = pattern.substr(0, slash);
    if (index >= segments.size()) return false;
    if (part.starts_with('{') && part.ends_with('}')) {
      params->push_back(segments[index]);
    } else if (part != segments[index]) {
      return false;
    }
    ++index;
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  return index == segments.size();
}

http::Response Plain(int status, std::string text) {
  http::Response response = http::Response::Text(status, std::move(text) + "\n");
  AddAdminHeaders(response);
  return response;
}

http::Response StaticFile(const Templates& templates, const std::vector<std::string>& segments) {
  // /admin/static/VERSION/FILE: any version answers with today's file, so a page cached
  // across an upgrade still gets a script and a style sheet.
  if (segments.size() != 4) return Plain(404, "No such file.");
  const std::string* bytes = templates.Static(segments[3]);
  if (bytes == nullptr) return Plain(404, "No such file.");
  http::Response response;
  response.body = std::make_shared<const std::string>(*bytes);
  const bool script = segments[3].ends_with(".js");
  response.headers.push_back(
      {"Content-Type", script ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"});
  response.headers.push_back({"Cache-Control", segments[2] == templates.Version()
                                                   ? "public, max-age=31536000, immutable"
                                                   : "no-cache"});
  response.headers.push_back({"X-Content-Type-Options", "nosniff"});
  return response;
}

}  // namespace

Result<std::unique_ptr<Admin>> Admin::Create(store::Store& store, service::CommentService& comments,
                                             service::AccountService& accounts,
                                             service::BlogDirectory& blogs) {
  auto sign_in_key = store.GetOrCreateSecret("sign-in-form-key", auth::RandomSecretKey());
  if (!sign_in_key.ok()) return sign_in_key.status();
  return std::unique_ptr<Admin>(
      new Admin(std::make_unique<Impl>(store, accounts, comments, blogs, std::move(*sign_in_key))));
}

Admin::Admin(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Admin::~Admin() = default;

http::Response Admin::Handle(const http::Request& request) {
  auto url = boost::urls::parse_origin_form(request.target);
  if (!url) return Plain(400, "The request target is not a valid URL path.");
  const std::vector<std::string> segments = Segments(*url);
  if (segments.size() >= 2 && segments[1] == "static") {
    if (request.method != "GET") return Plain(405, request.method + " is not allowed here.");
    return StaticFile(impl_->templates, segments);
  }

  auto found = impl_->blogs.Lookup(request.host);
  if (found.status().IsNotFound()) return Plain(404, "No blog is hosted at " + request.host + ".");
  if (!found.ok()) {
    http::Response response =
        Plain(503, "The blog's database is unavailable: " + found.status().message());
    response.headers.push_back({"Retry-After", "5"});
    return response;
  }
  const std::shared_ptr<const service::BlogEntry> entry = std::move(*found);

  // The route: the first whose pattern and method match; 405 when only the pattern does.
  const Route* route = nullptr;
  bool path_known = false;
  std::vector<std::string> params;
  for (const Route& candidate : impl_->routes) {
    if (!Matches(candidate.pattern, segments, &params)) continue;
    path_known = true;
    if (candidate.method == request.method) {
      route = &candidate;
      break;
    }
  }

  const Time now = Now();
  std::optional<service::SignedIn> who;
  if (auto token = CookieValue(request.GetHeader("Cookie"), kSessionCookie);
      token && !token->empty()) {
    if (auto signed_in = impl_->accounts.Authenticate(*token, now); signed_in.ok()) {
      who = std::move(*signed_in);
    } else if (!signed_in.status().IsNotFound()) {
      http::Response response =
          Plain(503, "Cannot check the session: " + signed_in.status().message());
      response.headers.push_back({"Retry-After", "5"});
      return response;
    }
  }
  std::string notice;
  if (auto cookie = CookieValue(request.GetHeader("Cookie"), kNoticeCookie)) {
    notice = DecodeNotice(*cookie);
  }
  Form query;
  if (auto parsed = Form::FromUrlencoded(url->encoded_query()); parsed.ok())
    query = std::move(*parsed);

  Context bare(request, entry->blog, who ? &*who : nullptr, Form(), query, params, impl_->services,
               notice);
  if (route == nullptr) {
    return path_known ? bare.Error(405, request.method + " is not allowed here.")
                      : bare.Error(404, "There is no such page in the admin.");
  }

  if (route->access != Access::kAnyone) {
    if (!who) {
      if (request.method == "GET") {
        return bare.Redirect("/admin/sign-in?next=" + text::PercentEncode(url->path()));
      }
      return bare.Error(403, "Your session has ended. Sign in again; nothing was changed.");
    }
    if (!service::AccountService::MayUseBlog(who->user, entry->blog.id)) {
      return bare.Error(403, "Your account has no access to this blog.");
    }
    if (who->user.must_change_password && route->access != Access::kSignedIn) {
      return bare.Redirect("/admin/password", "Choose a new password before you go on.");
    }
    if (route->access == Access::kOwner &&
        !service::AccountService::MayManageBlog(who->user, entry->blog.id)) {
      return bare.Error(403, "Only the blog's owners may do this.");
    }
  }

  Form form;
  if (request.method == "POST") {
    auto parsed = Form::FromBody(request.GetHeader("Content-Type"), request.body);
    if (!parsed.ok()) return bare.Error(400, parsed.status().message());
    form = std::move(*parsed);
    // Every state change carries the session's CSRF token (a form field, or a header for
    // the editor's scripts). The sign-in form has no session yet: it checks its own.
    if (who) {
      std::string token = form.Get("csrf");
      if (token.empty()) token = std::string(request.GetHeader("X-CSRF-Token"));
      if (!impl_->accounts.CheckCsrf(who->session, token)) {
        return bare.Error(403,
                          "This form's security token is missing or out of date, so "
                          "nothing was changed. Reload the page and try again.");
      }
    } else if (route->access != Access::kAnyone) {
      return bare.Error(403, "Your session has ended. Sign in again; nothing was changed.");
    }
  }

  Context context(request, entry->blog, who ? &*who : nullptr, std::move(form), std::move(query),
                  std::move(params), impl_->services, std::move(notice));
  return route->handle(context);
}

}  // namespace samizdat::web::admin
