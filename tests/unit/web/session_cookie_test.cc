// AdminCookie and AdminCookieValue: the __Host- prefix, Secure and Path=/ over HTTPS, the
// plain name scoped to /admin over HTTP, and each read only over its own scheme.
#include "web/admin/session_cookie.h"

#include <gtest/gtest.h>

namespace samizdat::web::admin {
namespace {

http::Request Over(bool secure, std::string cookie = "") {
  http::Request request;
  request.secure = secure;
  if (!cookie.empty()) request.headers.push_back({"Cookie", std::move(cookie)});
  return request;
}

TEST(SessionCookieTest, HttpsCookiesCarryTheHostPrefix) {
  EXPECT_EQ(AdminCookie(Over(true), kSessionCookie, "tok", std::chrono::seconds(60)),
            "__Host-samizdat_session=tok; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=60");
  EXPECT_EQ(AdminCookie(Over(false), kNoticeCookie, "Saved.", std::chrono::seconds(0)),
            "samizdat_notice=Saved.; Path=/admin; HttpOnly; SameSite=Lax; Max-Age=0");
}

TEST(SessionCookieTest, EachSchemeReadsItsOwnCookie) {
  const std::string both = "samizdat_session=plain; __Host-samizdat_session=prefixed";
  EXPECT_EQ(AdminCookieValue(Over(true, both), kSessionCookie), "prefixed");
  EXPECT_EQ(AdminCookieValue(Over(false, both), kSessionCookie), "plain");
  // Over HTTPS a plain cookie (which any host or plain-HTTP page could have set) is not read.
  EXPECT_EQ(AdminCookieValue(Over(true, "samizdat_session=plain"), kSessionCookie), std::nullopt);
  EXPECT_EQ(AdminCookieValue(Over(false, "__Host-samizdat_session=x"), kSessionCookie),
            std::nullopt);
  EXPECT_EQ(AdminCookieValue(Over(true), kNoticeCookie), std::nullopt);
}

}  // namespace
}  // namespace samizdat::web::admin
