// Store contract (every backend): the widgets' live data — page views and the most viewed
// posts, a BlogList widget's items, contact messages.
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class WidgetDataTest : public StoreTest {};

std::vector<std::string> Titles(const std::vector<PostViews>& top) {
  std::vector<std::string> titles;
  for (const PostViews& p : top) titles.push_back(p.post.title + "=" + std::to_string(p.views));
  return titles;
}

TEST_P(WidgetDataTest, PageViewsAddUpPerDayAndRankThePublishedPosts) {
  const Blog blog = NewBlog("a.test");
  const Blog other = NewBlog("b.test");
  NewPost(blog.id, "a", 1'000, {"x"});
  NewPost(blog.id, "b", 2'000);
  NewPost(blog.id, "c", 3'000);
  NewPost(blog.id, "draft", 4'000, {}, PostStatus::kDraft);
  NewPost(blog.id, "page", 5'000, {}, PostStatus::kPublished, PostKind::kPage);
  NewPost(other.id, "a", 1'000);
  // Day 10: a 2, b 5; day 20: a 4 more. A draft, a page, an unknown path and another
  // blog's post are not counted.
  ASSERT_TRUE(
      store_->AddPageViews(blog.id, 10, {{"/2022/01/a.html", 2}, {"/2022/01/b.html", 5}}).ok());
  ASSERT_TRUE(store_
                  ->AddPageViews(blog.id, 20,
                                 {{"/2022/01/a.html", 1},
                                  {"/2022/01/draft.html", 9},
                                  {"/p/page.html", 9},
                                  {"/nothing.html", 9},
                                  {"\xff", 9}})
                  .ok());
  ASSERT_TRUE(store_->AddPageViews(blog.id, 20, {{"/2022/01/a.html", 3}}).ok());
  ASSERT_TRUE(store_->AddPageViews(other.id, 20, {{"/2022/01/a.html", 50}}).ok());

  EXPECT_EQ(Titles(Must(store_->TopPosts(blog.id, 0, 10))),
            (std::vector<std::string>{"Title a=6", "Title b=5"}));
  EXPECT_EQ(Titles(Must(store_->TopPosts(blog.id, 15, 10))),
            (std::vector<std::string>{"Title a=4"}));
  EXPECT_EQ(Titles(Must(store_->TopPosts(blog.id, 0, 1))), (std::vector<std::string>{"Title a=6"}));
  // The posts come whole, labels and body with them.
  const std::vector<PostViews> top = Must(store_->TopPosts(blog.id, 0, 1));
  EXPECT_EQ(top[0].post.labels, (std::vector<std::string>{"x"}));
  EXPECT_EQ(top[0].post.body_html, "<p>Body of a</p>");
  EXPECT_EQ(top[0].post.path, "/2022/01/a.html");
  // Views do not move the generation: cached pages stay.
  const int64_t generation = Generation(blog.id);
  ASSERT_TRUE(store_->AddPageViews(blog.id, 21, {{"/2022/01/c.html", 1}}).ok());
  EXPECT_EQ(Generation(blog.id), generation);
}

TEST_P(WidgetDataTest, ViewsOfADeletedOrUnpublishedPostAreNotListed) {
  const Blog blog = NewBlog("a.test");
  Post a = NewPost(blog.id, "a", 1'000);
  const Post b = NewPost(blog.id, "b", 2'000);
  ASSERT_TRUE(store_->AddPageViews(blog.id, 1, {{a.path, 3}, {b.path, 2}}).ok());
  a.status = PostStatus::kDraft;
  ASSERT_TRUE(store_->UpdatePost(a).ok());
  EXPECT_EQ(Titles(Must(store_->TopPosts(blog.id, 0, 10))),
            (std::vector<std::string>{"Title b=2"}));
  ASSERT_TRUE(store_->DeletePost(blog.id, b.id).ok());
  EXPECT_TRUE(Must(store_->TopPosts(blog.id, 0, 10)).empty());
}

TEST_P(WidgetDataTest, ABlogListIsReplacedWholeAndBumpsTheGeneration) {
  const Blog blog = NewBlog("a.test");
  BlogListEntry one{"http://one.test/feed",
                    "One",
                    "http://one.test/",
                    "Newest",
                    "http://one.test/1",
                    "Snippet",
                    "http://one.test/t.jpg",
                    At(5'000),
                    At(6'000)};
  BlogListEntry two = one;
  two.feed_url = "http://two.test/feed";
  two.blog_title = "Two";
  const int64_t before = Generation(blog.id);
  ASSERT_TRUE(store_->ReplaceBlogList(blog.id, "BlogList1", {two, one, two}).ok());
  EXPECT_GT(Generation(blog.id), before);
  std::vector<BlogListEntry> listed = Must(store_->ListBlogList(blog.id, "BlogList1"));
  ASSERT_EQ(listed.size(), 2u);  // the repeated feed once, at its first place
  EXPECT_EQ(listed[0].blog_title, "Two");
  EXPECT_EQ(listed[1].blog_title, "One");
  EXPECT_EQ(listed[1].item_url, "http://one.test/1");
  EXPECT_EQ(listed[1].thumbnail_url, "http://one.test/t.jpg");
  EXPECT_EQ(listed[1].updated, At(5'000));
  EXPECT_EQ(listed[1].fetched, At(6'000));
  EXPECT_TRUE(Must(store_->ListBlogList(blog.id, "BlogList2")).empty());

  ASSERT_TRUE(store_->ReplaceBlogList(blog.id, "BlogList1", {one}).ok());
  listed = Must(store_->ListBlogList(blog.id, "BlogList1"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].blog_title, "One");

  // Refused whole: nothing changes.
  BlogListEntry bad = two;
  bad.item_title = "\xff";
  EXPECT_TRUE(store_->ReplaceBlogList(blog.id, "BlogList1", {two, bad}).IsInvalidArgument());
  EXPECT_EQ(Must(store_->ListBlogList(blog.id, "BlogList1")).size(), 1u);
  EXPECT_TRUE(store_->ReplaceBlogList(blog.id + 1, "BlogList1", {one}).IsNotFound());
}

TEST_P(WidgetDataTest, ContactMessagesAreListedNewestFirstCountedAndDeleted) {
  const Blog blog = NewBlog("a.test");
  const Blog other = NewBlog("b.test");
  ContactMessage m{0, blog.id, "Ann", "ann@example.com", "Hello", "192.0.2.1", At(1'000)};
  const ContactMessage first = Must(store_->AddContactMessage(m));
  EXPECT_GT(first.id, 0);
  m.name = "Bob";
  m.sent = At(2'000);
  const ContactMessage second = Must(store_->AddContactMessage(m));
  m.remote_address = "192.0.2.2";
  m.sent = At(3'000);
  Must(store_->AddContactMessage(m));
  m.blog_id = other.id;
  Must(store_->AddContactMessage(m));
  m.blog_id = other.id + 100;
  EXPECT_TRUE(store_->AddContactMessage(m).status().IsNotFound());

  std::vector<ContactMessage> listed = Must(store_->ListContactMessages(blog.id, 10, 0));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].remote_address, "192.0.2.2");
  EXPECT_EQ(listed[1].id, second.id);
  EXPECT_EQ(listed[2].name, "Ann");
  EXPECT_EQ(listed[2].email, "ann@example.com");
  EXPECT_EQ(listed[2].body, "Hello");
  EXPECT_EQ(listed[2].sent, At(1'000));
  EXPECT_EQ(Must(store_->ListContactMessages(blog.id, 1, 1))[0].id, second.id);

  EXPECT_EQ(Must(store_->CountContactMessages(blog.id, "192.0.2.1", At(0))), 2);
  EXPECT_EQ(Must(store_->CountContactMessages(blog.id, "192.0.2.1", At(1'500))), 1);
  EXPECT_EQ(Must(store_->CountContactMessages(blog.id, "", At(0))), 3);

  ASSERT_TRUE(store_->DeleteContactMessage(blog.id, first.id).ok());
  EXPECT_TRUE(store_->DeleteContactMessage(blog.id, first.id).IsNotFound());
  EXPECT_TRUE(store_->DeleteContactMessage(other.id, second.id).IsNotFound());
  EXPECT_EQ(Must(store_->ListContactMessages(blog.id, 10, 0)).size(), 2u);
}

SAMIZDAT_ON_EVERY_STORE(WidgetDataTest);

}  // namespace
}  // namespace samizdat::store
