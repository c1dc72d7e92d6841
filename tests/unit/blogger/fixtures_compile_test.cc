// The nine real Blogger themes of ../shared/fixtures/blogger-templates compile with
// samizdat's built-in markup (themes/blogger/: every Blogger includable they call but do
// not define is there), and each lists its sections and their widgets in file order, as
// the Layout page and the renderer see them.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "blogger/theme.h"

namespace samizdat::blogger {
namespace {

struct ExpectedSection {
  std::string id;
  std::vector<std::string> widgets;  // ids, in file order
};

struct Fixture {
  std::string file;
  std::vector<ExpectedSection> sections;  // the sections holding widgets, in file order
};

std::string ReadFixture(const std::string& file) {
  std::ifstream in(std::string(SAMIZDAT_SHARED_FIXTURES) + "/blogger-templates/" + file,
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The sections with widgets, as the compiled theme lists them.
std::vector<ExpectedSection> Listed(const Theme& theme) {
  std::vector<ExpectedSection> listed;
  for (const SectionInfo& section : theme.sections()) {
    if (section.widgets.empty()) continue;
    ExpectedSection s{section.id, {}};
    for (const WidgetInfo& widget : section.widgets) s.widgets.push_back(widget.id);
    listed.push_back(std::move(s));
  }
  return listed;
}

std::string Describe(const std::vector<ExpectedSection>& sections) {
  std::string out;
  for (const auto& section : sections) {
    out += section.id + ":";
    for (const auto& widget : section.widgets) out += " " + widget;
    out += "\n";
  }
  return out;
}

// The designer-era themes (Watermark, Awesome Inc., Travel) build their sidebar and
// footer sections with macro:include and fill them with b:section-contents: their
// sections come in the order of the page the macros make.
std::vector<Fixture> Fixtures() {
  return {
      {"watermark.xml",
       {{"navbar", {"Navbar1"}},
        {"header", {"Header1"}},
        {"main", {"Blog1", "FeaturedPost1", "PopularPosts1"}},
        {"sidebar-right-1", {"BlogSearch1", "PageList1", "AdSense1", "AdSense2", "ReportAbuse1"}},
        {"sidebar-right-2-1", {"Profile1"}},
        {"sidebar-right-2-2", {"BlogArchive1"}},
        {"sidebar-right-3", {"Label1"}},
        {"footer-3", {"Attribution1"}}}},
      {"awesome-inc.xml",
       {{"navbar", {"Navbar1"}},
        {"header", {"Header1"}},
        {"main", {"Blog1", "FeaturedPost1", "PopularPosts1"}},
        {"sidebar-right-1", {"BlogSearch1", "PageList1", "AdSense1", "AdSense2", "ReportAbuse1"}},
        {"sidebar-right-2-1", {"Profile1"}},
        {"sidebar-right-2-2", {"BlogArchive1"}},
        {"sidebar-right-3", {"Label1"}},
        {"footer-3", {"Attribution1"}}}},
      {"travel.xml",
       {{"navbar", {"Navbar1"}},
        {"header", {"Header1"}},
        {"main", {"Blog1", "FeaturedPost1", "PopularPosts1"}},
        {"sidebar-right-1", {"BlogSearch1", "FollowByEmail1", "PageList1", "AdSense1"}},
        {"sidebar-right-2-1", {"ReportAbuse1"}},
        {"sidebar-right-2-2", {"Profile1"}},
        {"sidebar-right-3", {"AdSense2"}},
        {"footer-3", {"Attribution1"}}}},
      {"contempo.xml",
       {{"search_top", {"BlogSearch1"}},
        {"header", {"Header1"}},
        {"page_list_top", {"PageList1"}},
        {"ads", {"AdSense1", "AdSense2"}},
        {"page_body", {"FeaturedPost1", "Blog1", "PopularPosts1"}},
        {"footer", {"Attribution1"}},
        {"sidebar_top", {"Profile1"}},
        {"sidebar_bottom", {"BlogArchive1", "Label1", "ReportAbuse1"}}}},
      {"soho.xml",
       {{"search_top", {"BlogSearch1"}},
        {"header", {"Header1"}},
        {"page_list_top", {"PageList1"}},
        {"page_body", {"FeaturedPost1", "AdSense1", "Blog1", "PopularPosts1"}},
        {"footer", {"Attribution1"}},
        {"sidebar", {"Profile1", "BlogArchive1", "Label1", "ReportAbuse1", "AdSense2"}}}},
      {"notable.xml",
       {{"header", {"Header1"}},
        {"search_top", {"BlogSearch1"}},
        {"page_list_top", {"PageList1"}},
        {"page_body", {"FeaturedPost1", "Blog1", "PopularPosts1"}},
        {"sidebar", {"Profile1", "BlogArchive1", "Label1", "ReportAbuse1", "AdSense1", "AdSense2"}},
        {"footer", {"Attribution1"}}}},
      {"hyde.xml", {{"site", {"Blog1"}}}},
      {"pixel.xml",
       {{"option", {"HTML997"}},
        {"naver-pixel", {"HTML996"}},
        {"Postwidegt1", {"HTML999"}},
        {"Postwidegt2", {"LinkList999"}},
        {"header social widget", {"LinkList998"}},
        {"pixel-top-menu", {"LinkList997"}},
        {"pixel-wide", {"Header1"}},
        {"pixel-menu", {"LinkList996"}},
        {"featured", {"HTML998"}},
        {"pixel-advert-1", {"HTML994"}},
        {"customwidget", {"HTML993", "HTML992"}},
        {"pixel-advert-2", {"HTML991"}},
        {"main", {"Blog1", "HTML990", "HTML989"}},
        {"pixel-advert-3", {"HTML988"}},
        {"sidebar(1)", {"Attribution1", "HTML2", "Navbar1"}},
        {"tabside1", {"HTML987"}},
        {"tabside2", {"PopularPosts1"}},
        {"tabside3", {"HTML986"}},
        {"sidebar(2)", {"BlogArchive1", "FeaturedPost1", "HTML3", "Label1"}},
        {"Footer widget(1)", {"Profile1", "FollowByEmail1", "Label3"}},
        {"Footer widget(2)", {"HTML4"}},
        {"Footer widget(3)", {"ContactForm1"}}}},
      {"plus-ui.xml",
       {{"sec_Maintenance", {"LinkList01"}},
        {"sec_Header_Title", {"Header01"}},
        {"sec_Header_Search", {"BlogSearch01"}},
        {"sec_Header_Icon", {"TextList01", "Profile01", "LinkList02", "LinkList03"}},
        {"sec_Nav_Widgets_1", {"HTML01", "PageList01"}},
        {"sec_Nav_Widgets_2", {"PageList02", "LinkList04"}},
        {"sec_Under_Header", {"LinkList05", "LinkList06", "LinkList07"}},
        {"sec_Horizontal-Ad", {"LinkList81"}},
        {"sec_Carousel",
         {"Image01", "Image02", "Image03", "Image04", "Image05", "Image06", "Image07", "Image08",
          "Image09", "Image10"}},
        {"sec_Top_Widgets", {"LinkList82", "FeaturedPost01"}},
        {"sec_Main_Widgets", {"LinkList83", "Blog01", "LinkList08", "LinkList84", "HTML11"}},
        {"sec_Bottom_Widgets", {"LinkList85"}},
        {"sec_Side_Widgets", {"PopularPosts01", "Label01"}},
        {"sec_Side_Sticky", {"LinkList86"}},
        {"sec_Error_404", {"HTML404"}},
        {"sec_Footer_Organization", {"Image21", "LinkList21"}},
        {"sec_Footer_Widgets", {"LinkList22", "LinkList23", "LinkList24", "LinkList25"}},
        {"sec_Footer_Bottom", {"HTML21"}},
        {"sec_Mobile_Menu", {"TextList99"}},
        {"sec_Anchor_Ad", {"LinkList87"}},
        {"sec_Theme_Hidden", {"Label41", "ContactForm41", "Stats41"}},
        {"sec_Addon_Widgets",
         {"LinkList61", "LinkList62", "LinkList63", "HTML61", "LinkList64", "Image61"}}}},
  };
}

class FixtureCompileTest : public ::testing::TestWithParam<Fixture> {};

TEST_P(FixtureCompileTest, CompilesAndListsItsSectionsAndWidgetsInFileOrder) {
  const Fixture& fixture = GetParam();
  const std::string xml = ReadFixture(fixture.file);
  ASSERT_FALSE(xml.empty()) << fixture.file << " not found in " << SAMIZDAT_SHARED_FIXTURES;
  auto theme = Theme::Compile(xml, fixture.file);
  ASSERT_TRUE(theme.ok()) << theme.status().message();
  EXPECT_EQ(Describe(Listed(**theme)), Describe(fixture.sections));
}

INSTANTIATE_TEST_SUITE_P(NineThemes, FixtureCompileTest, ::testing::ValuesIn(Fixtures()),
                         [](const ::testing::TestParamInfo<Fixture>& info) {
                           std::string name;
                           for (char c : info.param.file.substr(0, info.param.file.find('.')))
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

// What the Layout page shows of a widget: its type, title and settings as written.
TEST(FixtureCompileTest, ContempoKeepsEachWidgetsTypeTitleAndSettings) {
  auto theme = Theme::Compile(ReadFixture("contempo.xml"), "contempo.xml");
  ASSERT_TRUE(theme.ok()) << theme.status().message();
  const WidgetInfo* blog = nullptr;
  const WidgetInfo* search = nullptr;
  for (const SectionInfo& section : (*theme)->sections()) {
    for (const WidgetInfo& widget : section.widgets) {
      if (widget.id == "Blog1") blog = &widget;
      if (widget.id == "BlogSearch1") search = &widget;
    }
  }
  ASSERT_NE(blog, nullptr);
  ASSERT_NE(search, nullptr);
  EXPECT_EQ(blog->type, "Blog");
  EXPECT_EQ(blog->section_id, "page_body");
  EXPECT_EQ(search->title, "Search This Blog");
  ASSERT_FALSE(blog->settings.empty());
  EXPECT_EQ(blog->settings.front(),
            (std::pair<std::string, std::string>{"showDateHeader", "false"}));
  EXPECT_EQ(blog->settings.size(), 22u);
}

}  // namespace
}  // namespace samizdat::blogger

namespace samizdat::blogger {
namespace {

std::string RenderFixture(const Theme& theme, std::string_view direction) {
  Map blog{{"languageDirection", Value::String(std::string(direction))},
           {"samizdatHead", Value::Html("<meta name='samizdat-head'>")}};
  auto page = theme.Render({Value::OfMap(Map{{"blog", Value::OfMap(std::move(blog))}}), nullptr});
  EXPECT_TRUE(page.ok()) << page.status().message();
  return page.ok() ? *page : "";
}

size_t Count(std::string_view page, std::string_view what) {
  size_t n = 0;
  for (size_t at = page.find(what); at != std::string_view::npos; at = page.find(what, at + 1)) ++n;
  return n;
}

// Blogger's skin variables ($startSide, $(endSide), Pixel's $maincolor) are all
// substituted, the sides swapped on a right-to-left blog; every theme's <head> has
// samizdat's head content once, whether it includes all-head-content (seven) or not
// (Hyde, Plus UI).
TEST_P(FixtureCompileTest, RendersItsSkinAndHeadContent) {
  const Fixture& fixture = GetParam();
  auto theme = Theme::Compile(ReadFixture(fixture.file), fixture.file);
  ASSERT_TRUE(theme.ok()) << theme.status().message();
  const std::string ltr = RenderFixture(**theme, "ltr");
  const std::string rtl = RenderFixture(**theme, "rtl");
  for (std::string_view left :
       {"$startSide", "$endSide", "$(startSide)", "$(endSide)", "$maincolor"}) {
    EXPECT_EQ(ltr.find(left), std::string::npos) << left;
    EXPECT_EQ(rtl.find(left), std::string::npos) << left;
  }
  EXPECT_EQ(Count(ltr, "<meta name='samizdat-head'>"), 1u);
  const size_t head = ltr.find("<head");
  EXPECT_LT(head, ltr.find("<meta name='samizdat-head'>"));
  EXPECT_LT(ltr.find("<meta name='samizdat-head'>"), ltr.find("</head>"));
  if (fixture.file == "contempo.xml") {
    EXPECT_NE(ltr.find(".post-share-buttons-bottom{\nmargin-right:24px"), std::string::npos);
    EXPECT_NE(rtl.find(".post-share-buttons-bottom{\nmargin-left:24px"), std::string::npos);
  }
}

}  // namespace
}  // namespace samizdat::blogger
