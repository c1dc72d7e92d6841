// WordPressLocation: every WordPress address form a moved blog had, against a fake set of
// redirects and posts; what it looks up; the addresses it leaves alone; store errors.
#include "web/wordpress_urls.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace samizdat::web {
namespace {

// The redirects an import of a WordPress blog stores, and the posts they lead to.
class Blog {
 public:
  Blog() {
    lookups_.redirect = [this](std::string_view old_path) -> Result<std::optional<std::string>> {
      asked_.emplace_back(old_path);
      if (fail_) return Status::Unavailable("the database is away");
      auto it = redirects_.find(std::string(old_path));
      if (it == redirects_.end()) return std::optional<std::string>();
      return std::optional<std::string>(it->second);
    };
    lookups_.post_id_at = [this](std::string_view path) -> Result<std::optional<int64_t>> {
      auto it = posts_.find(std::string(path));
      if (it == posts_.end()) return std::optional<int64_t>();
      return std::optional<int64_t>(it->second);
    };
  }

  // "301 LOCATION", "404" or "0" for `target` ("/path?query").
  std::string Answer(std::string_view target) {
    const std::size_t q = target.find('?');
    auto answer = WordPressLocation(
        target.substr(0, q), q == std::string_view::npos ? "" : target.substr(q + 1), lookups_);
    if (!answer.ok()) return "error: " + answer.status().message();
    if (answer->status == 301) return "301 " + answer->location;
    return std::to_string(answer->status);
  }

  std::map<std::string, std::string> redirects_ = {
      {"/2020/01/05/hello/", "/2020/01/hello.html"},
      {"/?p=12", "/2020/01/hello.html"},
      {"/about/", "/p/about.html"},
      {"/?page_id=4", "/p/about.html"},
      {"/category/news/", "/search/label/News"},
      {"/category/parent/child/", "/search/label/Child%20Topic"},
      {"/?cat=5", "/search/label/News"},
      {"/tag/x/", "/search/label/x"},
      {"/?tag=x", "/search/label/x"},
      {"/author/login/", "/"},
      {"/?author=2", "/"},
      {"/2020/01/05/hello/photo/", "https://old.example.com/wp-content/uploads/photo.jpg"},
      {"/?attachment_id=9", "https://old.example.com/wp-content/uploads/photo.jpg"},
      {"/2019/12/old.html", "/2019/12/renamed.html"},  // a Blogger path that changed
  };
  std::map<std::string, int64_t> posts_ = {{"/2020/01/hello.html", 7001}, {"/p/about.html", 7002}};
  std::vector<std::string> asked_;
  bool fail_ = false;
  OldUrlLookups lookups_;
};

TEST(WordPressUrlsTest, PermalinksAnswerWithAndWithoutTheTrailingSlash) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/"), "301 /2020/01/hello.html");
  EXPECT_EQ(blog.Answer("/2020/01/05/hello"), "301 /2020/01/hello.html");
  EXPECT_EQ(blog.Answer("/about"), "301 /p/about.html");
  EXPECT_EQ(blog.Answer("/2019/12/old.html"), "301 /2019/12/renamed.html");
  // The query of a comment reply link or a campaign does not hide the post.
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/?replytocom=5"), "301 /2020/01/hello.html");
}

TEST(WordPressUrlsTest, CategoriesTagsAuthorsAndAttachments) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/category/news/"), "301 /search/label/News");
  EXPECT_EQ(blog.Answer("/category/news"), "301 /search/label/News");
  EXPECT_EQ(blog.Answer("/category/parent/child/"), "301 /search/label/Child%20Topic");
  EXPECT_EQ(blog.Answer("/tag/x/"), "301 /search/label/x");
  EXPECT_EQ(blog.Answer("/author/login/"), "301 /");
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/photo/"),
            "301 https://old.example.com/wp-content/uploads/photo.jpg");
}

TEST(WordPressUrlsTest, HomePageQueriesLeadToTheirRedirectOr404) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/?p=12"), "301 /2020/01/hello.html");
  EXPECT_EQ(blog.Answer("/?page_id=4"), "301 /p/about.html");
  EXPECT_EQ(blog.Answer("/?cat=5"), "301 /search/label/News");
  EXPECT_EQ(blog.Answer("/?tag=x"), "301 /search/label/x");
  EXPECT_EQ(blog.Answer("/?author=2"), "301 /");
  EXPECT_EQ(blog.Answer("/?attachment_id=9"),
            "301 https://old.example.com/wp-content/uploads/photo.jpg");
  EXPECT_EQ(blog.Answer("/?p=13"), "404");  // no such post: not the home page
  EXPECT_EQ(blog.Answer("/?page_id=99"), "404");
  EXPECT_EQ(blog.Answer("/?p="), "404");
  // Other parameters beside it change nothing; p wins over the keys after it.
  EXPECT_EQ(blog.Answer("/?utm_source=x&p=12"), "301 /2020/01/hello.html");
  EXPECT_EQ(blog.Answer("/?cat=5&p=12"), "301 /2020/01/hello.html");
}

TEST(WordPressUrlsTest, CommentPagesLeadToThePostsComments) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/comment-page-2/"), "301 /2020/01/hello.html#comments");
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/comment-page-1"), "301 /2020/01/hello.html#comments");
  EXPECT_EQ(blog.Answer("/?p=12&cpage=3"), "301 /2020/01/hello.html#comments");
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/trackback/"), "301 /2020/01/hello.html");
  EXPECT_EQ(blog.Answer("/2020/01/05/gone/comment-page-2/"), "404");
}

TEST(WordPressUrlsTest, APostsFeedIsItsCommentsFeed) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/feed/"), "301 /feeds/7001/comments/default?alt=rss");
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/feed"), "301 /feeds/7001/comments/default?alt=rss");
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/feed/atom/"), "301 /feeds/7001/comments/default");
  EXPECT_EQ(blog.Answer("/about/feed/"), "301 /feeds/7002/comments/default?alt=rss");
  EXPECT_EQ(blog.Answer("/?p=12&feed=rss2"), "301 /feeds/7001/comments/default?alt=rss");
  EXPECT_EQ(blog.Answer("/?p=12&feed=atom"), "301 /feeds/7001/comments/default");
  // An attachment's file has no feed; an unknown post has none either.
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/photo/feed/"), "404");
  EXPECT_EQ(blog.Answer("/2020/01/05/gone/feed/"), "404");
}

TEST(WordPressUrlsTest, LabelFeedsAndPagesLeadToTheLabel) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/category/news/feed/"), "301 /feeds/posts/default/-/News?alt=rss");
  EXPECT_EQ(blog.Answer("/category/news/feed/atom/"), "301 /feeds/posts/default/-/News");
  EXPECT_EQ(blog.Answer("/category/parent/child/feed/"),
            "301 /feeds/posts/default/-/Child%20Topic?alt=rss");
  EXPECT_EQ(blog.Answer("/tag/x/feed/"), "301 /feeds/posts/default/-/x?alt=rss");
  EXPECT_EQ(blog.Answer("/?cat=5&feed=rss2"), "301 /feeds/posts/default/-/News?alt=rss");
  EXPECT_EQ(blog.Answer("/category/news/page/2/"), "301 /search/label/News");
  EXPECT_EQ(blog.Answer("/tag/x/page/3"), "301 /search/label/x");
  EXPECT_EQ(blog.Answer("/?cat=5&paged=2"), "301 /search/label/News");
  // An author's feed: the blog's posts.
  EXPECT_EQ(blog.Answer("/author/login/feed/"), "301 /feeds/posts/default?alt=rss");
}

TEST(WordPressUrlsTest, TheBlogsFeedsAnswerWithoutAnyRedirect) {
  Blog blog;
  blog.redirects_.clear();
  const std::string rss = "301 /feeds/posts/default?alt=rss";
  for (const char* target :
       {"/feed/", "/feed", "/feed/rss2/", "/feed/rss/", "/feed/rdf/", "/wp-rss2.php", "/wp-rss.php",
        "/wp-rdf.php", "/?feed=rss2", "/?feed=rss", "/?feed=rdf", "/?feed="}) {
    EXPECT_EQ(blog.Answer(target), rss) << target;
  }
  EXPECT_EQ(blog.Answer("/feed/atom/"), "301 /feeds/posts/default");
  EXPECT_EQ(blog.Answer("/wp-atom.php"), "301 /feeds/posts/default");
  EXPECT_EQ(blog.Answer("/?feed=atom"), "301 /feeds/posts/default");
  EXPECT_EQ(blog.Answer("/comments/feed/"), "301 /feeds/comments/default?alt=rss");
  EXPECT_EQ(blog.Answer("/wp-commentsrss2.php"), "301 /feeds/comments/default?alt=rss");
  EXPECT_EQ(blog.Answer("/?feed=comments-rss2"), "301 /feeds/comments/default?alt=rss");
  EXPECT_EQ(blog.Answer("/comments/feed/atom/"), "301 /feeds/comments/default");
  EXPECT_EQ(blog.Answer("/?feed=comments-atom"), "301 /feeds/comments/default");
  EXPECT_EQ(blog.Answer("/?feed=podcast"), "404");
}

TEST(WordPressUrlsTest, DatesSearchAndHomePages) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/2020/01/05/"), "301 /2020/01/");
  EXPECT_EQ(blog.Answer("/2020/01/05"), "301 /2020/01/");
  EXPECT_EQ(blog.Answer("/2020/13/05/"), "0");
  EXPECT_EQ(blog.Answer("/?m=2020"), "301 /2020/");
  EXPECT_EQ(blog.Answer("/?m=202001"), "301 /2020/01/");
  EXPECT_EQ(blog.Answer("/?m=20200105"), "301 /2020/01/");
  EXPECT_EQ(blog.Answer("/?s=caf%C3%A9+au+lait"), "301 /search?q=caf%C3%A9%20au%20lait");
  EXPECT_EQ(blog.Answer("/page/2/"), "301 /");
}

TEST(WordPressUrlsTest, BloggersOwnQueriesAreNoWordPressAddress) {
  EXPECT_FALSE(IsWordPressQuery(""));
  EXPECT_FALSE(IsWordPressQuery("m=1"));  // Blogger's mobile view
  EXPECT_FALSE(IsWordPressQuery("m=0"));
  EXPECT_FALSE(IsWordPressQuery("updated-max=2020-01-01T00:00:00Z&max-results=7"));
  EXPECT_FALSE(IsWordPressQuery("paged=2"));
  EXPECT_TRUE(IsWordPressQuery("p=12"));
  EXPECT_TRUE(IsWordPressQuery("page_id=4"));
  EXPECT_TRUE(IsWordPressQuery("cat=5"));
  EXPECT_TRUE(IsWordPressQuery("tag=x"));
  EXPECT_TRUE(IsWordPressQuery("attachment_id=9"));
  EXPECT_TRUE(IsWordPressQuery("author=2"));
  EXPECT_TRUE(IsWordPressQuery("feed=rss2"));
  EXPECT_TRUE(IsWordPressQuery("s=x"));
  EXPECT_TRUE(IsWordPressQuery("m=202001"));

  Blog blog;
  EXPECT_EQ(blog.Answer("/"), "0");
  EXPECT_EQ(blog.Answer("/?m=1"), "0");
}

TEST(WordPressUrlsTest, UnknownAddressesAreLeftToTheirOwnPage) {
  Blog blog;
  EXPECT_EQ(blog.Answer("/nothing/here/"), "0");
  EXPECT_EQ(blog.Answer("/a//b/feed/"), "0");
  EXPECT_EQ(blog.Answer("/category/unknown/"), "0");
  EXPECT_EQ(blog.Answer("/category/unknown/feed/"), "404");
}

TEST(WordPressUrlsTest, TheAddressAsSentWinsOverItsForm) {
  Blog blog;
  // A post whose old slug is "feed" is that post, not a feed.
  blog.redirects_["/2020/01/05/feed/"] = "/2020/01/feed.html";
  EXPECT_EQ(blog.Answer("/2020/01/05/feed/"), "301 /2020/01/feed.html");
  blog.asked_.clear();
  EXPECT_EQ(blog.Answer("/category/news/feed/"), "301 /feeds/posts/default/-/News?alt=rss");
  EXPECT_EQ(blog.asked_, (std::vector<std::string>{"/category/news/feed/", "/category/news/feed",
                                                   "/category/news/"}));
}

TEST(WordPressUrlsTest, AStoreErrorIsPassedOn) {
  Blog blog;
  blog.fail_ = true;
  EXPECT_EQ(blog.Answer("/?p=12"), "error: the database is away");
  EXPECT_EQ(blog.Answer("/2020/01/05/hello/"), "error: the database is away");
}

}  // namespace
}  // namespace samizdat::web
