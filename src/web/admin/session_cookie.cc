// Admin cookies and security headers.
#include "web/admin/session_cookie.h"

#include <boost/url/decode_view.hpp>

#include "core/strings.h"
#include "text/escape.h"
#include "web/admin/forms.h"

namespace samizdat::web::admin {

bool OverTls(const http::Request& request) {
  return AsciiLower(TrimBlank(request.GetHeader("X-Forwarded-Proto"))) == "https";
}

std::string Origin(const http::Request& request) {
  return std::string(OverTls(request) ? "https://" : "http://") + request.host;
}

std::string AdminCookie(const http::Request& request, std::string_view name, std::string_view value,
                        std::chrono::seconds max_age) {
  std::string cookie =
      std::string(name) + "=" + std::string(value) +
      "; Path=/admin; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age.count());
  if (OverTls(request)) cookie += "; Secure";
  return cookie;
}

std::optional<std::string> AdminCookieValue(const http::Request& request, std::string_view name) {
  return CookieValue(request.GetHeader("Cookie"), name);
}

std::string EncodeNotice(std::string_view notice) { return text::PercentEncode(notice); }

std::string DecodeNotice(std::string_view cookie_value) {
  auto decoded = boost::urls::make_pct_string_view(cookie_value);
  if (!decoded) return {};
  return std::string(decoded->decode());
}

void AddAdminHeaders(http::Response& response) {
  response.headers.push_back({"Cache-Control", "no-store"});
  response.headers.push_back({"X-Frame-Options", "DENY"});
  response.headers.push_back({"X-Content-Type-Options", "nosniff"});
  response.headers.push_back({"Referrer-Policy", "same-origin"});
  response.headers.push_back(
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"});
}

}  // namespace samizdat::web::admin
