// WxrOldAddresses on its own: which old paths a blog's terms, authors and attachments
// give, under the blog's base path, each once, and none for samizdat's own files.
#include "transfer/wxr_addresses.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "transfer/recording_sink.h"

namespace samizdat::transfer {
namespace {

using testing::RecordingSink;

const SourceLocation kHere{"blog.xml", 3, 1};

WxrTerm Category(std::string id, std::string slug, std::string parent, std::string name) {
  return {kHere,           WxrTerm::kCategory, std::move(id),
          std::move(slug), std::move(parent),  std::move(name)};
}

// old path -> where it leads, in the order handed over.
std::vector<std::pair<std::string, std::string>> Handed(const RecordingSink& sink) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const SourceRedirect& r : sink.redirects) out.emplace_back(r.old_path, r.to);
  return out;
}

TEST(WxrOldAddressesTest, ChannelTermsWaitForTheBlogThenGiveTheCategoryChain) {
  RecordingSink sink;
  WxrOldAddresses addresses(sink);
  ASSERT_TRUE(addresses.AddChannelTerm(Category("3", "news", "", "News")).ok());
  ASSERT_TRUE(addresses.AddChannelTerm(Category("5", "local", "news", "Local & near")).ok());
  ASSERT_TRUE(addresses.AddAuthor(kHere, "7", "Alice").ok());
  EXPECT_TRUE(sink.redirects.empty());  // the base path is not known yet

  ASSERT_TRUE(addresses.SetBlog("https://Example.com/blog/", false).ok());
  EXPECT_EQ(addresses.host(), "example.com");
  EXPECT_EQ(addresses.base_path(), "/blog");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/blog/category/news/", "/search/label/News"},
      {"/blog/?cat=3", "/search/label/News"},
      {"/blog/category/local/", "/search/label/Local%20%26%20near"},
      {"/blog/category/news/local/", "/search/label/Local%20%26%20near"},
      {"/blog/?cat=5", "/search/label/Local%20%26%20near"},
      {"/blog/author/Alice/", "/"},
      {"/blog/author/alice/", "/"},
      {"/blog/?author=7", "/"},
  };
  EXPECT_EQ(Handed(sink), expected);
}

TEST(WxrOldAddressesTest, EachOldPathIsHandedOverOnce) {
  RecordingSink sink;
  WxrOldAddresses addresses(sink);
  ASSERT_TRUE(addresses.SetBlog("http://example.com", false).ok());
  ASSERT_TRUE(addresses.AddChannelTerm(Category("3", "news", "", "News")).ok());
  // An item names the same category (no id, no parent there) and a tag, twice.
  ASSERT_TRUE(addresses.AddItemTerm(Category("", "news", "", "News")).ok());
  const WxrTerm tag{kHere, WxrTerm::kTag, "", "fruit", "", "Fruit"};
  ASSERT_TRUE(addresses.AddItemTerm(tag).ok());
  ASSERT_TRUE(addresses.AddItemTerm(tag).ok());
  ASSERT_TRUE(addresses.AddAuthor(kHere, "", "bob").ok());  // its lower-case form is the same
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/category/news/", "/search/label/News"},
      {"/?cat=3", "/search/label/News"},
      {"/tag/fruit/", "/search/label/Fruit"},
      {"/?tag=fruit", "/search/label/Fruit"},
      {"/author/bob/", "/"},
  };
  EXPECT_EQ(Handed(sink), expected);
}

TEST(WxrOldAddressesTest, AnAttachmentsPageOnTheBlogsHostLeadsToItsFile) {
  RecordingSink sink;
  WxrOldAddresses addresses(sink);
  ASSERT_TRUE(addresses.SetBlog("https://example.com/blog/", false).ok());
  const std::string file = "https://example.com/blog/wp-content/uploads/cat.jpg";
  ASSERT_TRUE(
      addresses.AddAttachment(kHere, "12", "https://example.com/blog/2024/05/post/cat/", file)
          .ok());
  // On another host: only /?attachment_id=; no file or no numeric id: nothing.
  ASSERT_TRUE(addresses.AddAttachment(kHere, "13", "https://other.org/dog/", file).ok());
  ASSERT_TRUE(addresses.AddAttachment(kHere, "14", "https://example.com/blog/x/", "").ok());
  ASSERT_TRUE(addresses.AddAttachment(kHere, "x", "https://example.com/blog/y/", file).ok());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/blog/2024/05/post/cat/", file},
      {"/blog/?attachment_id=12", file},
      {"/blog/?attachment_id=13", file},
  };
  EXPECT_EQ(Handed(sink), expected);
}

TEST(WxrOldAddressesTest, SamizdatsOwnFileGivesNone) {
  RecordingSink sink;
  WxrOldAddresses addresses(sink);
  ASSERT_TRUE(addresses.AddChannelTerm(Category("3", "news", "", "News")).ok());
  ASSERT_TRUE(addresses.SetBlog("https://example.com/", true).ok());
  ASSERT_TRUE(addresses.AddAuthor(kHere, "", "alice").ok());
  ASSERT_TRUE(
      addresses.AddAttachment(kHere, "12", "https://example.com/cat/", "https://x/cat.jpg").ok());
  EXPECT_TRUE(sink.redirects.empty());
}

}  // namespace
}  // namespace samizdat::transfer
