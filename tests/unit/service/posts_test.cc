// PostService: bodies rendered and sanitized once, Blogger's permalinks, drafts and
// scheduled posts.
#include "service/posts.h"

#include "service/blogs.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

class PostServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    blog_ = CreateBlog("a.test", "A", "Asia/Tokyo");
    ASSERT_NE(blog_.id, 0);
  }

  NewPost Titled(std::string title, std::string when_utc) {
    NewPost post;
    post.title = std::move(title);
    post.source = "<p>body</p>";
    post.published = *ParseRfc3339(when_utc);
    return post;
  }

  Blog blog_;
};

TEST(ParseLabelsTest, TrimsAndDropsEmptiesAndDuplicates) {
  EXPECT_EQ(ParseLabels(" a, b ,, a,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(ParseLabels("").empty());
}

TEST_F(PostServiceTest, PathUsesTheMonthInTheBlogsZone) {
  // 2022-01-31T20:00Z is already February 1st in Tokyo.
  auto post = PostService(*store_).Add(blog_, Titled("Month end", "2022-01-31T20:00:00Z"));
  ASSERT_TRUE(post.ok()) << post.status().ToString();
  EXPECT_EQ(post->path, "/2022/02/month-end.html");
}

TEST_F(PostServiceTest, AClashInTheSameMonthGetsTheDayOfMonth) {
  PostService posts(*store_);
  auto first = posts.Add(blog_, Titled("Same title", "2022-01-05T03:00:00Z"));
  auto second = posts.Add(blog_, Titled("Same title", "2022-01-20T03:00:00Z"));
  auto third = posts.Add(blog_, Titled("Same title", "2022-01-20T04:00:00Z"));
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  EXPECT_EQ(first->path, "/2022/01/same-title.html");
  EXPECT_EQ(second->path, "/2022/01/same-title_20.html");
  EXPECT_EQ(third->path, "/2022/01/same-title_20-2.html");
}

TEST_F(PostServiceTest, MarkdownIsRenderedAndEverythingSanitizedAtSave) {
  NewPost post = Titled("Md", "2022-01-05T03:00:00Z");
  post.format = BodyFormat::kMarkdown;
  post.source = "Hello *there*\n\n<script>alert(1)</script><a href=\"javascript:x\">l</a>";
  auto saved = PostService(*store_).Add(blog_, post);
  ASSERT_TRUE(saved.ok());
  EXPECT_NE(saved->body_html.find("<em>there</em>"), std::string::npos);
  EXPECT_EQ(saved->body_html.find("<script"), std::string::npos);
  EXPECT_EQ(saved->body_html.find("javascript:"), std::string::npos);
  EXPECT_EQ(saved->source, post.source) << "the author's text is kept as written";
  EXPECT_NE(saved->body_text.find("Hello there"), std::string::npos);
}

TEST_F(PostServiceTest, DraftsHaveNoPathAndFutureDatesAreScheduled) {
  PostService posts(*store_);
  NewPost draft = Titled("Draft", "2022-01-05T03:00:00Z");
  draft.draft = true;
  auto saved_draft = posts.Add(blog_, draft);
  ASSERT_TRUE(saved_draft.ok());
  EXPECT_EQ(saved_draft->status, PostStatus::kDraft);
  EXPECT_TRUE(saved_draft->path.empty());

  NewPost later = Titled("Later", "2099-01-05T03:00:00Z");
  auto scheduled = posts.Add(blog_, later);
  ASSERT_TRUE(scheduled.ok());
  EXPECT_EQ(scheduled->status, PostStatus::kScheduled);
  EXPECT_EQ(*posts.PublishDue(blog_, *ParseRfc3339("2098-12-31T00:00:00Z")), 0);
  EXPECT_EQ(*posts.PublishDue(blog_, *ParseRfc3339("2099-01-06T00:00:00Z")), 1);
  EXPECT_EQ(store_->GetPost(blog_.id, scheduled->id)->status, PostStatus::kPublished);
}

TEST_F(PostServiceTest, PagesLiveUnderP) {
  NewPost page = Titled("About me", "2022-01-05T03:00:00Z");
  page.kind = PostKind::kPage;
  auto saved = PostService(*store_).Add(blog_, page);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->path, "/p/about-me.html");
}

TEST_F(PostServiceTest, RefusesEmptyTitlesAndInvalidUtf8) {
  PostService posts(*store_);
  EXPECT_TRUE(posts.Add(blog_, Titled("  ", "2022-01-05T03:00:00Z")).status().IsInvalidArgument());
  NewPost bad = Titled("Bad", "2022-01-05T03:00:00Z");
  bad.source = "caf\xC3";
  EXPECT_TRUE(posts.Add(blog_, bad).status().IsInvalidArgument());
  store::PostQuery all;
  all.blog_id = blog_.id;
  all.status = std::nullopt;
  EXPECT_EQ(*store_->CountPosts(all), 0);
}

TEST_F(PostServiceTest, ControlCharactersAreRemovedFromEveryField) {
  NewPost post = Titled("Tide\x01\x02\x03 table\x7F", "2022-01-05T03:00:00Z");
  post.source = "<p>low\x0B water\xC2\x85</p>";
  post.labels = {"sea\x1F, \x02"};
  post.author = "Ann\x03";
  auto saved = PostService(*store_).Add(blog_, post);
  ASSERT_TRUE(saved.ok()) << saved.status().message();
  EXPECT_EQ(saved->title, "Tide table");
  EXPECT_EQ(saved->source, "<p>low water</p>");
  EXPECT_EQ(saved->body_html, "<p>low water</p>");
  EXPECT_EQ(saved->labels, std::vector<std::string>{"sea"});
  EXPECT_EQ(saved->author, "Ann");
  // A title of nothing but control characters is no title.
  EXPECT_TRUE(PostService(*store_)
                  .Add(blog_, Titled("\x01\x02", "2022-01-06T03:00:00Z"))
                  .status()
                  .IsInvalidArgument());
}

TEST_F(PostServiceTest, RemoveTakesAnIdOrAPath) {
  PostService posts(*store_);
  auto one = posts.Add(blog_, Titled("One", "2022-01-05T03:00:00Z"));
  auto two = posts.Add(blog_, Titled("Two", "2022-01-06T03:00:00Z"));
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_TRUE(posts.Remove(blog_, std::to_string(one->id)).ok());
  EXPECT_TRUE(posts.Remove(blog_, two->path).ok());
  EXPECT_TRUE(posts.Remove(blog_, two->path).status().IsNotFound());
  EXPECT_TRUE(posts.Remove(blog_, "nonsense").status().IsNotFound());
}

}  // namespace
}  // namespace samizdat::service
