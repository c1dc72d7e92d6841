// Tests for render/theme.h: the default theme's page structure (Blogger's order and
// texts), escaping, and loading themes from a directory.
#include "render/theme.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "render/build.h"
#include "render/head_content.h"

namespace samizdat::render {
namespace {

constexpr std::string_view kBase = "https://example.com";

Time At(std::string_view rfc3339) {
  Result<Time> t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.ok() ? *t : Time{};
}

Blog TestBlog() {
  Blog blog;
  blog.id = 1234;
  blog.title = "Harbor Log";
  blog.description = "Tides, boats and the people who mend them.";
  blog.banner_url = "/media/banner.jpg";
  blog.banner_alt = "Harbor Log banner";
  return blog;
}

Post TestPost() {
  Post post;
  post.id = 5678;
  post.kind = PostKind::kPost;
  post.status = PostStatus::kPublished;
  post.title = "The spring tide came early";
  post.path = "/2022/01/spring-tide.html";
  post.body_html = "<p>The water rose past the third step before noon.</p>";
  post.author = "Mira";
  post.labels = {"tides", "harbor life"};
  post.published = At("2022-01-15T16:18:00Z");
  return post;
}

Sidebar TestSidebar(const Blog& blog) {
  return MakeSidebar(
      blog, TimeZone::Utc(),
      {At("2022-01-15T16:18:00Z"), At("2022-01-02T10:00:00Z"), At("2021-11-02T10:00:00Z")},
      {{"tides", 2}, {"harbor life", 1}}, {{"Contact", "/p/contact.html"}}, 0);
}

PageView ItemPage() {
  const Blog blog = TestBlog();
  PageView page;
  page.kind = PageKind::kItem;
  page.blog = MakeBlogView(blog);
  page.title = blog.title + ": " + TestPost().title;
  page.canonical_url = TestPost().path;
  page.posts = {MakePostView(blog, TimeZone::Utc(), TestPost(), kBase)};
  page.pager = {"/2022/01/newer.html", "/2022/01/older.html", "/"};
  page.sidebar_html = Theme::Default().RenderSidebar(TestSidebar(blog), "");
  page.show_comments = true;
  page.comment_form.open = true;
  page.comment_form.post_id = "5678";
  page.comment_form.token = "tok-123";
  page.head_html = HeadContentHtml(blog, page, std::string(kBase));
  return page;
}

PageView ListPage() {
  const Blog blog = TestBlog();
  PageView page;
  page.kind = PageKind::kIndex;
  page.blog = MakeBlogView(blog);
  page.title = blog.title;
  page.canonical_url = "/";
  Post second = TestPost();
  second.id = 91;
  second.title = "Nets";
  second.path = "/2022/01/nets.html";
  second.comment_count = 1;
  second.published = At("2022-01-15T09:00:00Z");
  page.posts = MakePostViews(blog, TimeZone::Utc(), {TestPost(), second}, kBase);
  page.pager.older_url = "/search?updated-max=2022-01-15T09%3A00%3A00Z&max-results=7";
  page.sidebar_html = Theme::Default().RenderSidebar(TestSidebar(blog), "");
  return page;
}

// Fails unless every needle appears in `haystack`, each after the previous one.
void ExpectInOrder(const std::string& haystack, const std::vector<std::string>& needles) {
  size_t pos = 0;
  for (const std::string& needle : needles) {
    const size_t found = haystack.find(needle, pos);
    ASSERT_NE(found, std::string::npos) << "missing (in order): " << needle << "\n" << haystack;
    pos = found + needle.size();
  }
}

size_t Count(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

TEST(ThemeTest, ItemPageFollowsBloggersOrder) {
  const std::string html = Theme::Default().Render(ItemPage());
  ExpectInOrder(
      html, {"<!DOCTYPE html>",
             "<html lang=\"en\" dir=\"ltr\">",
             "<meta charset=\"utf-8\">",
             "name=\"viewport\"",
             "<title>Harbor Log: The spring tide came early</title>",
             "<link rel=\"canonical\" href=\"https://example.com/2022/01/spring-tide.html\">",
             "title=\"Harbor Log - Atom\" href=\"https://example.com/feeds/posts/default\"",
             "title=\"Harbor Log - RSS\" href=\"https://example.com/feeds/posts/default?alt=rss\"",
             "<meta name=\"generator\" content=\"samizdat\">",
             "<style>",
             "</head>",
             "alt=\"Harbor Log banner\" title=\"Harbor Log banner\"",
             "<h2 class=\"date-header\"><span>Saturday, January 15, 2022</span></h2>",
             "The spring tide came early",
             "The water rose past the third step",
             "Posted by",
             "Mira",
             "at <a class=\"timestamp-link\"",
             "datetime=\"2022-01-15T16:18:00.000Z\">4:18 PM</time>",
             "Labels: <a href=\"/search/label/tides\" rel=\"tag\">tides</a>, "
             "<a href=\"/search/label/harbor%20life\" rel=\"tag\">harbor life</a></span>",
             "<h4>No comments:</h4>",
             "Post a Comment",
             "Newer Post",
             "Older Post",
             "Home",
             "Subscribe to:",
             "href=\"/feeds/5678/comments/default\"",
             "Post Comments (Atom)",
             "Search This Blog",
             "Powered by samizdat"});
  // The item page's title is not a link, and the list-only comment link is absent.
  EXPECT_EQ(html.find("<a href=\"/2022/01/spring-tide.html\">The spring"), std::string::npos);
  EXPECT_EQ(html.find("class=\"comment-link\""), std::string::npos);
  EXPECT_EQ(html.find("Newer Posts"), std::string::npos);
  EXPECT_EQ(html.find("Posts (Atom)"), std::string::npos);
  // No script runs: the one script element is the head's JSON-LD data.
  EXPECT_EQ(Count(html, "<script"), Count(html, "<script type=\"application/ld+json\">"));
}

TEST(ThemeTest, ItemPageShareLinksEscapeAmpersands) {
  const std::string html = Theme::Default().Render(ItemPage());
  for (std::string_view text :
       {"Email This", "Share to Twitter", "Share to Facebook", "Share to Pinterest"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  EXPECT_NE(
      html.find("https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.com%2F2022%2F01%2F"
                "spring-tide.html&amp;text=The%20spring%20tide%20came%20early"),
      std::string::npos);
}

TEST(ThemeTest, PagerShowsOnlyTheLinksItHas) {
  PageView page = ItemPage();
  page.pager = {"", "/2022/01/older.html", "/"};
  const std::string html = Theme::Default().Render(page);
  EXPECT_EQ(html.find("Newer Post"), std::string::npos);
  EXPECT_NE(html.find("id=\"blog-pager-older-link\""), std::string::npos);
  EXPECT_NE(html.find("<a class=\"home-link\" href=\"/\">Home</a>"), std::string::npos);
}

TEST(ThemeTest, ListPageShowsDateHeadersCommentLinksAndOlderPosts) {
  const std::string html = Theme::Default().Render(ListPage());
  // Two posts of the same day: one date header.
  EXPECT_EQ(Count(html, "class=\"date-header\""), 1u);
  ExpectInOrder(html, {"<a href=\"/2022/01/spring-tide.html\">The spring tide came early</a>",
                       "<a class=\"comment-link\" href=\"/2022/01/spring-tide.html#comment-form\">"
                       "No comments</a>",
                       "<a href=\"/2022/01/nets.html\">Nets</a>", "1 comment</a>", "Older Posts",
                       "Subscribe to:", "Posts (Atom)"});
  EXPECT_NE(html.find("href=\"/search?updated-max=2022-01-15T09%3A00%3A00Z&amp;max-results=7\""),
            std::string::npos);
  EXPECT_EQ(html.find("Newer Posts"), std::string::npos);
  EXPECT_EQ(html.find("class=\"home-link\""), std::string::npos);
  EXPECT_EQ(html.find("Post a Comment"), std::string::npos);
  EXPECT_EQ(html.find("Post Comments (Atom)"), std::string::npos);
}

TEST(ThemeTest, TextHeaderLinksHomeExceptOnTheHomePage) {
  PageView page = ListPage();
  page.blog.banner_url.clear();
  std::string html = Theme::Default().Render(page);
  EXPECT_NE(html.find("<h1 class=\"title\">Harbor Log</h1>"), std::string::npos);
  EXPECT_NE(html.find("Tides, boats and the people who mend them."), std::string::npos);
  page.kind = PageKind::kItem;
  html = Theme::Default().Render(page);
  EXPECT_NE(html.find("<h1 class=\"title\"><a href=\"/\">Harbor Log</a></h1>"), std::string::npos);
}

TEST(ThemeTest, StatusMessageAndSnippetsOnSearchPages) {
  PageView page = ListPage();
  page.kind = PageKind::kSearch;
  page.search_query = "tide \"high\"";
  page.status_message_html = SearchStatusHtml(Locale::For("en"), page.search_query, 2);
  page.sidebar_html = Theme::Default().RenderSidebar(TestSidebar(TestBlog()), page.search_query);
  page.posts[0].snippet_html = "the spring <mark>tide</mark> came";
  page.posts[1].snippet_html = "nets";
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(html, {"Showing posts sorted by relevance for query <b>tide &quot;high&quot;</b>",
                       "the spring <mark>tide</mark> came", "Posts (Atom)",
                       "value=\"tide &quot;high&quot;\""});
  EXPECT_EQ(html.find("The water rose"), std::string::npos);
}

TEST(ThemeTest, TitlesAreEscapedButBodiesAreNot) {
  PageView page = ItemPage();
  page.posts[0].title = "<script>alert(1)</script>";
  page.title = "<script>alert(2)</script>";
  page.blog.title = "A & B <script>";
  page.posts[0].body_html = "<p><em>kept</em></p>";
  Blog blog = TestBlog();
  blog.title = page.blog.title;
  page.head_html = HeadContentHtml(blog, page, std::string(kBase));
  const std::string html = Theme::Default().Render(page);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(2)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("A &amp; B &lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<p><em>kept</em></p>"), std::string::npos);
}

TEST(ThemeTest, StaticPageHasNoDateHeaderFooterOrPager) {
  const Blog blog = TestBlog();
  Post post = TestPost();
  post.kind = PostKind::kPage;
  post.path = "/p/contact.html";
  PageView page = ItemPage();
  page.kind = PageKind::kStaticPage;
  page.posts = {MakePostView(blog, TimeZone::Utc(), post, kBase)};
  page.show_comments = false;  // the page hides its comments
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(html, {"The spring tide came early", "The water rose past the third step"});
  for (std::string_view absent : {"class=\"date-header\"", "No comments", "Post a Comment",
                                  "Newer Post", "Older Post", "Subscribe to:", "Posted by"}) {
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
  }
}

TEST(ThemeTest, ErrorPageUsesTheLayout) {
  PageView page;
  page.kind = PageKind::kError;
  page.blog = MakeBlogView(TestBlog());
  page.title = "Harbor Log";
  page.error_title = "Page not found";
  page.error_message = "Sorry, the page you were looking for in this blog does not exist.";
  page.pager.home_url = "/";
  page.sidebar_html = Theme::Default().RenderSidebar(TestSidebar(TestBlog()), "");
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(html, {"alt=\"Harbor Log banner\"", "Page not found",
                       "Sorry, the page you were looking for in this blog does not exist.", "Home",
                       "Blog Archive", "Powered by samizdat"});
  EXPECT_EQ(html.find("Subscribe to:"), std::string::npos);
  // An error page has no address of its own: no <link rel="canonical" href="">.
  EXPECT_EQ(html.find("rel=\"canonical\""), std::string::npos);
}

TEST(ThemeTest, ValuesLoseTheControlCharactersAPageMayNotHold) {
  PageView page = ItemPage();
  page.posts[0].title = std::string("Tide\x01\x02\x03 table\x7F");
  const std::string html = Theme::Default().Render(page);
  EXPECT_NE(html.find("Tide table"), std::string::npos);
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_EQ(html.find('\x7F'), std::string::npos);
}

TEST(ThemeTest, SidebarShowsSearchPagesArchiveLabelsAndAbout) {
  PageView page = ListPage();
  Sidebar sidebar = TestSidebar(TestBlog());
  sidebar.archive[0].expanded = true;
  page.sidebar_html = Theme::Default().RenderSidebar(sidebar, "");
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(html, {"<aside",
                       "Search This Blog",
                       "action=\"/search\"",
                       "name=\"q\"",
                       "value=\"Search\"",
                       "Pages",
                       "<a href=\"/p/contact.html\">Contact</a>",
                       "Blog Archive",
                       "<details open>",
                       "href=\"/2022/\">2022</a>",
                       "(2)",
                       "href=\"/2022/01/\">January</a>",
                       "(2)",
                       "<details>",
                       "href=\"/2021/\">2021</a>",
                       "(1)",
                       "href=\"/2021/11/\">November</a>",
                       "Labels",
                       "href=\"/search/label/harbor%20life\">harbor life</a>",
                       "(1)",
                       "href=\"/search/label/tides\">tides</a>",
                       "(2)",
                       "About",
                       "Tides, boats and the people who mend them.",
                       "</aside>"});
}

TEST(ThemeTest, RenderSidebarHoldsArchiveLabelsAndTheEscapedQuery) {
  const std::string html = Theme::Default().RenderSidebar(
      TestSidebar(TestBlog()), "<script>alert(1)</script> & \"tides\" 'n'");
  ExpectInOrder(html, {"Search This Blog",
                       "name=\"q\" value=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                       "&quot;tides&quot; &#39;n&#39;\"",
                       "<a href=\"/p/contact.html\">Contact</a>", "Blog Archive",
                       "href=\"/2022/\">2022</a> <span class=\"post-count\" dir=\"ltr\">(2)</span>",
                       "href=\"/2022/01/\">January</a> <span class=\"post-count\" dir=\"ltr\">"
                       "(2)</span>",
                       "href=\"/2021/\">2021</a> <span class=\"post-count\" dir=\"ltr\">(1)</span>",
                       "href=\"/2021/11/\">November</a> <span class=\"post-count\" dir=\"ltr\">"
                       "(1)</span>",
                       "Labels",
                       "<a href=\"/search/label/harbor%20life\">harbor life</a> <span dir=\"ltr\">"
                       "(1)</span>",
                       "<a href=\"/search/label/tides\">tides</a> <span dir=\"ltr\">(2)</span>",
                       "About", "Tides, boats and the people who mend them."});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // The newest year is open, the others are not.
  EXPECT_EQ(Count(html, "<details open>"), 1u);
  EXPECT_EQ(Count(html, "<details>"), 1u);
  // The content of the <aside>, not a page.
  EXPECT_EQ(html.find("<aside"), std::string::npos);
  EXPECT_EQ(html.find("<html"), std::string::npos);
}

TEST(ThemeTest, PageInsertsSidebarHtmlOnceAndUnescaped) {
  PageView page = ItemPage();
  page.sidebar_html = Theme::Default().RenderSidebar(TestSidebar(TestBlog()), "a < b");
  ASSERT_NE(page.sidebar_html.find("<nav class=\"widget BlogArchive\""), std::string::npos);
  const std::string html = Theme::Default().Render(page);
  EXPECT_EQ(Count(html, page.sidebar_html), 1u);
  ExpectInOrder(html, {"Powered", "</footer>"});  // sanity: a whole page
  ExpectInOrder(html,
                {"<aside class=\"sidebar\" id=\"sidebar\">\n", page.sidebar_html, "</aside>"});
  EXPECT_EQ(Count(html, "Search This Blog"), 1u);
}

TEST(ThemeTest, RendersTheSamePageFromManyThreads) {
  const Theme theme = Theme::Default();
  const PageView page = ItemPage();
  const Sidebar sidebar = TestSidebar(TestBlog());
  const std::string expected = theme.Render(page);
  const std::string expected_sidebar = theme.RenderSidebar(sidebar, "tides");
  std::vector<std::string> results(4);
  std::vector<std::string> sidebars(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 20; ++n) {
        results[i] = theme.Render(page);
        sidebars[i] = theme.RenderSidebar(sidebar, "tides");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& result : results) EXPECT_EQ(result, expected);
  for (const std::string& result : sidebars) EXPECT_EQ(result, expected_sidebar);
}

Comment TestComment(int64_t id, int64_t parent_id, std::string_view published,
                    std::string_view author) {
  Comment c;
  c.id = id;
  c.post_id = 5678;
  c.parent_id = parent_id;
  c.status = CommentStatus::kPublished;
  c.author_name = author;
  c.body_html = "Comment number " + std::to_string(id) + ".";
  c.published = At(published);
  return c;
}

// An item page with three comments: 101 (with a link), 102 replying to it, and 103.
PageView PageWithComments(int depth = 2) {
  PageView page = ItemPage();
  Blog blog = TestBlog();
  blog.comment_depth = depth;
  std::vector<Comment> comments = {TestComment(103, 0, "2022-01-16T09:00:00Z", "Tomas"),
                                   TestComment(102, 101, "2022-01-15T19:00:00Z", "Mira"),
                                   TestComment(101, 0, "2022-01-15T18:30:00Z", "Jonah")};
  comments[2].author_url = "https://jonah.example/";
  comments[2].body_html = "First! <b>Lovely</b> tide.<br>Second line.";
  page.posts[0].comment_count = 3;
  page.posts[0].comment_count_text = Locale::For("en").CommentCountText(3);
  page.comments = MakeCommentThreads(blog, TimeZone::Utc(), TestPost(), comments);
  return page;
}

TEST(ThemeTest, ItemPageShowsCommentThreadsThenTheForm) {
  const std::string html = Theme::Default().Render(PageWithComments());
  ExpectInOrder(
      html,
      {"Posted by",
       "<div class=\"comments\" id=\"comments\">",
       "<h4>3 comments:</h4>",
       "<div class=\"comments-content\">",
       "<ol",
       "<li class=\"comment\" id=\"c101\">",
       "<cite class=\"user\"><a href=\"https://jonah.example/\" rel=\"nofollow ugc\">Jonah</a>"
       "</cite>",
       "<span class=\"datetime secondary-text\"><a href=\"/2022/01/spring-tide.html?showComment="
       "1642271400000#c101\"><time datetime=\"2022-01-15T18:30:00.000Z\">January 15, 2022 at 6:30 "
       "PM"
       "</time></a></span>",
       "<p class=\"comment-content\">First! <b>Lovely</b> tide.<br>Second line.</p>",
       "<a class=\"comment-reply\" "
       "href=\"/2022/01/spring-tide.html?reply=101#comment-form\">Reply</a>",
       "<div class=\"comment-replies\">",
       "<ol",
       "<li class=\"comment\" id=\"c102\">",
       "<cite class=\"user\">Mira</cite>",
       "Comment number 102.",
       "?reply=102#comment-form",
       "</li>",
       "</ol>",
       "</li>",
       "<li class=\"comment\" id=\"c103\">",
       "Tomas",
       "January 16, 2022 at 9:00 AM",
       "</li>",
       "</ol>",
       "<div class=\"comment-form\" id=\"comment-form\">",
       "<h4 id=\"comment-post-message\">Post a Comment</h4>",
       "<form method=\"post\" action=\"/comment\">",
       "<input type=\"hidden\" name=\"post_id\" value=\"5678\">",
       "<input type=\"hidden\" name=\"parent_id\" value=\"\">",
       "<input type=\"hidden\" name=\"token\" value=\"tok-123\">",
       ">Comment</label>",
       "<textarea id=\"comment-body\" name=\"body\"",
       "maxlength=\"4096\" required>",
       ">Name (optional)</label>",
       "name=\"name\"",
       ">Website (optional)</label>",
       "name=\"url\"",
       "<p class=\"hp\" aria-hidden=\"true\">",
       "Leave this field empty",
       "name=\"email\" value=\"\" tabindex=\"-1\" autocomplete=\"off\"",
       "<button type=\"submit\">Publish</button>",
       "</form>",
       "Newer Post",
       "Post Comments (Atom)"});
  // One element carries each anchor; Blogger's <a name> is obsolete in HTML5.
  EXPECT_EQ(Count(html, "id=\"comment-form\""), 1u);
  EXPECT_EQ(Count(html, "id=\"comments\""), 1u);
  EXPECT_EQ(html.find("<a name="), std::string::npos);
  EXPECT_EQ(html.find("Replying to"), std::string::npos);
  EXPECT_EQ(html.find("role=\"alert\""), std::string::npos);
  EXPECT_EQ(html.find("role=\"status\""), std::string::npos);
  EXPECT_EQ(Count(html, "<script"), Count(html, "<script type=\"application/ld+json\">"));
  // Mira's name is not a link: she gave no URL.
  EXPECT_EQ(html.find("<cite class=\"user\"><a href=\"\""), std::string::npos);
}

TEST(ThemeTest, StaticPageShowsItsCommentsAndTheForm) {
  PageView page = PageWithComments();
  Post post = TestPost();
  post.kind = PostKind::kPage;
  post.path = "/p/contact.html";
  page.kind = PageKind::kStaticPage;
  page.posts = {MakePostView(TestBlog(), TimeZone::Utc(), post, kBase)};
  page.posts[0].comment_count_text = Locale::For("en").CommentCountText(3);
  page.head_html = HeadContentHtml(TestBlog(), page, std::string(kBase));
  const std::string html = Theme::Default().Render(page);
  // The page's title is an h2, so the comments' headings are h3s (no level skipped).
  ExpectInOrder(html,
                {"<h2 class=\"post-title entry-title\">", "The water rose past the third step",
                 "<div class=\"comments\" id=\"comments\">", "<h3>3 comments:</h3>",
                 "<li class=\"comment\" id=\"c101\">", "Post a Comment",
                 "<input type=\"hidden\" name=\"post_id\" value=\"5678\">",
                 "Subscribe to: <a class=\"feed-link\" href=\"/feeds/5678/comments/default\""});
  EXPECT_NE(html.find("title=\"Harbor Log - The spring tide came early - Comments\" "
                      "href=\"https://example.com/feeds/5678/comments/default\">"),
            std::string::npos);
  EXPECT_EQ(html.find("Posted by"), std::string::npos);
  EXPECT_EQ(html.find("Newer Post"), std::string::npos);
}

TEST(ThemeTest, BacklinksAreListedUnderTheCommentsEscapedOnce) {
  PageView page = PageWithComments();
  Comment ping = TestComment(201, 0, "2022-01-17T08:00:00Z", "Tides &amp; Boats <i>weekly</i>");
  ping.kind = CommentKind::kPingback;
  ping.author_url = "https://tides.example/?a=1&b=2";
  ping.body_html = "[&#8230;] the <b>spring tide</b> came &amp; went [&#8230;]";
  Comment track = TestComment(202, 0, "2022-01-18T08:00:00Z", "");
  track.kind = CommentKind::kTrackback;
  page.backlinks = MakeBacklinks(Blog{}, TimeZone::Utc(), {track, ping});
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(
      html,
      {"<li class=\"comment\" id=\"c103\">", "Post a Comment", "</form>",
       "<div class=\"comments backlinks\" id=\"backlinks-container\">",
       "<h4 id=\"links\">Links to this post</h4>",
       "<dt class=\"comment-title\" id=\"c201\"><a href=\"https://tides.example/?a=1&amp;b=2\" "
       "rel=\"nofollow ugc\">Tides &amp; Boats weekly</a></dt>",
       "<dd class=\"comment-body\">[&#8230;] the <b>spring tide</b> came &amp; went "
       "[&#8230;]</dd>",
       "<time datetime=\"2022-01-17T08:00:00.000Z\">January 17, 2022 at 8:00 AM</time>",
       "<dt class=\"comment-title\" id=\"c202\">Anonymous</dt>", "</dl>", "Newer Post"});
  EXPECT_EQ(html.find("&amp;amp;"), std::string::npos);
  EXPECT_EQ(html.find("<i>weekly"), std::string::npos);

  page.backlinks.clear();
  EXPECT_EQ(Theme::Default().Render(page).find("Links to this post"), std::string::npos);
  page.show_comments = false;  // hidden comments hide the backlinks too
  page.backlinks = MakeBacklinks(Blog{}, TimeZone::Utc(), {ping});
  EXPECT_EQ(Theme::Default().Render(page).find("Links to this post"), std::string::npos);
}

TEST(ThemeTest, ThreadsNestToAnyDepth) {
  PageView page = PageWithComments(5);
  Blog blog = TestBlog();
  blog.comment_depth = 5;
  std::vector<Comment> chain;
  for (int64_t id = 1; id <= 5; ++id) {
    chain.push_back(TestComment(id, id - 1, "2022-01-15T1" + std::to_string(id) + ":00:00Z",
                                "R" + std::to_string(id)));
  }
  page.comments = MakeCommentThreads(blog, TimeZone::Utc(), TestPost(), chain);
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(html, {"id=\"c1\"", "comment-replies", "id=\"c2\"", "comment-replies", "id=\"c3\"",
                       "comment-replies", "id=\"c4\"", "comment-replies", "id=\"c5\"",
                       "Comment number 5.", "</li>\n</ol>", "</li>\n</ol>", "</li>\n</ol>",
                       "</li>\n</ol>", "</li>\n</ol>", "Post a Comment"});
  EXPECT_EQ(Count(html, "</ol>"), 5u);
  EXPECT_EQ(Count(html, "<div class=\"comment-replies\">"), 4u);
  EXPECT_EQ(Count(html, "<li class=\"comment\""), 5u);
}

TEST(ThemeTest, CommentBodiesAreInsertedAsIsButNamesAndUrlsAreEscaped) {
  PageView page = PageWithComments();
  page.comments[0].author = "<script>alert(1)</script>";
  page.comments[0].author_url = "https://x.example/?a=1&b=\"2\"";
  page.comments[0].body_html = "<i>sanitized</i> &lt;script&gt;";
  const std::string html = Theme::Default().Render(page);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\" rel=\"nofollow ugc\">"
                      "&lt;script&gt;alert(1)&lt;/script&gt;</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"comment-content\"><i>sanitized</i> &lt;script&gt;</p>"),
            std::string::npos);
}

TEST(ThemeTest, FormRefillsEscapedValuesWithTheErrorAbove) {
  PageView page = PageWithComments();
  page.comment_form.name = "Ann \"the <b>bold</b>\"";
  page.comment_form.url = "https://ann.example/?q=\"x\"&y=<z>";
  page.comment_form.body = "</textarea><script>alert(1)</script> & more";
  page.comment_form.error = "Your comment has too many links <3.";
  page.comment_form.token = "t&k\"n";
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(
      html,
      {"Post a Comment",
       "<p class=\"comment-form-error\" role=\"alert\">Your comment has too many links "
       "&lt;3.</p>",
       "<form", "name=\"token\" value=\"t&amp;k&quot;n\"",
       "required>&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</textarea>",
       "value=\"Ann &quot;the &lt;b&gt;bold&lt;/b&gt;&quot;\"",
       "value=\"https://ann.example/?q=&quot;x&quot;&amp;y=&lt;z&gt;\"", "</form>"});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("role=\"status\""), std::string::npos);
}

TEST(ThemeTest, FormShowsANoticeAfterAHeldComment) {
  PageView page = PageWithComments();
  page.comment_form.notice = "Your comment will be visible after approval.";
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(html, {"Post a Comment",
                       "<p class=\"comment-form-notice\" role=\"status\">Your comment will be "
                       "visible after approval.</p>",
                       "<form"});
  EXPECT_EQ(html.find("role=\"alert\""), std::string::npos);
}

TEST(ThemeTest, ReplyFormNamesTheParentAndLinksBackToATopLevelComment) {
  PageView page = PageWithComments();
  page.comment_form.parent_id = "101";
  page.comment_form.parent_author = "Jonah <J>";
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(html,
                {"<form", "name=\"parent_id\" value=\"101\"",
                 "Replying to Jonah &lt;J&gt; — <a href=\"/2022/01/spring-tide.html#comment-form\">"
                 "cancel</a>",
                 "<textarea"});
}

TEST(ThemeTest, ClosedCommentsShowTheThreadsWithoutFormOrReplyLinks) {
  PageView page = PageWithComments();
  page.comment_form.open = false;
  const std::string html = Theme::Default().Render(page);
  ExpectInOrder(
      html, {"<h4>3 comments:</h4>", "id=\"c101\"", "id=\"c102\"", "id=\"c103\"", "Newer Post"});
  for (std::string_view absent : {"Post a Comment", "<form method=\"post\"", "tok-123",
                                  "class=\"comment-reply\"", "?reply=", "id=\"comment-form\""}) {
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
  }
}

TEST(ThemeTest, RefusalsShowTheirMessageWhenTheFormIsNotShown) {
  // A comment posted to a post whose comments were just closed (or are hidden) is
  // refused; the page says why where the form would be.
  PageView page = PageWithComments();
  page.comment_form.open = false;
  page.comment_form.error = "Comments are closed on this post.";
  std::string html = Theme::Default().Render(page);
  ExpectInOrder(html, {"<h4>3 comments:</h4>", "id=\"c103\"",
                       "<div class=\"comment-form\" id=\"comment-form\">",
                       "<p class=\"comment-form-error\" role=\"alert\">Comments are closed on this "
                       "post.</p>",
                       "</div>\n</div>", "Newer Post"});
  EXPECT_EQ(html.find("<form method=\"post\""), std::string::npos);

  page.show_comments = false;
  html = Theme::Default().Render(page);
  ExpectInOrder(html, {"The water rose past the third step",
                       "<div class=\"comment-form\" id=\"comment-form\">",
                       "Comments are closed on this post.", "Newer Post"});
  EXPECT_EQ(html.find("id=\"comments\""), std::string::npos);
  EXPECT_EQ(html.find("Comment number"), std::string::npos);
  EXPECT_EQ(html.find("<form method=\"post\""), std::string::npos);
}

TEST(ThemeTest, HiddenCommentsShowNothing) {
  PageView page = PageWithComments();
  page.show_comments = false;
  const std::string html = Theme::Default().Render(page);
  for (std::string_view absent : {"id=\"comments\"", "3 comments:", "Comment number",
                                  "Post a Comment", "<form method=\"post\"", "tok-123"}) {
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
  }
  ExpectInOrder(html, {"The water rose past the third step", "Newer Post", "Post Comments (Atom)"});
}

TEST(ThemeTest, ItemPageWithoutCommentsHasNoEmptyList) {
  const std::string html = Theme::Default().Render(ItemPage());
  ExpectInOrder(html, {"<h4>No comments:</h4>", "Post a Comment"});
  EXPECT_EQ(html.find("comments-content"), std::string::npos);
  EXPECT_EQ(html.find("<ol"), std::string::npos);
}

// The reference page (DESIGN.md): the same post rendered by the default theme reads, once
// the markup is stripped, in the order of the real Blogger page's text dump.
std::string VisibleText(const std::string& html) {
  std::string out;
  bool in_tag = false;
  size_t style_end = html.find("</style>");
  for (size_t i = style_end == std::string::npos ? 0 : style_end; i < html.size(); ++i) {
    if (html[i] == '<') {
      // alt and title attributes of images are what a text dump shows of them.
      if (html.compare(i, 4, "<img") == 0) {
        for (const char* attr : {"alt=\"", "title=\""}) {
          const size_t a = html.find(attr, i);
          const size_t close = html.find('>', i);
          if (a < close) {
            const size_t start = a + std::string_view(attr).size();
            out += "\n" + html.substr(start, html.find('"', start) - start) + "\n";
          }
        }
      }
      in_tag = true;
    } else if (html[i] == '>') {
      in_tag = false;
    } else if (!in_tag) {
      out += html[i];
    }
  }
  return out;
}

TEST(ThemeTest, ReferencePageReadsInBloggersOrder) {
  std::ifstream in(std::string(SAMIZDAT_SEED_DIR) + "/000_8735d24b7a9f1718.txt");
  if (!in) GTEST_SKIP() << "reference text dump not found under " << SAMIZDAT_SEED_DIR;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  ASSERT_GE(lines.size(), 6u);
  // banner alt (twice), date header, title, first body line, ..., "No comments:".
  Blog blog = TestBlog();
  blog.banner_alt = lines[0];
  Post post = TestPost();
  post.title = lines[3];
  post.body_html = "<p>" + lines[4] + "</p>\n<p>" + lines[5] + "</p>";
  post.published = At("2022-01-15T12:00:00Z");
  PageView page = ItemPage();
  page.blog = MakeBlogView(blog);
  page.posts = {MakePostView(blog, TimeZone::Utc(), post, kBase)};
  // The dump's texts carry apostrophes and quotes that the page escapes; compare the
  // escaped forms by rendering them back through the same escaping.
  std::string text = VisibleText(Theme::Default().Render(page));
  for (auto [from, to] : {std::pair<std::string, std::string>{"&apos;", "'"},
                          {"&quot;", "\""},
                          {"&amp;", "&"},
                          {"&#39;", "'"}}) {
    for (size_t p = text.find(from); p != std::string::npos; p = text.find(from, p)) {
      text.replace(p, from.size(), to);
    }
  }
  ExpectInOrder(text, {lines[0], lines[1], lines[2], lines[3], lines[4], lines[5], "No comments:"});
  const std::string last = lines.back();
  EXPECT_EQ(last, "No comments:");
}

class ThemeDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("samizdat_theme_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Write("page.mustache",
          "<html><style>{{{style_css}}}</style><h1>{{blog.title}}</h1>"
          "{{#posts}}{{> post}}{{/posts}}{{{sidebar_html}}}</html>");
    Write("post.mustache", "<article>CUSTOM {{title}} {{> comments}}</article>");
    Write("comments.mustache", "[{{comment_count_text}}]");
    Write("sidebar.mustache", "{{#archive}}<y>{{year}}</y>{{/archive}}");
    Write("pager.mustache", "");
    Write("style.css", "body{color:teal}");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(ThemeDirTest, CustomThemeRendersItsOwnTemplate) {
  Result<Theme> theme = Theme::FromDirectory(dir_.string());
  ASSERT_TRUE(theme.ok()) << theme.status().ToString();
  PageView page = ItemPage();
  page.sidebar_html = theme->RenderSidebar(TestSidebar(TestBlog()), "");
  EXPECT_EQ(page.sidebar_html, "<y>2022</y><y>2021</y>");
  EXPECT_EQ(theme->Render(page),
            "<html><style>body{color:teal}</style><h1>Harbor Log</h1>"
            "<article>CUSTOM The spring tide came early [No comments]</article>"
            "<y>2022</y><y>2021</y></html>");
}

TEST_F(ThemeDirTest, CustomThemeMayNestCommentsInItsTemplate) {
  // No comment.mustache: the theme walks the `comments` list itself.
  Write("comments.mustache",
        "{{#show_comments}}{{#comments}}[{{author}}{{#has_replies}}:{{#replies}} {{author}}"
        "{{/replies}}{{/has_replies}}]{{/comments}}{{comments_html}}"
        "{{#comment_form.open}}<form>{{/comment_form.open}}{{/show_comments}}");
  Result<Theme> theme = Theme::FromDirectory(dir_.string());
  ASSERT_TRUE(theme.ok()) << theme.status().ToString();
  PageView page = PageWithComments();
  page.sidebar_html.clear();
  EXPECT_EQ(
      theme->Render(page),
      "<html><style>body{color:teal}</style><h1>Harbor Log</h1>"
      "<article>CUSTOM The spring tide came early [Jonah: Mira][Tomas]<form></article></html>");

  // With comment.mustache, comments_html holds each comment rendered by it, replies first.
  Write("comment.mustache", "<{{id}}{{#has_reply_url}}+{{/has_reply_url}}{{{replies_html}}}>");
  Write("comments.mustache", "{{{comments_html}}}");
  theme = Theme::FromDirectory(dir_.string());
  ASSERT_TRUE(theme.ok()) << theme.status().ToString();
  EXPECT_EQ(theme->Render(page),
            "<html><style>body{color:teal}</style><h1>Harbor Log</h1>"
            "<article>CUSTOM The spring tide came early <101+<102+>><103+></article></html>");
  page.comment_form.open = false;
  EXPECT_NE(theme->Render(page).find("<101<102>><103>"), std::string::npos);
}

TEST_F(ThemeDirTest, MissingFileIsNamed) {
  std::filesystem::remove(dir_ / "sidebar.mustache");
  Result<Theme> theme = Theme::FromDirectory(dir_.string());
  ASSERT_FALSE(theme.ok());
  EXPECT_TRUE(theme.status().IsInvalidArgument());
  EXPECT_NE(theme.status().message().find("sidebar.mustache"), std::string::npos);
}

TEST_F(ThemeDirTest, TemplateErrorIsNamed) {
  Write("post.mustache", "{{#posts}}unclosed");
  Result<Theme> theme = Theme::FromDirectory(dir_.string());
  ASSERT_FALSE(theme.ok());
  EXPECT_TRUE(theme.status().IsInvalidArgument());
  EXPECT_NE(theme.status().message().find("post.mustache"), std::string::npos);
}

TEST_F(ThemeDirTest, UnknownOrRecursivePartialIsRefused) {
  Write("post.mustache", "{{> nowhere}}");
  Result<Theme> theme = Theme::FromDirectory(dir_.string());
  ASSERT_FALSE(theme.ok());
  EXPECT_NE(theme.status().message().find("nowhere.mustache"), std::string::npos);

  Write("post.mustache", "{{> post}}");
  theme = Theme::FromDirectory(dir_.string());
  ASSERT_FALSE(theme.ok());
  EXPECT_TRUE(theme.status().IsInvalidArgument());
}

TEST(ThemeDirMissingTest, MissingDirectoryIsRefused) {
  Result<Theme> theme = Theme::FromDirectory("/nonexistent/samizdat/theme");
  ASSERT_FALSE(theme.ok());
  EXPECT_TRUE(theme.status().IsInvalidArgument());
}

}  // namespace
}  // namespace samizdat::render
