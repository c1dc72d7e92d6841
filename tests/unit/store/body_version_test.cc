// Store contract (every backend): the body renderer's version and RewriteBodies, which
// service::RefreshBodies uses to make stored bodies anew after a renderer change.
#include <string>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

class BodyVersionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    blog_ = NewBlog("a.example");
  }

  Post Add(const std::string& slug, const std::string& text) {
    Post post;
    post.blog_id = blog_.id;
    post.status = PostStatus::kPublished;
    post.title = slug;
    post.path = "/2022/01/" + slug + ".html";
    post.source = "<p>" + text + "</p>";
    post.body_html = "<p>" + text + "</p>";
    post.body_text = text;
    post.labels = {"kept"};
    post.published = At(1000);
    return Must(store_->CreatePost(post));
  }

  Blog blog_;
};

TEST_P(BodyVersionTest, ANewStoreSaysZeroAndKeepsWhatIsSet) {
  EXPECT_EQ(Must(store_->GetBodyVersion()), 0);
  ASSERT_TRUE(store_->SetBodyVersion(7).ok());
  EXPECT_EQ(Must(store_->GetBodyVersion()), 7);
}

TEST_P(BodyVersionTest, RewriteBodiesChangesOnlyTheBodiesAndTheSearchIndexFollows) {
  const Post first = Add("first", "alpha words");
  const Post second = Add("second", "beta words");
  const Blog other = NewBlog("b.example");
  const int64_t generation = Must(store_->GetBlog(blog_.id)).generation;

  ASSERT_TRUE(store_
                  ->RewriteBodies(blog_.id, {{first.id, "<p>gamma <b>words</b></p>", "gamma words"},
                                             {424242, "<p>gone</p>", "gone"}})
                  .ok());
  const Post after = Must(store_->GetPost(blog_.id, first.id));
  EXPECT_EQ(after.body_html, "<p>gamma <b>words</b></p>");
  EXPECT_EQ(after.body_text, "gamma words");
  EXPECT_EQ(after.source, first.source);
  EXPECT_EQ(after.title, first.title);
  EXPECT_EQ(after.updated, first.updated);
  EXPECT_EQ(after.labels, first.labels);
  EXPECT_EQ(Must(store_->GetPost(blog_.id, second.id)).body_html, second.body_html);
  EXPECT_GT(Must(store_->GetBlog(blog_.id)).generation, generation);  // cached pages go
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "gamma")), 1);
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "alpha")), 0);

  // A post of another blog is not rewritten through this one.
  ASSERT_TRUE(store_->RewriteBodies(other.id, {{second.id, "<p>x</p>", "x"}}).ok());
  EXPECT_EQ(Must(store_->GetPost(blog_.id, second.id)).body_html, second.body_html);
}

SAMIZDAT_ON_EVERY_STORE(BodyVersionTest);

}  // namespace
}  // namespace samizdat::store
