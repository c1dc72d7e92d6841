// Context: the answers page handlers give — pages in the admin layout, redirects with a
// notice, error pages and JSON.
#include "web/admin/context.h"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <string>

#include "web/admin/session_cookie.h"
#include "web/admin/templates.h"
#include "web/http_status.h"

namespace samizdat::web::admin {
namespace {

struct NavItem {
  std::string_view label;
  std::string_view href;
  bool owners_only;
};

constexpr NavItem kNav[] = {
    {"Posts", "/admin/posts", false},
    {"Pages", "/admin/pages", false},
    {"Comments", "/admin/comments", true},
    {"Messages", "/admin/messages", true},
    {"Media", "/admin/media", false},
    {"Settings", "/admin/settings", true},
    {"Theme", "/admin/theme", true},
    {"Layout", "/admin/layout", true},
    {"Import & export", "/admin/transfer", true},
};

std::string PathOf(std::string_view target) {
  return std::string(target.substr(0, target.find('?')));
}

}  // namespace

http::Response Context::Page(int status, std::string_view title, std::string_view name,
                             boost::json::object values) const {
  const Templates& templates = services.templates;
  values["csrf"] = csrf();
  values["blog_title"] = blog.title;
  values["static"] = "/admin/static/" + templates.Version();
  boost::json::object layout;
  layout["title"] = title;
  layout["content_html"] = templates.Render(name, values);
  layout["blog_title"] = blog.title;
  layout["blog_url"] = Origin(request) + "/";
  layout["static"] = "/admin/static/" + templates.Version();
  // Only when there is one: Mustache enters a section even for an empty string.
  if (!notice_.empty()) layout["notice"] = notice_;
  layout["csrf"] = csrf();
  if (who != nullptr) {
    layout["signed_in"] = true;
    layout["user_name"] = who->user.display_name;
    layout["user_email"] = who->user.email;
    layout["role"] = UserRoleName(who->user.role);
    const bool owner = service::AccountService::MayManageBlog(who->user, blog.id);
    const std::string path = PathOf(request.target);
    boost::json::array nav;
    if (!who->user.must_change_password) {
      for (const NavItem& item : kNav) {
        if (item.owners_only && !owner) continue;
        nav.push_back(
            {{"label", item.label},
             {"href", item.href},
             {"current", path == item.href || path.starts_with(std::string(item.href) + "/")}});
      }
    }
    layout["nav"] = std::move(nav);
  }
  http::Response response;
  response.status = status;
  response.body = std::make_shared<const std::string>(templates.Render("layout", layout));
  response.headers.push_back({"Content-Type", "text/html; charset=utf-8"});
  if (!notice_.empty()) {
    response.headers.push_back(
        {"Set-Cookie", AdminCookie(request, kNoticeCookie, "", std::chrono::seconds(0))});
  }
  AddAdminHeaders(response);
  return response;
}

http::Response Context::Redirect(std::string_view location, std::string_view notice) const {
  http::Response response;
  response.status = 303;
  response.headers.push_back({"Location", std::string(location)});
  if (!notice.empty()) {
    response.headers.push_back(
        {"Set-Cookie",
         AdminCookie(request, kNoticeCookie, EncodeNotice(notice), std::chrono::seconds(60))});
  }
  AddAdminHeaders(response);
  return response;
}

http::Response Context::Error(int status, std::string_view message) const {
  return Page(status, "Error " + std::to_string(status), "error",
              {{"status", status}, {"message", message}});
}

http::Response Context::Error(std::string_view what, const Status& status) const {
  http::Response response =
      Error(HttpStatusOf(status), std::string(what) + ": " + status.message());
  for (http::Header& header : ErrorHeaders(status)) response.headers.push_back(std::move(header));
  return response;
}

http::Response Context::Json(int status, const boost::json::value& value) const {
  http::Response response;
  response.status = status;
  response.body = std::make_shared<const std::string>(boost::json::serialize(value));
  response.headers.push_back({"Content-Type", "application/json"});
  AddAdminHeaders(response);
  return response;
}

}  // namespace samizdat::web::admin
