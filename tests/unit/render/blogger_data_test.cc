// The Blogger data model: per page kind the view flags and page type; a post's fields
// (text stays text, bodies are HTML); labels, pager, comments and the comment form;
// and each widget type's data from its settings and the sources.
#include "render/blogger_data.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/blogger_data_parts.h"

namespace samizdat::render {
namespace {

using blogger::SectionInfo;
using blogger::Value;
using blogger::WidgetInfo;

// The value at a dotted path ("blog.url.canonical"), null when any step is missing.
Value At(const Value& root, std::string_view path) {
  Value v = root;
  while (!path.empty()) {
    const size_t dot = path.find('.');
    const Value* f = v.Field(path.substr(0, dot));
    if (f == nullptr) return Value();
    v = *f;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return v;
}

std::string TextAt(const Value& root, std::string_view path) { return At(root, path).ToText(); }
bool TruthAt(const Value& root, std::string_view path) { return At(root, path).Truthy(); }

PostView MakePost(std::string id, std::string title) {
  PostView p;
  p.id = std::move(id);
  p.title = std::move(title);
  p.url = "/2022/01/" + p.id + ".html";
  p.date_header = "Saturday, January 15, 2022";
  p.body_html = "<p>Body of " + p.id + "</p>";
  p.author = "Ann";
  p.time_text = "4:18 PM";
  p.iso_time = "2022-01-15T16:18:00.000Z";
  p.comment_count = 2;
  p.comment_count_text = "2 comments";
  p.labels = {{"Style", "/search/label/Style", 0, false}, {"Food", "/search/label/Food", 0, false}};
  p.comments_feed_url = "/feeds/" + p.id + "/comments/default";
  p.description = "Body of " + p.id;
  p.first_image_url = "/media/pic.jpg";
  return p;
}

WidgetInfo Widget(std::string id, std::string type, std::string section,
                  std::vector<std::pair<std::string, std::string>> settings = {}) {
  WidgetInfo w;
  w.id = std::move(id);
  w.type = std::move(type);
  w.section_id = std::move(section);
  w.title = "Title of " + w.id;
  w.settings = std::move(settings);
  return w;
}

class BloggerDataTest : public ::testing::Test {
 protected:
  BloggerDataTest() {
    blog.id = 42;
    blog.host = "example.com";
    blog.title = "My <Blog>";
    blog.description = "About things";
    view.blog.id = "42";
    view.blog.title = blog.title;
    view.blog.description = blog.description;
    view.title = blog.title;
    view.canonical_url = "/";
    sidebar.archive = {
        {2022, "/2022/", 3, true, {{"February", "/2022/02/", 1}, {"January", "/2022/01/", 2}}},
        {2021, "/2021/", 1, false, {{"March", "/2021/03/", 1}}}};
    sidebar.labels = {{"Art", "/search/label/Art", 1, false},
                      {"Food", "/search/label/Food", 10, false},
                      {"Style", "/search/label/Style", 100, false}};
    sidebar.pages = {{"About me", "/p/about.html"}};
    sources.authors = {{"Ann", "/profile/ann", "/media/ann.jpg", "I write."}};
  }

  // The globals and the widget data of `sections` for the current view.
  blogger::RenderInput Make(const std::vector<SectionInfo>& sections = {}) {
    BloggerPageInput in{blog,
                        zone,
                        Locale::For("en"),
                        view,
                        sidebar,
                        "https://example.com",
                        target,
                        "<meta name=x>",
                        sources};
    return internal::MakeBloggerDataFor(sections, in);
  }

  Value Globals() { return Make().globals; }

  // The data of one widget alone in a section.
  Value DataOf(const WidgetInfo& w) {
    const std::vector<SectionInfo> sections = {{"main", "Main", {w}}};
    return Make(sections).widget_data(w);
  }

  void ItemPage() {
    view.kind = PageKind::kItem;
    view.posts = {MakePost("7", "A <b>bold</b> title")};
    view.title = blog.title + ": " + view.posts[0].title;
    view.canonical_url = view.posts[0].url;
    target = view.posts[0].url;
  }

  Blog blog;
  TimeZone zone = TimeZone::Utc();
  PageView view;
  Sidebar sidebar;
  WidgetSources sources;
  std::string target = "/";
};

TEST_F(BloggerDataTest, HomePageIsAnIndexOfMultipleItems) {
  view.posts = {MakePost("1", "One"), MakePost("2", "Two")};
  const Value g = Globals();
  EXPECT_EQ(TextAt(g, "blog.pageType"), "index");
  EXPECT_TRUE(TruthAt(g, "view.isHomepage"));
  EXPECT_TRUE(TruthAt(g, "view.isMultipleItems"));
  EXPECT_FALSE(TruthAt(g, "view.isSingleItem"));
  EXPECT_FALSE(TruthAt(g, "view.isSearch"));
  EXPECT_EQ(TextAt(g, "blog.url"), "https://example.com/");
  EXPECT_EQ(TextAt(g, "blog.homepageUrl"), "https://example.com/");
  EXPECT_EQ(TextAt(g, "blog.pageTitle"), "My <Blog>");
  EXPECT_EQ(TextAt(g, "blog.blogId"), "42");
  EXPECT_EQ(TextAt(g, "blog.encoding"), "UTF-8");
  EXPECT_EQ(TextAt(g, "blog.languageDirection"), "ltr");
  EXPECT_EQ(TextAt(g, "blog.locale"), "en");
  EXPECT_EQ(At(g, "blog.samizdatHead").kind(), Value::Kind::kHtml);
  EXPECT_EQ(TextAt(g, "blog.samizdatHead"), "<meta name=x>");
  // The feed links are HTML with the blog's title escaped.
  EXPECT_EQ(At(g, "blog.feedLinks").kind(), Value::Kind::kHtml);
  EXPECT_NE(TextAt(g, "blog.feedLinks").find("title=\"My &lt;Blog&gt; - Atom\""),
            std::string::npos);
  EXPECT_NE(TextAt(g, "blog.feedLinks").find("https://example.com/feeds/posts/default?alt=rss"),
            std::string::npos);
  EXPECT_FALSE(TruthAt(g, "blog.isMobileRequest"));
  EXPECT_EQ(At(g, "posts").list().size(), 2u);
}

TEST_F(BloggerDataTest, OlderPagesOfTheHomeAreNotTheHomepage) {
  view.pager.home_url = "/";
  EXPECT_FALSE(TruthAt(Globals(), "view.isHomepage"));
}

TEST_F(BloggerDataTest, ItemPageIsASingleItemNamedAfterItsPost) {
  ItemPage();
  const Value g = Globals();
  EXPECT_EQ(TextAt(g, "blog.pageType"), "item");
  EXPECT_TRUE(TruthAt(g, "view.isPost"));
  EXPECT_TRUE(TruthAt(g, "view.isSingleItem"));
  EXPECT_FALSE(TruthAt(g, "view.isPage"));
  EXPECT_FALSE(TruthAt(g, "view.isMultipleItems"));
  EXPECT_EQ(TextAt(g, "blog.pageName"), "A <b>bold</b> title");
  EXPECT_EQ(TextAt(g, "view.title"), "A <b>bold</b> title");
  EXPECT_EQ(TextAt(g, "view.postId"), "7");
  EXPECT_EQ(TextAt(g, "blog.postId"), "7");
  EXPECT_EQ(TextAt(g, "blog.url"), "https://example.com/2022/01/7.html");
  EXPECT_EQ(TextAt(g, "blog.metaDescription"), "Body of 7");
  EXPECT_EQ(TextAt(g, "view.featuredImage"), "https://example.com/media/pic.jpg");
}

TEST_F(BloggerDataTest, PagerTitlesAreSingularOnAPostsPage) {
  // A post's page links one post each way (Watermark's pager read "Older Posts").
  const WidgetInfo w = Widget("Blog1", "Blog", "main");
  const blogger::RenderInput list = Make({{"main", "Main", {w}}});
  EXPECT_EQ(TextAt(list.globals, "olderPageTitle"), "Older Posts");
  EXPECT_EQ(TextAt(list.widget_data(w), "newerPageTitle"), "Newer Posts");
  ItemPage();
  const blogger::RenderInput item = Make({{"main", "Main", {w}}});
  EXPECT_EQ(TextAt(item.globals, "olderPageTitle"), "Older Post");
  EXPECT_EQ(TextAt(item.globals, "newerPageTitle"), "Newer Post");
  EXPECT_EQ(TextAt(item.widget_data(w), "olderPageTitle"), "Older Post");
  EXPECT_EQ(TextAt(item.widget_data(w), "newerPageTitle"), "Newer Post");
}

TEST_F(BloggerDataTest, StaticPageIsAPage) {
  ItemPage();
  view.kind = PageKind::kStaticPage;
  const Value g = Globals();
  EXPECT_EQ(TextAt(g, "blog.pageType"), "static_page");
  EXPECT_TRUE(TruthAt(g, "view.isPage"));
  EXPECT_FALSE(TruthAt(g, "view.isPost"));
  EXPECT_TRUE(TruthAt(g, "view.isSingleItem"));
  EXPECT_EQ(TextAt(g, "view.pageId"), "7");
  EXPECT_TRUE(At(g, "view.postId").is_null());
}

TEST_F(BloggerDataTest, LabelPageIsALabelSearch) {
  view.kind = PageKind::kLabel;
  view.title = blog.title + ": Style";
  view.status_message_html = "Showing posts with label <b>Style</b>.";
  target = "/search/label/Style";
  const Value g = Globals();
  EXPECT_EQ(TextAt(g, "blog.pageType"), "index");
  EXPECT_TRUE(TruthAt(g, "view.isSearch"));
  EXPECT_TRUE(TruthAt(g, "view.isLabelSearch"));
  EXPECT_TRUE(TruthAt(g, "view.isMultipleItems"));
  EXPECT_EQ(TextAt(g, "blog.searchLabel"), "Style");
  EXPECT_EQ(TextAt(g, "view.search.label"), "Style");
  EXPECT_EQ(TextAt(g, "view.search.resultsMessage"), "Showing posts with label Style.");
  EXPECT_EQ(At(g, "view.search.resultsMessageHtml").kind(), Value::Kind::kHtml);
}

TEST_F(BloggerDataTest, SearchArchiveAndErrorPages) {
  view.kind = PageKind::kSearch;
  view.search_query = "cats & dogs";
  view.canonical_url = "/search?q=cats%20%26%20dogs";
  target = "/search?q=cats+%26+dogs&max-results=7";
  Value g = Globals();
  EXPECT_EQ(TextAt(g, "view.url"), "https://example.com/search?q=cats+%26+dogs&max-results=7");
  EXPECT_EQ(TextAt(g, "view.url.canonical"), "https://example.com/search?q=cats%20%26%20dogs");
  EXPECT_EQ(TextAt(g, "blog.url.canonical"), "https://example.com/search?q=cats%20%26%20dogs");
  EXPECT_TRUE(TruthAt(g, "view.isSearch"));
  EXPECT_FALSE(TruthAt(g, "view.isLabelSearch"));
  EXPECT_EQ(TextAt(g, "blog.searchQuery"), "cats & dogs");
  EXPECT_EQ(TextAt(g, "view.search.query"), "cats & dogs");

  view.kind = PageKind::kArchive;
  view.title = blog.title + ": January 2022";
  g = Globals();
  EXPECT_EQ(TextAt(g, "blog.pageType"), "archive");
  EXPECT_TRUE(TruthAt(g, "view.isArchive"));
  EXPECT_EQ(TextAt(g, "view.archive.rangeMessage"), "Showing posts from January 2022");

  view.kind = PageKind::kError;
  g = Globals();
  EXPECT_EQ(TextAt(g, "blog.pageType"), "error_page");
  EXPECT_TRUE(TruthAt(g, "view.isError"));
  EXPECT_FALSE(TruthAt(g, "view.isMultipleItems"));
}

TEST_F(BloggerDataTest, PostFieldsKeepTextAsTextAndBodiesAsHtml) {
  view.posts = {MakePost("7", "A <b>bold</b> title")};
  view.posts[0].jump_url = "/2022/01/7.html#more";
  view.posts[0].jump_text = "Read more »";
  const Value post = At(Globals(), "posts").list().at(0);
  EXPECT_EQ(At(post, "title").kind(), Value::Kind::kString);
  EXPECT_EQ(TextAt(post, "title"), "A <b>bold</b> title");
  EXPECT_EQ(At(post, "body").kind(), Value::Kind::kHtml);
  EXPECT_EQ(TextAt(post, "body"), "<p>Body of 7</p>");
  EXPECT_EQ(TextAt(post, "id"), "7");
  EXPECT_EQ(TextAt(post, "url"), "https://example.com/2022/01/7.html");
  EXPECT_EQ(TextAt(post, "snippet"), "Body of 7");
  EXPECT_EQ(TextAt(post, "dateHeader"), "Saturday, January 15, 2022");
  EXPECT_EQ(TextAt(post, "date"), "Saturday, January 15, 2022");
  EXPECT_EQ(TextAt(post, "date.iso8601"), "2022-01-15T16:18:00.000Z");
  EXPECT_EQ(TextAt(post, "timestamp"), "4:18 PM");
  EXPECT_EQ(TextAt(post, "timestampISO8601"), "2022-01-15T16:18:00.000Z");
  EXPECT_TRUE(TruthAt(post, "isDateStart"));
  EXPECT_TRUE(TruthAt(post, "isFirstPost"));
  // The author writes as the name and answers Blogger's profile fields.
  EXPECT_EQ(TextAt(post, "author"), "Ann");
  EXPECT_EQ(TextAt(post, "author.name"), "Ann");
  EXPECT_EQ(TextAt(post, "author.profileUrl"), "/profile/ann");
  EXPECT_EQ(TextAt(post, "author.authorPhoto.image"), "/media/ann.jpg");
  EXPECT_EQ(TextAt(post, "authorProfileUrl"), "/profile/ann");
  EXPECT_EQ(At(post, "numberOfComments").number(), 2);
  EXPECT_EQ(TextAt(post, "commentLabelFull"), "2 comments");
  EXPECT_TRUE(TruthAt(post, "hasJumpLink"));
  EXPECT_EQ(TextAt(post, "jumpText"), "Read more »");
  EXPECT_EQ(TextAt(post, "featuredImage"), "https://example.com/media/pic.jpg");
  EXPECT_EQ(TextAt(post, "firstImageUrl"), "https://example.com/media/pic.jpg");
  EXPECT_EQ(TextAt(post, "commentsUrl"), "https://example.com/2022/01/7.html#comments");
}

TEST_F(BloggerDataTest, ADayWithoutItsHeaderStillHasItsDate) {
  view.posts = {MakePost("1", "One"), MakePost("2", "Two")};
  view.posts[1].date_header.clear();
  const Value post = At(Globals(), "posts").list().at(1);
  EXPECT_FALSE(TruthAt(post, "isDateStart"));
  EXPECT_FALSE(TruthAt(post, "isFirstPost"));
  EXPECT_EQ(TextAt(post, "dateHeader"), "");
  EXPECT_EQ(TextAt(post, "date"), "Saturday, January 15, 2022");
}

TEST_F(BloggerDataTest, AnEditedPostHasItsLastUpdate) {
  view.posts = {MakePost("1", "One"), MakePost("2", "Two")};
  view.posts[0].iso_updated = "2022-02-01T10:00:00.000Z";
  view.posts[1].iso_updated = view.posts[1].iso_time;
  const Value edited = At(Globals(), "posts").list().at(0);
  EXPECT_EQ(TextAt(edited, "lastUpdated.iso8601"), "2022-02-01T10:00:00.000Z");
  EXPECT_EQ(TextAt(edited, "lastUpdated"), "Tuesday, February 1, 2022");
  EXPECT_FALSE(At(edited, "lastUpdated") == At(edited, "date"));
  const Value untouched = At(Globals(), "posts").list().at(1);
  EXPECT_EQ(TextAt(untouched, "lastUpdated.iso8601"), TextAt(untouched, "date.iso8601"));
}

TEST_F(BloggerDataTest, LabelsAreAbsoluteAndTheLastIsMarked) {
  view.posts = {MakePost("7", "T")};
  const Value post = At(Globals(), "posts").list().at(0);
  const blogger::List& labels = At(post, "labels").list();
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(TextAt(labels[0], "name"), "Style");
  EXPECT_EQ(TextAt(labels[0], "url"), "https://example.com/search/label/Style");
  EXPECT_FALSE(TruthAt(labels[0], "isLast"));
  EXPECT_TRUE(TruthAt(labels[1], "isLast"));
}

TEST_F(BloggerDataTest, ItemPostHasItsCommentsAndARealCommentForm) {
  ItemPage();
  view.show_comments = true;
  CommentView reply{"12",
                    "Bo",
                    "",
                    "<p>Me too</p>",
                    "January 16, 2022 at 1:00 AM",
                    "2022-01-16T01:00:00Z",
                    "/2022/01/7.html?showComment=2#c12",
                    "",
                    {}};
  view.comments = {{"11",
                    "<Eve>",
                    "https://eve.example",
                    "<p>Nice</p>",
                    "January 15, 2022 at 5:00 PM",
                    "2022-01-15T17:00:00Z",
                    "/2022/01/7.html?showComment=1#c11",
                    "/2022/01/7.html?reply=11#comment-form",
                    {reply}}};
  view.comment_form.open = true;
  view.comment_form.post_id = "7";
  view.comment_form.token = "tok";
  view.comment_form.name = "\"><script>";
  const Value post = At(Globals(), "posts").list().at(0);
  EXPECT_TRUE(TruthAt(post, "allowComments"));
  EXPECT_TRUE(TruthAt(post, "allowNewComments"));
  const blogger::List& comments = At(post, "comments").list();
  ASSERT_EQ(comments.size(), 2u);  // the reply follows its parent
  EXPECT_EQ(TextAt(comments[0], "author"), "<Eve>");
  EXPECT_EQ(TextAt(comments[0], "anchorName"), "c11");
  EXPECT_EQ(At(comments[0], "body").kind(), Value::Kind::kHtml);
  EXPECT_EQ(TextAt(comments[1], "inReplyTo"), "11");

  const Value html = At(post, "commentHtml");
  EXPECT_EQ(html.kind(), Value::Kind::kHtml);
  EXPECT_NE(html.text().find("&lt;Eve&gt;"), std::string::npos);
  EXPECT_EQ(html.text().find("<Eve>"), std::string::npos);
  EXPECT_NE(html.text().find("<p>Nice</p>"), std::string::npos);
  EXPECT_NE(html.text().find("id=\"c12\""), std::string::npos);
  EXPECT_NE(html.text().find("?reply=11#comment-form"), std::string::npos);

  const std::string form = TextAt(post, "cmtfpIframe");
  EXPECT_EQ(At(post, "cmtfpIframe").kind(), Value::Kind::kHtml);
  EXPECT_NE(form.find("<form method=\"post\" action=\"/comment\""), std::string::npos);
  EXPECT_NE(form.find("name=\"post_id\" value=\"7\""), std::string::npos);
  EXPECT_NE(form.find("name=\"token\" value=\"tok\""), std::string::npos);
  EXPECT_NE(form.find("name=\"body\""), std::string::npos);
  EXPECT_NE(form.find("value=\"&quot;&gt;&lt;script&gt;\""), std::string::npos);
  EXPECT_EQ(form.find("<script>"), std::string::npos);
  EXPECT_EQ(TextAt(Globals(), "cmtIframeInitialHeight"), "0");
}

TEST_F(BloggerDataTest, ClosedCommentsHaveNoForm) {
  ItemPage();
  view.show_comments = true;
  view.comment_form.open = false;
  const Value post = At(Globals(), "posts").list().at(0);
  EXPECT_FALSE(TruthAt(post, "allowNewComments"));
  EXPECT_EQ(TextAt(post, "cmtfpIframe").find("<form"), std::string::npos);
}

TEST_F(BloggerDataTest, BlogWidgetHasThePagerAndItsSettings) {
  view.posts = {MakePost("1", "One")};
  view.pager.older_url = "/search?updated-max=x";
  view.pager.newer_url = "/search?updated-max=y&reverse-paginate=true";
  const WidgetInfo w =
      Widget("Blog1", "Blog", "main",
             {{"showAuthor", "false"}, {"authorLabel", "By"}, {"postsPerAd", "3"}});
  const blogger::RenderInput input = Make({{"main", "Main", {w}}});
  const Value data = input.widget_data(w);
  EXPECT_EQ(TextAt(data, "olderPageUrl"), "https://example.com/search?updated-max=x");
  EXPECT_EQ(TextAt(data, "newerPageUrl"),
            "https://example.com/search?updated-max=y&reverse-paginate=true");
  EXPECT_EQ(TextAt(input.globals, "olderPageUrl"), "https://example.com/search?updated-max=x");
  EXPECT_EQ(TextAt(data, "olderPageTitle"), "Older Posts");
  EXPECT_EQ(At(data, "posts").list().size(), 1u);
  // Settings, typed: booleans and numbers.
  EXPECT_EQ(At(data, "showAuthor").kind(), Value::Kind::kBoolean);
  EXPECT_FALSE(TruthAt(data, "showAuthor"));
  EXPECT_EQ(At(data, "postsPerAd").number(), 3);
  EXPECT_EQ(TextAt(data, "authorLabel"), "By");
  EXPECT_EQ(TextAt(data, "widget.instanceId"), "Blog1");
  EXPECT_EQ(TextAt(data, "widget.type"), "Blog");
  // The bylines leave out what the settings turn off.
  EXPECT_TRUE(At(data, "allBylineItems.author").is_null());
  EXPECT_EQ(TextAt(data, "allBylineItems.timestamp.name"), "timestamp");
}

TEST_F(BloggerDataTest, ArchiveHierarchyFlatAndMenu) {
  const Value tree =
      DataOf(Widget("BlogArchive1", "BlogArchive", "side", {{"showStyle", "HIERARCHY"}}));
  EXPECT_EQ(TextAt(tree, "style"), "HIERARCHY");
  const blogger::List& years = At(tree, "data").list();
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(TextAt(years[0], "name"), "2022");
  EXPECT_EQ(TextAt(years[0], "url"), "https://example.com/2022/");
  EXPECT_EQ(At(years[0], "post-count").number(), 3);
  EXPECT_EQ(TextAt(years[0], "expclass"), "expanded");
  EXPECT_EQ(TextAt(years[1], "expclass"), "collapsed");
  const blogger::List& months = At(years[0], "data").list();
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(TextAt(months[1], "name"), "January");
  EXPECT_EQ(At(months[1], "post-count").number(), 2);

  const Value flat = DataOf(Widget("BlogArchive1", "BlogArchive", "side", {{"showStyle", "FLAT"}}));
  EXPECT_EQ(TextAt(flat, "style"), "FLAT");
  const blogger::List& list = At(flat, "data").list();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(TextAt(list[0], "name"), "February 2022");
  EXPECT_EQ(TextAt(list[2], "name"), "March 2021");
  EXPECT_EQ(TextAt(DataOf(Widget("A", "BlogArchive", "side", {{"showStyle", "MENU"}})), "style"),
            "MENU");
}

TEST_F(BloggerDataTest, SharedPartsFollowTheirInputs) {
  // The archive, the labels and the popular posts are made once and shared while their
  // inputs stay the same; a change shows on the next page.
  const WidgetInfo archive = Widget("BlogArchive1", "BlogArchive", "side");
  const WidgetInfo labels = Widget("Label1", "Label", "side");
  const WidgetInfo popular = Widget("PopularPosts1", "PopularPosts", "side");
  sources.popular_posts = {MakePost("1", "Before")};
  const Value first = DataOf(archive);
  EXPECT_EQ(At(DataOf(archive), "data").list().data(), At(first, "data").list().data());
  EXPECT_EQ(TextAt(At(DataOf(popular), "posts").list().at(0), "title"), "Before");

  sidebar.archive[0].count = 4;
  sidebar.labels[0].name = "Arts";
  sources.popular_posts[0].title = "After";
  EXPECT_EQ(At(At(DataOf(archive), "data").list().at(0), "post-count").number(), 4);
  EXPECT_EQ(TextAt(At(DataOf(labels), "labels").list().at(0), "name"), "Arts");
  EXPECT_EQ(TextAt(At(DataOf(popular), "posts").list().at(0), "title"), "After");
}

TEST_F(BloggerDataTest, LabelCloudSizesFollowTheCounts) {
  const Value cloud = DataOf(Widget("Label1", "Label", "side", {{"display", "CLOUD"}}));
  EXPECT_EQ(TextAt(cloud, "display"), "cloud");
  const blogger::List& labels = At(cloud, "labels").list();
  ASSERT_EQ(labels.size(), 3u);
  EXPECT_EQ(TextAt(labels[0], "name"), "Art");
  EXPECT_EQ(At(labels[0], "cssSize").number(), 1);
  EXPECT_EQ(At(labels[1], "cssSize").number(), 3);
  EXPECT_EQ(At(labels[2], "cssSize").number(), 5);
  EXPECT_EQ(At(labels[2], "count").number(), 100);
  EXPECT_EQ(TextAt(labels[2], "url"), "https://example.com/search/label/Style");

  const Value by_count = DataOf(Widget("Label1", "Label", "side", {{"sorting", "FREQUENCY"}}));
  EXPECT_EQ(TextAt(At(by_count, "labels").list().at(0), "name"), "Style");
  EXPECT_EQ(TextAt(by_count, "display"), "list");

  const Value chosen = DataOf(Widget(
      "Label1", "Label", "side", {{"showType", "SELECTED"}, {"selectedLabelsList", "Food, Art"}}));
  const blogger::List& two = At(chosen, "labels").list();
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(TextAt(two[0], "name"), "Art");
  EXPECT_TRUE(TruthAt(two[1], "isLast"));
}

TEST_F(BloggerDataTest, LinkListTextListImageAndHtmlComeFromTheirSettings) {
  const Value links = DataOf(Widget("LinkList1", "LinkList", "side",
                                    {{"link-10", "https://z.example/"},
                                     {"text-10", "Zed"},
                                     {"link-2", "https://b.example/"},
                                     {"text-2", "Bee"},
                                     {"link-0", "https://a.example/"}}));
  const blogger::List& l = At(links, "links").list();
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(TextAt(l[0], "name"), "https://a.example/");  // no text-0: the URL
  EXPECT_EQ(TextAt(l[1], "name"), "Bee");
  EXPECT_EQ(TextAt(l[2], "target"), "https://z.example/");

  const Value sorted = DataOf(Widget("LinkList1", "LinkList", "side",
                                     {{"sorting", "ALPHA"},
                                      {"link-0", "/z"},
                                      {"text-0", "zebra"},
                                      {"link-1", "/a"},
                                      {"text-1", "Apple"}}));
  EXPECT_EQ(TextAt(At(sorted, "links").list().at(0), "name"), "Apple");

  const Value items = DataOf(
      Widget("TextList1", "TextList", "side", {{"item-1", "Second"}, {"item-0", "First <i>"}}));
  ASSERT_EQ(At(items, "items").list().size(), 2u);
  EXPECT_EQ(At(items, "items").list()[0].ToText(), "First <i>");
  EXPECT_EQ(At(items, "items").list()[0].kind(), Value::Kind::kString);

  const Value image = DataOf(Widget("Image1", "Image", "side",
                                    {{"displayUrl", "https://img.example/a.png"},
                                     {"displayWidth", "300"},
                                     {"displayHeight", "200"},
                                     {"caption", "A caption"},
                                     {"link", "https://x.example/"}}));
  EXPECT_EQ(TextAt(image, "sourceUrl"), "https://img.example/a.png");
  EXPECT_EQ(At(image, "width").number(), 300);
  EXPECT_EQ(At(image, "height").number(), 200);
  EXPECT_EQ(TextAt(image, "caption"), "A caption");
  EXPECT_EQ(TextAt(image, "link"), "https://x.example/");
  EXPECT_EQ(TextAt(image, "image.src"), "https://img.example/a.png");

  const Value html = DataOf(Widget("HTML1", "HTML", "side", {{"content", "<script>x()</script>"}}));
  EXPECT_EQ(At(html, "content").kind(), Value::Kind::kHtml);
  EXPECT_EQ(TextAt(html, "content"), "<script>x()</script>");
}

TEST_F(BloggerDataTest, HeaderUsesTheBannerOrShowsTheTitle) {
  Value header = DataOf(Widget("Header1", "Header", "header", {{"imagePlacement", "REPLACE"}}));
  EXPECT_EQ(TextAt(header, "title"), "My <Blog>");
  EXPECT_EQ(TextAt(header, "description"), "About things");
  EXPECT_FALSE(TruthAt(header, "useImage"));
  EXPECT_EQ(TextAt(header, "imagePlacement"), "BEHIND");

  view.blog.banner_url = "/media/banner.png";
  header = DataOf(Widget("Header1", "Header", "header", {{"imagePlacement", "REPLACE"}}));
  EXPECT_TRUE(TruthAt(header, "useImage"));
  EXPECT_EQ(TextAt(header, "imagePlacement"), "REPLACE");
  EXPECT_EQ(TextAt(header, "sourceUrl"), "https://example.com/media/banner.png");
  EXPECT_EQ(TextAt(header, "image.alt"), "My <Blog>");
}

TEST_F(BloggerDataTest, FeaturedPostComesFromItsPostIdOrIsTheNewest) {
  std::vector<int64_t> asked;
  sources.post_by_id = [&asked](int64_t id) -> std::optional<PostView> {
    asked.push_back(id);
    if (id == 99) return MakePost("99", "Featured");
    return std::nullopt;
  };
  view.pager.home_url = "/";  // not the first home page: the source is asked
  Value data = DataOf(Widget("FeaturedPost1", "FeaturedPost", "main", {{"postId", "99"}}));
  EXPECT_EQ(asked, std::vector<int64_t>{99});
  EXPECT_EQ(TextAt(data, "postId"), "99");
  EXPECT_EQ(TextAt(At(data, "posts").list().at(0), "title"), "Featured");
  EXPECT_EQ(TextAt(data, "postTitle"), "Featured");
  EXPECT_EQ(TextAt(data, "postUrl"), "https://example.com/2022/01/99.html");

  data = DataOf(Widget("FeaturedPost1", "FeaturedPost", "main", {{"postId", "5"}}));
  EXPECT_TRUE(At(data, "posts").list().empty());
  EXPECT_TRUE(At(data, "postId").is_null());

  // On the first home page the newest post is the page's first.
  view.pager.home_url.clear();
  view.posts = {MakePost("3", "Newest"), MakePost("2", "Older")};
  data = DataOf(Widget("FeaturedPost1", "FeaturedPost", "main", {{"useMostRecentPost", "true"}}));
  EXPECT_EQ(TextAt(data, "postId"), "3");
  EXPECT_EQ(asked.size(), 2u);
}

TEST_F(BloggerDataTest, PopularPostsShowsTheSourcesUpToItsCount) {
  sources.popular_posts = {MakePost("1", "P1"), MakePost("2", "P2"), MakePost("3", "P3")};
  const Value data = DataOf(Widget("PopularPosts1", "PopularPosts", "side",
                                   {{"numItemsToShow", "2"}, {"showThumbnails", "false"}}));
  const blogger::List& posts = At(data, "posts").list();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(TextAt(posts[0], "title"), "P1");
  EXPECT_EQ(TextAt(posts[1], "href"), "https://example.com/2022/01/2.html");
  EXPECT_FALSE(TruthAt(data, "showThumbnails"));
  EXPECT_FALSE(TruthAt(data, "postDisplay.showFeaturedImage"));
  EXPECT_TRUE(TruthAt(data, "postDisplay.showSnippet"));
}

TEST_F(BloggerDataTest, BlogListShowsTheFollowedBlogsNewestItems) {
  std::string asked;
  sources.blog_list = [&asked](const std::string& widget_id) {
    asked = widget_id;
    const Time day_ago = FromEpochMillis(ToEpochMillis(Now()) - 26 * 3600 * 1000);
    return std::vector<BlogListItem>{{"Other <Blog>", "https://o.example/", "New item",
                                      "https://o.example/1", "Text", "", day_ago},
                                     {"Third", "https://t.example/", "Item", "https://t.example/2",
                                      "", "https://t.example/i.png", day_ago}};
  };
  const Value data = DataOf(Widget("BlogList1", "BlogList", "side", {{"numItemsToShow", "1"}}));
  EXPECT_EQ(asked, "BlogList1");
  const blogger::List& items = At(data, "items").list();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(TextAt(items[0], "blogTitle"), "Other <Blog>");
  EXPECT_EQ(TextAt(items[0], "itemUrl"), "https://o.example/1");
  EXPECT_EQ(TextAt(items[0], "itemSnippet"), "Text");
  EXPECT_EQ(TextAt(items[0], "timePeriodSinceLastUpdate"), "1 day ago");
}

TEST_F(BloggerDataTest, ContactFormHasItsToken) {
  sources.contact_form_token = "form-token";
  const Value data = DataOf(Widget("ContactForm1", "ContactForm", "side"));
  EXPECT_EQ(TextAt(data, "contactFormToken"), "form-token");
  EXPECT_EQ(TextAt(data, "submitUrl"), "https://example.com/contact-form");
  EXPECT_FALSE(TextAt(data, "contactFormSendMsg").empty());
}

TEST_F(BloggerDataTest, ProfileIsTheAuthorOrTheTeam) {
  Value data = DataOf(Widget("Profile1", "Profile", "side"));
  EXPECT_FALSE(TruthAt(data, "team"));
  EXPECT_EQ(TextAt(data, "displayname"), "Ann");
  EXPECT_EQ(TextAt(data, "userUrl"), "/profile/ann");
  EXPECT_EQ(TextAt(data, "aboutme"), "I write.");
  EXPECT_EQ(TextAt(data, "authorPhoto.image"), "/media/ann.jpg");

  sources.authors.push_back({"Bo", "", "", ""});
  data = DataOf(Widget("Profile1", "Profile", "side"));
  EXPECT_TRUE(TruthAt(data, "team"));
  ASSERT_EQ(At(data, "authors").list().size(), 2u);
  EXPECT_EQ(TextAt(At(data, "authors").list()[1], "display"), "Bo");
}

TEST_F(BloggerDataTest, PageListMarksTheCurrentPage) {
  target = "/p/about.html";
  const Value data = DataOf(Widget("PageList1", "PageList", "top", {{"homeTitle", "Start"}}));
  const blogger::List& links = At(data, "links").list();
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(TextAt(links[0], "title"), "Start");
  EXPECT_FALSE(TruthAt(links[0], "isCurrentPage"));
  EXPECT_EQ(TextAt(links[1], "href"), "https://example.com/p/about.html");
  EXPECT_TRUE(TruthAt(links[1], "isCurrentPage"));
}

TEST_F(BloggerDataTest, WidgetsAreListedByTypeInPageOrder) {
  const std::vector<SectionInfo> sections = {
      {"main", "Main", {Widget("Blog1", "Blog", "main"), Widget("LinkList2", "LinkList", "main")}},
      {"side",
       "Side",
       {Widget("LinkList1", "LinkList", "side"), Widget("FeaturedPost1", "FeaturedPost", "side")}}};
  view.posts = {MakePost("3", "Newest")};
  const blogger::RenderInput input = Make(sections);
  const blogger::List& links = At(input.globals, "widgets.LinkList").list();
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(TextAt(links[0], "id"), "LinkList2");
  EXPECT_EQ(TextAt(links[0], "sectionId"), "main");
  EXPECT_EQ(TextAt(links[1], "id"), "LinkList1");
  EXPECT_EQ(TextAt(links[1], "instanceId"), "LinkList1");
  EXPECT_EQ(TextAt(At(input.globals, "widgets.FeaturedPost").list().at(0), "postId"), "3");
  EXPECT_EQ(At(At(input.globals, "widgets.Blog").list().at(0), "posts").list().size(), 1u);
  EXPECT_TRUE(At(input.globals, "widgets.Image").is_null());
  // The widget's own data is the same value.
  EXPECT_EQ(TextAt(input.widget_data(sections[1].widgets[0]), "sectionId"), "side");
}

TEST_F(BloggerDataTest, HiddenWidgetsAreNotListedNorAskedFor) {
  bool asked = false;
  sources.post_by_id = [&asked](int64_t) -> std::optional<PostView> {
    asked = true;
    return MakePost("9", "Featured");
  };
  WidgetInfo featured = Widget("FeaturedPost1", "FeaturedPost", "main", {{"postId", "9"}});
  featured.visible = false;
  const blogger::RenderInput input = Make({{"main", "Main", {featured}}});
  EXPECT_TRUE(At(input.globals, "widgets.FeaturedPost").is_null());
  EXPECT_FALSE(asked);
}

TEST_F(BloggerDataTest, MessagesAreTheLocales) {
  EXPECT_EQ(TextAt(Globals(), "messages.newerPosts"), Locale::For("en").Message("newerPosts"));
}

}  // namespace
}  // namespace samizdat::render
