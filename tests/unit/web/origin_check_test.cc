// FromOwnOrigin: Origin first, then Sec-Fetch-Site, then Referer; the blog's origin as
// the client sees it (scheme by request.secure, default ports dropped, case ignored).
#include "web/origin_check.h"

#include <gtest/gtest.h>

namespace samizdat::web {
namespace {

http::Request Post(std::vector<http::Header> headers, std::string host = "blog.test",
                   bool secure = false) {
  http::Request request;
  request.method = "POST";
  request.host = std::move(host);
  request.secure = secure;
  request.headers = std::move(headers);
  return request;
}

TEST(OriginCheckTest, OwnOriginIsNormalized) {
  EXPECT_EQ(OwnOrigin(Post({}, "Blog.Test:80")), "http://blog.test");
  EXPECT_EQ(OwnOrigin(Post({}, "blog.test:443", true)), "https://blog.test");
  EXPECT_EQ(OwnOrigin(Post({}, "127.0.0.1:8080")), "http://127.0.0.1:8080");
  EXPECT_EQ(OwnOrigin(Post({}, "[::1]:8080")), "http://[::1]:8080");
}

TEST(OriginCheckTest, OriginDecidesWhenPresent) {
  EXPECT_TRUE(FromOwnOrigin(Post({{"Origin", "http://blog.test"}})));
  EXPECT_TRUE(FromOwnOrigin(Post({{"Origin", "HTTP://BLOG.TEST:80"}})));
  EXPECT_TRUE(FromOwnOrigin(Post({{"Origin", "https://blog.test"}}, "blog.test", true)));
  for (const char* foreign :
       {"http://evil.example", "null", "https://blog.test", "http://blog.test:8080",
        "http://blog.test.evil.example", "file://", "not a url"}) {
    EXPECT_FALSE(FromOwnOrigin(Post({{"Origin", foreign}}))) << foreign;
  }
  // Origin wins over a Sec-Fetch-Site or Referer that would pass.
  EXPECT_FALSE(FromOwnOrigin(Post({{"Origin", "http://evil.example"},
                                   {"Sec-Fetch-Site", "same-origin"},
                                   {"Referer", "http://blog.test/"}})));
}

TEST(OriginCheckTest, SecFetchSiteThenReferer) {
  EXPECT_TRUE(FromOwnOrigin(Post({{"Sec-Fetch-Site", "same-origin"}})));
  EXPECT_TRUE(FromOwnOrigin(Post({{"Sec-Fetch-Site", "none"}})));
  EXPECT_FALSE(FromOwnOrigin(Post({{"Sec-Fetch-Site", "same-site"}})));
  EXPECT_FALSE(FromOwnOrigin(Post({{"Sec-Fetch-Site", "cross-site"}})));
  EXPECT_TRUE(FromOwnOrigin(Post({{"Referer", "http://blog.test/2024/01/a.html?x#y"}})));
  EXPECT_FALSE(FromOwnOrigin(Post({{"Referer", "http://evil.example/blog.test"}})));
  EXPECT_FALSE(FromOwnOrigin(Post({{"Referer", "https://blog.test/"}})));
  EXPECT_TRUE(FromOwnOrigin(Post({})));  // nothing said: the token decides
}

}  // namespace
}  // namespace samizdat::web
