// The admin's cookies and the headers every admin answer carries.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.h"

namespace samizdat::web::admin {

inline constexpr std::string_view kSessionCookie = "samizdat_session";
// The notice of the last redirect ("Saved."), shown once by the next page.
inline constexpr std::string_view kNoticeCookie = "samizdat_notice";
// The browser's device token (auth/device_token.h): where an account signed in before.
inline constexpr std::string_view kDeviceCookie = "samizdat_device";

// Whether the browser talks to us over TLS: directly never (the server speaks plain
// HTTP), behind a proxy that says so with X-Forwarded-Proto: https.
bool OverTls(const http::Request& request);
// "http://HOST" or "https://HOST" (by OverTls): where the blog's own links point.
std::string Origin(const http::Request& request);

// A Set-Cookie value for an /admin cookie: HttpOnly, SameSite=Lax, Secure over TLS;
// kept `max_age` (0: removed).
std::string AdminCookie(const http::Request& request, std::string_view name, std::string_view value,
                        std::chrono::seconds max_age);

// The value of the request's admin cookie `name`; nullopt when it has none.
std::optional<std::string> AdminCookieValue(const http::Request& request, std::string_view name);

// The notice as a cookie value (percent-encoded) and back.
std::string EncodeNotice(std::string_view notice);
std::string DecodeNotice(std::string_view cookie_value);

// Headers of every admin answer but static files: not cached, not framed, no foreign
// script (Content-Security-Policy), no sniffing, no referrer to other sites.
void AddAdminHeaders(http::Response& response);

}  // namespace samizdat::web::admin
