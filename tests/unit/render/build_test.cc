// Tests for render/build.h: Blogger's texts, label URLs, date headers, the sidebar,
// comment threads.
#include "render/build.h"

#include <gtest/gtest.h>

namespace samizdat::render {
namespace {

constexpr std::string_view kBase = "https://example.com";

Time At(std::string_view rfc3339) {
  Result<Time> t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.ok() ? *t : Time{};
}

TimeZone Zone(std::string_view name) {
  Result<TimeZone> zone = TimeZone::Find(name);
  EXPECT_TRUE(zone.ok());
  return zone.ok() ? *zone : TimeZone::Utc();
}

Post MakePost(int64_t id, std::string_view published) {
  Post post;
  post.id = id;
  post.kind = PostKind::kPost;
  post.status = PostStatus::kPublished;
  post.title = "Post " + std::to_string(id);
  post.path = "/2022/01/post-" + std::to_string(id) + ".html";
  post.body_html = "<p>Body</p>";
  post.author = "Ada";
  post.published = At(published);
  return post;
}

TEST(BuildTest, CommentCountText) {
  EXPECT_EQ(Locale::For("en").CommentCountText(0), "No comments");
  EXPECT_EQ(Locale::For("en").CommentCountText(1), "1 comment");
  EXPECT_EQ(Locale::For("en").CommentCountText(2), "2 comments");
  EXPECT_EQ(Locale::For("en").CommentCountText(14), "14 comments");
}

TEST(BuildTest, PostViewFormatsInTheBlogsZoneAndFormats) {
  Blog blog;
  blog.id = 42;
  const Post post = [] {
    Post p = MakePost(7, "2022-01-15T15:18:00Z");
    p.labels = {"news", "Some Label"};
    p.comment_count = 3;
    return p;
  }();
  PostView view = MakePostView(blog, Zone("Europe/Paris"), post, kBase);
  EXPECT_EQ(view.id, "7");
  EXPECT_EQ(view.date_header, "Saturday, January 15, 2022");
  EXPECT_EQ(view.time_text, "4:18 PM");
  EXPECT_EQ(view.iso_time, "2022-01-15T16:18:00.000+01:00");
  EXPECT_EQ(view.comment_count_text, "3 comments");
  EXPECT_EQ(view.comments_feed_url, "/feeds/7/comments/default");
  ASSERT_EQ(view.labels.size(), 2u);
  EXPECT_EQ(view.labels[1].url, "/search/label/Some%20Label");
  EXPECT_FALSE(view.labels[0].last);
  EXPECT_TRUE(view.labels[1].last);
  // Share links carry the post's own absolute URL, percent-encoded.
  const std::string url = "https%3A%2F%2Fexample.com%2F2022%2F01%2Fpost-7.html";
  EXPECT_EQ(view.share_twitter_url,
            "https://twitter.com/intent/tweet?url=" + url + "&text=Post%207");
  EXPECT_EQ(view.share_email_url, "mailto:?subject=Post%207&body=" + url);
  EXPECT_EQ(view.share_facebook_url, "https://www.facebook.com/sharer/sharer.php?u=" + url);
  EXPECT_EQ(view.share_pinterest_url, "https://pinterest.com/pin/create/button/?url=" + url);
  EXPECT_EQ(view.description, "");  // MakePost sets no body_text
  EXPECT_EQ(view.first_image_url, "");

  blog.date_format = "MMMM d, yyyy";
  blog.time_format = "HH:mm";
  view = MakePostView(blog, Zone("Europe/Paris"), post, kBase);
  EXPECT_EQ(view.date_header, "January 15, 2022");
  EXPECT_EQ(view.time_text, "16:18");
}

TEST(BuildTest, PostViewDescribesThePostAndFindsItsFirstImage) {
  Post post = MakePost(7, "2022-01-15T15:18:00Z");
  post.body_html =
      "<p>Intro</p><div><IMG SRC=\"/media/a&amp;b.jpg\" alt=x></div><img src=\"/second.png\">";
  post.body_text = std::string(40, 'w') + " " + std::string(200, 'x');
  PostView view = MakePostView(Blog{}, TimeZone::Utc(), post, kBase);
  EXPECT_EQ(view.first_image_url, "/media/a&b.jpg");
  EXPECT_EQ(view.description, std::string(40, 'w') + "\u2026");  // cut on a word, ellipsis
  EXPECT_EQ(view.share_pinterest_url,
            "https://pinterest.com/pin/create/button/?url=https%3A%2F%2Fexample.com%2F2022%2F01%2F"
            "post-7.html&media=https%3A%2F%2Fexample.com%2Fmedia%2Fa%26b.jpg");
  // "<img" in text is not an image.
  post.body_html = "<p>&lt;img src=x&gt; is how to write one</p>";
  EXPECT_EQ(MakePostView(Blog{}, TimeZone::Utc(), post, kBase).first_image_url, "");
}

TEST(BuildTest, ViewsSpeakTheBlogsLanguage) {
  Blog blog;
  blog.locale = "fr";
  Post post = MakePost(7, "2022-01-15T15:18:00Z");
  post.comment_count = 2;
  PostView view = MakePostView(blog, Zone("Europe/Paris"), post, kBase);
  EXPECT_EQ(view.date_header, "samedi 15 janvier 2022");  // the default format, French order
  EXPECT_EQ(view.time_text, "16:18");
  EXPECT_EQ(view.comment_count_text, "2 commentaires");
  blog.date_format = "d MMM yyyy";  // a format the owner chose is kept
  EXPECT_EQ(MakePostView(blog, Zone("Europe/Paris"), post, kBase).date_header, "15 janv. 2022");

  Sidebar sidebar = MakeSidebar(blog, TimeZone::Utc(), {At("2022-01-15T16:18:00Z")}, {}, {}, 0);
  ASSERT_EQ(sidebar.archive.size(), 1u);
  EXPECT_EQ(sidebar.archive[0].months[0].name, "janvier");
  EXPECT_EQ(sidebar.lang, "fr");

  EXPECT_EQ(LabelStatusHtml(Locale::For("fr"), "Mer & <b>", 1),
            "Affichage des articles dont le libellé est <b>Mer &amp; &lt;b&gt;</b>. "
            "<a href=\"/\">Afficher tous les articles</a>");
  EXPECT_EQ(ArchiveStatusHtml(Locale::For("ja"), "2022年1月"),
            "<b>2022年1月</b> の投稿を表示しています. <a href=\"/\">すべての投稿を表示</a>");
}

TEST(BuildTest, DateHeadersGroupByLocalDay) {
  Blog blog;
  // Newest first. In UTC the first two fall on the 16th and the 15th; in Tokyo (+9)
  // 2022-01-15T23:30Z is already the 16th, so it shares the first post's day.
  const std::vector<Post> posts = {
      MakePost(1, "2022-01-16T02:00:00Z"), MakePost(2, "2022-01-15T23:30:00Z"),
      MakePost(3, "2022-01-15T10:00:00Z"), MakePost(4, "2022-01-15T09:00:00Z"),
      MakePost(5, "2022-01-14T09:00:00Z")};

  std::vector<PostView> utc = MakePostViews(blog, TimeZone::Utc(), posts, kBase);
  ASSERT_EQ(utc.size(), 5u);
  EXPECT_EQ(utc[0].date_header, "Sunday, January 16, 2022");
  EXPECT_EQ(utc[1].date_header, "Saturday, January 15, 2022");
  EXPECT_EQ(utc[2].date_header, "");
  EXPECT_EQ(utc[3].date_header, "");
  EXPECT_EQ(utc[4].date_header, "Friday, January 14, 2022");

  std::vector<PostView> tokyo = MakePostViews(blog, Zone("Asia/Tokyo"), posts, kBase);
  EXPECT_EQ(tokyo[0].date_header, "Sunday, January 16, 2022");
  EXPECT_EQ(tokyo[1].date_header, "");
  EXPECT_EQ(tokyo[2].date_header, "Saturday, January 15, 2022");
  EXPECT_EQ(tokyo[3].date_header, "");
  EXPECT_EQ(tokyo[4].date_header, "Friday, January 14, 2022");
}

TEST(BuildTest, SearchViewsCarryTheirSnippets) {
  Blog blog;
  std::vector<SearchHit> hits = {{MakePost(1, "2022-01-16T02:00:00Z"), "a <mark>cat</mark>"},
                                 {MakePost(2, "2022-01-16T01:00:00Z"), "the <mark>cat</mark>s"}};
  std::vector<PostView> views = MakeSearchPostViews(blog, TimeZone::Utc(), hits, kBase);
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].snippet_html, "a <mark>cat</mark>");
  EXPECT_EQ(views[1].snippet_html, "the <mark>cat</mark>s");
  EXPECT_EQ(views[1].date_header, "");
}

TEST(BuildTest, ListViewsStopAtTheJumpBreakWithTheBlogsLink) {
  Blog blog;
  std::vector<Post> posts = {MakePost(1, "2022-01-16T02:00:00Z"),
                             MakePost(2, "2022-01-15T02:00:00Z"),
                             MakePost(3, "2022-01-14T02:00:00Z")};
  posts[0].body_html = "<div><p>Intro<a name=\"more\"></a> rest</p></div><p>More</p>";
  posts[1].body_html = "<p>Intro</p><a name=\"more\" data-more-text=\"Go on\"></a><p>More</p>";
  std::vector<PostView> views = MakePostViews(blog, TimeZone::Utc(), posts, kBase);
  ASSERT_EQ(views.size(), 3u);
  EXPECT_EQ(views[0].body_html, "<div><p>Intro</p></div>");
  EXPECT_EQ(views[0].jump_url, "/2022/01/post-1.html#more");
  EXPECT_EQ(views[0].jump_text, "Read more \u00bb");
  EXPECT_EQ(views[1].body_html, "<p>Intro</p>");
  EXPECT_EQ(views[1].jump_text, "Go on");        // the post's own text wins
  EXPECT_EQ(views[2].body_html, "<p>Body</p>");  // no break: whole, no link
  EXPECT_EQ(views[2].jump_url, "");

  blog.jump_link_text = "Continue";
  EXPECT_EQ(MakePostViews(blog, TimeZone::Utc(), posts, kBase)[0].jump_text, "Continue");
  // The post page shows the whole body, anchor included.
  PostView item = MakePostView(blog, TimeZone::Utc(), posts[0], kBase);
  EXPECT_EQ(item.body_html, posts[0].body_html);
  EXPECT_EQ(item.jump_url, "");
}

TEST(BuildTest, SidebarCountsPerYearAndMonthInTheBlogsZone) {
  Blog blog;
  blog.description = "Notes from the field.";
  // 2021-12-31T23:30Z is already January 2022 in Paris.
  const std::vector<Time> times = {At("2022-02-03T10:00:00Z"), At("2022-01-20T10:00:00Z"),
                                   At("2022-01-02T10:00:00Z"), At("2021-12-31T23:30:00Z"),
                                   At("2021-12-01T10:00:00Z"), At("2020-06-01T10:00:00Z")};
  const std::vector<LabelCount> labels = {{"zebra", 1}, {"Apple", 4}, {"mango", 2}};
  Sidebar sidebar =
      MakeSidebar(blog, Zone("Europe/Paris"), times, labels, {{"About me", "/p/about.html"}}, 0);
  ASSERT_EQ(sidebar.archive.size(), 3u);
  const ArchiveYear& y2022 = sidebar.archive[0];
  EXPECT_EQ(y2022.year, 2022);
  EXPECT_EQ(y2022.url, "/2022/");
  EXPECT_EQ(y2022.count, 4);
  EXPECT_TRUE(y2022.expanded);
  ASSERT_EQ(y2022.months.size(), 2u);
  EXPECT_EQ(y2022.months[0].name, "February");
  EXPECT_EQ(y2022.months[0].url, "/2022/02/");
  EXPECT_EQ(y2022.months[0].count, 1);
  EXPECT_EQ(y2022.months[1].name, "January");
  EXPECT_EQ(y2022.months[1].count, 3);
  EXPECT_EQ(sidebar.archive[1].year, 2021);
  EXPECT_EQ(sidebar.archive[1].count, 1);
  EXPECT_FALSE(sidebar.archive[1].expanded);
  EXPECT_EQ(sidebar.archive[2].year, 2020);
  EXPECT_EQ(sidebar.archive[2].months[0].url, "/2020/06/");

  ASSERT_EQ(sidebar.labels.size(), 3u);
  EXPECT_EQ(sidebar.labels[0].name, "Apple");
  EXPECT_EQ(sidebar.labels[0].count, 4);
  EXPECT_EQ(sidebar.labels[1].name, "mango");
  EXPECT_EQ(sidebar.labels[2].name, "zebra");
  EXPECT_EQ(sidebar.labels[2].url, "/search/label/zebra");
  ASSERT_EQ(sidebar.pages.size(), 1u);
  EXPECT_EQ(sidebar.about, "Notes from the field.");

  Sidebar in_utc = MakeSidebar(blog, TimeZone::Utc(), times, labels, {}, 2021);
  EXPECT_EQ(in_utc.archive[0].count, 3);
  EXPECT_EQ(in_utc.archive[1].count, 2);
  EXPECT_FALSE(in_utc.archive[0].expanded);
  EXPECT_TRUE(in_utc.archive[1].expanded);
}

TEST(BuildTest, StatusLinesEscapeTheirSubject) {
  EXPECT_EQ(LabelStatusHtml(Locale::For("en"), "Style", 3),
            "Showing posts with label <b>Style</b>. <a href=\"/\">Show all posts</a>");
  EXPECT_EQ(LabelStatusHtml(Locale::For("en"), "<i>x</i>", 0),
            "No posts with label <b>&lt;i&gt;x&lt;/i&gt;</b>. <a href=\"/\">Show all posts</a>");
  EXPECT_EQ(SearchStatusHtml(Locale::For("en"), "cats & dogs", 2),
            "Showing posts sorted by relevance for query <b>cats &amp; dogs</b>. "
            "<a href=\"/\">Show all posts</a>");
  EXPECT_EQ(SearchStatusHtml(Locale::For("en"), "\"zz\"", 0),
            "No posts matching the query: <b>&quot;zz&quot;</b>. <a href=\"/\">Show all posts</a>");
  EXPECT_EQ(ArchiveStatusHtml(Locale::For("en"), "January 2022"),
            "Showing posts from <b>January 2022</b>. <a href=\"/\">Show all posts</a>");
}

TEST(BuildTest, BlogViewDefaultsTheBannerAltToTheTitle) {
  Blog blog;
  blog.id = 9;
  blog.title = "Field Notes";
  blog.banner_url = "/media/banner.png";
  BlogView view = MakeBlogView(blog);
  EXPECT_EQ(view.id, "9");
  EXPECT_EQ(view.banner_alt, "Field Notes");
  blog.banner_alt = "Field Notes banner";
  EXPECT_EQ(MakeBlogView(blog).banner_alt, "Field Notes banner");
}

Comment MakeComment(int64_t id, int64_t parent_id, std::string_view published) {
  Comment c;
  c.id = id;
  c.post_id = 7;
  c.parent_id = parent_id;
  c.status = CommentStatus::kPublished;
  c.author_name = "Reader " + std::to_string(id);
  c.body_html = "comment " + std::to_string(id);
  c.published = At(published);
  return c;
}

// The thread as text: "id(reply reply(…))" for each top-level comment, space separated.
std::string Shape(const std::vector<CommentView>& views) {
  std::string out;
  for (const CommentView& v : views) {
    if (!out.empty()) out += ' ';
    out += v.id;
    if (!v.replies.empty()) out += "(" + Shape(v.replies) + ")";
  }
  return out;
}

Blog BlogWithDepth(int depth) {
  Blog blog;
  blog.comment_depth = depth;
  return blog;
}

// 1 <- 2 <- 3 <- 4 (a chain), 5 top level, 6 replies to 1; given out of order.
std::vector<Comment> ChainAndSiblings() {
  return {MakeComment(4, 3, "2022-01-15T13:00:00Z"), MakeComment(6, 1, "2022-01-15T12:30:00Z"),
          MakeComment(1, 0, "2022-01-15T10:00:00Z"), MakeComment(3, 2, "2022-01-15T12:00:00Z"),
          MakeComment(5, 0, "2022-01-15T10:30:00Z"), MakeComment(2, 1, "2022-01-15T11:00:00Z")};
}

TEST(CommentThreadsTest, DefaultDepthShowsOneLevelOfRepliesInTimeOrder) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  // Blogger's default: replies to replies join the top-level comment's replies, in time
  // order (3 at 12:00 and 4 at 13:00 come around 6 at 12:30).
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(2), TimeZone::Utc(), post, ChainAndSiblings())),
            "1(2 3 6 4) 5");
}

TEST(CommentThreadsTest, DepthOneIsFlatInTimeOrder) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(1), TimeZone::Utc(), post, ChainAndSiblings())),
            "1 5 2 3 6 4");
  // A depth below 1 reads as 1.
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(0), TimeZone::Utc(), post, ChainAndSiblings())),
            "1 5 2 3 6 4");
}

TEST(CommentThreadsTest, DepthThreeNestsTwoLevelsOfReplies) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(3), TimeZone::Utc(), post, ChainAndSiblings())),
            "1(2(3 4) 6) 5");
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(4), TimeZone::Utc(), post, ChainAndSiblings())),
            "1(2(3(4)) 6) 5");
}

TEST(CommentThreadsTest, AVeryDeepChainIsCutAtSixtyFourLevels) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  std::vector<Comment> chain;
  const Time start = At("2022-01-15T10:00:00Z");
  for (int64_t id = 1; id <= 100; ++id) {
    chain.push_back(MakeComment(id, id - 1, "2022-01-15T10:00:00Z"));
    chain.back().published = start + std::chrono::minutes(id);
  }
  std::vector<CommentView> views =
      MakeCommentThreads(BlogWithDepth(1000), TimeZone::Utc(), post, chain);
  int levels = 0;
  const std::vector<CommentView>* at = &views;
  while (!at->empty()) {
    ++levels;
    if (levels == 64) {
      EXPECT_EQ(at->size(), 37u);  // 64..100, in time order
    }
    at = &at->back().replies;
  }
  EXPECT_EQ(levels, 64);
}

TEST(CommentThreadsTest, RepliesToHiddenCommentsShowAtTopLevel) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  std::vector<Comment> comments = ChainAndSiblings();
  // 2 is held for moderation and 99 was never shown: their replies move to the top
  // level, keeping their own replies under them.
  for (Comment& c : comments) {
    if (c.id == 2) c.status = CommentStatus::kPending;
  }
  comments.push_back(MakeComment(8, 99, "2022-01-15T09:30:00Z"));
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(2), TimeZone::Utc(), post, comments)),
            "8 1(6) 5 3(4)");
}

TEST(CommentThreadsTest, CorruptParentCyclesStillShowEveryComment) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  const std::vector<Comment> comments = {MakeComment(1, 2, "2022-01-15T10:00:00Z"),
                                         MakeComment(2, 1, "2022-01-15T11:00:00Z"),
                                         MakeComment(3, 3, "2022-01-15T12:00:00Z")};
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(3), TimeZone::Utc(), post, comments)), "1(2) 3");
}

TEST(CommentThreadsTest, ViewsCarryTimesLinksAndAuthors) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  std::vector<Comment> comments = {MakeComment(123, 0, "2015-07-13T00:39:00.250Z"),
                                   MakeComment(124, 123, "2015-07-13T13:05:00Z")};
  comments[0].author_name = "  ";
  comments[0].author_url = "javascript:alert(1)";
  comments[0].body_html = "<b>bold</b> &amp; kept";
  comments[1].author_name = "Ola";
  comments[1].author_url = "HTTPS://ola.example/";
  const std::vector<CommentView> views =
      MakeCommentThreads(BlogWithDepth(2), Zone("Europe/Helsinki"), post, comments);
  ASSERT_EQ(views.size(), 1u);
  const CommentView& first = views[0];
  EXPECT_EQ(first.id, "123");
  EXPECT_EQ(first.author, "Anonymous");
  EXPECT_EQ(first.author_url, "");
  EXPECT_EQ(first.body_html, "<b>bold</b> &amp; kept");
  // Helsinki is UTC+3 in July.
  EXPECT_EQ(first.time_text, "July 13, 2015 at 3:39 AM");
  EXPECT_EQ(first.iso_time, "2015-07-13T03:39:00.250+03:00");
  EXPECT_EQ(first.permalink, "/2022/01/post-7.html?showComment=1436747940250#c123");
  EXPECT_EQ(first.reply_url, "/2022/01/post-7.html?reply=123#comment-form");
  ASSERT_EQ(first.replies.size(), 1u);
  const CommentView& reply = first.replies[0];
  EXPECT_EQ(reply.author, "Ola");
  EXPECT_EQ(reply.author_url, "HTTPS://ola.example/");
  EXPECT_EQ(reply.time_text, "July 13, 2015 at 4:05 PM");
  EXPECT_EQ(reply.permalink, "/2022/01/post-7.html?showComment=1436792700000#c124");
  // At the deepest level too: a reply to it joins the same thread.
  EXPECT_EQ(reply.reply_url, "/2022/01/post-7.html?reply=124#comment-form");

  for (const char* url : {"ftp://x.example/", "//x.example/", "http:/x", "data:text/html,x"}) {
    comments[1].author_url = url;
    EXPECT_EQ(MakeCommentThreads(BlogWithDepth(2), TimeZone::Utc(), post, comments)[0]
                  .replies[0]
                  .author_url,
              "")
        << url;
  }
}

TEST(CommentThreadsTest, NoCommentsNoThreads) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  EXPECT_TRUE(MakeCommentThreads(Blog{}, TimeZone::Utc(), post, {}).empty());
}

TEST(BacklinksTest, PingbacksAndTrackbacksAreBacklinksNotComments) {
  const Post post = MakePost(7, "2022-01-15T09:00:00Z");
  std::vector<Comment> comments = {
      MakeComment(1, 0, "2022-01-15T10:00:00Z"), MakeComment(2, 0, "2022-01-15T12:00:00Z"),
      MakeComment(3, 0, "2022-01-15T11:00:00Z"), MakeComment(4, 2, "2022-01-15T13:00:00Z"),
      MakeComment(5, 0, "2022-01-15T14:00:00Z")};
  comments[1].kind = CommentKind::kPingback;
  comments[2].kind = CommentKind::kTrackback;
  comments[4].kind = CommentKind::kPingback;
  comments[4].status = CommentStatus::kPending;  // held: shown nowhere
  // A reply to a pingback shows at top level, as one to any comment not shown.
  EXPECT_EQ(Shape(MakeCommentThreads(BlogWithDepth(2), TimeZone::Utc(), post, comments)), "1 4");
  EXPECT_EQ(CountShownComments(comments), 2);

  const std::vector<BacklinkView> links = MakeBacklinks(Blog{}, TimeZone::Utc(), comments);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].id, "3");  // oldest first
  EXPECT_EQ(links[1].id, "2");
  EXPECT_EQ(links[1].time_text, "January 15, 2022 at 12:00 PM");
  EXPECT_EQ(links[1].iso_time, "2022-01-15T12:00:00.000Z");
  EXPECT_EQ(links[1].excerpt_html, "comment 2");
}

TEST(BacklinksTest, TitlesAreTheTextOfWordPressHtmlAndUrlsHttpOnly) {
  std::vector<Comment> comments = {MakeComment(1, 0, "2022-01-15T10:00:00Z"),
                                   MakeComment(2, 0, "2022-01-15T11:00:00Z"),
                                   MakeComment(3, 0, "2022-01-15T12:00:00Z")};
  for (Comment& c : comments) c.kind = CommentKind::kPingback;
  comments[0].author_name = "Tides &amp; Boats &#8211; <b>A</b> blog";
  comments[0].author_url = "https://tides.example/2022/01/link/";
  comments[1].author_name = "";
  comments[1].author_url = "javascript:alert(1)";
  comments[2].author_name = " ";
  comments[2].author_url = "http://bare.example/";
  const std::vector<BacklinkView> links = MakeBacklinks(Blog{}, TimeZone::Utc(), comments);
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].title, "Tides & Boats \u2013 A blog");
  EXPECT_EQ(links[0].url, "https://tides.example/2022/01/link/");
  EXPECT_EQ(links[1].title, "Anonymous");
  EXPECT_EQ(links[1].url, "");
  EXPECT_EQ(links[2].title, "http://bare.example/");
  EXPECT_EQ(links[2].url, "http://bare.example/");
}

}  // namespace
}  // namespace samizdat::render
