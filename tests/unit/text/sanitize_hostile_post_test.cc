// Every hostile comment body of tests/fixtures/hostile_comments.json, sanitized as a post
// body (the permissive policy), leaves nothing that can run: no script, no event handler,
// no javascript: URL, no frame but a provider's player, no style that loads anything.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "test_inputs.h"
#include "text/sanitize.h"

namespace samizdat::text {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// The output's tags. Text escapes '<' and '>', and attribute values are double-quoted with
// '"', '<' and '>' escaped, so every '<' ... '>' span is one tag.
std::vector<std::string> Tags(const std::string& html) {
  std::vector<std::string> tags;
  for (std::size_t open = html.find('<'); open != std::string::npos;
       open = html.find('<', open + 1)) {
    tags.push_back(Lower(html.substr(open, html.find('>', open) - open + 1)));
  }
  return tags;
}

TEST(SanitizeHtml, HostileBodiesLeaveNothingDangerousInAPost) {
  const std::vector<std::string> bodies = testing::HostileBodies();
  ASSERT_GT(bodies.size(), 500u);
  const std::regex attribute(R"re(\s([^\s=>]+)(="([^"]*)")?)re");
  const std::regex player(
      R"re(^https://(www\.youtube\.com|www\.youtube-nocookie\.com|player\.vimeo\.com|)re"
      R"re(www\.google\.com|open\.spotify\.com|w\.soundcloud\.com|bandcamp\.com|archive\.org)/)re");
  int iframes = 0;
  for (const std::string& body : bodies) {
    const std::string out = SanitizeHtml(body, SanitizePolicy::kPostBody);
    EXPECT_EQ(SanitizeHtml(out, SanitizePolicy::kPostBody), out) << body;
    for (const std::string& tag : Tags(out)) {
      EXPECT_FALSE(tag.starts_with("<script") || tag.starts_with("<svg") ||
                   tag.starts_with("<math") || tag.starts_with("<object") ||
                   tag.starts_with("<embed") || tag.starts_with("<style") ||
                   tag.starts_with("<meta") || tag.starts_with("<base") || tag.starts_with("<form"))
          << body << "\n -> " << out;
      const bool iframe = tag.starts_with("<iframe");
      iframes += iframe;
      for (auto it = std::sregex_iterator(tag.begin(), tag.end(), attribute);
           it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[1];
        const std::string value = (*it)[3];
        EXPECT_FALSE(name.starts_with("on")) << body << "\n -> " << out;
        EXPECT_EQ(value.find("javascript:"), std::string::npos) << body << "\n -> " << out;
        EXPECT_EQ(value.find("vbscript:"), std::string::npos) << body << "\n -> " << out;
        EXPECT_FALSE(value.starts_with("data:")) << body << "\n -> " << out;
        if (name == "style") {
          EXPECT_EQ(value.find("url("), std::string::npos) << body << "\n -> " << out;
          EXPECT_EQ(value.find("expression"), std::string::npos) << body << "\n -> " << out;
        }
        if (iframe && name == "src") {
          EXPECT_TRUE(std::regex_search(value, player)) << body << "\n -> " << out;
        }
        if (iframe && name == "sandbox") {
          EXPECT_EQ(value, "allow-scripts allow-same-origin allow-popups allow-presentation");
        }
      }
    }
  }
  std::printf("%zu hostile bodies, %d iframes kept\n", bodies.size(), iframes);
}

}  // namespace
}  // namespace samizdat::text
