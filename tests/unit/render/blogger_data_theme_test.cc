// The data model with a real theme: hyde.xml (../shared/fixtures/blogger-templates), which
// needs none of the built-in markup, rendered with MakeBloggerData on a list page and on
// a post page shows the posts and their dates, the comments and a working form; and the
// built-in post header a small theme includes.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "render/blogger_data.h"

namespace samizdat::render {
namespace {

std::shared_ptr<const blogger::Theme> Hyde() {
  std::ifstream in(std::string(SAMIZDAT_SHARED_FIXTURES) + "/blogger-templates/hyde.xml");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto theme = blogger::Theme::Compile(buffer.str(), "hyde.xml");
  EXPECT_TRUE(theme.ok()) << theme.status().message();
  return theme.ok() ? *theme : nullptr;
}

PostView Post(std::string id, std::string title) {
  PostView p;
  p.id = id;
  p.title = std::move(title);
  p.url = "/2022/01/post-" + id + ".html";
  p.date_header = "Saturday, January 15, 2022";
  p.body_html = "<p>The body of post " + id + ".</p>";
  p.author = "Ann";
  p.time_text = "4:18 PM";
  p.iso_time = "2022-01-15T16:18:00.000Z";
  p.labels = {{"Travel", "/search/label/Travel", 0, false}};
  p.comments_feed_url = "/feeds/" + id + "/comments/default";
  return p;
}

class HydeTest : public ::testing::Test {
 protected:
  HydeTest() {
    blog.title = "Hyde & Co";
    view.blog.title = blog.title;
    view.title = blog.title;
  }

  std::string Render() {
    BloggerPageInput in{
        blog, zone, Locale::For("en"), view, sidebar, "https://example.com", target, "", sources};
    auto page = theme->Render(MakeBloggerData(*theme, in));
    EXPECT_TRUE(page.ok()) << page.status().message();
    if (!page.ok()) return "";
    for (std::string_view markup : {"<b:", "</b:", "<data:", " expr:", "$(body", "<macro:"}) {
      const size_t at = page->find(markup);
      EXPECT_EQ(at, std::string::npos)
          << markup << ": " << page->substr(at < 300 ? 0 : at - 300, 600);
    }
    return *page;
  }

  std::shared_ptr<const blogger::Theme> theme = Hyde();
  Blog blog;
  TimeZone zone = TimeZone::Utc();
  PageView view;
  Sidebar sidebar;
  WidgetSources sources;
  std::string target = "/";
};

TEST_F(HydeTest, HomePageShowsThePostsWithTheirDates) {
  ASSERT_NE(theme, nullptr);
  view.posts = {Post("1", "First <post>"), Post("2", "Second")};
  const std::string page = Render();
  EXPECT_NE(page.find("First &lt;post&gt;"), std::string::npos);
  EXPECT_EQ(page.find("First <post>"), std::string::npos);
  EXPECT_NE(page.find("<p>The body of post 2.</p>"), std::string::npos);
  EXPECT_NE(page.find("https://example.com/2022/01/post-1.html"), std::string::npos);
  EXPECT_NE(page.find("Saturday, January 15, 2022"), std::string::npos);
}

TEST_F(HydeTest, PostPageShowsItsCommentsAndTheCommentForm) {
  ASSERT_NE(theme, nullptr);
  view.kind = PageKind::kItem;
  view.posts = {Post("7", "The post")};
  view.title = blog.title + ": The post";
  target = view.posts[0].url;
  view.show_comments = true;
  view.comments = {{"11",
                    "Eve <3",
                    "",
                    "<p>Lovely.</p>",
                    "January 15, 2022 at 5:00 PM",
                    "2022-01-15T17:00:00Z",
                    "/2022/01/post-7.html?showComment=1#c11",
                    "",
                    {}}};
  view.posts[0].comment_count = 1;
  view.comment_form.open = true;
  view.comment_form.post_id = "7";
  view.comment_form.token = "tok";
  const std::string page = Render();
  EXPECT_NE(page.find("<p>The body of post 7.</p>"), std::string::npos);
  EXPECT_NE(page.find("Eve &lt;3"), std::string::npos);
  EXPECT_NE(page.find("<p>Lovely.</p>"), std::string::npos);
  EXPECT_NE(page.find("action=\"/comment\""), std::string::npos);
  EXPECT_NE(page.find("name=\"token\" value=\"tok\""), std::string::npos);
}

// A Blog widget whose main includable writes, for each post, its title and `body` (the
// built-in includables it calls), with the widget's `settings`, on a home page of `posts`.
std::string RenderBlogWidget(std::string_view settings, std::string_view body,
                             std::vector<PostView> posts) {
  auto theme = blogger::Theme::Compile(
      "<?xml version='1.0'?>\n<html xmlns:b='http://www.google.com/2005/gml/b' "
      "xmlns:data='http://www.google.com/2005/gml/data' "
      "xmlns:expr='http://www.google.com/2005/gml/expr'><body><b:section id='main'>"
      "<b:widget id='Blog1' type='Blog' version='2'><b:widget-settings>" +
          std::string(settings) +
          "</b:widget-settings><b:includable id='main'><b:loop values='data:posts' "
          "var='post'><h3 class='post-title'><data:post.title/></h3>" +
          std::string(body) + "</b:loop></b:includable></b:widget></b:section></body></html>",
      "t.xml");
  EXPECT_TRUE(theme.ok()) << theme.status().message();
  if (!theme.ok()) return "";
  Blog blog;
  PageView view;
  view.posts = std::move(posts);
  Sidebar sidebar;
  WidgetSources sources;
  BloggerPageInput in{
      blog, TimeZone::Utc(), Locale::For("en"), view, sidebar, "https://example.com", "/",
      "",   sources};
  auto page = (*theme)->Render(MakeBloggerData(**theme, in));
  EXPECT_TRUE(page.ok()) << page.status().message();
  return page.ok() ? *page : "";
}

// Blogger writes a post's header even when the Blog widget shows no byline in it:
// themes' CSS relies on it (Contempo floats the title and clears the float with the
// header; without it the title and the body's first line share a line).
TEST(BuiltInMarkupTest, PostHeaderIsWrittenWithNoBylineItems) {
  const std::string page = RenderBlogWidget(
      "<b:widget-setting name='showAuthor'>false</b:widget-setting>"
      "<b:widget-setting name='showTimestamp'>false</b:widget-setting>",
      "<b:include name='headerByline'/>", {Post("1", "First")});
  EXPECT_NE(page.find("<div class='post-header'>"), std::string::npos) << page;
  EXPECT_EQ(page.find("Posted by"), std::string::npos) << page;
}

// The labels byline has no separator of its own: Soho and Notable add a comma in CSS
// (two commas showed), Contempo shows chips.
TEST(BuiltInMarkupTest, PostLabelsHaveNoSeparatorOfTheirOwn) {
  PostView post = Post("1", "First");
  post.labels.push_back({"Rivers", "/search/label/Rivers", 0, true});
  const std::string page =
      RenderBlogWidget("", "<b:include data='post' name='postLabels'/>", {std::move(post)});
  const size_t travel = page.find(">Travel</a>");
  const size_t rivers = page.find(">Rivers</a>");
  ASSERT_NE(travel, std::string::npos) << page;
  ASSERT_NE(rivers, std::string::npos) << page;
  EXPECT_EQ(page.substr(travel, rivers - travel).find(','), std::string::npos) << page;
}

}  // namespace
}  // namespace samizdat::render
