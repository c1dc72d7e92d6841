// The security headers of every answer, added in one place (the server's finish hook,
// http::ServerOptions::finish) so that no page, feed, file or error escapes them.
// Header values are precomputed once and shared by the responses (no copy per answer).
//
//   HTML pages (the public pages, their 404s and errors): a Content-Security-Policy for a
//     page that runs no script — default-src 'none'; images and media from anywhere over
//     http(s) (old posts hotlink theirs); styles from the page itself (the theme's
//     <style>, posts' checked style attributes); frames from exactly the embed providers
//     the sanitizer allows (text/embed_providers.h); forms only to the blog;
//     frame-ancestors 'self'; base-uri 'self' — with the theme's own additions
//     (Theme::csp_additions), X-Content-Type-Options: nosniff and
//     Referrer-Policy: strict-origin-when-cross-origin.
//   Anything else (feeds, the sitemap, media, plain-text answers, the server's own 4xx):
//     nosniff, the same Referrer-Policy and a policy that lets nothing run if a browser
//     opens it (default-src 'none'; style-src 'unsafe-inline'; sandbox).
//   Admin answers (they carry their own Content-Security-Policy, admin/session_cookie.h):
//     nothing more.
//   All of them, when HSTS is asked for (`serve --hsts`) and the client spoke HTTPS
//     (request.secure): Strict-Transport-Security for a year (no includeSubDomains:
//     sibling hosts may be other people's blogs). Opt-in, because a browser that saw it
//     refuses plain HTTP to the host for that year, whatever the operator does next.
//   304 and 204 answers get no Content-Security-Policy: a browser would store it over the
//     cached page's own.
//
// Thread safety: immutable after Make; Add may be called concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/server.h"

namespace samizdat::web {

class SecurityHeaders {
 public:
  // `theme_additions`: lines "DIRECTIVE SOURCE..." whose sources join that directive of
  // the HTML pages' policy (see themes/default/README.md); '#' starts a comment.
  // InvalidArgument naming the line for an unknown directive or a source that is no
  // CSP source expression. `hsts`: Strict-Transport-Security on HTTPS answers.
  static Result<SecurityHeaders> Make(std::string_view theme_additions = {}, bool hsts = false);

  // Adds the headers `response` needs, as above. `request` may be null (the server's
  // answer to a request it could not read): no HSTS then.
  void Add(const http::Request* request, http::Response& response) const;

  // The HTML pages' Content-Security-Policy.
  const std::string& page_policy() const { return page_policy_; }

 private:
  using Headers = std::shared_ptr<const std::vector<http::Header>>;
  SecurityHeaders() = default;

  std::string page_policy_;
  // [secure]: over HTTPS (with HSTS when asked for) or not.
  Headers page_[2];
  Headers other_[2];
  Headers not_modified_[2];
  Headers admin_https_;  // null without HSTS
};

}  // namespace samizdat::web
