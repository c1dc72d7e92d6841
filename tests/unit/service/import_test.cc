// ImportService's WordPress content: galleries from the first read's attachments, the
// summary of what the sanitizer removed, WordPress.com's https files with their
// redirects, feed ids and comment kinds, a failed import into a new blog, and an existing
// blog learning the address it was imported from.
#include "service/import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "service/import_convert.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

const std::string kFixtures = std::string(SAMIZDAT_TEST_FIXTURES) + "/import/";

class ImportTest : public StoreTest {
 protected:
  Result<ImportSummary> Import(const std::string& path) {
    ImportOptions options;
    options.blog_host = "wp.example";
    return ImportService(*store_).Import(path, options);
  }
  std::string BodyAt(const std::string& path) {
    auto blogs = store_->ListBlogs();
    if (!blogs.ok() || blogs->empty()) return "";
    auto post = store_->GetPostByPath(blogs->front().id, path);
    return post.ok() ? post->body_html : "";
  }
  // A one-post WXR file written into the test's directory.
  std::string WriteWxr(const std::string& title, const std::string& content) {
    const std::string path = (dir_ / "one.xml").string();
    std::ofstream(path) << R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>One</title>
<link>https://wp.example</link><item><title>)" +
                               title + R"(</title><content:encoded><![CDATA[)" + content +
                               R"(]]></content:encoded><wp:post_id>7</wp:post_id>
<wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type></item></channel></rss>
)";
    return path;
  }
};

// The attachments come after the posts in the file: the storing read has them from the
// checking read.
TEST_F(ImportTest, GalleriesShowAttachmentsListedAfterThePost) {
  auto summary = Import(kFixtures + "wxr-shortcodes.xml");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const std::string gallery = BodyAt("/2024/03/boats-in-gallery.html");
  EXPECT_NE(gallery.find("<img src=\"https://shortcodes.example.org/wp-content/uploads/2024/03/"
                         "ketch.jpg\""),
            std::string::npos)
      << gallery;
  EXPECT_NE(gallery.find("<figcaption>A red dinghy</figcaption>"), std::string::npos);
}

TEST_F(ImportTest, NothingRemovedNothingListed) {
  auto summary = Import(WriteWxr("Plain", "<p>Just <em>text</em>.</p>"));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->posts, 1);
  EXPECT_EQ(summary->posts_with_removals, 0);
  EXPECT_TRUE(summary->removed.empty());
  EXPECT_TRUE(summary->removal_titles.empty());
}

TEST_F(ImportTest, TheSummaryListsWhatTheSanitizerRemoved) {
  auto summary = Import(WriteWxr("Hostile",
                                 "<p>Hi</p><script>alert(1)</script><script>alert(2)</script>"
                                 "<iframe src=\"https://evil.example/x\"></iframe>"));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->posts_with_removals, 1);
  EXPECT_EQ(summary->removal_titles, std::vector<std::string>{"Hostile"});
  EXPECT_GE(summary->removed.Total(), 3);
  const std::string described = summary->removed.Describe();
  EXPECT_NE(described.find("2 \u00d7 <script>"), std::string::npos) << described;
  EXPECT_NE(described.find("<iframe>"), std::string::npos) << described;
  EXPECT_EQ(BodyAt("/2024/03/hostile.html").find("script"), std::string::npos);
}

TEST_F(ImportTest, WordPressComsHttpsExportWithItsOldAddresses) {
  auto summary = Import(kFixtures + "wxr-https.xml");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->posts, 7);
  EXPECT_EQ(summary->pages, 1);
  EXPECT_EQ(summary->drafts, 4);  // auto-draft, pending, private, password
  EXPECT_EQ(summary->comments, 3);
  bool listed = false;
  for (const std::string& s : summary->skipped) {
    listed = listed || s.starts_with(
                           "post 15 \"Locked\" is password-protected: imported as a "
                           "draft");
  }
  EXPECT_TRUE(listed);
  auto redirects = store_->ListRedirects(summary->blog.id);
  ASSERT_TRUE(redirects.ok());
  std::map<std::string, std::string> by_path;
  for (const store::Redirect& r : *redirects) by_path[r.old_path] = r.new_path;
  EXPECT_EQ(by_path["/category/plants/roses/"], "/search/label/Roses%20%26%20Thorns");
  EXPECT_EQ(by_path["/?cat=1"], "/search/label/Uncategorized");
  EXPECT_EQ(by_path["/author/Gardener/"], "/");
  EXPECT_EQ(by_path["/?attachment_id=18"],
            "https://garden.example.com/wp-content/uploads/2025/01/rose.jpg");
  EXPECT_EQ(by_path["/about/"], "/p/about-garden.html");
  // The pingback's text escaped once: "&amp;" in the file is "&" to a reader.
  auto comments = store_->ListComments([&] {
    store::CommentQuery query;
    query.blog_id = summary->blog.id;
    return query;
  }());
  ASSERT_TRUE(comments.ok()) << comments.status().ToString();
  std::map<std::string, CommentKind> kinds;
  for (const Comment& c : *comments) {
    kinds[c.author_name] = c.kind;
    if (c.author_name != "Other Blog") continue;
    EXPECT_EQ(c.body_text, "[\u2026] roses & thorns [\u2026]");
    EXPECT_EQ(c.body_html.find("&amp;amp;"), std::string::npos) << c.body_html;
  }
  // Stored with their kind, and the posts with their feed ids (the guids).
  EXPECT_EQ(kinds, (std::map<std::string, CommentKind>{{"Reader", CommentKind::kComment},
                                                       {"Other Blog", CommentKind::kPingback},
                                                       {"Third Blog", CommentKind::kTrackback}}));
  auto post = store_->GetPostByPath(summary->blog.id, "/2025/01/published.html");
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  EXPECT_EQ(post->feed_id, "https://garden.example.com/?p=11");
  auto page = store_->GetPostByPath(summary->blog.id, "/p/about-garden.html");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->feed_id, "https://garden.example.com/?page_id=17");
}

TEST_F(ImportTest, AnExistingBlogLearnsWhereItCameFromOnce) {
  Blog blog;
  blog.host = "wp.example";
  blog.title = "Made here first";
  ASSERT_TRUE(store_->CreateBlog(blog).ok());
  ASSERT_TRUE(Import(WriteWxr("One", "<p>one</p>")).ok());
  auto blogs = store_->ListBlogs();
  ASSERT_TRUE(blogs.ok() && blogs->size() == 1u);
  auto stored = store_->GetBlog(blogs->front().id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->imported_from, "https://wp.example");
  EXPECT_EQ(stored->title, "Made here first");  // its settings are its own
  // A second import from elsewhere does not change it.
  const std::string other = (dir_ / "other.xml").string();
  {
    std::ifstream in(WriteWxr("Two", "<p>two</p>"));
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    xml.replace(xml.find("https://wp.example"), 18, "https://elsewhere.example");
    std::ofstream(other) << xml;
  }
  ASSERT_TRUE(Import(other).ok());
  auto again = store_->GetBlog(stored->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->imported_from, "https://wp.example");
}

TEST_F(ImportTest, TheConverterKeepsFeedIdsAndCommentKinds) {
  const Blog blog = CreateBlog("wp.example", "WP");
  importing::Plan plan;
  plan.format = transfer::ExportFormat::kWxr;
  plan.source_blog.url = "https://wp.example";
  const TimeZone zone = TimeZone::Utc();
  importing::Converter converter(*store_, blog, zone, plan);
  transfer::SourcePost in;
  in.original_id = "5";
  in.title = "Hello";
  in.feed_id = "https://wp.example/?p=5";
  in.published = Now();
  auto post =
      converter.ConvertPost(in, importing::MakeBody("<p>x</p>", text::SanitizePolicy::kPostBody));
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  EXPECT_EQ(post->post.feed_id, "https://wp.example/?p=5");

  transfer::SourceComment ping;
  ping.original_id = "9";
  ping.post_original_id = "5";
  ping.kind = CommentKind::kTrackback;
  auto comment =
      converter.ConvertComment(ping, importing::MakeBody("x", text::SanitizePolicy::kComment));
  ASSERT_TRUE(comment.ok()) << comment.status().ToString();
  EXPECT_EQ(comment->kind, CommentKind::kTrackback);
}

// The second read refuses the file's second post (its path is the first one's) after the
// new blog is in the batch: the blog goes with the rest.
TEST_F(ImportTest, AFailedImportLeavesNoNewBlog) {
  const std::string path = (dir_ / "clash.xml").string();
  std::string items;
  for (const char* id : {"1", "2"}) {
    items += std::string("<item><title>Post ") + id + "</title><wp:post_id>" + id +
             "</wp:post_id><wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt>"
             "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:postmeta>"
             "<wp:meta_key>samizdat_path</wp:meta_key><wp:meta_value>/2024/03/same.html"
             "</wp:meta_value></wp:postmeta></item>";
  }
  std::ofstream(path) << R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel><title>Clash</title>
<link>https://clash.example</link>)" +
                             items + "</channel></rss>\n";
  ImportOptions options;
  auto summary = ImportService(*store_).Import(path, options);
  ASSERT_TRUE(summary.status().IsConflict()) << summary.status().ToString();
  auto blogs = store_->ListBlogs();
  ASSERT_TRUE(blogs.ok());
  EXPECT_TRUE(blogs->empty());
}

// A Blogger classic file: its blog's time zone (`settings_after`: after the post), one
// post without a permalink (its path follows the zone: 23:30 UTC on 31 May is June in
// Paris), a comment on it, and a comment whose post is nowhere.
std::string BloggerFile(const std::filesystem::path& dir, bool settings_after) {
  const std::string kind =
      "<category scheme='http://schemas.google.com/g/2005#kind' "
      "term='http://schemas.google.com/blogger/2008/kind#";
  const std::string zone = "<entry><id>tag:blogger.com,1999:blog-77.settings.BLOG_TIME_ZONE</id>" +
                           kind + "settings'/><title>BLOG_TIME_ZONE</title>" +
                           "<content type='text'>Europe/Paris</content></entry>\n";
  const std::string post =
      "<entry><id>tag:blogger.com,1999:blog-77.post-501</id>"
      "<published>2020-05-31T23:30:00.000Z</published>" +
      kind +
      "post'/><title type='text'>Late in May</title><content type='html'>&lt;p&gt;Hi"
      "&lt;/p&gt;</content></entry>\n";
  const auto comment = [&](const std::string& id, const std::string& post_id) {
    return "<entry><id>tag:blogger.com,1999:blog-77.post-" + id +
           "</id><published>2020-06-02T10:00:00.000Z</published>" + kind +
           "comment'/><content type='html'>Thanks &amp;gt; all</content>"
           "<author><name>Reader</name></author><thr:in-reply-to "
           "href='https://one.example/x.html' ref='tag:blogger.com,1999:blog-77.post-" +
           post_id + "' type='text/html'/></entry>\n";
  };
  const std::string path = (dir / "blogger.xml").string();
  std::ofstream(path) << "<?xml version='1.0' encoding='UTF-8'?>\n"
                         "<feed xmlns='http://www.w3.org/2005/Atom' "
                         "xmlns:thr='http://purl.org/syndication/thread/1.0'>\n"
                         "<id>tag:blogger.com,1999:blog-77.archive</id><title>One</title>"
                         "<link rel='alternate' type='text/html' href='https://one.example/'/>\n" +
                             (settings_after ? "" : zone) + post + comment("601", "501") +
                             comment("602", "999") + (settings_after ? zone : "") + "</feed>\n";
  return path;
}

// Read once: the comment whose post is nowhere is said (where it is) and not stored, and
// progress ends at the counts stored.
TEST_F(ImportTest, OneReadListsTheCommentWhosePostIsNowhere) {
  ImportOptions options;
  std::vector<ImportProgress> reports;
  options.progress = [&](const ImportProgress& p) { reports.push_back(p); };
  auto summary = ImportService(*store_).Import(BloggerFile(dir_, false), options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->posts, 1);
  EXPECT_EQ(summary->comments, 1);
  EXPECT_EQ(summary->blog.time_zone, "Europe/Paris");
  auto post = store_->GetPost(summary->blog.id, 501);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(post->path, "/2020/06/late-in-may.html");
  ASSERT_FALSE(summary->skipped.empty());
  EXPECT_NE(summary->skipped.back().find("comment 602 ("), std::string::npos)
      << summary->skipped.back();
  EXPECT_NE(summary->skipped.back().find("): its post 999 is not in the file"), std::string::npos)
      << summary->skipped.back();
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back().posts_done, 1);
  EXPECT_EQ(reports.back().posts_total, 1);
  EXPECT_EQ(reports.back().comments_total, reports.back().comments_done);
  store::CommentQuery query;
  query.blog_id = summary->blog.id;
  auto comments = store_->ListComments(query);
  ASSERT_TRUE(comments.ok());
  ASSERT_EQ(comments->size(), 1u);
  EXPECT_EQ(comments->front().body_html, "Thanks &gt; all");
  EXPECT_EQ(comments->front().body_text, "Thanks > all");
}

// A file that sets its blog's time zone after its post is read twice, so the post's path
// follows the zone as it does when the zone comes first.
TEST_F(ImportTest, SettingsAfterThePostsCountAsBeforeThem) {
  auto summary = ImportService(*store_).Import(BloggerFile(dir_, true), ImportOptions());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->blog.time_zone, "Europe/Paris");
  EXPECT_EQ(summary->posts, 1);
  EXPECT_EQ(summary->comments, 1);
  auto post = store_->GetPost(summary->blog.id, 501);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(post->path, "/2020/06/late-in-may.html");
}

}  // namespace
}  // namespace samizdat::service
