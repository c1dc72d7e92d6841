// Theme: compiling and rendering Blogger's theme language (tags, scoping, include
// layers, skins, wrappers, escaping), its errors with positions, and its limits.
#include "blogger/theme.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace samizdat::blogger {
namespace {

constexpr std::string_view kOpen =
    "<?xml version='1.0' encoding='UTF-8' ?>\n<!DOCTYPE html>\n"
    "<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' "
    "xmlns:data='http://www.google.com/2005/gml/data' "
    "xmlns:expr='http://www.google.com/2005/gml/expr'>";

std::string Doc(std::string_view body) {
  return std::string(kOpen) + std::string(body) + "</html>";
}

Value Globals() {
  Map blog{{"title", Value::String("Tom & Jerry's <blog>")},
           {"url", Value::String("https://example.com/?a=1&b='2'")},
           {"pageType", Value::String("item")}};
  Map post{{"title", Value::String("First <post>")},
           {"body", Value::Html("<p>Hello <b>world</b></p>")}};
  Map post2{{"title", Value::String("Second")}, {"body", Value::Html("<p>Two</p>")}};
  Map messages{{"numberOfComments", Value::String("{numComments} comments & more")},
               {"postedBy", Value::Html("Posted by <b>{0}</b>")}};
  return Value::OfMap(Map{{"blog", Value::OfMap(std::move(blog))},
                          {"posts", Value::OfList({Value::OfMap(post), Value::OfMap(post2)})},
                          {"messages", Value::OfMap(std::move(messages))},
                          {"n", Value::Number(3)}});
}

std::shared_ptr<const Theme> MustCompile(std::string_view xml) {
  auto theme = Theme::Compile(xml, "t.xml");
  EXPECT_TRUE(theme.ok()) << theme.status().message();
  return theme.ok() ? *theme : nullptr;
}

std::string MustRender(std::string_view body, const RenderInput& input = {Globals(), nullptr}) {
  auto theme = MustCompile(Doc(body));
  if (theme == nullptr) return "";
  auto page = theme->Render(input);
  EXPECT_TRUE(page.ok()) << page.status().message();
  return page.ok() ? *page : "";
}

std::string CompileError(std::string_view xml) {
  auto theme = Theme::Compile(xml, "t.xml");
  EXPECT_FALSE(theme.ok());
  return theme.ok() ? "" : theme.status().message();
}

TEST(ThemeTest, WritesTheDocumentAsHtml) {
  std::string page = MustRender(
      "<head><title>x</title></head><body><div class='a&amp;b'/><br/>"
      "<p>1 &lt; 2</p><!-- note --></body>");
  EXPECT_EQ(page,
            "<!DOCTYPE html>\n<html><head><title>x</title></head><body><div class='a&amp;b'></div>"
            "<br/><p>1 < 2</p><!-- note --></body></html>");
}

TEST(ThemeTest, DataTagsEscapeTextAndWriteHtml) {
  std::string page = MustRender(
      "<b:loop values='data:posts' var='post'><h3><data:post.title/></h3><data:post.body/></b:loop>"
      "<a expr:href='data:blog.url' expr:title='data:missing' title='static' class='k' "
      "expr:class='data:n'>x</a>");
  EXPECT_NE(page.find("<h3>First &lt;post&gt;</h3><p>Hello <b>world</b></p>"), std::string::npos)
      << page;
  EXPECT_NE(page.find("<a href='https://example.com/?a=1&amp;b=&#39;2&#39;' class='3'>x</a>"),
            std::string::npos)
      << page;
}

TEST(ThemeTest, HyphenatedDataPathsAndCdataAreRead) {
  RenderInput input{Value::OfMap(Map{{"i", Value::OfMap(Map{{"post-count", Value::Number(7)}})}}),
                    nullptr};
  std::string page = MustRender(
      "<body><data:i.post-count/><script>//<![CDATA[\nif (a && b) {}\n//]]></script></body>",
      input);
  EXPECT_NE(page.find("<body>7<script>//\nif (a && b) {}\n//</script></body>"), std::string::npos)
      << page;
}

TEST(ThemeTest, AttributesEscapeHtmlValuesToo) {
  std::string page = MustRender(
      "<body><b:loop values='data:posts' var='p'><i expr:title='data:p.body'/></b:loop>"
      "<b:template-script inline='true' name='threaded_comments'/></body>");
  EXPECT_NE(page.find("<body><i title='&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;'></i>"
                      "<i title='&lt;p&gt;Two&lt;/p&gt;'></i></body>"),
            std::string::npos)
      << page;
}

TEST(ThemeTest, IfElseifElseAndSwitch) {
  std::string page = MustRender(
      "<b:if cond='data:n == 1'>one<b:elseif cond='data:n == 3'/>three<b:else/>other</b:if>|"
      "<b:if cond='false'>no<b:else/>yes</b:if>|"
      "<b:switch var='data:blog.pageType'><b:case value='index'/>I<b:case value='item'/>P"
      "<b:default/>D</b:switch>|"
      "<b:switch var='data:n'><b:case value='1'/>A<b:default/>D</b:switch>");
  EXPECT_NE(page.find("three|yes|P|D"), std::string::npos) << page;
}

TEST(ThemeTest, LoopBindsVarAndIndexAndReverses) {
  std::string page = MustRender(
      "<b:loop index='i' values='data:posts' var='p'>[<data:i/>:<data:p.title/>]</b:loop>"
      "<b:loop reverse='true' values='data:posts' var='p'>(<data:p.title/>)</b:loop>");
  EXPECT_NE(page.find("[0:First &lt;post&gt;][1:Second](Second)(First &lt;post&gt;)"),
            std::string::npos)
      << page;
}

TEST(ThemeTest, WithShadowsOnlyInside) {
  std::string page = MustRender("<b:with value='\"inner\"' var='n'><data:n/></b:with>/<data:n/>");
  EXPECT_NE(page.find("inner/3"), std::string::npos) << page;
}

TEST(ThemeTest, AttrAndClassReachTheirElementThroughIfAndWith) {
  std::string page = MustRender(
      "<body class='a'>\n<b:with value='\"z\"' var='v'><b:class expr:name='data:v'/>"
      "<b:if cond='true'><b:attr name='data-x' value='1'/><b:class name='a'/></b:if></b:with>"
      "<b:attr cond='false' name='hidden' value='hidden'/>\n<p>x</p></body>");
  EXPECT_NE(page.find("<body class='a z' data-x='1'>\n\n<p>x</p></body>"), std::string::npos)
      << page;
}

TEST(ThemeTest, TagKeepsItsChildrenWhenItsCondFails) {
  std::string page = MustRender(
      "<b:tag class='c' cond='data:n == 3' name='h2'>T</b:tag>"
      "<b:tag cond='false' name='h2'>U</b:tag><b:tag expr:name='\"h\" + data:n'>V</b:tag>");
  EXPECT_NE(page.find("<h2 class='c'>T</h2>U<h3>V</h3>"), std::string::npos) << page;
}

TEST(ThemeTest, MessageFillsItsParameters) {
  std::string page = MustRender(
      "<b:message name='messages.numberOfComments'><b:param expr:value='data:n' "
      "name='numComments'/>"
      "</b:message>|<b:message name='messages.postedBy'><b:param expr:value='data:blog.title' "
      "name='author'/></b:message>|<b:comment>gone</b:comment>");
  EXPECT_NE(page.find("3 comments &amp; more|Posted by <b>Tom &amp; Jerry&#39;s &lt;blog&gt;</b>|"),
            std::string::npos)
      << page;
}

TEST(ThemeTest, EvalWritesAValue) {
  std::string page = MustRender("<b:eval expr='data:n + 1'/>|<b:eval expr='data:blog.title'/>");
  EXPECT_NE(page.find("4|Tom &amp; Jerry&#39;s &lt;blog&gt;"), std::string::npos) << page;
}

constexpr std::string_view kWidgets = R"xml(<body>
<b:defaultmarkups>
  <b:defaultmarkup type='Common'>
    <b:includable id='title'>[common-title]</b:includable>
    <b:includable id='shared'>{<b:include name='title'/>}</b:includable>
  </b:defaultmarkup>
  <b:defaultmarkup type='HTML'>
    <b:includable id='main'><h2><data:title/></h2><b:include name='content'/><b:include name='shared'/></b:includable>
    <b:includable id='content'>[html-content <data:content/>]</b:includable>
    <b:includable id='title'>[html-title]</b:includable>
  </b:defaultmarkup>
</b:defaultmarkups>
<b:section class='side' id='sidebar' name='Sidebar'>
  <b:widget id='HTML1' locked='false' title='One' type='HTML' version='2'>
    <b:includable id='content'>(own <b:include name='super.content'/>)</b:includable>
  </b:widget>
  <b:widget id='HTML2' locked='false' title='Two' type='HTML' visible='false'/>
  <b:widget cond='data:title == "Three"' id='HTML3' locked='false' title='Three' type='HTML'/>
  <b:widget cond='false' id='HTML4' locked='false' title='Four' type='HTML'/>
  <b:widget id='Other1' locked='false' title='' type='Other'/>
</b:section>
<b:section id='empty'/>
</body>)xml";

RenderInput WidgetInput() {
  RenderInput input{Globals(), nullptr};
  input.widget_data = [](const WidgetInfo& w) {
    return Value::OfMap(
        Map{{"title", Value::String(w.title)}, {"content", Value::Html("<i>" + w.id + "</i>")}});
  };
  return input;
}

TEST(ThemeTest, WidgetsRenderInBloggersWrappersThroughTheLayers) {
  std::string page = MustRender(kWidgets, WidgetInput());
  EXPECT_NE(page.find("<div class='side section' id='sidebar' name='Sidebar'>"
                      "<div class='widget HTML' data-version='2' id='HTML1'><h2>One</h2>"
                      "(own [html-content <i>HTML1</i>]){[html-title]}</div>"
                      "<div class='widget HTML' data-version='1' id='HTML3'><h2>Three</h2>"
                      "[html-content <i>HTML3</i>]{[html-title]}</div>"
                      "<div class='widget Other' data-version='1' id='Other1'></div></div>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<div class='no-items section' id='empty'></div>"), std::string::npos)
      << page;
}

TEST(ThemeTest, IncludeByComputedName) {
  std::string page =
      MustRender(R"xml(<body><b:section id='s'><b:widget id='HTML1' title='' type='HTML'>
    <b:includable id='main'><b:include expr:name='"part" + data:n'/>|<b:include expr:name='"none"'/></b:includable>
    <b:includable id='part3'>three</b:includable>
  </b:widget></b:section></body>)xml",
                 WidgetInput());
  EXPECT_NE(page.find(">three|</div>"), std::string::npos) << page;
}

TEST(ThemeTest, ReportsSectionsAndWidgets) {
  auto theme = MustCompile(Doc(kWidgets));
  ASSERT_NE(theme, nullptr);
  ASSERT_EQ(theme->sections().size(), 2u);
  const SectionInfo& side = theme->sections()[0];
  EXPECT_EQ(side.id, "sidebar");
  EXPECT_EQ(side.name, "Sidebar");
  ASSERT_EQ(side.widgets.size(), 5u);
  EXPECT_EQ(side.widgets[0].id, "HTML1");
  EXPECT_EQ(side.widgets[0].version, 2);
  EXPECT_FALSE(side.widgets[1].visible);
  EXPECT_EQ(side.widgets[4].type, "Other");
  EXPECT_EQ(side.widgets[0].section_id, "sidebar");
}

TEST(ThemeTest, IncludeBindsDataToVarOrMapFields) {
  std::string page =
      MustRender(R"xml(<body><b:section id='s'><b:widget id='Blog1' title='' type='Blog'>
    <b:includable id='main' var='top'><b:loop values='data:posts' var='p'><b:include data='p' name='post'/></b:loop>
      <b:include data='{ a: 1, b: "two" }' name='fields'/>|<data:top.title/></b:includable>
    <b:includable id='post' var='post'>[<data:post.title/>]</b:includable>
    <b:includable id='fields'>(<data:a/>,<data:b/>)</b:includable>
  </b:widget></b:section></body>)xml",
                 WidgetInput());
  EXPECT_NE(page.find("[First &lt;post&gt;][Second]\n      (1,two)|</div>"), std::string::npos)
      << page;
}

TEST(ThemeTest, SkinVariablesAreSubstitutedAndShown) {
  std::string page = MustRender(R"xml(<head><b:skin><![CDATA[/*
<Variable name="keycolor" description="Main" type="color" default="#000" value="#ee1133"/>
<Group description="Links" selector="a">
<Variable name="link.color" description="Link" type="color" default="$(keycolor)"/>
</Group>
<Variable name="body.background" description="Bg" type="background" color="#fff" default="$(color) url(https://x.bp.blogspot.com/a.png) no-repeat fixed top left" value="$(color) url(https://x.bp.blogspot.com/a.png) no-repeat fixed top left"/>
*/
a { color: $(link.color); } body { background: $(body.background); }]]></b:skin>
<b:template-skin><b:variable default='960px' name='content.width' type='length'/><![CDATA[body { min-width: $(content.width); }]]></b:template-skin>
</head><body><data:skin.vars.link_color/>|<data:skin.vars.body_background.image/></body>)xml");
  EXPECT_NE(
      page.find(
          "<style id='page-skin-1' type='text/css'><!--\n/*\n\n\n\n\n\n*/\n"
          "a { color: #ee1133; } body { background: #fff url(https://x.bp.blogspot.com/a.png) "
          "no-repeat fixed top left; }\n--></style>"),
      std::string::npos)
      << page;
  EXPECT_NE(page.find("<style id='template-skin-1' type='text/css'><!--\nbody { min-width: 960px; "
                      "}\n--></style>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("#ee1133|https://x.bp.blogspot.com/a.png"), std::string::npos) << page;
}

TEST(ThemeTest, ClassAndAttrAtTheTopOfAWidgetGoOnItsWrapper) {
  // Plus UI's menus: <b:class> first in the widget's main includable; without the class
  // on the wrapper the theme's `.navS ul { list-style: none }` misses and bullets show.
  std::string page = MustRender(
      "<body><b:section id='s'><b:widget id='LinkList1' type='LinkList' version='2'>"
      "<b:includable id='main'> <b:class expr:name='\"nav\" + \"S\"'/>"
      "<b:attr name='data-x' value='1'/><ul><b:class name='inner'/></ul>"
      "<b:class name='late'/></b:includable></b:widget>"
      "<b:widget id='HTML1' type='HTML'><b:includable id='main'/></b:widget></b:section>"
      "</body>");
  EXPECT_NE(page.find("<div class='widget LinkList navS' data-version='2' id='LinkList1' "
                      "data-x='1'> <ul class='inner'></ul></div>"
                      "<div class='widget HTML' data-version='1' id='HTML1'></div>"),
            std::string::npos)
      << page;
}

TEST(ThemeTest, TemplateSkinBringsBloggersColumnLayout) {
  // Designer-era themes size their columns in the template skin and leave the floats to
  // Blogger's widget stylesheet: without it the sidebar falls below the posts.
  std::string page = MustRender(
      "<head><b:skin><![CDATA[a {}]]></b:skin><b:template-skin><![CDATA[.main-inner .columns "
      "{ padding-right: 310px; }]]></b:template-skin></head><body></body>");
  const size_t layout = page.find("<style id='samizdat-layout' type='text/css'>");
  const size_t skin = page.find("<style id='template-skin-1'");
  ASSERT_NE(layout, std::string::npos) << page;
  ASSERT_NE(skin, std::string::npos) << page;
  EXPECT_LT(page.find("</style>", layout), skin) << "the theme's own rules come later and win";
  EXPECT_NE(page.find(".column-center-outer,.column-left-outer,.column-right-outer{position:"
                      "relative;float:left}",
                      layout),
            std::string::npos)
      << page;
  // A theme of the newer kind (b:skin only) carries its own layout.
  std::string plain = MustRender("<head><b:skin><![CDATA[a {}]]></b:skin></head><body></body>");
  EXPECT_EQ(plain.find("samizdat-layout"), std::string::npos) << plain;
}

TEST(ThemeTest, MacrosExpandAtCompileTimeWithSectionContents) {
  std::string xml =
      "<?xml version='1.0'?>\n<html xmlns:b='http://www.google.com/2005/gml/b' "
      "xmlns:data='http://www.google.com/2005/gml/data' "
      "xmlns:expr='http://www.google.com/2005/gml/expr'>"
      "<body><macro:include id='x' name='cols'><macro:param default='2' name='num'/>"
      "<macro:param default='side' name='idPrefix'/><macro:param default='false' name='bottom'/>"
      "</macro:include></body>"
      "<macro:includable id='cols' var='col'><macro:if cond='data:col.num == 0'><macro:else/>"
      "<table mexpr:class='\"columns-\" + data:col.num'><tr><td>"
      "<b:section class='sb' mexpr:id='data:col.idPrefix + \"-1\"'/></td></tr></table>"
      "<macro:if cond='data:col.bottom'><b:section id='never'/></macro:if></macro:if>"
      "</macro:includable>"
      "<b:section-contents id='side-1'><b:widget id='Text1' title='T' type='Text'>"
      "<b:includable id='main'>hello</b:includable></b:widget></b:section-contents></html>";
  auto theme = MustCompile(xml);
  ASSERT_NE(theme, nullptr);
  ASSERT_EQ(theme->sections().size(), 1u);
  EXPECT_EQ(theme->sections()[0].id, "side-1");
  ASSERT_EQ(theme->sections()[0].widgets.size(), 1u);
  auto page = theme->Render({Globals(), nullptr});
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(
      *page,
      "<!DOCTYPE html>\n<html><body><table class='columns-2'><tr><td><div class='sb section' "
      "id='side-1'>"
      "<div class='widget Text' data-version='1' id='Text1'>hello</div></div></td></tr></table>"
      "</body></html>");
}

TEST(ThemeTest, NotWellFormedFailsWithFileLineColumn) {
  std::string error = CompileError(Doc("<body>\n  <div></p></body>"));
  EXPECT_EQ(error.rfind("t.xml:4:", 0), 0u) << error;
  EXPECT_NE(error.find("mismatch"), std::string::npos) << error;
}

TEST(ThemeTest, UnknownTagFailsAtItsLineAndColumn) {
  EXPECT_EQ(CompileError(Doc("<body>\n  <p>x</p>   <b:bogus\n    a='1'/></body>")),
            "t.xml:4:14: unknown tag b:bogus");
}

TEST(ThemeTest, BadExpressionFailsAtTheAttribute) {
  std::string error = CompileError(Doc("<body>\n<b:if cond='data:a ==  ('>x</b:if></body>"));
  EXPECT_EQ(error.rfind("t.xml:4:", 0), 0u) << error;
}

TEST(ThemeTest, UnknownIncludeFailsAtTheInclude) {
  EXPECT_EQ(CompileError(Doc("<body>\n <b:include name='nowhere'/></body>")),
            "t.xml:4:2: no includable named 'nowhere'");
}

TEST(ThemeTest, DuplicateWidgetOrSectionIdsFail) {
  EXPECT_EQ(CompileError(Doc("<body><b:section id='a'><b:widget id='W1' type='HTML'/>\n"
                             "<b:widget id='W1' type='HTML'/></b:section></body>")),
            "t.xml:4:1: a second b:widget with id 'W1'");
  EXPECT_EQ(CompileError(Doc("<body><b:section id='a'/>\n <b:section id='a'/></body>")),
            "t.xml:4:2: a second b:section with id 'a'");
}

TEST(ThemeTest, UndefinedSkinVariableFails) {
  std::string error =
      CompileError(Doc("<head>\n<b:skin><![CDATA[a { color: $(nope); }]]></b:skin></head>"));
  EXPECT_EQ(error, "t.xml:4:1: the skin variable $(nope) is not defined");
}

TEST(ThemeTest, SelfRecursiveIncludeStopsAtTheDepthLimit) {
  auto theme =
      MustCompile(Doc(R"xml(<body><b:section id='s'><b:widget id='HTML1' title='' type='HTML'>
<b:includable id='main'><b:include name='again'/></b:includable>
<b:includable id='again'>x<b:include name='again'/></b:includable>
</b:widget></b:section></body>)xml"));
  ASSERT_NE(theme, nullptr);
  auto start = std::chrono::steady_clock::now();
  auto page = theme->Render({Globals(), nullptr});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().message(), "t.xml:5:27: the theme recurses deeper than 64 includes");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(ThemeTest, HugeLoopStopsAtTheStepLimit) {
  auto theme = MustCompile(
      Doc("<body>\n<b:loop values='data:many' var='i'><b:loop values='data:many' "
          "var='j'><b:loop values='data:many' var='k'>x</b:loop></b:loop></b:loop></body>"));
  ASSERT_NE(theme, nullptr);
  List many(1000, Value::Number(1));
  auto start = std::chrono::steady_clock::now();
  auto page = theme->Render({Value::OfMap(Map{{"many", Value::OfList(many)}}), nullptr},
                            Limits{64, 100'000});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().message().rfind("t.xml:4:", 0), 0u) << page.status().message();
  EXPECT_NE(page.status().message().find("100000 steps"), std::string::npos)
      << page.status().message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace samizdat::blogger

namespace samizdat::blogger {
namespace {

Value BlogGlobals(Map blog, Map messages = {}) {
  return Value::OfMap(Map{{"blog", Value::OfMap(std::move(blog))},
                          {"messages", Value::OfMap(std::move(messages))}});
}

TEST(ThemeTest, SkinSidesFollowTheBlogsDirection) {
  // Contempo writes margin-$endSide and float:$(startSide); Pixel $maincolor.
  auto theme = MustCompile(Doc(R"xml(<head><b:skin><![CDATA[/*
<Variable name="startSide" type="automatic" default="left"/>
<Variable name="main" type="color" default="#123456"/>
*/
a { margin-$endSide: 1em; float: $(startSide); color: $main; } s { x: $t; }]]></b:skin></head>)xml"));
  ASSERT_NE(theme, nullptr);
  auto ltr =
      theme->Render({BlogGlobals(Map{{"languageDirection", Value::String("ltr")}}), nullptr});
  auto rtl =
      theme->Render({BlogGlobals(Map{{"languageDirection", Value::String("rtl")}}), nullptr});
  ASSERT_TRUE(ltr.ok() && rtl.ok());
  EXPECT_NE(ltr->find("a { margin-right: 1em; float: left; color: #123456; } s { x: $t; }"),
            std::string::npos)
      << *ltr;
  EXPECT_NE(rtl->find("a { margin-left: 1em; float: right; color: #123456; } s { x: $t; }"),
            std::string::npos)
      << *rtl;
}

TEST(ThemeTest, EveryHeadGetsTheHeadContentOnce) {
  Value globals =
      BlogGlobals(Map{{"samizdatHead", Value::Html("<link rel='canonical' href='/x'>")}});
  // A theme that never includes all-head-content (Hyde, Plus UI) gets it first in <head>.
  std::string page = MustRender("<head><title>t</title></head><body/>", {globals, nullptr});
  EXPECT_NE(page.find("<head><link rel='canonical' href='/x'><title>t</title></head>"),
            std::string::npos)
      << page;
  // One that includes it, even under a b:if, gets it where it says, once.
  page = MustRender(
      "<head><title>t</title><b:if cond='true'><b:include data='blog' "
      "name='all-head-content'/></b:if></head><body/>",
      {globals, nullptr});
  EXPECT_LT(page.find("<title>t</title>"), page.find("canonical")) << page;
  EXPECT_EQ(page.find("canonical"), page.rfind("canonical")) << page;
}

TEST(ThemeTest, MessagesWithPluralsInTheBlogsLanguage) {
  const std::string body =
      "<body><b:message name='messages.numberOfComments'><b:param expr:value='data:n' "
      "name='numComments'/></b:message></body>";
  auto render = [&](std::string locale, std::string pattern, double n) {
    Value globals = Value::OfMap(Map{
        {"blog", Value::OfMap(Map{{"locale", Value::String(std::move(locale))}})},
        {"messages", Value::OfMap(Map{{"numberOfComments", Value::String(std::move(pattern))}})},
        {"n", Value::Number(n)}});
    return MustRender(body, {globals, nullptr});
  };
  const std::string en = "{numComments,plural, =1{1 comment}other{# comments & more}}";
  EXPECT_NE(render("en", en, 1).find("<body>1 comment</body>"), std::string::npos);
  EXPECT_NE(render("en", en, 5).find("<body>5 comments &amp; more</body>"), std::string::npos);
  const std::string ru =
      "{numComments,plural, one{# комментарий}few{# комментария}many{# комментариев}"
      "other{# комментария}}";
  EXPECT_NE(render("ru", ru, 21).find("<body>21 комментарий</body>"), std::string::npos);
  EXPECT_NE(render("ru", ru, 3).find("<body>3 комментария</body>"), std::string::npos);
  EXPECT_NE(render("ru", ru, 5).find("<body>5 комментариев</body>"), std::string::npos);
}

}  // namespace
}  // namespace samizdat::blogger
