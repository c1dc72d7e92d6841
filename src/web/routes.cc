// The route table of samizdat's HTTP surface.
#include "web/routes.h"

#include <array>
#include <functional>
#include <string_view>

namespace samizdat::web {
namespace {

enum class Match { kExact, kPrefix };

struct Route {
  std::string_view methods;  // space-separated; GET also answers HEAD
  Match match;
  std::string_view path;   // compared with the target's path
  std::size_t body_limit;  // bytes
  std::function<http::Response(Handlers&, const http::Request&)> handle;
};

http::Response Health(Handlers&, const http::Request&) { return http::Response::Text(200, "ok\n"); }
http::Response PublicPage(Handlers& h, const http::Request& request) {
  return h.site.Handle(request);
}
http::Response PostComment(Handlers& h, const http::Request& request) {
  return h.site.HandleComment(request);
}
http::Response MediaFile(Handlers& h, const http::Request& request) {
  return h.site.HandleMedia(request);
}
http::Response AdminPage(Handlers& h, const http::Request& request) {
  return h.admin.Handle(request);
}

// A comment form: 4,096 characters of up to 4 UTF-8 bytes, each percent-encoded (x3),
// plus the name, the website and the token.
constexpr std::size_t kCommentFormLimit = 128 * 1024;
// The editor's form: a long post (its Markdown and the labels) with room to spare.
constexpr std::size_t kAdminFormLimit = 4 * 1024 * 1024;
// An image upload (service::kMaxMediaBytes) and its multipart framing.
constexpr std::size_t kMediaUploadLimit = 11 * 1024 * 1024;
// An export file uploaded for import: Blogger's and WordPress's exports of large blogs.
constexpr std::size_t kImportUploadLimit = 256 * 1024 * 1024;

// Order matters: the first route whose path matches is taken.
const std::array<Route, 14>& Routes() {
  static const std::array<Route, 14> kRoutes = {{
      {"GET", Match::kExact, "/healthz", 0, Health},
      {"POST", Match::kExact, "/comment", kCommentFormLimit, PostComment},
      // The admin (web/admin/ has its own table of pages behind these).
      // GET too: the first route whose path matches is taken, and the media page is here.
      {"GET POST", Match::kExact, "/admin/media", kMediaUploadLimit, AdminPage},
      {"POST", Match::kExact, "/admin/import", kImportUploadLimit, AdminPage},
      {"GET POST", Match::kExact, "/admin", kAdminFormLimit, AdminPage},
      {"GET POST", Match::kPrefix, "/admin/", kAdminFormLimit, AdminPage},
      // Feeds (Blogger's URLs and aliases); the site tells them from pages by path.
      {"GET", Match::kPrefix, "/feeds/", 0, PublicPage},
      {"GET", Match::kExact, "/atom.xml", 0, PublicPage},
      {"GET", Match::kExact, "/rss.xml", 0, PublicPage},
      {"GET", Match::kExact, "/feed.json", 0, PublicPage},
      {"GET", Match::kExact, "/sitemap.xml", 0, PublicPage},
      {"GET", Match::kExact, "/robots.txt", 0, PublicPage},
      // Uploaded images, named by their hash.
      {"GET", Match::kPrefix, "/media/", 0, MediaFile},
      // Pages: home, posts, pages, archives, labels, search, the themed 404.
      {"GET", Match::kPrefix, "/", 0, PublicPage},
  }};
  return kRoutes;
}

std::string_view PathOf(std::string_view target) { return target.substr(0, target.find('?')); }

const Route* Find(std::string_view target) {
  const std::string_view path = PathOf(target);
  for (const Route& route : Routes()) {
    if (route.match == Match::kExact ? path == route.path : path.starts_with(route.path)) {
      return &route;
    }
  }
  return nullptr;
}

bool Allows(const Route& route, std::string_view method) {
  std::string_view methods = route.methods;
  while (!methods.empty()) {
    auto space = methods.find(' ');
    if (methods.substr(0, space) == method) return true;
    if (space == std::string_view::npos) break;
    methods.remove_prefix(space + 1);
  }
  return false;
}

std::string AllowHeader(const Route& route) {
  std::string allow;
  std::string_view methods = route.methods;
  while (!methods.empty()) {
    auto space = methods.find(' ');
    std::string_view method = methods.substr(0, space);
    if (!allow.empty()) allow += ", ";
    allow += method;
    if (method == "GET") allow += ", HEAD";
    if (space == std::string_view::npos) break;
    methods.remove_prefix(space + 1);
  }
  return allow;
}

}  // namespace

http::Handler MakeRouter(Site& site, admin::Admin& admin) {
  return [handlers = Handlers{site, admin}](const http::Request& request) mutable {
    const Route* route = Find(request.target);
    if (route == nullptr) return http::Response::Text(404, "Not found.\n");
    if (!Allows(*route, request.method)) {
      http::Response response =
          http::Response::Text(405, request.method + " is not allowed here.\n");
      response.headers.push_back({"Allow", AllowHeader(*route)});
      return response;
    }
    return route->handle(handlers, request);
  };
}

std::size_t BodyLimitFor(const http::Request& head) {
  const Route* route = Find(head.target);
  return route == nullptr ? 0 : route->body_limit;
}

}  // namespace samizdat::web
