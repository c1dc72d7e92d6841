// Layout: reading a theme's sections and widgets, each change the Layout page makes,
// the rest of the document unchanged (compared as canonical XML), and refusals that
// change nothing.
#include "blogger/layout.h"

#include <gtest/gtest.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace samizdat::blogger {
namespace {

constexpr std::string_view kTheme = R"(<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE html>
<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data'>
  <head><title><data:blog.pageTitle/></title></head>
  <body>
    <b:section id='header' maxwidgets='1' name='Header' showaddelement='no'>
      <b:widget id='Header1' locked='true' title='My blog' type='Header' visible='true'/>
    </b:section>
    <b:section id='main' name='Main' showaddelement='no'>
      <b:widget id='Blog1' locked='true' title='Blog Posts' type='Blog' visible='true'>
        <b:widget-settings>
          <b:widget-setting name='showDateHeader'>true</b:widget-setting>
        </b:widget-settings>
      </b:widget>
    </b:section>
    <b:section id='sidebar' name='Sidebar' preferred='yes'>
      <b:widget id='HTML1' locked='false' title='About' type='HTML' visible='true'>
        <b:widget-settings>
          <b:widget-setting name='content'><![CDATA[<p>Hello & welcome</p>]]></b:widget-setting>
        </b:widget-settings>
        <b:includable id='main'><data:content/></b:includable>
      </b:widget>
      <b:widget id='LinkList1' locked='false' title='Links' type='LinkList' visible='true'>
        <b:widget-settings>
          <b:widget-setting name='sorting'>NONE</b:widget-setting>
          <b:widget-setting name='text-0'>Home</b:widget-setting>
          <b:widget-setting name='link-0'>/</b:widget-setting>
        </b:widget-settings>
      </b:widget>
      <b:widget id='Label1' locked='false' title='Labels' type='Label'/>
    </b:section>
    <b:section id='empty' name='Empty'>
    </b:section>
    <macro:includable id='sections' var='col'>
      <b:section mexpr:id='data:col.idPrefix + &quot;-1&quot;'/>
    </macro:includable>
    <b:section-contents id='footer-1'>
      <b:widget id='Attribution1' locked='true' title='' type='Attribution' visible='true'/>
    </b:section-contents>
    <p>&#169; 2026</p>
  </body>
</html>
)";

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(SAMIZDAT_SHARED_FIXTURES) + "/blogger-templates/" + name,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Layout Parsed(std::string_view xml) {
  auto layout = Layout::Parse(xml, "theme.xml");
  EXPECT_TRUE(layout.ok()) << layout.status().message();
  return std::move(*layout);
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// `xml` as canonical XML (C14N: one spelling of the same tree), with widget `strip` and
// the indentation before it taken out first when given.
std::string Canonical(std::string_view xml, std::string_view strip = "") {
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "theme.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (doc == nullptr) return "(not well formed)";
  if (!strip.empty()) {
    std::vector<xmlNode*> stack = {xmlDocGetRootElement(doc.get())};
    while (!stack.empty()) {
      xmlNode* node = stack.back();
      stack.pop_back();
      xmlChar* id = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>("id"));
      const bool match = id != nullptr &&
                         std::string_view(reinterpret_cast<const char*>(node->name)) == "widget" &&
                         std::string_view(reinterpret_cast<const char*>(id)) == strip;
      xmlFree(id);
      if (match) {
        if (node->prev != nullptr && xmlIsBlankNode(node->prev)) {
          xmlNode* blank = node->prev;
          xmlUnlinkNode(blank);
          xmlFreeNode(blank);
        }
        xmlUnlinkNode(node);
        xmlFreeNode(node);
        break;
      }
      for (xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) stack.push_back(child);
      }
    }
  }
  xmlChar* out = nullptr;
  const int size = xmlC14NDocDumpMemory(doc.get(), nullptr, XML_C14N_1_0, nullptr, 1, &out);
  if (size < 0) return "(no canonical form)";
  std::string text(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return text;
}

std::vector<std::string> WidgetIds(const Layout& layout, std::string_view section_id) {
  for (const LayoutSection& section : layout.Sections()) {
    if (section.id != section_id) continue;
    std::vector<std::string> ids;
    for (const LayoutWidget& widget : section.widgets) ids.push_back(widget.id);
    return ids;
  }
  return {"(no such section)"};
}

const LayoutWidget* Widget(const std::vector<LayoutSection>& sections, std::string_view id) {
  for (const LayoutSection& section : sections) {
    for (const LayoutWidget& widget : section.widgets) {
      if (widget.id == id) return &widget;
    }
  }
  return nullptr;
}

TEST(LayoutTest, ReadsSectionsAndTheirWidgetsInOrder) {
  const Layout layout = Parsed(kTheme);
  const std::vector<LayoutSection> sections = layout.Sections();
  ASSERT_EQ(sections.size(), 5u);  // the macro's b:section, with no literal id, is none
  EXPECT_EQ(sections[0].id, "header");
  EXPECT_EQ(sections[0].name, "Header");
  EXPECT_EQ(sections[0].max_widgets, 1);
  EXPECT_FALSE(sections[0].takes_new);
  EXPECT_EQ(sections[2].id, "sidebar");
  EXPECT_EQ(sections[2].max_widgets, 0);
  EXPECT_TRUE(sections[2].takes_new);
  EXPECT_EQ(WidgetIds(layout, "sidebar"),
            (std::vector<std::string>{"HTML1", "LinkList1", "Label1"}));
  // A designer-era theme's widgets sit in b:section-contents, named by its id.
  EXPECT_EQ(sections[4].id, "footer-1");
  EXPECT_EQ(sections[4].name, "footer-1");
  EXPECT_EQ(WidgetIds(layout, "footer-1"), (std::vector<std::string>{"Attribution1"}));

  const LayoutWidget& html = sections[2].widgets[0];
  EXPECT_EQ(html.type, "HTML");
  EXPECT_EQ(html.title, "About");
  EXPECT_FALSE(html.locked);
  EXPECT_TRUE(html.visible);
  EXPECT_EQ(html.settings, (WidgetSettings{{"content", "<p>Hello & welcome</p>"}}));
  EXPECT_TRUE(sections[1].widgets[0].locked);
  EXPECT_TRUE(sections[2].widgets[2].visible);  // no visible attribute: shown
}

TEST(LayoutTest, EveryFixtureThemeComesBackUnchangedWithAllItsWidgets) {
  for (const char* name : {"watermark.xml", "awesome-inc.xml", "travel.xml", "contempo.xml",
                           "soho.xml", "notable.xml", "hyde.xml", "pixel.xml", "plus-ui.xml"}) {
    SCOPED_TRACE(name);
    const std::string xml = ReadFixture(name);
    ASSERT_FALSE(xml.empty());
    const Layout layout = Parsed(xml);
    const std::string written = layout.Xml();
    const std::string canonical = Canonical(xml);
    EXPECT_TRUE(canonical.starts_with("<html")) << canonical.substr(0, 100);
    EXPECT_EQ(Canonical(written), canonical);
    EXPECT_TRUE(written.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    // Every b:widget of the file is in a section, in file order.
    std::vector<std::string> in_file;
    for (std::size_t at = xml.find("<b:widget "); at != std::string::npos;
         at = xml.find("<b:widget ", at + 1)) {
      const std::size_t id = xml.find(" id='", at) + 5;
      in_file.push_back(xml.substr(id, xml.find('\'', id) - id));
    }
    std::vector<std::string> in_layout;
    for (const LayoutSection& section : layout.Sections()) {
      for (const LayoutWidget& widget : section.widgets) in_layout.push_back(widget.id);
    }
    EXPECT_EQ(in_layout, in_file);
  }
  // Blogger's own backups' undeclared prefixes are written as they came.
  const std::string watermark = Parsed(ReadFixture("watermark.xml")).Xml();
  EXPECT_NE(watermark.find("<macro:includable id=\"sections\" var=\"col\">"), std::string::npos);
  EXPECT_NE(watermark.find("mexpr:id=\"data:col.idPrefix + &quot;-1&quot;\""), std::string::npos);
}

TEST(LayoutTest, MovesAWidgetWithinItsSection) {
  Layout layout = Parsed(kTheme);
  ASSERT_TRUE(layout.Move("LinkList1", "sidebar", 0).ok());
  EXPECT_EQ(WidgetIds(layout, "sidebar"),
            (std::vector<std::string>{"LinkList1", "HTML1", "Label1"}));
  ASSERT_TRUE(layout.Move("LinkList1", "sidebar", 99).ok());  // past the end: last
  EXPECT_EQ(WidgetIds(layout, "sidebar"),
            (std::vector<std::string>{"HTML1", "Label1", "LinkList1"}));
  const std::string written = layout.Xml();
  EXPECT_EQ(Canonical(written, "LinkList1"), Canonical(kTheme, "LinkList1"));
  // Reread, the widget is whole and where it was put.
  EXPECT_EQ(WidgetIds(Parsed(written), "sidebar"),
            (std::vector<std::string>{"HTML1", "Label1", "LinkList1"}));
  EXPECT_EQ(Widget(Parsed(written).Sections(), "LinkList1")->settings.size(), 3u);
}

TEST(LayoutTest, MovesAWidgetToAnotherSectionLockedOrNot) {
  Layout layout = Parsed(kTheme);
  ASSERT_TRUE(layout.Move("Label1", "footer-1", 0).ok());
  EXPECT_EQ(WidgetIds(layout, "footer-1"), (std::vector<std::string>{"Label1", "Attribution1"}));
  EXPECT_EQ(WidgetIds(layout, "sidebar"), (std::vector<std::string>{"HTML1", "LinkList1"}));
  EXPECT_EQ(Canonical(layout.Xml(), "Label1"), Canonical(kTheme, "Label1"));

  // Blogger lets a locked widget move (not go): into an empty section.
  ASSERT_TRUE(layout.Move("Blog1", "empty", 0).ok());
  EXPECT_EQ(WidgetIds(layout, "empty"), (std::vector<std::string>{"Blog1"}));
  EXPECT_EQ(WidgetIds(layout, "main"), (std::vector<std::string>{}));
  EXPECT_EQ(WidgetIds(Parsed(layout.Xml()), "empty"), (std::vector<std::string>{"Blog1"}));
}

TEST(LayoutTest, RefusesAMoveIntoAFullSectionAndChangesNothing) {
  Layout layout = Parsed(kTheme);
  const std::string before = layout.Xml();
  const Status moved = layout.Move("HTML1", "header", 0);
  EXPECT_TRUE(moved.IsInvalidArgument());
  EXPECT_EQ(moved.message(), "The section 'Header' holds at most 1 gadget and is full.");
  EXPECT_EQ(layout.Xml(), before);
  // Reordering within a full section is no move into it.
  EXPECT_TRUE(layout.Move("Header1", "header", 0).ok());
  EXPECT_EQ(layout.Xml(), before);
}

TEST(LayoutTest, UnknownWidgetsAndSectionsAreNamedInTheError) {
  Layout layout = Parsed(kTheme);
  const std::string before = layout.Xml();
  EXPECT_EQ(layout.Move("Nope1", "sidebar", 0).message(), "The theme has no gadget 'Nope1'.");
  EXPECT_EQ(layout.Move("HTML1", "nowhere", 0).message(), "The theme has no section 'nowhere'.");
  EXPECT_TRUE(layout.SetTitle("Nope1", "x").IsInvalidArgument());
  EXPECT_TRUE(layout.SetVisible("Nope1", false).IsInvalidArgument());
  EXPECT_TRUE(layout.SetSettings("Nope1", {}).IsInvalidArgument());
  EXPECT_TRUE(layout.Remove("Nope1").IsInvalidArgument());
  EXPECT_TRUE(layout.Add("nowhere", "HTML", "", {}).status().IsInvalidArgument());
  EXPECT_EQ(layout.Xml(), before);
}

TEST(LayoutTest, SetsTitleAsTextAndHidesAndShows) {
  Layout layout = Parsed(kTheme);
  ASSERT_TRUE(layout.SetTitle("LinkList1", "Links & \"friends\" <3").ok());
  ASSERT_TRUE(layout.SetVisible("HTML1", false).ok());
  ASSERT_TRUE(layout.SetVisible("Label1", true).ok());  // shown already: left unwritten
  const std::string written = layout.Xml();
  const std::vector<LayoutSection> reread = Parsed(written).Sections();
  EXPECT_EQ(Widget(reread, "LinkList1")->title, "Links & \"friends\" <3");
  EXPECT_FALSE(Widget(reread, "HTML1")->visible);
  EXPECT_NE(written.find("visible=\"false\""), std::string::npos);
  EXPECT_NE(
      written.find("<b:widget id=\"Label1\" locked=\"false\" title=\"Labels\" type=\"Label\"/>"),
      std::string::npos);
  ASSERT_TRUE(layout.SetVisible("HTML1", true).ok());
  EXPECT_TRUE(Widget(Parsed(layout.Xml()).Sections(), "HTML1")->visible);
}

TEST(LayoutTest, SetsSettingsKeepingTheUnchangedOnesAsWritten) {
  Layout layout = Parsed(kTheme);
  ASSERT_TRUE(
      layout
          .SetSettings("LinkList1",
                       {{"sorting", "NONE"}, {"text-0", "Start"}, {"link-1", "/p/about.html"}})
          .ok());
  ASSERT_TRUE(layout.SetSettings("HTML1", {{"content", "<b>Bye</b> & thanks"}}).ok());
  const std::string written = layout.Xml();
  const std::vector<LayoutSection> reread = Parsed(written).Sections();
  EXPECT_EQ(
      Widget(reread, "LinkList1")->settings,
      (WidgetSettings{{"sorting", "NONE"}, {"text-0", "Start"}, {"link-1", "/p/about.html"}}));
  // An HTML gadget's content stays CDATA, as Blogger writes it.
  EXPECT_NE(written.find("<![CDATA[<b>Bye</b> & thanks]]>"), std::string::npos);
  EXPECT_EQ(Widget(reread, "HTML1")->settings,
            (WidgetSettings{{"content", "<b>Bye</b> & thanks"}}));
  // A widget with no settings gets them.
  ASSERT_TRUE(layout.SetSettings("Label1", {{"sorting", "FREQUENCY"}}).ok());
  EXPECT_EQ(Widget(Parsed(layout.Xml()).Sections(), "Label1")->settings,
            (WidgetSettings{{"sorting", "FREQUENCY"}}));
  EXPECT_EQ(Canonical(layout.Xml(), "Label1"), Canonical(written, "Label1"));
}

TEST(LayoutTest, RefusesASettingNamedTwiceOrUnnamed) {
  Layout layout = Parsed(kTheme);
  const std::string before = layout.Xml();
  EXPECT_EQ(layout.SetSettings("LinkList1", {{"text-0", "a"}, {"text-0", "b"}}).message(),
            "The setting 'text-0' is given twice.");
  EXPECT_EQ(layout.SetSettings("LinkList1", {{"", "a"}}).message(), "A setting needs a name.");
  EXPECT_EQ(layout.Xml(), before);
}

TEST(LayoutTest, RemovesAnUnlockedWidgetNotALockedOne) {
  Layout layout = Parsed(kTheme);
  ASSERT_TRUE(layout.Remove("HTML1").ok());
  EXPECT_EQ(WidgetIds(layout, "sidebar"), (std::vector<std::string>{"LinkList1", "Label1"}));
  EXPECT_EQ(Canonical(layout.Xml()), Canonical(kTheme, "HTML1"));

  const std::string before = layout.Xml();
  const Status removed = layout.Remove("Blog1");
  EXPECT_TRUE(removed.IsInvalidArgument());
  EXPECT_NE(removed.message().find("locked"), std::string::npos);
  EXPECT_EQ(layout.Xml(), before);
}

TEST(LayoutTest, AddsASimpleGadgetAtTheEndOfASection) {
  Layout layout = Parsed(kTheme);
  auto id = layout.Add("sidebar", "HTML", "Hello", {{"content", "<p>Hi</p>"}});
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(*id, "HTML2");  // HTML1 is taken
  const std::string written = layout.Xml();
  EXPECT_EQ(Canonical(written, "HTML2"), Canonical(kTheme));
  const std::vector<LayoutSection> reread = Parsed(written).Sections();
  EXPECT_EQ(WidgetIds(Parsed(written), "sidebar"),
            (std::vector<std::string>{"HTML1", "LinkList1", "Label1", "HTML2"}));
  const LayoutWidget* added = Widget(reread, "HTML2");
  EXPECT_EQ(added->type, "HTML");
  EXPECT_EQ(added->title, "Hello");
  EXPECT_FALSE(added->locked);
  EXPECT_TRUE(added->visible);
  EXPECT_EQ(added->settings, (WidgetSettings{{"content", "<p>Hi</p>"}}));
  // In Blogger's namespace, indented as its neighbours.
  EXPECT_NE(written.find("\n      <b:widget id=\"HTML2\" locked=\"false\" title=\"Hello\" "
                         "type=\"HTML\" visible=\"true\">\n        <b:widget-settings>\n"),
            std::string::npos);

  auto list = layout.Add("empty", "LinkList", "Friends",
                         {{"text-0", "A"}, {"link-0", "https://a.example/"}});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, "LinkList2");
  EXPECT_EQ(Widget(Parsed(layout.Xml()).Sections(), "LinkList2")->settings,
            (WidgetSettings{{"shownum", ""},
                            {"sorting", "NONE"},
                            {"text-0", "A"},
                            {"link-0", "https://a.example/"}}));
}

TEST(LayoutTest, RefusesGadgetsWhereTheThemeTakesNone) {
  Layout layout = Parsed(kTheme);
  const std::string before = layout.Xml();
  EXPECT_EQ(layout.Add("main", "HTML", "", {}).status().message(),
            "The section 'Main' takes no new gadgets (the theme says showaddelement='no').");
  EXPECT_TRUE(layout.Add("sidebar", "Blog", "", {}).status().IsInvalidArgument());
  EXPECT_TRUE(layout.Add("sidebar", "HTML", "", {{"content", "a"}, {"content", "b"}})
                  .status()
                  .IsInvalidArgument());
  EXPECT_EQ(layout.Xml(), before);
}

TEST(LayoutTest, ChangesARealThemeLeavingTheRestAsItWas) {
  const std::string contempo = ReadFixture("contempo.xml");
  Layout layout = Parsed(contempo);
  ASSERT_TRUE(layout.Move("Profile1", "sidebar_bottom", 0).ok());
  const std::string written = layout.Xml();
  EXPECT_EQ(Canonical(written, "Profile1"), Canonical(contempo, "Profile1"));
  EXPECT_EQ(WidgetIds(Parsed(written), "sidebar_bottom").front(), "Profile1");

  const std::string watermark = ReadFixture("watermark.xml");
  Layout designer = Parsed(watermark);
  auto id = designer.Add("sidebar-right-1", "TextList", "Things", {{"item-0", "One"}});
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(Canonical(designer.Xml(), *id), Canonical(watermark));
  EXPECT_EQ(WidgetIds(Parsed(designer.Xml()), "sidebar-right-1").back(), *id);
}

TEST(LayoutTest, NotWellFormedIsRefusedWithItsPosition) {
  auto layout =
      Layout::Parse("<?xml version='1.0'?>\n<html>\n  <body>\n  </div>\n</html>\n", "t.xml");
  ASSERT_FALSE(layout.ok());
  EXPECT_TRUE(layout.status().IsInvalidArgument());
  EXPECT_TRUE(layout.status().message().starts_with("t.xml:4:")) << layout.status().message();
  EXPECT_NE(layout.status().message().find("mismatch"), std::string::npos)
      << layout.status().message();
}

}  // namespace
}  // namespace samizdat::blogger
