// ReadWxr on the two real WordPress exports in shared/fixtures/wxr, on our own fixtures
// (tests/fixtures/import/wxr-*.xml: every mapping) and on broken files (line:column).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "transfer/readers.h"
#include "transfer/recording_sink.h"

namespace samizdat::transfer {
namespace {

const std::string kOurs = std::string(SAMIZDAT_TEST_FIXTURES) + "/import/";
const std::string kShared = std::string(SAMIZDAT_SHARED_FIXTURES) + "/wxr/";

using testing::RecordingSink;

Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return TimeZone::Utc().FromLocal(y, mo, d, h, mi, s);
}

using Labels = std::vector<std::string>;
using Paths = std::vector<std::string>;

// --- The real exports ---------------------------------------------------------------

// pelican-wordpressexport.xml, counted by hand: 21 items; 4 attachments, 2 custom1,
// 1 custom2 are not posts; 11 posts (4 drafts) and 2 pages (both id 334) remain; the
// post "With comments" (422) holds 4 comments, one a trashed pingback and one (122)
// replying to 121, which the file does not hold.
TEST(WxrReaderTest, ReadsPelicansExport) {
  const std::string path = kShared + "pelican-wordpressexport.xml";
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(path, sink).ok());

  ASSERT_EQ(sink.blogs.size(), 1u);
  EXPECT_EQ(sink.blogs[0].title, "Pelican test channel");
  EXPECT_EQ(sink.blogs[0].description, "Not a real feed, just for test");
  EXPECT_EQ(sink.blogs[0].url, "http://thisisa.test");
  EXPECT_EQ(sink.blogs[0].generator, "http://wordpress.org/?v=3.3.1");
  EXPECT_EQ(sink.blogs[0].original_id, "");

  EXPECT_EQ(sink.posts.size(), 13u);
  EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kPublished), 7);
  EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kDraft), 4);
  EXPECT_EQ(sink.Count(PostKind::kPage, PostStatus::kPublished), 2);

  const SourcePost& with_tags = sink.Post("25");
  EXPECT_EQ(with_tags.title, "With tags");
  EXPECT_EQ(with_tags.labels, (Labels{"Category 3", "tag 1", "Tag2", "Tag 3"}));
  EXPECT_EQ(with_tags.permalink, "http://thisisa.test/tags/");
  EXPECT_EQ(with_tags.slug, "with-tags");
  EXPECT_EQ(with_tags.old_paths, (Paths{"/?p=25", "/tags/"}));
  EXPECT_EQ(with_tags.published, Utc(2012, 2, 4, 21, 5, 25));
  EXPECT_EQ(with_tags.author, "Bob");  // dc:creator "bob", wp:author_login "Bob"
  EXPECT_EQ(with_tags.where.line, 361);
  EXPECT_EQ(with_tags.where.column, 5);
  EXPECT_EQ(sink.Post("8").labels, (Labels{"Category 1", "tag 1", "Tag2"}));

  // A draft: "?p=174" is no permalink, post_date_gmt is zero so post_date (as UTC) counts.
  const SourcePost& draft = sink.Post("174");
  EXPECT_EQ(draft.status, PostStatus::kDraft);
  EXPECT_EQ(draft.permalink, "");
  EXPECT_TRUE(draft.old_paths.empty());
  EXPECT_EQ(draft.published, Utc(2012, 2, 16, 15, 52, 55));

  const SourcePost& page = sink.posts[3];
  EXPECT_EQ(page.kind, PostKind::kPage);
  EXPECT_EQ(page.title, "Page");
  EXPECT_EQ(page.old_paths, (Paths{"/?page_id=334", "/contact/"}));

  EXPECT_EQ(sink.Post("471").title, "Special chars: l'\u00e9");
  EXPECT_EQ(sink.posts[10].title,
            "A normal post with some <html> entities in the title. You can't miss them.");

  ASSERT_EQ(sink.comments.size(), 4u);
  EXPECT_EQ(sink.Comment("117").parent_original_id, "116");
  EXPECT_EQ(sink.Comment("117").post_original_id, "422");
  EXPECT_EQ(sink.Comment("116").published, Utc(2012, 5, 6, 20, 46, 6));
  EXPECT_EQ(sink.Comment("116").content_html, "<p>Comment content.</p>");
  EXPECT_EQ(sink.Comment("156").status, CommentStatus::kDeleted);  // a trashed pingback
  EXPECT_EQ(sink.Comment("156").author_url, "http://thisisa.test/to-article-you-ping-back/");
  EXPECT_EQ(sink.Comment("122").parent_original_id, "");
  EXPECT_EQ(sink.Comment("122").where.line, 517);
  EXPECT_EQ(sink.Comment("122").where.column, 9);

  EXPECT_EQ(sink.skipped, (std::vector<std::string>{
                              "comment 122 replies to comment 121, which is not in the file: "
                              "imported as a top-level comment @517:9",
                              "items of type custom1 (only posts and pages are imported): "
                              "2 not imported @734:5",
                              "items of type custom2 (only posts and pages are imported): "
                              "1 not imported @842:9",
                          }));
}

// jekyll-import-sitetitle.xml (WordPress.com, 2025), counted by hand: 16 items; 6
// attachments, a wp_global_styles and a wp_navigation are not posts; 7 posts and the
// page "About" remain, no comments; every post but "Blog Post 1" is only in
// "Uncategorized", a label like any other.
TEST(WxrReaderTest, ReadsWordPressComExport) {
  const std::string path = kShared + "jekyll-import-sitetitle.xml";
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(path, sink).ok());

  ASSERT_EQ(sink.blogs.size(), 1u);
  EXPECT_EQ(sink.blogs[0].title, "My Site Title");
  EXPECT_EQ(sink.blogs[0].url, "https://jekyllbot.wordpress.com");  // not base_site_url

  EXPECT_EQ(sink.posts.size(), 8u);
  EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kPublished), 7);
  EXPECT_EQ(sink.Count(PostKind::kPage, PostStatus::kPublished), 1);
  EXPECT_TRUE(sink.comments.empty());

  const SourcePost& about = sink.posts[0];
  EXPECT_EQ(about.kind, PostKind::kPage);
  EXPECT_EQ(about.original_id, "1");
  EXPECT_EQ(about.comments_mode, CommentsMode::kClosed);
  EXPECT_EQ(about.old_paths, (Paths{"/?page_id=1", "/about/"}));

  const SourcePost& post = sink.Post("14");
  EXPECT_EQ(post.title, "Blog Post 1");
  EXPECT_EQ(post.labels, (Labels{"code", "Foo", "ruby", "ship", "stars"}));
  EXPECT_EQ(post.author, "jekyllbot");
  EXPECT_EQ(post.permalink, "https://jekyllbot.wordpress.com/2025/01/18/blog-post-1/");
  EXPECT_EQ(post.old_paths, (Paths{"/?p=14", "/2025/01/18/blog-post-1/"}));
  EXPECT_EQ(post.published, Utc(2025, 1, 19, 2, 39, 44));
  // Block editor HTML is kept as it is.
  EXPECT_TRUE(post.content_html.starts_with("<!-- wp:paragraph -->\n<p>This is a blog post.</p>"))
      << post.content_html;
  for (const SourcePost& p : sink.posts) {
    if (p.original_id != "14" && p.kind == PostKind::kPost) {
      EXPECT_EQ(p.labels, (Labels{"Uncategorized"})) << p.original_id;
    }
  }
  // Feed ids: the guids, for the page too.
  EXPECT_EQ(about.feed_id, "http://jekyllbot.wordpress.com/?page_id=1");
  EXPECT_EQ(post.feed_id, "https://jekyllbot.wordpress.com/?p=14");

  EXPECT_EQ(sink.skipped, (std::vector<std::string>{
                              "items of type wp_global_styles (only posts and pages are "
                              "imported): 1 not imported @177:5",
                              "items of type wp_navigation (only posts and pages are "
                              "imported): 1 not imported @613:5",
                          }));
}

// --- Our fixture: every mapping -------------------------------------------------------

class WxrFeaturesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ReadWxr(path_, sink_).ok()); }
  const std::string path_ = kOurs + "wxr-features.xml";
  RecordingSink sink_;
};

TEST_F(WxrFeaturesTest, Blog) {
  ASSERT_EQ(sink_.blogs.size(), 1u);
  EXPECT_EQ(sink_.blogs[0].title, "Caf\u00e9 & Garden");
  EXPECT_EQ(sink_.blogs[0].description, "Notes from a small garden");
  EXPECT_EQ(sink_.blogs[0].url, "https://example.org/blog");
  EXPECT_EQ(sink_.blogs[0].generator, "https://wordpress.org/?v=6.4.2");
  EXPECT_EQ(sink_.blogs[0].time_zone, "");
}

TEST_F(WxrFeaturesTest, PostsInFileOrderWithStatuses) {
  std::vector<std::string> ids;
  for (const SourcePost& p : sink_.posts) ids.push_back(p.original_id);
  // 108 is trashed, 109 and 110 are attachments, 111 a menu item.
  EXPECT_EQ(ids, (std::vector<std::string>{"101", "102", "103", "104", "105", "106", "107", "113",
                                           "112"}));
  EXPECT_EQ(sink_.Post("101").status, PostStatus::kPublished);
  EXPECT_EQ(sink_.Post("103").status, PostStatus::kScheduled);
  EXPECT_EQ(sink_.Post("104").status, PostStatus::kDraft);
  EXPECT_EQ(sink_.Post("105").status, PostStatus::kDraft);  // pending
  EXPECT_EQ(sink_.Post("106").status, PostStatus::kDraft);  // private
  EXPECT_EQ(sink_.Post("107").kind, PostKind::kPage);
  // Password-protected: not shown to everyone.
  EXPECT_EQ(sink_.Post("113").status, PostStatus::kDraft);
  EXPECT_EQ(sink_.Post("113").permalink, "");
}

TEST_F(WxrFeaturesTest, TheBlogFirstThenEachPostWithItsComments) {
  std::vector<std::string> events;
  for (const std::string& e : sink_.events) {
    if (!e.starts_with("redirect ")) events.push_back(e);
  }
  ASSERT_GE(events.size(), 12u);
  EXPECT_EQ(std::vector<std::string>(events.begin(), events.begin() + 12),
            (std::vector<std::string>{"blog", "post 101", "comment 201", "comment 202",
                                      "comment 203", "comment 204", "comment 205", "comment 206",
                                      "comment 207", "comment 208", "post 102", "post 103"}));
}

TEST_F(WxrFeaturesTest, TwoPostsWithTheSameTitleStayApart) {
  const SourcePost& first = sink_.Post("101");
  const SourcePost& second = sink_.Post("102");
  EXPECT_EQ(first.title, "Same title");
  EXPECT_EQ(second.title, "Same title");
  EXPECT_EQ(first.slug, "same-title");
  EXPECT_EQ(second.slug, "same-title-2");
  EXPECT_EQ(first.permalink, "https://example.org/blog/2020/01/05/same-title/");
  EXPECT_EQ(second.permalink, "https://example.org/blog/2020/02/01/same-title-2/");
}

TEST_F(WxrFeaturesTest, LabelsFromCategoriesAndTags) {
  // File order; "Café Culture" is a category and a tag: once; Uncategorized is a label
  // like any other; the post format is left out; "&amp;" in a term name is "&".
  EXPECT_EQ(sink_.Post("101").labels, (Labels{"Caf\u00e9 Culture", "Uncategorized",
                                              "na\u00efve tag", "Fruit & Veg", "\u65e5\u672c"}));
  EXPECT_TRUE(sink_.Post("102").labels.empty());
}

TEST_F(WxrFeaturesTest, AuthorsAreDisplayNames) {
  EXPECT_EQ(sink_.Post("101").author, "Alice Liddell");
  EXPECT_EQ(sink_.Post("102").author, "Robert Jones");  // dc:creator BOB, login Bob
  EXPECT_EQ(sink_.Post("103").author, "carol");         // not among the wp:author entries
}

TEST_F(WxrFeaturesTest, Times) {
  const SourcePost& post = sink_.Post("101");
  EXPECT_EQ(post.published, Utc(2020, 1, 5, 9, 30, 0));  // the _gmt one
  EXPECT_EQ(post.updated, Utc(2020, 1, 6, 11, 0, 0));
  // post_date_gmt 0000-00-00: post_date, read as UTC.
  EXPECT_EQ(sink_.Post("102").published, Utc(2020, 2, 1, 10, 0, 0));
  EXPECT_FALSE(sink_.Post("102").updated.has_value());
  EXPECT_EQ(sink_.Post("103").published, Utc(2030, 6, 1, 7, 0, 0));
  EXPECT_FALSE(sink_.Post("105").published.has_value());  // no date at all
}

TEST_F(WxrFeaturesTest, PermalinksAndOldPaths) {
  EXPECT_EQ(sink_.Post("101").old_paths, (Paths{"/blog/?p=101", "/blog/2020/01/05/same-title/"}));
  EXPECT_EQ(sink_.Post("103").old_paths, (Paths{"/blog/?p=103", "/blog/2030/06/01/next-week/"}));
  EXPECT_EQ(sink_.Post("107").permalink, "https://example.org/blog/about/");
  EXPECT_EQ(sink_.Post("107").old_paths, (Paths{"/blog/?page_id=107", "/blog/about/"}));
  // Drafts never answered anywhere, whatever their <link>.
  for (const char* id : {"104", "105", "106"}) {
    EXPECT_EQ(sink_.Post(id).permalink, "") << id;
    EXPECT_TRUE(sink_.Post(id).old_paths.empty()) << id;
  }
  // A published post of a site with plain permalinks: "?p=112" only.
  EXPECT_EQ(sink_.Post("112").permalink, "");
  EXPECT_EQ(sink_.Post("112").old_paths, (Paths{"/blog/?p=112"}));
  EXPECT_EQ(sink_.Post("112").slug, "plain-permalinks");
}

TEST_F(WxrFeaturesTest, CommentsSwitch) {
  EXPECT_EQ(sink_.Post("101").comments_mode, CommentsMode::kClosed);
  EXPECT_EQ(sink_.Post("102").comments_mode, CommentsMode::kOpen);
}

TEST_F(WxrFeaturesTest, BodiesGetWordPressParagraphs) {
  EXPECT_EQ(sink_.Post("101").content_html,
            "<p>First paragraph, line one<br />\nline two.</p>\n"
            "<p>Second <em>paragraph</em> with a <a\nhref=\"https://example.org/\">link</a>."
            "</p>");
  // Block editor HTML (and the blank line inside its <pre>) is left as it is.
  EXPECT_EQ(sink_.Post("102").content_html,
            "<!-- wp:paragraph -->\n<p>Block editor content.</p>\n<!-- /wp:paragraph -->\n\n"
            "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>line 1\n\nline 3</code></pre>\n"
            "<!-- /wp:code -->");
  EXPECT_EQ(sink_.Post("105").content_html, "");
}

TEST_F(WxrFeaturesTest, ThreadedComments) {
  std::vector<std::string> ids;
  for (const SourceComment& c : sink_.comments) ids.push_back(c.original_id);
  // 209 is a WooCommerce order note; 210 is on the trashed post.
  EXPECT_EQ(ids,
            (std::vector<std::string>{"201", "202", "203", "204", "205", "206", "207", "208"}));
  for (const SourceComment& c : sink_.comments) EXPECT_EQ(c.post_original_id, "101");
  // Three deep.
  EXPECT_EQ(sink_.Comment("201").parent_original_id, "");
  EXPECT_EQ(sink_.Comment("202").parent_original_id, "201");
  EXPECT_EQ(sink_.Comment("203").parent_original_id, "202");

  const SourceComment& first = sink_.Comment("201");
  EXPECT_EQ(first.author_name, "Carol");
  EXPECT_EQ(first.author_url, "https://carol.example.net/");
  EXPECT_EQ(first.content_html, "<p>Lovely roses.<br />\nWhich variety?</p>");
  EXPECT_EQ(first.published, Utc(2020, 1, 5, 10, 0, 0));
  EXPECT_EQ(first.where.line, 62);
  EXPECT_EQ(first.where.column, 3);
  EXPECT_EQ(sink_.Comment("202").content_html, "<p>Albertine, a rambler.</p>");
  // comment_date_gmt zero: comment_date as UTC.
  EXPECT_EQ(sink_.Comment("204").published, Utc(2020, 1, 7, 8, 0, 0));
}

TEST_F(WxrFeaturesTest, CommentStatusesAndPingbacks) {
  EXPECT_EQ(sink_.Comment("201").status, CommentStatus::kPublished);
  EXPECT_EQ(sink_.Comment("204").status, CommentStatus::kPending);
  EXPECT_EQ(sink_.Comment("205").status, CommentStatus::kSpam);
  EXPECT_EQ(sink_.Comment("206").status, CommentStatus::kDeleted);
  const SourceComment& pingback = sink_.Comment("207");
  EXPECT_EQ(pingback.status, CommentStatus::kPublished);
  EXPECT_EQ(pingback.author_name, "Another Garden Blog");
  EXPECT_EQ(pingback.author_url, "https://other.example.com/roses/");
}

TEST_F(WxrFeaturesTest, AReplyToAMissingCommentBecomesTopLevel) {
  EXPECT_EQ(sink_.Comment("208").parent_original_id, "");
}

TEST_F(WxrFeaturesTest, WhatIsNotImportedIsReported) {
  EXPECT_EQ(sink_.skipped,
            (std::vector<std::string>{
                "comment 208 replies to comment 299, which is not in the file: "
                "imported as a top-level comment @132:3",
                "trashed post 108 \"Thrown away\" and its 1 comment(s) @227:2",
                "post 113 \"Members only\" is password-protected: imported as a draft @268:2",
                "comments of type order_note (only comments, pingbacks and "
                "trackbacks are imported): 1 not imported @140:3",
                "items of type nav_menu_item (only posts and pages are "
                "imported): 1 not imported @261:2",
            }));
}

TEST_F(WxrFeaturesTest, PostsKnowWhereTheyStart) {
  EXPECT_EQ(sink_.Post("101").where.file, path_);
  EXPECT_EQ(sink_.Post("101").where.line, 24);
  EXPECT_EQ(sink_.Post("101").where.column, 2);  // after a tab
  EXPECT_EQ(sink_.Post("112").where.line, 280);
}

// The redirects a read handed over, old path -> where it leads; each old path once.
std::map<std::string, std::string> RedirectMap(const RecordingSink& sink) {
  std::map<std::string, std::string> out;
  for (const SourceRedirect& r : sink.redirects) {
    EXPECT_TRUE(out.emplace(r.old_path, r.to).second) << "twice: " << r.old_path;
  }
  return out;
}

// The blog lives under /blog: every old path starts with it, as WordPress wrote them.
TEST_F(WxrFeaturesTest, OldAddressesOfTermsAuthorsAndAttachmentsRedirect) {
  const auto redirects = RedirectMap(sink_);
  const std::map<std::string, std::string> expected = {
      {"/blog/author/alice/", "/"},
      {"/blog/?author=1", "/"},
      {"/blog/author/Bob/", "/"},
      {"/blog/author/bob/", "/"},
      {"/blog/?author=2", "/"},
      {"/blog/category/uncategorized/", "/search/label/Uncategorized"},
      {"/blog/?cat=1", "/search/label/Uncategorized"},
      {"/blog/category/cafe-culture/", "/search/label/Caf%C3%A9%20Culture"},
      {"/blog/tag/cafe-culture/", "/search/label/Caf%C3%A9%20Culture"},
      {"/blog/?tag=cafe-culture", "/search/label/Caf%C3%A9%20Culture"},
      {"/blog/tag/naive-tag/", "/search/label/na%C3%AFve%20tag"},
      {"/blog/?tag=naive-tag", "/search/label/na%C3%AFve%20tag"},
      {"/blog/tag/fruit-veg/", "/search/label/Fruit%20%26%20Veg"},
      {"/blog/?tag=fruit-veg", "/search/label/Fruit%20%26%20Veg"},
      // The nicename as WordPress wrote it (percent-encoded UTF-8).
      {"/blog/tag/%e6%97%a5%e6%9c%ac/", "/search/label/%E6%97%A5%E6%9C%AC"},
      {"/blog/?tag=%e6%97%a5%e6%9c%ac", "/search/label/%E6%97%A5%E6%9C%AC"},
      // The attachment page (its <link>) and ?attachment_id: the file. The tulip has no
      // attachment_url: nothing to lead to.
      {"/blog/2020/01/05/same-title/rose/",
       "https://example.org/wp-content/uploads/2020/01/rose.jpg"},
      {"/blog/?attachment_id=109", "https://example.org/wp-content/uploads/2020/01/rose.jpg"},
  };
  EXPECT_EQ(redirects, expected);
  // The channel's terms come right after the blog, the items' before their post.
  EXPECT_EQ(sink_.events[1], "redirect /blog/author/alice/");
  const auto post = std::find(sink_.events.begin(), sink_.events.end(), "post 101");
  const auto tag =
      std::find(sink_.events.begin(), sink_.events.end(), "redirect /blog/tag/fruit-veg/");
  EXPECT_LT(tag, post);
}

TEST_F(WxrFeaturesTest, FeedIdsAreTheGuids) {
  EXPECT_EQ(sink_.Post("101").feed_id, "https://example.org/blog/?p=101");
  EXPECT_EQ(sink_.Post("102").feed_id, "");  // no <guid>
}

TEST_F(WxrFeaturesTest, PingbacksKeepTheirKind) {
  EXPECT_EQ(sink_.Comment("201").kind, CommentKind::kComment);
  EXPECT_EQ(sink_.Comment("207").kind, CommentKind::kPingback);
}

// wxr-https.xml: WordPress.com's https namespace under other prefixes (w:, c:, d:, x:);
// every status; a password; pingbacks and trackbacks; a child category; terms.
class WxrHttpsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ReadWxr(path_, sink_).ok()); }
  const std::string path_ = kOurs + "wxr-https.xml";
  RecordingSink sink_;
};

TEST_F(WxrHttpsTest, ReadsTheHttpsNamespaceWhateverItsPrefix) {
  EXPECT_EQ(sink_.Blog().url, "https://garden.example.com");  // wp:base_blog_url
  ASSERT_EQ(sink_.posts.size(), 7u);
  const SourcePost& post = sink_.Post("11");
  EXPECT_EQ(post.content_html, "<p>In the open.</p>");  // c:encoded
  EXPECT_EQ(post.author, "The Gardener");               // d:creator
  EXPECT_EQ(post.published, Utc(2025, 1, 10, 9, 0, 0));
  EXPECT_EQ(post.old_paths, (Paths{"/?p=11", "/2025/01/10/published/"}));
}

TEST_F(WxrHttpsTest, Statuses) {
  EXPECT_EQ(sink_.Post("11").status, PostStatus::kPublished);
  EXPECT_EQ(sink_.Post("12").status, PostStatus::kDraft);  // auto-draft
  EXPECT_EQ(sink_.Post("13").status, PostStatus::kDraft);  // pending
  EXPECT_EQ(sink_.Post("14").status, PostStatus::kDraft);  // private
  EXPECT_TRUE(sink_.Post("14").old_paths.empty());
  EXPECT_EQ(sink_.Post("15").status, PostStatus::kDraft);  // published, with a password
  EXPECT_EQ(sink_.Post("15").permalink, "");
  EXPECT_EQ(sink_.Post("16").status, PostStatus::kScheduled);
  EXPECT_EQ(sink_.Post("17").status, PostStatus::kPublished);
  EXPECT_EQ(sink_.skipped, (std::vector<std::string>{
                               "post 15 \"Locked\" is password-protected: imported as a draft "
                               "@91:3",
                           }));
}

TEST_F(WxrHttpsTest, PagesKeepTheirPermalinkAndPageId) {
  const SourcePost& page = sink_.Post("17");
  EXPECT_EQ(page.kind, PostKind::kPage);
  EXPECT_EQ(page.permalink, "https://garden.example.com/about/");
  EXPECT_EQ(page.old_paths, (Paths{"/?page_id=17", "/about/"}));
}

TEST_F(WxrHttpsTest, FeedIdsAreTheGuids) {
  EXPECT_EQ(sink_.Post("11").feed_id, "https://garden.example.com/?p=11");
  EXPECT_EQ(sink_.Post("17").feed_id, "https://garden.example.com/?page_id=17");
  EXPECT_EQ(sink_.Post("13").feed_id, "https://garden.example.com/?p=13");
}

TEST_F(WxrHttpsTest, UncategorizedIsALabel) {
  EXPECT_EQ(sink_.Post("11").labels, (Labels{"Uncategorized", "Roses & Thorns", "Weeds"}));
}

TEST_F(WxrHttpsTest, CommentKinds) {
  EXPECT_EQ(sink_.Comment("31").kind, CommentKind::kComment);
  EXPECT_EQ(sink_.Comment("32").kind, CommentKind::kPingback);
  EXPECT_EQ(sink_.Comment("33").kind, CommentKind::kTrackback);
  // The file's HTML as it is (escaped once): the sanitizer reads it as HTML.
  EXPECT_EQ(sink_.Comment("32").content_html, "<p>[&#8230;] roses &amp; thorns [&#8230;]</p>");
  EXPECT_EQ(sink_.Comment("32").author_url, "https://other.example.net/a/");
}

TEST_F(WxrHttpsTest, Redirects) {
  std::vector<std::pair<std::string, std::string>> got;
  for (const SourceRedirect& r : sink_.redirects) got.emplace_back(r.old_path, r.to);
  const std::string rose = "https://garden.example.com/wp-content/uploads/2025/01/rose.jpg";
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"/author/Gardener/", "/"},
                     {"/author/gardener/", "/"},
                     {"/?author=1", "/"},
                     {"/category/plants/", "/search/label/Plants"},
                     {"/?cat=5", "/search/label/Plants"},
                     {"/category/roses/", "/search/label/Roses%20%26%20Thorns"},
                     {"/category/plants/roses/", "/search/label/Roses%20%26%20Thorns"},
                     {"/?cat=6", "/search/label/Roses%20%26%20Thorns"},
                     {"/category/uncategorized/", "/search/label/Uncategorized"},
                     {"/?cat=1", "/search/label/Uncategorized"},
                     {"/tag/spring/", "/search/label/Spring%20time"},
                     {"/?tag=spring", "/search/label/Spring%20time"},
                     {"/tag/bees/", "/search/label/Bees"},  // a wp:term; the nav_menu is not
                     {"/?tag=bees", "/search/label/Bees"},
                     {"/tag/weeds/", "/search/label/Weeds"},  // an item's <category> only
                     {"/?tag=weeds", "/search/label/Weeds"},
                     {"/2025/01/10/published/rose/", rose},
                     {"/?attachment_id=18", rose},
                     // Its page is on another host: only ?attachment_id.
                     {"/?attachment_id=19", "https://cdn.example.org/elsewhere.jpg"},
                 }));
  EXPECT_EQ(sink_.redirects[0].where.line, 14);
}

TEST(WxrReaderTest, PelicansRedirects) {
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(kShared + "pelican-wordpressexport.xml", sink).ok());
  const auto redirects = RedirectMap(sink);
  EXPECT_EQ(redirects.at("/author/Bob/"), "/");
  EXPECT_EQ(redirects.at("/category/categ-1/"), "/search/label/Category%201");
  EXPECT_EQ(redirects.at("/?cat=7"), "/search/label/Category%201");
  EXPECT_EQ(redirects.at("/?cat=1"), "/search/label/Uncategorized");
  EXPECT_EQ(redirects.at("/tag/tag-1/"), "/search/label/tag%201");
  EXPECT_EQ(redirects.at("/?tag=tag2"), "/search/label/Tag2");
  // An item's nicename that the channel does not list.
  EXPECT_EQ(redirects.at("/category/category-2/"), "/search/label/Category%202");
  // The attachment's <link> is its ?attachment_id itself: once.
  EXPECT_EQ(redirects.at("/?attachment_id=24"),
            "https://upload.wikimedia.org/wikipedia/commons/thumb/2/2c/"
            "Pelican_lakes_entrance02.jpg/240px-Pelican_lakes_entrance02.jpg");
}

TEST(WxrReaderTest, WordPressComsAttachmentsRedirectToTheirFiles) {
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(kShared + "jekyll-import-sitetitle.xml", sink).ok());
  const auto redirects = RedirectMap(sink);
  EXPECT_EQ(redirects.at("/author/jekyllbot/"), "/");
  EXPECT_EQ(redirects.at("/category/foo/"), "/search/label/Foo");
  EXPECT_EQ(redirects.at("/?cat=7202"), "/search/label/Foo");
  EXPECT_EQ(redirects.at("/tag/stars/"), "/search/label/stars");
  int attachments = 0;
  for (const auto& [from, to] : redirects) {
    if (from.starts_with("/?attachment_id=")) {
      ++attachments;
      EXPECT_TRUE(to.starts_with("https://")) << to;
    }
  }
  EXPECT_EQ(attachments, 6);
  // Each attachment page on the blog's host: its file. The last one's page is on another
  // host (the site was renamed): only its ?attachment_id.
  EXPECT_EQ(redirects.at("/2025/01/18/the-art-of-connection/placeholder-image/"),
            "https://jekyllbot.wordpress.com/wp-content/uploads/2025/01/0565b-tt4_post_1.jpg");
  EXPECT_EQ(redirects.at("/?attachment_id=19"),
            "https://parkrmoore.wordpress.com/wp-content/uploads/2025/01/"
            "a-bright-night-sky-full-of-stars-and-the-milky.png");
  EXPECT_FALSE(redirects.contains(
      "/2025/01/18/blog-post-1/a-bright-night-sky-full-of-stars-and-the-milky/"));
}

TEST(WxrReaderTest, SamizdatsOwnExportHasNoRedirectsOfItsOwn) {
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(kOurs + "wxr-samizdat-own.xml", sink).ok());
  EXPECT_TRUE(sink.redirects.empty());
}

TEST(WxrReaderTest, ASinkErrorStopsTheReader) {
  RecordingSink sink;
  sink.stop_at_post = 1;
  const Status status = ReadWxr(kOurs + "wxr-features.xml", sink);
  EXPECT_TRUE(status.IsConflict());
  EXPECT_EQ(status.message(), "the sink refuses post 102");
  EXPECT_EQ(sink.posts.size(), 1u);
  EXPECT_EQ(sink.comments.size(), 8u);  // the first post's, handed over before the second
}

TEST(WxrReaderTest, ReadsWxr10) {
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(kOurs + "wxr-1.0.xml", sink).ok());
  ASSERT_EQ(sink.posts.size(), 1u);
  const SourcePost& post = sink.posts[0];
  EXPECT_EQ(post.original_id, "3");
  // The domain-less copy of a category counts once; "tag" is WXR 1.0's tag domain.
  EXPECT_EQ(post.labels, (Labels{"News", "old tag"}));
  EXPECT_EQ(post.published, Utc(2009, 5, 1, 10, 0, 0));
  EXPECT_EQ(post.content_html, "<p>Hello from 2009.</p>");
  EXPECT_EQ(post.old_paths, (Paths{"/?p=3", "/2009/05/from-2009/"}));
}

// samizdat's WXR writer keeps a post's path in the samizdat_path postmeta; WordPress
// carries postmeta through its own import and export.
TEST(WxrReaderTest, TheSamizdatPathPostmetaIsThePermalink) {
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(kOurs + "wxr-samizdat-path.xml", sink).ok());
  ASSERT_EQ(sink.posts.size(), 1u);
  EXPECT_EQ(sink.posts[0].permalink, "https://example.com/2022/01/a-trip.html");
  // Where WordPress served it in between.
  EXPECT_EQ(sink.posts[0].old_paths, (Paths{"/?p=40", "/2022/01/15/a-trip/"}));
}

TEST(WxrReaderTest, SamizdatsOwnExportHasNoOldPaths) {
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(kOurs + "wxr-samizdat-own.xml", sink).ok());
  EXPECT_EQ(sink.Blog().generator, "samizdat");
  ASSERT_EQ(sink.posts.size(), 1u);
  EXPECT_EQ(sink.posts[0].permalink, "https://example.com/2022/01/a-trip.html");
  EXPECT_TRUE(sink.posts[0].old_paths.empty());
}

// --- Broken files ---------------------------------------------------------------------

std::string ReadError(const std::string& name) {
  RecordingSink sink;
  const Status status = ReadWxr(kOurs + name, sink);
  EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
  return status.message();
}

TEST(WxrReaderTest, NotXml) {
  EXPECT_EQ(ReadError("wxr-not-xml.txt"),
            kOurs +
                "wxr-not-xml.txt:1:1: not XML: there is no element where the document "
                "should start");
}

TEST(WxrReaderTest, Truncated) {
  // Cut after line 90, column 59: inside comment 203, opened at 88:3.
  EXPECT_EQ(ReadError("wxr-truncated.xml"),
            kOurs +
                "wxr-truncated.xml:90:60: the file ends before the document does: it was cut "
                "short (it stops inside <wp:comment>, opened at 88:3)");
}

TEST(WxrReaderTest, AnRssFeedThatIsNotWxr) {
  EXPECT_EQ(ReadError("wxr-rss-without-wp.xml"),
            kOurs +
                "wxr-rss-without-wp.xml:2:1: an RSS feed, not a WordPress export: it "
                "declares no wp namespace (http://wordpress.org/export/1.2/)");
}

TEST(WxrReaderTest, APostWithoutId) {
  EXPECT_EQ(ReadError("wxr-item-without-id.xml"),
            kOurs + "wxr-item-without-id.xml:15:5: an item of type post has no wp:post_id");
}

TEST(WxrReaderTest, ACommentWithoutId) {
  EXPECT_EQ(ReadError("wxr-comment-without-id.xml"),
            kOurs + "wxr-comment-without-id.xml:11:3: a comment on item 5 has no wp:comment_id");
}

TEST(WxrReaderTest, AMalformedDate) {
  EXPECT_EQ(ReadError("wxr-bad-date.xml"),
            kOurs +
                "wxr-bad-date.xml:5:1: item 7: wp:post_date_gmt \"2020-02-30 10:00:00\" "
                "is not a date");
}

TEST(WxrReaderTest, AMissingFileIsNotFound) {
  RecordingSink sink;
  EXPECT_TRUE(ReadWxr(kOurs + "wxr-no-such-file.xml", sink).IsNotFound());
}

TEST(WxrReaderTest, ABloggerExportIsNotWxr) {
  RecordingSink sink;
  const std::string path =
      std::string(SAMIZDAT_SHARED_FIXTURES) + "/blogger-classic/pelican-bloggerexport.xml";
  const Status status = ReadWxr(path, sink);
  ASSERT_TRUE(status.IsInvalidArgument());
  EXPECT_TRUE(status.message().find("not a WordPress export: the document is <feed>") !=
              std::string::npos)
      << status.message();
}

// wxr-shortcodes.xml: posts with WordPress's shortcodes, embeds and page breaks; the
// attachments its galleries show come after the posts, as WordPress writes them.
TEST(WxrReaderTest, ShortcodesBecomeHtmlAndGalleriesNeedTheFirstReadsMedia) {
  const std::string path = kOurs + "wxr-shortcodes.xml";
  WxrMedia media;
  RecordingSink first;
  ASSERT_TRUE(ReadWxr(path, first, &media).ok());
  EXPECT_EQ(media.size(), 4u);
  EXPECT_EQ(media["302"].parent_id, "204");
  EXPECT_EQ(media["302"].menu_order, 2);
  EXPECT_EQ(media["302"].caption, "A red dinghy");
  EXPECT_EQ(media["302"].alt, "Dinghy");
  // On the first read the attachments come too late for the galleries.
  EXPECT_EQ(first.Post("202").content_html.find("<div class=\"gallery"), std::string::npos);

  RecordingSink second;
  ASSERT_TRUE(ReadWxr(path, second, &media).ok());
  const std::string& embedded = second.Post("201").content_html;
  EXPECT_NE(embedded.find("<figure class=\"wp-caption aligncenter\" style=\"width: 640px\">"),
            std::string::npos)
      << embedded;
  EXPECT_NE(embedded.find("<figcaption>The harbour at dawn</figcaption></figure>"),
            std::string::npos);
  EXPECT_NE(embedded.find("src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\""), std::string::npos);
  EXPECT_NE(embedded.find("src=\"https://www.youtube.com/embed/M7lc1UVf-VE\""), std::string::npos);
  EXPECT_NE(embedded.find("src=\"https://player.vimeo.com/video/76979871\""), std::string::npos);
  EXPECT_NE(embedded.find("src=\"https://player.vimeo.com/video/22439234\""), std::string::npos);
  EXPECT_NE(embedded.find("<hr class=\"nextpage\">"), std::string::npos);
  EXPECT_NE(embedded.find("<p>The second page of the post.</p>"), std::string::npos);
  EXPECT_NE(embedded.find("just text: https://example.com/not-a-video"), std::string::npos);

  const std::string& gallery = second.Post("202").content_html;
  const auto ketch = gallery.find("ketch.jpg");
  const auto dinghy = gallery.find("dinghy.jpg");
  const auto harbour = gallery.find("harbour.jpg");
  ASSERT_NE(harbour, std::string::npos) << gallery;
  EXPECT_LT(ketch, dinghy);  // ids="303,302,301"
  EXPECT_LT(dinghy, harbour);

  const std::string& media_post = second.Post("203").content_html;
  EXPECT_NE(media_post.find("<video controls poster="), std::string::npos) << media_post;
  EXPECT_NE(media_post.find("<source src=\"https://shortcodes.example.org/wp-content/uploads/"
                            "2024/03/clip.webm\" type=\"video/webm\">"),
            std::string::npos);
  EXPECT_NE(media_post.find("<audio controls src="), std::string::npos);
  EXPECT_NE(media_post.find("Written as text: [gallery]."), std::string::npos);
  EXPECT_NE(media_post.find("[contact-form-7 id=\"12\"]"), std::string::npos);

  const std::string& page = second.Post("204").content_html;  // [gallery]: its own images
  EXPECT_LT(page.find("ketch.jpg"), page.find("dinghy.jpg"));
  EXPECT_EQ(page.find("manual.pdf"), std::string::npos);
}

TEST(WxrReaderTest, AnHtmlTitleBecomesTheTextAReaderSaw) {
  RecordingSink sink;
  ASSERT_TRUE(ReadWxr(kOurs + "wxr-shortcodes.xml", sink).ok());
  // <![CDATA[A <em>captioned</em> &amp; embedded post]]>, from WordPress 6.4.3.
  EXPECT_EQ(sink.Post("201").title, "A captioned & embedded post");
}

}  // namespace
}  // namespace samizdat::transfer
