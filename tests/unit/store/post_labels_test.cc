// Store contract (every backend): label names of any spelling — commas, quotes,
// backslashes, braces, whitespace, non-ASCII text, the word NULL — come back unchanged
// and in the author's order from every read that returns posts (GetPost, GetPostByPath,
// ListPosts, Search), and a post without labels reads with none.
#include <string>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

using Strings = std::vector<std::string>;

class PostLabelsTest : public StoreTest {};

const Strings kOddLabels = {
    "a,b",         "say \"hi\"",     "back\\slash", "{x}",  "}",    "{",
    "two words",   " lead",          "tab\there",   "NULL", "null", "Überschrift",
    "東京 タワー", "a,\"b\",{c}\\d", "plain"};

TEST_P(PostLabelsTest, OddNamesSurviveEveryRead) {
  Blog blog = NewBlog("a.example");
  Post odd = NewPost(blog.id, "odd", 2000, kOddLabels);
  Post bare = NewPost(blog.id, "bare", 1000);
  EXPECT_EQ(odd.labels, kOddLabels);

  EXPECT_EQ(Must(store_->GetPost(blog.id, odd.id)).labels, kOddLabels);
  EXPECT_EQ(Must(store_->GetPostByPath(blog.id, odd.path)).labels, kOddLabels);
  EXPECT_TRUE(Must(store_->GetPost(blog.id, bare.id)).labels.empty());
  EXPECT_TRUE(Must(store_->GetPostByPath(blog.id, bare.path)).labels.empty());

  PostQuery q;
  q.blog_id = blog.id;
  std::vector<Post> posts = Must(store_->ListPosts(q));
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[0].id, odd.id);
  EXPECT_EQ(posts[0].labels, kOddLabels);
  EXPECT_TRUE(posts[1].labels.empty());

  q.labels = {"a,\"b\",{c}\\d"};  // filtering by such a name finds its post
  posts = Must(store_->ListPosts(q));
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].labels, kOddLabels);

  std::vector<SearchHit> hits = Must(store_->Search(blog.id, "body", 10, 0));
  ASSERT_EQ(hits.size(), 2u);
  for (const SearchHit& hit : hits) {
    EXPECT_EQ(hit.post.labels, hit.post.id == odd.id ? kOddLabels : Strings{}) << hit.post.path;
    EXPECT_NE(hit.snippet_html.find("<mark>"), std::string::npos) << hit.snippet_html;
  }
}

}  // namespace

SAMIZDAT_ON_EVERY_STORE(PostLabelsTest);

}  // namespace samizdat::store
