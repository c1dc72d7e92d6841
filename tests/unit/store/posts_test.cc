// Store contract (every backend): posts and pages — CRUD, labels, paths, listing,
// paging, neighbours, archive times and label counts.
#include <string>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

class PostsTest : public StoreTest {};

std::vector<std::string> Titles(const std::vector<Post>& posts) {
  std::vector<std::string> titles;
  for (const Post& p : posts) titles.push_back(p.title);
  return titles;
}

using Strings = std::vector<std::string>;

TEST_P(PostsTest, PostRoundTripsWithLabelsInAuthorsOrder) {
  Blog blog = NewBlog("a.example");
  Post post;
  post.blog_id = blog.id;
  post.kind = PostKind::kPost;
  post.status = PostStatus::kPublished;
  post.title = "Hello";
  post.path = "/2022/01/hello.html";
  post.source = "*hi*";
  post.format = BodyFormat::kMarkdown;
  post.body_html = "<p><em>hi</em></p>";
  post.body_text = "hi";
  post.author = "Otto";
  post.labels = {"zeta", "Alpha", "", "zeta", "mid"};
  post.published = At(1642259880000);
  post.updated = At(1642259990000);
  post.comment_count = 3;  // ignored: the store counts the post's comments
  post.feed_id = "https://old.example/?p=12";
  Post created = Must(store_->CreatePost(post));
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.labels, (Strings{"zeta", "Alpha", "mid"}));

  Post read = Must(store_->GetPost(blog.id, created.id));
  EXPECT_EQ(read.id, created.id);
  EXPECT_EQ(read.blog_id, blog.id);
  EXPECT_EQ(read.kind, PostKind::kPost);
  EXPECT_EQ(read.status, PostStatus::kPublished);
  EXPECT_EQ(read.title, "Hello");
  EXPECT_EQ(read.path, "/2022/01/hello.html");
  EXPECT_EQ(read.source, "*hi*");
  EXPECT_EQ(read.format, BodyFormat::kMarkdown);
  EXPECT_EQ(read.body_html, "<p><em>hi</em></p>");
  EXPECT_EQ(read.body_text, "hi");
  EXPECT_EQ(read.author, "Otto");
  EXPECT_EQ(read.labels, (Strings{"zeta", "Alpha", "mid"}));
  EXPECT_EQ(read.published, At(1642259880000));
  EXPECT_EQ(read.updated, At(1642259990000));
  EXPECT_EQ(read.comment_count, 0);
  EXPECT_EQ(read.feed_id, "https://old.example/?p=12");

  Post by_path = Must(store_->GetPostByPath(blog.id, "/2022/01/hello.html"));
  EXPECT_EQ(by_path.id, created.id);
  EXPECT_EQ(by_path.labels, read.labels);
  EXPECT_TRUE(Must(store_->PathExists(blog.id, "/2022/01/hello.html")));
  EXPECT_FALSE(Must(store_->PathExists(blog.id, "/2022/01/other.html")));
}

TEST_P(PostsTest, AuthorIdRoundTripsThroughEveryWrite) {
  Blog blog = NewBlog("a.example");
  Post post = NewPost(blog.id, "x", 1000);
  EXPECT_EQ(Must(store_->GetPost(blog.id, post.id)).author_id, 0);  // CLI and imports

  post.author_id = 42;
  ASSERT_TRUE(store_->UpdatePost(post).ok());
  EXPECT_EQ(Must(store_->GetPost(blog.id, post.id)).author_id, 42);
  EXPECT_EQ(Must(store_->GetPostByPath(blog.id, post.path)).author_id, 42);
  EXPECT_EQ(Must(store_->ListPosts(QueryOf(blog.id))).at(0).author_id, 42);

  Post second;
  second.blog_id = blog.id;
  second.path = "/2022/01/second.html";
  second.author_id = 7;
  Post created = Must(store_->CreatePost(second));
  EXPECT_EQ(created.author_id, 7);
  EXPECT_EQ(Must(store_->GetPost(blog.id, created.id)).author_id, 7);

  std::unique_ptr<ImportBatch> bulk = Must(store_->BeginImport());
  Post imported;
  imported.id = 99;
  imported.blog_id = blog.id;
  imported.path = "/2022/01/imported.html";
  imported.author_id = 5;  // a copy (samizdat migrate) keeps it
  ASSERT_TRUE(bulk->AddPost(imported).ok());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());
  EXPECT_EQ(Must(store_->GetPost(blog.id, 99)).author_id, 5);
}

TEST_P(PostsTest, ImportedPostKeepsItsLargeId) {
  Blog blog = NewBlog("a.example");
  Post post;
  post.blog_id = blog.id;
  post.id = 9223372036854775807;  // the largest 63-bit id
  post.path = "/2022/01/big.html";
  Post created = Must(store_->CreatePost(post));
  EXPECT_EQ(created.id, 9223372036854775807);
  EXPECT_EQ(Must(store_->GetPost(blog.id, post.id)).path, "/2022/01/big.html");

  post.path = "/2022/01/other.html";
  Status clash = store_->CreatePost(post).status();
  EXPECT_TRUE(clash.IsConflict());
  EXPECT_NE(clash.message().find("9223372036854775807"), std::string::npos);
}

TEST_P(PostsTest, UpdatePostReplacesFieldsAndLabels) {
  Blog blog = NewBlog("a.example");
  Post post = NewPost(blog.id, "x", 1000, {"a", "b"});
  post.title = "Changed";
  post.status = PostStatus::kDraft;
  post.labels = {"c", "a"};
  ASSERT_TRUE(store_->UpdatePost(post).ok());
  Post read = Must(store_->GetPost(blog.id, post.id));
  EXPECT_EQ(read.title, "Changed");
  EXPECT_EQ(read.status, PostStatus::kDraft);
  EXPECT_EQ(read.labels, (Strings{"c", "a"}));
}

TEST_P(PostsTest, MissingPostsAreNotFound) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  Post post = NewPost(blog.id, "x", 1000);
  EXPECT_TRUE(store_->GetPost(blog.id, 777).status().IsNotFound());
  EXPECT_TRUE(store_->GetPost(other.id, post.id).status().IsNotFound());  // other blog
  EXPECT_TRUE(store_->GetPostByPath(blog.id, "/nope.html").status().IsNotFound());
  EXPECT_TRUE(store_->GetPostByPath(blog.id, "").status().IsNotFound());
  Post ghost = post;
  ghost.id = 777;
  Status st = store_->UpdatePost(ghost);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_NE(st.message().find("777"), std::string::npos);
  EXPECT_TRUE(store_->DeletePost(other.id, post.id).IsNotFound());
}

TEST_P(PostsTest, PostInMissingBlogIsNotFound) {
  Post post;
  post.blog_id = 4242;
  Status st = store_->CreatePost(post).status();
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_NE(st.message().find("4242"), std::string::npos);
}

TEST_P(PostsTest, DeletePostRemovesItAndItsLabels) {
  Blog blog = NewBlog("a.example");
  Post post = NewPost(blog.id, "x", 1000, {"gone"});
  NewPost(blog.id, "y", 2000, {"kept"});
  ASSERT_TRUE(store_->DeletePost(blog.id, post.id).ok());
  EXPECT_TRUE(store_->GetPost(blog.id, post.id).status().IsNotFound());
  EXPECT_FALSE(Must(store_->PathExists(blog.id, "/2022/01/x.html")));
  std::vector<LabelCount> labels = Must(store_->LabelCounts(blog.id));
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].name, "kept");
  EXPECT_TRUE(store_->DeletePost(blog.id, post.id).IsNotFound());
}

TEST_P(PostsTest, PathIsUniquePerBlog) {
  Blog a = NewBlog("a.example");
  Blog b = NewBlog("b.example");
  Post first = NewPost(a.id, "same", 1000);
  NewPost(b.id, "same", 1000);  // another blog: fine

  Post dup;
  dup.blog_id = a.id;
  dup.path = "/2022/01/same.html";
  Status st = store_->CreatePost(dup).status();
  EXPECT_TRUE(st.IsConflict());
  EXPECT_NE(st.message().find("/2022/01/same.html"), std::string::npos) << st.message();

  Post other = NewPost(a.id, "other", 2000);
  other.path = first.path;
  EXPECT_TRUE(store_->UpdatePost(other).IsConflict());
  EXPECT_EQ(Must(store_->GetPost(a.id, other.id)).path, "/2022/01/other.html");

  // Re-saving a post with its own path is no clash.
  first.title = "again";
  EXPECT_TRUE(store_->UpdatePost(first).ok());
}

TEST_P(PostsTest, DraftsWithoutPathDoNotClash) {
  Blog blog = NewBlog("a.example");
  Post draft;
  draft.blog_id = blog.id;
  draft.status = PostStatus::kDraft;
  Must(store_->CreatePost(draft));
  Must(store_->CreatePost(draft));
  PostQuery all;
  all.blog_id = blog.id;
  all.status = std::nullopt;
  EXPECT_EQ(Must(store_->CountPosts(all)), 2);
  EXPECT_FALSE(Must(store_->PathExists(blog.id, "")));
}

TEST_P(PostsTest, DefaultQueryListsPublishedPostsNewestFirst) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  NewPost(blog.id, "old", 1000);
  NewPost(blog.id, "new", 3000);
  NewPost(blog.id, "mid", 2000);
  NewPost(blog.id, "draft", 4000, {}, PostStatus::kDraft);
  NewPost(blog.id, "scheduled", 5000, {}, PostStatus::kScheduled);
  NewPost(blog.id, "about", 6000, {}, PostStatus::kPublished, PostKind::kPage);
  NewPost(other.id, "elsewhere", 7000);

  PostQuery q;
  q.blog_id = blog.id;
  EXPECT_EQ(Titles(Must(store_->ListPosts(q))), (Strings{"Title new", "Title mid", "Title old"}));
  EXPECT_EQ(Must(store_->CountPosts(q)), 3);

  q.oldest_first = true;
  EXPECT_EQ(Titles(Must(store_->ListPosts(q))), (Strings{"Title old", "Title mid", "Title new"}));

  PostQuery pages;
  pages.blog_id = blog.id;
  pages.kind = PostKind::kPage;
  EXPECT_EQ(Titles(Must(store_->ListPosts(pages))), (Strings{"Title about"}));

  PostQuery drafts;
  drafts.blog_id = blog.id;
  drafts.status = PostStatus::kDraft;
  EXPECT_EQ(Titles(Must(store_->ListPosts(drafts))), (Strings{"Title draft"}));

  PostQuery any;
  any.blog_id = blog.id;
  any.status = std::nullopt;
  EXPECT_EQ(Must(store_->CountPosts(any)), 5);
  EXPECT_EQ(Titles(Must(store_->ListPosts(any))).front(), "Title scheduled");
}

TEST_P(PostsTest, PagingByTimeAndOffset) {
  Blog blog = NewBlog("a.example");
  for (int i = 1; i <= 6; ++i) NewPost(blog.id, "p" + std::to_string(i), i * 1000);

  PostQuery q;
  q.blog_id = blog.id;
  q.limit = 2;
  EXPECT_EQ(Titles(Must(store_->ListPosts(q))), (Strings{"Title p6", "Title p5"}));
  q.offset = 2;
  EXPECT_EQ(Titles(Must(store_->ListPosts(q))), (Strings{"Title p4", "Title p3"}));
  EXPECT_EQ(Must(store_->CountPosts(q)), 6);  // limit and offset do not count

  PostQuery before;
  before.blog_id = blog.id;
  before.published_before = At(4000);  // "Older Posts" after p4
  before.limit = 2;
  EXPECT_EQ(Titles(Must(store_->ListPosts(before))), (Strings{"Title p3", "Title p2"}));
  EXPECT_EQ(Must(store_->CountPosts(before)), 3);

  PostQuery after;
  after.blog_id = blog.id;
  after.published_after = At(4000);
  after.oldest_first = true;
  EXPECT_EQ(Titles(Must(store_->ListPosts(after))), (Strings{"Title p5", "Title p6"}));

  PostQuery month;  // an archive page: [2000, 4000)
  month.blog_id = blog.id;
  month.published_from = At(2000);
  month.published_before = At(4000);
  EXPECT_EQ(Titles(Must(store_->ListPosts(month))), (Strings{"Title p3", "Title p2"}));
}

TEST_P(PostsTest, LabelFilter) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "a", 1000, {"news", "war"});
  NewPost(blog.id, "b", 2000, {"war"});
  NewPost(blog.id, "c", 3000, {"news"});
  NewPost(blog.id, "d", 4000, {"war"}, PostStatus::kDraft);
  PostQuery q;
  q.blog_id = blog.id;
  q.labels = {"war"};
  std::vector<Post> posts = Must(store_->ListPosts(q));
  EXPECT_EQ(Titles(posts), (Strings{"Title b", "Title a"}));
  EXPECT_EQ(posts[1].labels, (Strings{"news", "war"}));  // all of its labels, in order
  EXPECT_EQ(Must(store_->CountPosts(q)), 2);
  q.labels = {"War"};  // exact name
  EXPECT_EQ(Must(store_->CountPosts(q)), 0);
}

TEST_P(PostsTest, ListedPostsCarryTheirLabels) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "a", 1000, {"one", "two"});
  NewPost(blog.id, "b", 2000);
  NewPost(blog.id, "c", 3000, {"three"});
  PostQuery q;
  q.blog_id = blog.id;
  std::vector<Post> posts = Must(store_->ListPosts(q));
  ASSERT_EQ(posts.size(), 3u);
  EXPECT_EQ(posts[0].labels, (Strings{"three"}));
  EXPECT_TRUE(posts[1].labels.empty());
  EXPECT_EQ(posts[2].labels, (Strings{"one", "two"}));
}

TEST_P(PostsTest, NeighboursArePublishedPostsOfTheSameKind) {
  Blog blog = NewBlog("a.example");
  Post oldest = NewPost(blog.id, "oldest", 1000);
  NewPost(blog.id, "draft", 1500, {}, PostStatus::kDraft);
  Post middle = NewPost(blog.id, "middle", 2000);
  NewPost(blog.id, "page", 2500, {}, PostStatus::kPublished, PostKind::kPage);
  Post newest = NewPost(blog.id, "newest", 3000);

  auto neighbours = [&](const Post& post) {
    return Must(store_->GetItemPage(blog.id, post.path)).neighbours;
  };
  Neighbours n = neighbours(middle);
  ASSERT_TRUE(n.newer.has_value());
  ASSERT_TRUE(n.older.has_value());
  EXPECT_EQ(n.newer->id, newest.id);
  EXPECT_EQ(n.newer->title, "Title newest");
  EXPECT_EQ(n.newer->path, "/2022/01/newest.html");
  EXPECT_EQ(n.older->id, oldest.id);

  Neighbours first = neighbours(newest);
  EXPECT_FALSE(first.newer.has_value());
  EXPECT_EQ(first.older->id, middle.id);
  EXPECT_FALSE(neighbours(oldest).older.has_value());
}

TEST_P(PostsTest, NeighboursWithTheSamePublishedTimeAreOrderedById) {
  Blog blog = NewBlog("a.example");
  Post low;
  low.blog_id = blog.id;
  low.status = PostStatus::kPublished;
  low.published = At(5000);
  low.id = 10;
  low.path = "/low.html";
  Must(store_->CreatePost(low));
  Post high = low;
  high.id = 20;
  high.path = "/high.html";
  Must(store_->CreatePost(high));
  auto neighbours = [&](const Post& post) {
    return Must(store_->GetItemPage(blog.id, post.path)).neighbours;
  };
  EXPECT_EQ(neighbours(low).newer->id, 20);
  EXPECT_EQ(neighbours(high).older->id, 10);
  EXPECT_FALSE(neighbours(high).newer.has_value());
}

TEST_P(PostsTest, ItemPageReadsThePostItsNeighboursAndPublishedComments) {
  Blog blog = NewBlog("a.example");
  Post older = NewPost(blog.id, "older", 1000);
  Post post = NewPost(blog.id, "post", 2000, {"zeta", "Alpha"});
  Post newer = NewPost(blog.id, "newer", 3000);
  Post draft = NewPost(blog.id, "draft", 2500, {}, PostStatus::kDraft);
  auto comment = [&](int64_t ms, CommentStatus status) {
    Comment c;
    c.blog_id = blog.id;
    c.post_id = post.id;
    c.status = status;
    c.author_name = "Reader";
    c.body_html = "<p>Comment</p>";
    c.published = At(ms);
    return Must(store_->CreateComment(c));
  };
  Comment second = comment(5000, CommentStatus::kPublished);
  comment(4500, CommentStatus::kPending);
  Comment first = comment(4000, CommentStatus::kPublished);

  ItemPage item = Must(store_->GetItemPage(blog.id, post.path));
  EXPECT_EQ(item.post.id, post.id);
  EXPECT_EQ(item.post.title, "Title post");
  EXPECT_EQ(item.post.body_html, "<p>Body of post</p>");
  EXPECT_EQ(item.post.labels, (Strings{"zeta", "Alpha"}));  // the author's order
  EXPECT_EQ(item.post.comment_count, 2);
  // The page shows neither the source nor the text: the source is not read, the text
  // only up to the 400 characters its description needs.
  EXPECT_EQ(item.post.body_text, "Body of post");
  EXPECT_TRUE(item.post.source.empty());
  ASSERT_TRUE(item.neighbours.newer && item.neighbours.older);
  EXPECT_EQ(item.neighbours.newer->id, newer.id);
  EXPECT_EQ(item.neighbours.older->id, older.id);
  ASSERT_EQ(item.comments.size(), 2u);  // published only, oldest first
  EXPECT_EQ(item.comments[0].id, first.id);
  EXPECT_EQ(item.comments[1].id, second.id);

  // A draft is read (the caller decides what to show), without neighbours or comments.
  ItemPage unpublished = Must(store_->GetItemPage(blog.id, draft.path));
  EXPECT_EQ(unpublished.post.id, draft.id);
  EXPECT_FALSE(unpublished.neighbours.newer || unpublished.neighbours.older);
  EXPECT_TRUE(unpublished.comments.empty());

  EXPECT_TRUE(store_->GetItemPage(blog.id, "/2022/01/none.html").status().IsNotFound());

  // Characters, not bytes: a long text is cut after its 400th character.
  Post lengthy = post;
  lengthy.body_text = std::string(300, 'a');
  for (int i = 0; i < 200; ++i) lengthy.body_text += "\u00e9";
  ASSERT_TRUE(store_->UpdatePost(lengthy).ok());
  std::string start = std::string(300, 'a');
  for (int i = 0; i < 100; ++i) start += "\u00e9";
  EXPECT_EQ(Must(store_->GetItemPage(blog.id, post.path)).post.body_text, start);
  EXPECT_TRUE(store_->GetItemPage(blog.id, "/bad\xff.html").status().IsNotFound());
}

TEST_P(PostsTest, PublishedTimesAreNewestFirstPostsOnly) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "a", 1000);
  NewPost(blog.id, "b", 3000);
  NewPost(blog.id, "c", 2000);
  NewPost(blog.id, "draft", 4000, {}, PostStatus::kDraft);
  NewPost(blog.id, "page", 5000, {}, PostStatus::kPublished, PostKind::kPage);
  EXPECT_EQ(Must(store_->ListPublishedTimes(blog.id)),
            (std::vector<Time>{At(3000), At(2000), At(1000)}));
}

TEST_P(PostsTest, LabelCountsSortedCaseInsensitively) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  NewPost(blog.id, "a", 1000, {"beta", "Alpha"});
  NewPost(blog.id, "b", 2000, {"beta", "gamma"});
  NewPost(blog.id, "c", 3000, {"Charlie"});
  NewPost(blog.id, "draft", 4000, {"hidden", "beta"}, PostStatus::kDraft);
  NewPost(other.id, "x", 1000, {"beta"});
  std::vector<LabelCount> counts = Must(store_->LabelCounts(blog.id));
  ASSERT_EQ(counts.size(), 4u);
  EXPECT_EQ(counts[0].name, "Alpha");
  EXPECT_EQ(counts[0].count, 1);
  EXPECT_EQ(counts[1].name, "beta");
  EXPECT_EQ(counts[1].count, 2);
  EXPECT_EQ(counts[2].name, "Charlie");
  EXPECT_EQ(counts[3].name, "gamma");
}

TEST_P(PostsTest, LabelsFollowStatusAndTimeChanges) {
  Blog blog = NewBlog("a.example");
  Post draft = NewPost(blog.id, "d", 1000, {"news"}, PostStatus::kDraft);
  Post other = NewPost(blog.id, "o", 2000, {"news"});
  PostQuery q;
  q.blog_id = blog.id;
  q.labels = {"news"};
  EXPECT_EQ(Titles(Must(store_->ListPosts(q))), (Strings{"Title o"}));
  EXPECT_EQ(Must(store_->LabelCounts(blog.id))[0].count, 1);

  draft.status = PostStatus::kPublished;
  draft.published = At(3000);
  ASSERT_TRUE(store_->UpdatePost(draft).ok());
  EXPECT_EQ(Titles(Must(store_->ListPosts(q))), (Strings{"Title d", "Title o"}));
  EXPECT_EQ(Must(store_->LabelCounts(blog.id))[0].count, 2);

  other.status = PostStatus::kDraft;
  ASSERT_TRUE(store_->UpdatePost(other).ok());
  EXPECT_EQ(Titles(Must(store_->ListPosts(q))), (Strings{"Title d"}));
  EXPECT_EQ(Must(store_->LabelCounts(blog.id))[0].count, 1);
}

TEST_P(PostsTest, DeepPageOfABigBlog) {
  // A deep page of a 600-post blog comes back whole, in order, with its labels.
  Blog blog = NewBlog("big.example");
  for (int i = 0; i < 600; ++i) {
    NewPost(blog.id, "p" + std::to_string(i), 1000 + i, {"l" + std::to_string(i % 7)});
  }
  PostQuery q;
  q.blog_id = blog.id;
  q.limit = 7;
  q.offset = 500;
  std::vector<Post> posts = Must(store_->ListPosts(q));
  ASSERT_EQ(posts.size(), 7u);
  EXPECT_EQ(posts[0].title, "Title p99");
  EXPECT_EQ(posts[0].labels, (Strings{"l1"}));
  EXPECT_EQ(posts[6].title, "Title p93");
  EXPECT_EQ(Must(store_->CountPosts(q)), 600);
}

SAMIZDAT_ON_EVERY_STORE(PostsTest);

}  // namespace
}  // namespace samizdat::store
