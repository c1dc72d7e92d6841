// Route rows and the router: a request's method and target matched against a table of
// rows (methods, pattern with typed captures, access, CSRF, body limit, handler). The
// router is a pure function; the table itself is in routes.cc.
//
// Patterns are matched against the decoded path segment by segment:
//   /admin/posts/{id}            a literal segment must equal the path's segment
//   /{yyyy}/{mm}/{slug}.html     a segment may mix literal text and captures
//   /search/?                    a final "/?" makes the trailing slash optional
//   /feeds/posts/{projection}/-/{labels...}   a "{name...}" capture takes the rest
//   /{rest...}                   a fallback row: it answers only paths that no other
//                                row's pattern matches
// Captures and what they accept (into the Captures field of the same name):
//   {yyyy} 4 digits; {mm} 01-12; {dd} 01-31; {id}, {postid}, {commentid}, {rid} a
//   positive decimal integer; {projection} default, full or summary; {slug}, {label},
//   {hash}, {ext}, {job}, {version}, {file} any non-empty text; {labels...} one or more
//   segments; {label...} one or more segments joined by "/", not empty; {rest...} one or
//   more segments.
//
// Thread safety: everything here is immutable or a pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/server.h"

namespace samizdat::web {

struct Handlers;  // routes.h: what handlers are called on
struct RouteMatch;

// Who may reach a row. kPublic rows go straight to their handler; the others are the
// admin's and pass its pipeline (web/admin/admin.h) first.
enum class Access {
  kPublic,    // the public site, feeds, media, the admin's static files
  kAnyone,    // an admin page open to anyone: the sign-in page
  kSignedIn,  // any account that may use the blog, even before changing a first password
  kAuthor,    // any role on the blog
  kOwner,     // owners of the blog and admins
};

// The typed values of a pattern's captures; a field is set only by its capture.
struct Captures {
  int year = 0;
  int month = 0;
  int day = 0;
  int64_t id = 0;
  int64_t post_id = 0;
  int64_t comment_id = 0;
  int64_t rid = 0;
  std::string projection;
  std::string slug;
  std::string label;
  std::string hash;
  std::string ext;
  std::string job;
  std::string version;
  std::string file;
  std::vector<std::string> labels;
  std::vector<std::string> rest;
};

using RouteHandler =
    std::function<http::Response(Handlers&, const http::Request&, const RouteMatch&)>;

// One row of a route table.
struct Route {
  std::string_view methods;  // "GET", "POST" or "GET POST"; GET also answers HEAD
  std::string_view pattern;  // see above
  Access access;
  // Admin rows: a POST's form is read and, when signed in, must carry the session's CSRF
  // token (the sign-in form checks a token of its own). Every row's POST passes the
  // router's origin check (origin_check.h) before.
  bool csrf;
  std::size_t body_limit;  // the largest request body, in bytes; 0: the server's default
  RouteHandler handle;
};

// A request matched to a row.
struct RouteMatch {
  const Route* route = nullptr;
  Captures captures;
  std::string path;           // decoded: "/search/label/A b"
  std::string encoded_path;   // as sent: "/search/label/A%20b"
  std::string encoded_query;  // as sent, without the "?"
};

// What the router says of a request.
struct Routed {
  // 200: `match` holds the row. 400: the target is no valid origin-form URL. 404: no row's
  // pattern matches the path. 405: rows match the path but none takes the method;
  // `match.route` is the first of them and `allow` lists their methods.
  int status = 200;
  RouteMatch match;
  std::string allow;  // "GET, HEAD, POST"
};

// Matches `method` ("GET" for HEAD) and `target` ("/search?q=x") against `table`: the
// first row, in order, whose pattern matches the path and whose methods take `method`.
// Fallback rows ({rest...}) are tried only when no other row's pattern matches.
Routed FindRoute(std::span<const Route> table, std::string_view method, std::string_view target);

}  // namespace samizdat::web
