// Tests for RefreshBodies: after a renderer change, every stored body is made anew from
// its source once, and nothing else about the post changes.
#include "service/body_refresh.h"

#include <gtest/gtest.h>

#include "service/posts.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

class BodyRefreshTest : public StoreTest {
 protected:
  // A published post stored as an older renderer left it: `stale_html` for `source`.
  Post AddPost(const Blog& blog, int64_t id, const std::string& source, BodyFormat format,
               const std::string& stale_html) {
    Post post;
    post.id = id;
    post.blog_id = blog.id;
    post.status = PostStatus::kPublished;
    post.title = "Post " + std::to_string(id);
    post.path = "/2024/01/post-" + std::to_string(id) + ".html";
    post.source = source;
    post.format = format;
    post.body_html = stale_html;
    post.body_text = "stale";
    post.author = "Ann";
    post.published = FromEpochMillis(1700000000000 + id);
    post.updated = post.published;
    post.labels = {"kept"};
    auto created = store_->CreatePost(post);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Post{};
  }
};

TEST_F(BodyRefreshTest, MakesStaleBodiesAnewOnceAndKeepsTheRestOfThePost) {
  const Blog blog = CreateBlog("refresh.example", "Refresh");
  const Post stale = AddPost(blog, 11, "<p>fresh words</p>", BodyFormat::kHtml, "<p>old</p>");
  const Post markdown = AddPost(blog, 12, "*marked* up", BodyFormat::kMarkdown, "*marked* up");
  const std::string current_html = PostService::RenderBody(BodyFormat::kHtml, "<p>same</p>");
  AddPost(blog, 13, "<p>same</p>", BodyFormat::kHtml, current_html);
  ASSERT_TRUE(store_->SetBodyVersion(kBodyRenderVersion - 1).ok());
  const int64_t generation = store_->GetBlog(blog.id)->generation;

  int batches = 0;
  Result<int> changed = RefreshBodies(*store_, [&](int) { ++batches; });
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(*changed, 2);  // the third body was already what the renderer makes
  EXPECT_GE(batches, 1);
  EXPECT_EQ(*store_->GetBodyVersion(), kBodyRenderVersion);
  EXPECT_GT(store_->GetBlog(blog.id)->generation, generation);  // cached pages go

  const Post after = *store_->GetPost(blog.id, stale.id);
  EXPECT_EQ(after.body_html, "<p>fresh words</p>");
  EXPECT_EQ(after.body_text, "fresh words");
  EXPECT_EQ(after.title, stale.title);
  EXPECT_EQ(after.path, stale.path);
  EXPECT_EQ(after.updated, stale.updated);  // not an edit: readers see no new date
  EXPECT_EQ(after.labels, stale.labels);
  EXPECT_EQ(store_->GetPost(blog.id, markdown.id)->body_html, "<p><em>marked</em> up</p>\n");
  auto hits = store_->Search(blog.id, "fresh", 10, 0);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);  // the search index follows the new text

  // Up to date now: nothing is looked at again.
  ASSERT_TRUE(store_->RewriteBodies(blog.id, {{stale.id, "<p>edited by hand</p>", "x"}}).ok());
  changed = RefreshBodies(*store_);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 0);
  EXPECT_EQ(store_->GetPost(blog.id, stale.id)->body_html, "<p>edited by hand</p>");
}

TEST_F(BodyRefreshTest, AFreshStoreIsRefreshedOnceFromVersionZero) {
  EXPECT_EQ(*store_->GetBodyVersion(), 0);
  const Blog blog = CreateBlog("fresh.example", "Fresh");
  for (int i = 1; i <= 450; ++i) AddPost(blog, i, "<p>n</p>", BodyFormat::kHtml, "<p>o</p>");
  int last_count = 0;
  Result<int> changed = RefreshBodies(*store_, [&](int looked) { last_count = looked; });
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 450);  // three batches, every post
  EXPECT_EQ(last_count, 450);
  EXPECT_EQ(store_->GetPost(blog.id, 450)->body_html, "<p>n</p>");
}

}  // namespace
}  // namespace samizdat::service
