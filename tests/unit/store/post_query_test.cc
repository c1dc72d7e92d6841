// Store contract (every backend): Blogger's feed parameters in PostQuery — several
// labels at once (/-/A/B), order by updated time, updated-time bounds — and the admin's
// text filter, with CountPosts agreeing with ListPosts.
#include <string>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

using Strings = std::vector<std::string>;

class PostQueryTest : public StoreTest {
 protected:
  // A published post at `published_ms`, last updated at `updated_ms`.
  Post Edited(int64_t blog_id, const std::string& slug, int64_t published_ms, int64_t updated_ms,
              Strings labels = {}) {
    Post post = NewPost(blog_id, slug, published_ms, std::move(labels));
    post.updated = At(updated_ms);
    EXPECT_TRUE(store_->UpdatePost(post).ok());
    return post;
  }

  // The titles ListPosts returns, after checking that CountPosts counts the whole
  // unpaged selection.
  Strings Titles(const PostQuery& q) {
    PostQuery unpaged = q;
    unpaged.limit = -1;
    unpaged.offset = 0;
    std::vector<Post> all = Must(store_->ListPosts(unpaged));
    EXPECT_EQ(Must(store_->CountPosts(q)), static_cast<int>(all.size()));
    Strings titles;
    for (const Post& p : Must(store_->ListPosts(q))) titles.push_back(p.title);
    return titles;
  }
};

TEST_P(PostQueryTest, TwoLabelsSelectPostsCarryingBoth) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  NewPost(blog.id, "both", 1000, {"news", "war"});
  NewPost(blog.id, "war-only", 2000, {"war"});
  NewPost(blog.id, "news-only", 3000, {"news"});
  NewPost(blog.id, "both-later", 4000, {"peace", "war", "news"});
  NewPost(blog.id, "both-draft", 5000, {"news", "war"}, PostStatus::kDraft);
  NewPost(blog.id, "both-page", 6000, {"news", "war"}, PostStatus::kPublished, PostKind::kPage);
  NewPost(other.id, "both-elsewhere", 7000, {"news", "war"});

  PostQuery q = QueryOf(blog.id);
  q.labels = {"war", "news"};
  EXPECT_EQ(Titles(q), (Strings{"Title both-later", "Title both"}));
  q.labels = {"news", "war"};  // the order of the labels does not matter
  EXPECT_EQ(Titles(q), (Strings{"Title both-later", "Title both"}));
  q.oldest_first = true;
  EXPECT_EQ(Titles(q), (Strings{"Title both", "Title both-later"}));

  PostQuery any = QueryOf(blog.id);
  any.status = std::nullopt;
  any.labels = {"news", "war"};
  EXPECT_EQ(Titles(any), (Strings{"Title both-draft", "Title both-later", "Title both"}));

  // Listed posts still carry all of their labels, in the author's order.
  std::vector<Post> posts = Must(store_->ListPosts(q));
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(posts[1].labels, (Strings{"peace", "war", "news"}));
}

TEST_P(PostQueryTest, ThreeLabelsAndARepeatedOne) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "abc", 1000, {"a", "b", "c"});
  NewPost(blog.id, "ab", 2000, {"a", "b"});
  NewPost(blog.id, "bc", 3000, {"b", "c"});
  NewPost(blog.id, "ac", 4000, {"c", "a"});
  NewPost(blog.id, "abcd", 5000, {"d", "c", "b", "a"});

  PostQuery q = QueryOf(blog.id);
  q.labels = {"a", "b", "c"};
  EXPECT_EQ(Titles(q), (Strings{"Title abcd", "Title abc"}));
  q.labels = {"c", "a"};
  EXPECT_EQ(Titles(q), (Strings{"Title abcd", "Title ac", "Title abc"}));
  q.labels = {"b", "b"};  // naming a label twice asks for it once
  EXPECT_EQ(Titles(q), (Strings{"Title abcd", "Title bc", "Title ab", "Title abc"}));
  q.labels = {"A", "b"};  // names are exact
  EXPECT_TRUE(Titles(q).empty());
}

TEST_P(PostQueryTest, AMissingLabelSelectsNothing) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "ab", 1000, {"a", "b"});
  PostQuery q = QueryOf(blog.id);
  q.labels = {"nowhere"};
  EXPECT_TRUE(Titles(q).empty());
  q.labels = {"a", "nowhere"};
  EXPECT_TRUE(Titles(q).empty());
  q.labels = {"nowhere", "a", "b"};
  EXPECT_TRUE(Titles(q).empty());
  q.labels = {};  // no labels: any post
  EXPECT_EQ(Titles(q), (Strings{"Title ab"}));
}

TEST_P(PostQueryTest, OrderByUpdatedPutsTheLatestEditFirst) {
  Blog blog = NewBlog("a.example");
  Edited(blog.id, "old-edited", 1000, 9000, {"x"});
  Edited(blog.id, "new", 3000, 3000, {"x", "y"});
  Edited(blog.id, "mid", 2000, 5000, {"y"});
  NewPost(blog.id, "draft", 4000, {"x"}, PostStatus::kDraft);

  PostQuery q = QueryOf(blog.id);
  EXPECT_EQ(Titles(q), (Strings{"Title new", "Title mid", "Title old-edited"}));
  q.order = PostQuery::Order::kUpdated;
  EXPECT_EQ(Titles(q), (Strings{"Title old-edited", "Title mid", "Title new"}));
  q.oldest_first = true;
  EXPECT_EQ(Titles(q), (Strings{"Title new", "Title mid", "Title old-edited"}));

  PostQuery labelled = QueryOf(blog.id);
  labelled.order = PostQuery::Order::kUpdated;
  labelled.labels = {"x"};
  EXPECT_EQ(Titles(labelled), (Strings{"Title old-edited", "Title new"}));
  labelled.labels = {"y", "x"};
  EXPECT_EQ(Titles(labelled), (Strings{"Title new"}));

  PostQuery any = QueryOf(blog.id);
  any.order = PostQuery::Order::kUpdated;
  any.status = std::nullopt;
  EXPECT_EQ(Titles(any), (Strings{"Title old-edited", "Title mid", "Title draft", "Title new"}));
}

TEST_P(PostQueryTest, UpdatedBoundsAreFromInclusiveBeforeExclusive) {
  Blog blog = NewBlog("a.example");
  for (int i = 1; i <= 5; ++i) {
    // Published in the opposite order to their edits, so the two times cannot be confused.
    Edited(blog.id, "u" + std::to_string(i), (10 - i) * 1000, i * 1000, {"all"});
  }
  PostQuery q = QueryOf(blog.id);
  q.order = PostQuery::Order::kUpdated;
  q.updated_from = At(2000);
  q.updated_before = At(4000);
  EXPECT_EQ(Titles(q), (Strings{"Title u3", "Title u2"}));
  q.updated_before.reset();
  EXPECT_EQ(Titles(q), (Strings{"Title u5", "Title u4", "Title u3", "Title u2"}));
  q.updated_from.reset();
  q.updated_before = At(2000);
  EXPECT_EQ(Titles(q), (Strings{"Title u1"}));

  // With a label, and with the published order: the bounds are still on the updated time.
  PostQuery labelled = QueryOf(blog.id);
  labelled.labels = {"all"};
  labelled.updated_from = At(2000);
  labelled.updated_before = At(4000);
  EXPECT_EQ(Titles(labelled), (Strings{"Title u2", "Title u3"}));
  labelled.order = PostQuery::Order::kUpdated;
  EXPECT_EQ(Titles(labelled), (Strings{"Title u3", "Title u2"}));

  // Combined with a published bound: both must hold.
  PostQuery both = QueryOf(blog.id);
  both.updated_from = At(2000);
  both.published_before = At(7000);  // u4 (6000) and u5 (5000)
  EXPECT_EQ(Titles(both), (Strings{"Title u4", "Title u5"}));
}

TEST_P(PostQueryTest, PagingByOffsetUnderUpdatedOrder) {
  Blog blog = NewBlog("a.example");
  // p_i is published at i but updated at (i * 7) % 10, all distinct: 7,4,1,8,5,2,9,6,3.
  for (int i = 1; i <= 9; ++i) {
    Edited(blog.id, "p" + std::to_string(i), i * 1000, (i * 7 % 10) * 1000,
           {i % 2 ? "odd" : "even"});
  }
  PostQuery q = QueryOf(blog.id);
  q.order = PostQuery::Order::kUpdated;
  q.limit = 4;
  EXPECT_EQ(Titles(q), (Strings{"Title p7", "Title p4", "Title p1", "Title p8"}));
  q.offset = 4;
  EXPECT_EQ(Titles(q), (Strings{"Title p5", "Title p2", "Title p9", "Title p6"}));
  q.offset = 8;
  EXPECT_EQ(Titles(q), (Strings{"Title p3"}));
  q.offset = 9;
  EXPECT_TRUE(Titles(q).empty());

  PostQuery odd = QueryOf(blog.id);
  odd.order = PostQuery::Order::kUpdated;
  odd.labels = {"odd"};  // p7 p1 p5 p9 p3
  odd.limit = 2;
  odd.offset = 2;
  EXPECT_EQ(Titles(odd), (Strings{"Title p5", "Title p9"}));
}

TEST_P(PostQueryTest, EqualUpdatedTimesAreOrderedById) {
  Blog blog = NewBlog("a.example");
  Edited(blog.id, "a", 1000, 5000);
  Edited(blog.id, "b", 2000, 5000);
  PostQuery q = QueryOf(blog.id);
  q.order = PostQuery::Order::kUpdated;
  std::vector<Post> posts = Must(store_->ListPosts(q));
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_GT(posts[0].id, posts[1].id);
  q.oldest_first = true;
  posts = Must(store_->ListPosts(q));
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_LT(posts[0].id, posts[1].id);
}

TEST_P(PostQueryTest, TextMatchesTitleOrTextIgnoringCaseInAnyStatus) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  auto add = [&](int64_t blog_id, const std::string& slug, const std::string& title,
                 const std::string& text, int64_t ms, PostStatus status) {
    Post post;
    post.blog_id = blog_id;
    post.status = status;
    post.title = title;
    post.path = "/2022/01/" + slug + ".html";
    post.body_text = text;
    post.published = At(ms);
    post.updated = At(ms);
    return Must(store_->CreatePost(post));
  };
  add(blog.id, "a", "Gardening notes", "tomatoes", 1000, PostStatus::kPublished);
  add(blog.id, "b", "Travel", "A note on GARDENS of Kyoto", 2000, PostStatus::kPublished);
  add(blog.id, "c", "Draft about gardens", "", 3000, PostStatus::kDraft);
  add(blog.id, "d", "Cooking", "nothing here", 4000, PostStatus::kPublished);
  add(other.id, "e", "Garden elsewhere", "", 5000, PostStatus::kPublished);

  PostQuery q = QueryOf(blog.id);
  q.text = "gArDeN";
  EXPECT_EQ(Titles(q), (Strings{"Travel", "Gardening notes"}));
  q.status = std::nullopt;  // the admin's search finds drafts too
  EXPECT_EQ(Titles(q), (Strings{"Draft about gardens", "Travel", "Gardening notes"}));
  q.status = PostStatus::kDraft;
  EXPECT_EQ(Titles(q), (Strings{"Draft about gardens"}));
  q.status = std::nullopt;
  q.text = "tomatoes";
  EXPECT_EQ(Titles(q), (Strings{"Gardening notes"}));
  q.text = "absent";
  EXPECT_EQ(Titles(q), Strings{});
  q.text = "";  // no filter
  EXPECT_EQ(Titles(q).size(), 4u);
}

TEST_P(PostQueryTest, TextTakesPercentUnderscoreAndBackslashLiterally) {
  Blog blog = NewBlog("a.example");
  auto add = [&](const std::string& slug, const std::string& title, int64_t ms) {
    Post post;
    post.blog_id = blog.id;
    post.status = PostStatus::kPublished;
    post.title = title;
    post.path = "/2022/01/" + slug + ".html";
    post.published = At(ms);
    post.updated = At(ms);
    Must(store_->CreatePost(post));
  };
  add("a", "100% sure", 1000);
  add("b", "1000 sure", 2000);
  add("c", "snake_case", 3000);
  add("d", "snakeXcase", 4000);
  add("e", "back\\slash", 5000);
  add("f", "backslash", 6000);

  PostQuery q = QueryOf(blog.id);
  q.text = "0%";
  EXPECT_EQ(Titles(q), (Strings{"100% sure"}));
  q.text = "%";
  EXPECT_EQ(Titles(q), (Strings{"100% sure"}));
  q.text = "e_c";
  EXPECT_EQ(Titles(q), (Strings{"snake_case"}));
  q.text = "_";
  EXPECT_EQ(Titles(q), (Strings{"snake_case"}));
  q.text = "k\\s";
  EXPECT_EQ(Titles(q), (Strings{"back\\slash"}));
}

TEST_P(PostQueryTest, TextCombinesWithLabels) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "apple-pie", 1000, {"food"});
  NewPost(blog.id, "apple-tree", 2000, {"garden"});
  NewPost(blog.id, "pear-pie", 3000, {"food"});
  PostQuery q = QueryOf(blog.id);
  q.labels = {"food"};
  q.text = "APPLE";
  EXPECT_EQ(Titles(q), (Strings{"Title apple-pie"}));
  q.order = PostQuery::Order::kUpdated;
  EXPECT_EQ(Titles(q), (Strings{"Title apple-pie"}));
}

SAMIZDAT_ON_EVERY_STORE(PostQueryTest);

}  // namespace
}  // namespace samizdat::store
