// ThumbnailUrl: Blogger's media:thumbnail is the post's first image, at s72-c when Blogger
// hosts it.
#include "feeds/thumbnail.h"

#include <gtest/gtest.h>

namespace samizdat::feeds {
namespace {

constexpr std::string_view kPostUrl = "https://host.example/2024/05/post.html";

TEST(ThumbnailUrlTest, TheFirstImageResolvedAgainstThePost) {
  EXPECT_EQ(ThumbnailUrl("<p><a href=\"a.html\">a</a><img src=\"pics/one.jpg\" alt=\"\">"
                         "<img src=\"/two.jpg\"></p>",
                         kPostUrl),
            "https://host.example/2024/05/pics/one.jpg");
  EXPECT_EQ(ThumbnailUrl("<img src=\"https://cdn.example/i.png?s=1600\">", kPostUrl),
            "https://cdn.example/i.png?s=1600");
}

TEST(ThumbnailUrlTest, NoImageNoThumbnail) {
  EXPECT_EQ(ThumbnailUrl("<p>Text only <a href=\"x.jpg\">a link to an image</a></p>", kPostUrl),
            std::nullopt);
  EXPECT_EQ(ThumbnailUrl("<p>&lt;img src=\"x.jpg\"&gt;</p>", kPostUrl), std::nullopt);
  EXPECT_EQ(ThumbnailUrl("", kPostUrl), std::nullopt);
}

TEST(ThumbnailUrlTest, BloggerImagesAskForBloggersThumbnailSize) {
  const struct {
    std::string_view src, thumbnail;
  } cases[] = {
      {"https://1.bp.blogspot.com/-abc/XYZ/AAAA/def/s1600/cat.jpg",
       "https://1.bp.blogspot.com/-abc/XYZ/AAAA/def/s72-c/cat.jpg"},
      {"http://4.bp.blogspot.com/-abc/XYZ/AAAA/def/s640/cat.jpg",
       "http://4.bp.blogspot.com/-abc/XYZ/AAAA/def/s72-c/cat.jpg"},
      {"https://blogger.googleusercontent.com/img/b/R29v/AVvX/w640-h480/cat.png",
       "https://blogger.googleusercontent.com/img/b/R29v/AVvX/s72-c/cat.png"},
      {"https://blogger.googleusercontent.com/img/b/R29v/AVvX/s1600-h/cat.png",
       "https://blogger.googleusercontent.com/img/b/R29v/AVvX/s72-c/cat.png"},
      {"https://blogger.googleusercontent.com/img/a/AVvXsEhQ=w400-h225",
       "https://blogger.googleusercontent.com/img/a/AVvXsEhQ=s72-c"},
      // A Blogger image with no size in its URL is left as it is.
      {"https://blogger.googleusercontent.com/img/a/AVvXsEhQ",
       "https://blogger.googleusercontent.com/img/a/AVvXsEhQ"},
      // Not Blogger's: the size-like segment is the site's own path.
      {"https://example.org/s1600/cat.jpg", "https://example.org/s1600/cat.jpg"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ThumbnailUrl("<img src=\"" + std::string(c.src) + "\">", kPostUrl), c.thumbnail)
        << c.src;
  }
}

}  // namespace
}  // namespace samizdat::feeds
