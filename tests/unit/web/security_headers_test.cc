// SecurityHeaders: which set each kind of answer gets, the page policy's frame-src from
// the embed providers, and a theme's additions (merged, or refused naming the line).
#include "web/security_headers.h"

#include <gtest/gtest.h>

#include <string>

#include "text/embed_providers.h"

namespace samizdat::web {
namespace {

// The value of `name` among the response's own and shared headers ("" when absent).
std::string HeaderOf(const http::Response& response, std::string_view name) {
  for (const auto* list : {&response.headers, response.shared_headers.get()}) {
    if (list == nullptr) continue;
    for (const http::Header& header : *list) {
      if (header.name == name) return header.value;
    }
  }
  return "";
}

http::Response Answer(int status, std::string content_type) {
  return http::Response::Text(status, "x", std::move(content_type));
}

SecurityHeaders Make(std::string_view additions = {}, bool hsts = true) {
  auto made = SecurityHeaders::Make(additions, hsts);
  EXPECT_TRUE(made.ok()) << made.status().message();
  return *made;
}

TEST(SecurityHeadersTest, PagesGetThePagePolicyWithEveryEmbedProvider) {
  const SecurityHeaders headers = Make();
  http::Request request;
  http::Response page = Answer(404, "text/html; charset=utf-8");
  headers.Add(&request, page);
  EXPECT_EQ(HeaderOf(page, "Content-Security-Policy"), headers.page_policy());
  EXPECT_EQ(HeaderOf(page, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(page, "Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_EQ(HeaderOf(page, "Strict-Transport-Security"), "");
  ASSERT_FALSE(text::EmbedOrigins().empty());
  for (const std::string& origin : text::EmbedOrigins()) {
    EXPECT_NE(headers.page_policy().find(" " + origin), std::string::npos) << origin;
  }
  EXPECT_EQ(headers.page_policy().find("script-src"), std::string::npos);
}

TEST(SecurityHeadersTest, OtherAnswersAdminAnswersAnd304s) {
  const SecurityHeaders headers = Make();
  http::Request secure;
  secure.secure = true;
  http::Response feed = Answer(200, "application/atom+xml");
  headers.Add(&secure, feed);
  EXPECT_EQ(HeaderOf(feed, "Content-Security-Policy"),
            "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  EXPECT_EQ(HeaderOf(feed, "Strict-Transport-Security"), "max-age=31536000");

  http::Response admin = Answer(200, "text/html");
  admin.headers.push_back({"Content-Security-Policy", "default-src 'none'; script-src 'self'"});
  headers.Add(&secure, admin);
  EXPECT_EQ(HeaderOf(admin, "Content-Security-Policy"), "default-src 'none'; script-src 'self'");
  EXPECT_EQ(HeaderOf(admin, "Strict-Transport-Security"), "max-age=31536000");

  http::Response not_modified;
  not_modified.status = 304;
  headers.Add(&secure, not_modified);
  EXPECT_EQ(HeaderOf(not_modified, "Content-Security-Policy"), "");
  EXPECT_EQ(HeaderOf(not_modified, "X-Content-Type-Options"), "nosniff");

  http::Response unread = Answer(400, "text/plain");
  headers.Add(nullptr, unread);  // the server's own answer to a head it could not read
  EXPECT_EQ(HeaderOf(unread, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(unread, "Strict-Transport-Security"), "");
}

TEST(SecurityHeadersTest, HstsOnlyWhenAskedFor) {
  const SecurityHeaders headers = Make({}, /*hsts=*/false);
  http::Request secure;
  secure.secure = true;
  http::Response page = Answer(200, "text/html");
  headers.Add(&secure, page);
  EXPECT_EQ(HeaderOf(page, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(page, "Strict-Transport-Security"), "");
  http::Response admin = Answer(200, "text/html");
  admin.headers.push_back({"Content-Security-Policy", "default-src 'none'"});
  headers.Add(&secure, admin);
  EXPECT_EQ(HeaderOf(admin, "Strict-Transport-Security"), "");
}

TEST(SecurityHeadersTest, AThemeAddsSources) {
  const SecurityHeaders headers = Make(
      "# The theme's analytics and fonts\n"
      "script-src https://stats.example 'sha256-abc='\n"
      "\n"
      "font-src https://fonts.example   # its web fonts\n"
      "frame-src https://www.youtube.com https://embed.example\n"
      "STYLE-SRC https://fonts.example\n");
  const std::string& policy = headers.page_policy();
  EXPECT_NE(policy.find("script-src https://stats.example 'sha256-abc='"), std::string::npos);
  EXPECT_NE(policy.find("font-src https://fonts.example"), std::string::npos);
  EXPECT_NE(policy.find("style-src 'self' 'unsafe-inline' https://fonts.example"),
            std::string::npos);
  EXPECT_NE(policy.find("https://www.archive.org https://embed.example;"), std::string::npos);
  EXPECT_EQ(policy.find("https://www.youtube.com https://www.youtube.com"), std::string::npos);
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos);
}

TEST(SecurityHeadersTest, AThemesBadLineIsRefusedByNumber) {
  for (const auto& [text, phrase] : std::vector<std::pair<std::string, std::string>>{
           {"frame-ancestors *\n", "line 1: \"frame-ancestors\" is not a directive"},
           {"# ok\nscript-src\n", "line 2: script-src names no source"},
           {"\n\nimg-src https://a.example;default-src *\n", "line 3: \"https://a.example;"},
       }) {
    auto made = SecurityHeaders::Make(text);
    ASSERT_FALSE(made.ok()) << text;
    EXPECT_NE(made.status().message().find(phrase), std::string::npos) << made.status().message();
    EXPECT_NE(made.status().message().find("content-security-policy.txt"), std::string::npos);
  }
}

}  // namespace
}  // namespace samizdat::web
