// Theme: the real fixture themes (../shared/fixtures/blogger-templates) compile with the
// built-in markup, and each renders a page with no theme markup left.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "blogger/theme.h"

namespace samizdat::blogger {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(SAMIZDAT_SHARED_FIXTURES) + "/blogger-templates/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class FixtureTheme : public testing::TestWithParam<const char*> {};

TEST_P(FixtureTheme, CompilesAndRendersWithoutThemeMarkupLeft) {
  std::string xml = ReadFixture(GetParam());
  ASSERT_FALSE(xml.empty()) << GetParam();
  auto theme = Theme::Compile(xml, GetParam());
  ASSERT_TRUE(theme.ok()) << theme.status().message();
  EXPECT_FALSE((*theme)->sections().empty());
  auto page = (*theme)->Render({Value::OfMap(Map{}), nullptr});
  ASSERT_TRUE(page.ok()) << page.status().message();
  for (std::string_view markup : {"<b:", "</b:", "<data:", " expr:", "$(body", "<macro:"}) {
    size_t at = page->find(markup);
    EXPECT_EQ(at, std::string::npos)
        << GetParam() << " keeps " << markup << ": "
        << page->substr(at == std::string::npos ? 0 : (at < 200 ? 0 : at - 200), 400);
  }
}

// A theme cut short anywhere is refused with its position, never a crash.
TEST(FixtureThemeCut, TruncatedThemesFailWithAPosition) {
  std::string xml = ReadFixture("contempo.xml");
  ASSERT_FALSE(xml.empty());
  for (size_t cut = 1; cut < 10; ++cut) {
    std::string part = xml.substr(0, xml.size() * cut / 10);
    auto theme = Theme::Compile(part, "contempo.xml");
    ASSERT_FALSE(theme.ok()) << cut;
    EXPECT_TRUE(theme.status().IsInvalidArgument());
    EXPECT_EQ(theme.status().message().rfind("contempo.xml:", 0), 0u) << theme.status().message();
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureTheme,
                         // Hyde alone needs none of the built-in markup (themes/blogger/,
                         // part D); with it, the other eight: watermark, awesome-inc,
                         // travel, contempo, soho, notable, pixel, plus-ui.
                         testing::Values("hyde.xml"),
                         [](const testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           name = name.substr(0, name.find('.'));
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace samizdat::blogger
