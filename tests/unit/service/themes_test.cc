// ThemeService: a theme that compiles is stored and compiled once per version; one that
// does not is refused with FILE:LINE:COLUMN and changes nothing; reset brings the
// default theme back; a change made through another service (another process) is seen
// once the blog's generation moves.
#include "service/themes.h"

#include "test_store.h"

namespace samizdat::service {
namespace {

constexpr std::string_view kTheme =
    "<?xml version='1.0' encoding='UTF-8' ?>\n"
    "<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' "
    "xmlns:data='http://www.google.com/2005/gml/data'>\n"
    "<body><h1><data:blog.title/></h1></body></html>\n";
constexpr std::string_view kBroken =
    "<?xml version='1.0' encoding='UTF-8' ?>\n"
    "<html xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'>\n"
    "<body><b:nonsense/></body></html>\n";

class ThemeServiceTest : public StoreTest {
 protected:
  Blog Fresh(const Blog& blog) {
    auto read = store_->GetBlog(blog.id);
    EXPECT_TRUE(read.ok());
    return read.ok() ? *read : blog;
  }
};

TEST_F(ThemeServiceTest, SetGetCompiledReset) {
  Blog blog = CreateBlog("a.test", "A");
  ThemeService themes(*store_);
  EXPECT_TRUE(themes.Get(blog).status().IsNotFound());
  auto none = themes.Compiled(blog);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);

  ASSERT_TRUE(themes.Set(blog, kTheme, "mine.xml").ok());
  EXPECT_EQ(*themes.Get(blog), kTheme);
  blog = Fresh(blog);
  auto first = themes.Compiled(blog);
  ASSERT_TRUE(first.ok());
  ASSERT_NE(*first, nullptr);
  EXPECT_EQ(*themes.Compiled(blog), *first);  // compiled once, shared

  // Another process's service (its own cache) sees the same theme.
  ThemeService other(*store_);
  auto seen = other.Compiled(blog);
  ASSERT_TRUE(seen.ok());
  EXPECT_NE(*seen, nullptr);

  ASSERT_TRUE(themes.Reset(blog).ok());
  ASSERT_TRUE(themes.Reset(blog).ok());  // already the default: no error
  EXPECT_TRUE(themes.Get(blog).status().IsNotFound());
  blog = Fresh(blog);
  EXPECT_EQ(*other.Compiled(blog), nullptr);  // the generation moved: read again
}

TEST_F(ThemeServiceTest, ABrokenThemeIsRefusedWithItsPositionAndChangesNothing) {
  Blog blog = CreateBlog("a.test", "A");
  ThemeService themes(*store_);
  ASSERT_TRUE(themes.Set(blog, kTheme, "mine.xml").ok());
  const int64_t generation = Fresh(blog).generation;
  Status refused = themes.Set(blog, kBroken, "broken.xml");
  EXPECT_TRUE(refused.IsInvalidArgument());
  EXPECT_TRUE(refused.message().starts_with("broken.xml:3:")) << refused.message();
  EXPECT_EQ(*themes.Get(blog), kTheme);
  EXPECT_EQ(Fresh(blog).generation, generation);
}

}  // namespace
}  // namespace samizdat::service
