// Admin cookies and security headers.
#include "web/admin/session_cookie.h"

#include <boost/url/decode_view.hpp>

#include "text/escape.h"
#include "web/admin/forms.h"

namespace samizdat::web::admin {

namespace {

constexpr std::string_view kHostPrefix = "__Host-";

}  // namespace

std::string Origin(const http::Request& request) {
  return std::string(request.secure ? "https://" : "http://") + request.host;
}

std::string AdminCookie(const http::Request& request, std::string_view name, std::string_view value,
                        std::chrono::seconds max_age) {
  std::string cookie = request.secure
                           ? std::string(kHostPrefix) + std::string(name) + "=" +
                                 std::string(value) + "; Path=/; Secure"
                           : std::string(name) + "=" + std::string(value) + "; Path=/admin";
  cookie += "; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age.count());
  return cookie;
}

std::optional<std::string> AdminCookieValue(const http::Request& request, std::string_view name) {
  const std::string_view header = request.GetHeader("Cookie");
  if (!request.secure) return CookieValue(header, name);
  return CookieValue(header, std::string(kHostPrefix) + std::string(name));
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
