// Old-host media URLs: which ones a move brings home (Blogger's image hosts at full size,
// WordPress uploads), which stay (anyone else's), and bodies rewritten to point home with
// every other byte kept.
#include "service/media_urls.h"

#include <gtest/gtest.h>

#include <string>

namespace samizdat::service {
namespace {

const OldMediaHosts kBlogger("example.com", "https://someone.blogspot.com/");
const OldMediaHosts kWordPress("example.com", "https://old.example.org/");

TEST(OldMediaHostsTest, BloggerSizeVariantsAreFetchedOnceAtFullSize) {
  const std::string full = "https://1.bp.blogspot.com/-a/X/AAAA/b/s0/photo.jpg";
  for (const char* variant : {"https://1.bp.blogspot.com/-a/X/AAAA/b/s1600/photo.jpg",
                              "https://1.bp.blogspot.com/-a/X/AAAA/b/s320/photo.jpg",
                              "https://1.bp.blogspot.com/-a/X/AAAA/b/w640-h480/photo.jpg",
                              "https://1.bp.blogspot.com/-a/X/AAAA/b/s72-c/photo.jpg",
                              "https://1.bp.blogspot.com/-a/X/AAAA/b/s1600-h/photo.jpg",
                              "https://1.bp.blogspot.com/-a/X/AAAA/b/s0/photo.jpg",
                              "https://1.bp.blogspot.com/-a/X/AAAA/b/s1600/photo.jpg#top"}) {
    EXPECT_EQ(kBlogger.FetchUrl(variant), full) << variant;
  }
  const std::string img = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsEi";
  EXPECT_EQ(kBlogger.FetchUrl(img + "/s1600/x.png"), img + "/s0/x.png");
  EXPECT_EQ(kBlogger.FetchUrl(img + "=s1600"), img + "=s0");
  EXPECT_EQ(kBlogger.FetchUrl(img + "=w640-h480"), img + "=s0");
  EXPECT_EQ(kBlogger.FetchUrl(img + "=w640-h480-p-k-no-nu"), img + "=s0");
  // The scheme is kept (and only http and https are fetched).
  EXPECT_EQ(kBlogger.FetchUrl("http://3.bp.blogspot.com/a/s400/y.gif"),
            "http://3.bp.blogspot.com/a/s0/y.gif");
  // Protocol-relative: as a browser on the old blog read it.
  EXPECT_EQ(kBlogger.FetchUrl("//2.bp.blogspot.com/a/s400/y.gif"),
            "https://2.bp.blogspot.com/a/s0/y.gif");
  // Blogger's first image hosts.
  EXPECT_EQ(kBlogger.FetchUrl("http://bp1.blogger.com/_a/b/c/d/s400/old.jpg"),
            "http://bp1.blogger.com/_a/b/c/d/s0/old.jpg");
  EXPECT_EQ(kBlogger.FetchUrl("http://photos1.blogger.com/blogger/1/2/1600/old.jpg"),
            "http://photos1.blogger.com/blogger/1/2/1600/old.jpg");
  // A path without a size is the original already.
  EXPECT_EQ(kBlogger.FetchUrl("https://1.bp.blogspot.com/a/b/photo.jpg"),
            "https://1.bp.blogspot.com/a/b/photo.jpg");
}

TEST(OldMediaHostsTest, WordPressUploadsOnTheBlogsOwnOrOldHost) {
  EXPECT_EQ(kWordPress.FetchUrl("https://old.example.org/wp-content/uploads/2020/01/x.jpg?w=640"),
            "https://old.example.org/wp-content/uploads/2020/01/x.jpg");
  EXPECT_EQ(kWordPress.FetchUrl("http://www.old.example.org/wp-content/uploads/2020/01/x.jpg"),
            "http://www.old.example.org/wp-content/uploads/2020/01/x.jpg");
  EXPECT_EQ(kWordPress.FetchUrl("https://example.com/wp-content/uploads/2020/01/x.pdf"),
            "https://example.com/wp-content/uploads/2020/01/x.pdf");
  // Relative: on the old blog.
  EXPECT_EQ(kWordPress.FetchUrl("/wp-content/uploads/2020/01/x.jpg"),
            "https://old.example.org/wp-content/uploads/2020/01/x.jpg");
  EXPECT_EQ(kWordPress.FetchUrl("https://me.files.wordpress.com/2020/01/x.jpg?w=300&h=200"),
            "https://me.files.wordpress.com/2020/01/x.jpg");
}

TEST(OldMediaHostsTest, ForeignHostsAndOtherPathsAreLeftAlone) {
  for (const char* url : {
           "https://elsewhere.example.net/wp-content/uploads/2020/01/x.jpg",  // another blog
           "https://old.example.org/2020/01/05/hello/",                       // a post
           "https://old.example.org/wp-content/themes/x/logo.png",            // a theme
           "https://someone.blogspot.com/2011/02/a.html",                     // a Blogger post
           "https://lh3.googleusercontent.com/a/photo.jpg",                   // not Blogger's
           "https://www.blogger.com/img/icon18_edit_allbkg.gif",  // Blogger's own pictures
           "https://bpx.blogger.com/a/s400/x.jpg",
           "https://bp.blogspot.com.evil.example/a/s1600/x.jpg",
           "ftp://1.bp.blogspot.com/a/s1600/x.jpg",
           "javascript:alert(1)",
           "mailto:me@example.com",
           "#top",
           "",
           "http://[::1",
       }) {
    EXPECT_EQ(kWordPress.FetchUrl(url), "") << url;
  }
  // Without an old address, only the blog's own host counts.
  const OldMediaHosts own("example.com", "");
  EXPECT_EQ(own.FetchUrl("https://old.example.org/wp-content/uploads/x.jpg"), "");
  EXPECT_EQ(own.FetchUrl("/wp-content/uploads/x.jpg"),
            "https://example.com/wp-content/uploads/x.jpg");
}

TEST(OldMediaHostsTest, OldUploadPathsOnTheBlogsDomain) {
  EXPECT_EQ(kWordPress.OldUploadPath("https://old.example.org/wp-content/uploads/2020/01/x.jpg"),
            "/wp-content/uploads/2020/01/x.jpg");
  EXPECT_EQ(kWordPress.OldUploadPath("https://example.com/wp-content/uploads/a%20b.jpg"),
            "/wp-content/uploads/a%20b.jpg");
  EXPECT_EQ(kWordPress.OldUploadPath("https://me.files.wordpress.com/2020/01/x.jpg"),
            "/wp-content/uploads/2020/01/x.jpg");
  EXPECT_EQ(kWordPress.OldUploadPath("https://1.bp.blogspot.com/a/s0/x.jpg"), "");
}

TEST(MediaUrlsTest, OnlyBodiesThatMayNameAnOldFileNeedParsing) {
  EXPECT_TRUE(MayNameOldFile(R"(<img src="https://1.BP.Blogspot.com/-a/b/s1600/x.jpg">)"));
  EXPECT_TRUE(MayNameOldFile(R"(<img src="https://blogger.googleusercontent.com/img/a=s0">)"));
  EXPECT_TRUE(MayNameOldFile(R"(<a href="/wp-content/uploads/2020/01/x.pdf">)"));
  EXPECT_TRUE(MayNameOldFile(R"(<img src="https://x.files.wordpress.com/2020/01/x.jpg">)"));
  EXPECT_FALSE(MayNameOldFile(R"(<p>Plain <a href="https://example.com/x.jpg">text</a></p>)"));
  EXPECT_FALSE(MayNameOldFile(""));
  // Whatever it says, a body FetchUrl finds something in passes.
  const OldMediaHosts hosts("blog.example", "https://old.example/");
  for (const char* body : {R"(<img src="http://bp1.blogger.com/x/s400/y.jpg">)",
                           R"(<img src="/wp-content/uploads/x.jpg">)"}) {
    for (const std::string& url : MediaUrlsIn(body)) {
      EXPECT_TRUE(hosts.FetchUrl(url).empty() || MayNameOldFile(body)) << body;
    }
  }
}

TEST(MediaUrlsTest, FindsTheAttributesThatNameFiles) {
  const std::string html =
      R"(<p><a href="https://a.example/big.jpg"><img src="https://a.example/small.jpg" )"
      R"(srcset="https://a.example/1.jpg 1x, https://a.example/2.jpg 2x"></a>)"
      R"(<video src="v.mp4" poster="p.jpg"><source src="s.webm"></video><audio src="a.mp3">)"
      R"(<img data-src="lazy.jpg"><iframe src="frame.html"></iframe><q cite="c.html">x</q>)"
      R"(<img src="x&amp;y.jpg"></p>)";
  EXPECT_EQ(MediaUrlsIn(html),
            (std::vector<std::string>{"https://a.example/big.jpg", "https://a.example/small.jpg",
                                      "https://a.example/1.jpg", "https://a.example/2.jpg", "v.mp4",
                                      "p.jpg", "s.webm", "a.mp3", "x&y.jpg"}));
}

TEST(MediaUrlsTest, ReplacesOnlyTheUrlsGivenAndKeepsEveryOtherByte) {
  const std::string html =
      "<p class=x>Before <a href='https://1.bp.blogspot.com/a/s1600/x.jpg'>"
      "<IMG SRC=https://1.bp.blogspot.com/a/s320/x.jpg alt=\"A &amp; B\"></a> after "
      "<img src=\"https://elsewhere.example/y.jpg\">\n<!-- comment --></p>";
  const auto home = [](std::string_view url) -> std::string {
    return kBlogger.FetchUrl(url) == "https://1.bp.blogspot.com/a/s0/x.jpg" ? "/media/abc.jpg" : "";
  };
  EXPECT_EQ(ReplaceMediaUrls(html, home),
            "<p class=x>Before <a href=\"/media/abc.jpg\">"
            "<IMG SRC=\"/media/abc.jpg\" alt=\"A &amp; B\"></a> after "
            "<img src=\"https://elsewhere.example/y.jpg\">\n<!-- comment --></p>");
  // Nothing to replace: the very same text.
  EXPECT_EQ(ReplaceMediaUrls(html, [](std::string_view) { return std::string(); }), html);
}

TEST(MediaUrlsTest, ReplacesSrcsetCandidatesOneByOne) {
  const std::string html =
      R"(<img srcset="https://a.example/1.jpg 1x,https://b.example/2.jpg 2x" src="z.jpg">)";
  const auto home = [](std::string_view url) -> std::string {
    return url == "https://a.example/1.jpg" ? "/media/one.jpg" : "";
  };
  EXPECT_EQ(ReplaceMediaUrls(html, home),
            R"(<img srcset="/media/one.jpg 1x, https://b.example/2.jpg 2x" src="z.jpg">)");
}

TEST(MediaUrlsTest, ReplacementsAreEscapedInTheAttribute) {
  const auto quote = [](std::string_view) -> std::string { return "/a\"b&c"; };
  EXPECT_EQ(ReplaceMediaUrls("<img src=x>", quote), "<img src=\"/a&quot;b&amp;c\">");
}

}  // namespace
}  // namespace samizdat::service
