// The admin's cookies and the headers every admin answer carries.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.h"

namespace samizdat::web::admin {

// Base names of the admin's cookies; over HTTPS they carry the __Host- prefix (AdminCookie).
inline constexpr std::string_view kSessionCookie = "samizdat_session";
// The notice of the last redirect ("Saved."), shown once by the next page.
inline constexpr std::string_view kNoticeCookie = "samizdat_notice";
// The browser's device token (auth/device_token.h): where an account signed in before.
inline constexpr std::string_view kDeviceCookie = "samizdat_device";

// "http://HOST" or "https://HOST" (by request.secure): the blog's own origin as the
// client sees it, where the blog's own links point.
std::string Origin(const http::Request& request);

// A Set-Cookie value for the admin's cookie `name` (a base name as above): HttpOnly,
// SameSite=Lax, kept `max_age` (0: removed). Over HTTPS (request.secure) it is
// "__Host-NAME" with Secure and Path=/ (the prefix requires both, and no Domain); over
// plain HTTP "NAME" with Path=/admin.
std::string AdminCookie(const http::Request& request, std::string_view name, std::string_view value,
                        std::chrono::seconds max_age);
// The value of the cookie AdminCookie sets for base name `name` on this request (the
// __Host- one over HTTPS, the plain one over HTTP); nullopt when the request has none.
std::optional<std::string> AdminCookieValue(const http::Request& request, std::string_view name);

// The notice as a cookie value (percent-encoded) and back.
std::string EncodeNotice(std::string_view notice);
std::string DecodeNotice(std::string_view cookie_value);

// Headers of every admin answer but static files: not cached, not framed, no foreign
// script (Content-Security-Policy), no sniffing, no referrer to other sites.
void AddAdminHeaders(http::Response& response);

}  // namespace samizdat::web::admin
