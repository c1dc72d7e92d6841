// Store contract (every backend): post revisions — added, listed newest first, read by
// id within their blog, gone with their post.
#include <string>
#include <vector>

#include "store/row_mapping.h"
#include "store_test_util.h"

namespace samizdat::store {
namespace {

using Strings = std::vector<std::string>;

class RevisionsTest : public StoreTest {
 protected:
  Revision RevisionOf(const Post& post, const std::string& title, int64_t saved_ms) {
    Revision revision;
    revision.blog_id = post.blog_id;
    revision.post_id = post.id;
    revision.saved = At(saved_ms);
    revision.title = title;
    revision.source = "# " + title;
    revision.format = BodyFormat::kMarkdown;
    revision.labels = {"zeta", "Alpha, with comma", "", "zeta", "a \"quoted\" {label}"};
    revision.saved_by = "Otto";
    return revision;
  }
};

TEST_P(RevisionsTest, RevisionRoundTrips) {
  Blog blog = NewBlog("a.example");
  Post post = NewPost(blog.id, "x", 1000);
  const int64_t generation = Generation(blog.id);
  Revision added = Must(store_->AddRevision(RevisionOf(post, "First", 5000)));
  EXPECT_GT(added.id, 0);
  EXPECT_EQ(Generation(blog.id), generation);  // nothing the blog shows changed

  Revision read = Must(store_->GetRevision(blog.id, added.id));
  EXPECT_EQ(read.id, added.id);
  EXPECT_EQ(read.blog_id, blog.id);
  EXPECT_EQ(read.post_id, post.id);
  EXPECT_EQ(read.saved, At(5000));
  EXPECT_EQ(read.title, "First");
  EXPECT_EQ(read.source, "# First");
  EXPECT_EQ(read.format, BodyFormat::kMarkdown);
  EXPECT_EQ(read.labels, (Strings{"zeta", "Alpha, with comma", "a \"quoted\" {label}"}));
  EXPECT_EQ(read.saved_by, "Otto");
  EXPECT_EQ(added.labels, read.labels);
}

TEST_P(RevisionsTest, SavedTimeIsSetWhenZero) {
  Blog blog = NewBlog("a.example");
  Post post = NewPost(blog.id, "x", 1000);
  Revision revision = RevisionOf(post, "T", 0);
  revision.labels = {};
  Revision added = Must(store_->AddRevision(revision));
  EXPECT_GT(Millis(added.saved), 0);
  Revision read = Must(store_->GetRevision(blog.id, added.id));
  EXPECT_EQ(read.saved, added.saved);
  EXPECT_EQ(read.labels, Strings{});
}

TEST_P(RevisionsTest, ListIsNewestFirstAndPerPost) {
  Blog blog = NewBlog("a.example");
  Post post = NewPost(blog.id, "x", 1000);
  Post other = NewPost(blog.id, "y", 2000);
  Must(store_->AddRevision(RevisionOf(post, "old", 1000)));
  Must(store_->AddRevision(RevisionOf(post, "newest", 3000)));
  Must(store_->AddRevision(RevisionOf(post, "middle", 2000)));
  Must(store_->AddRevision(RevisionOf(other, "other's", 4000)));
  Strings titles;
  for (const Revision& r : Must(store_->ListRevisions(blog.id, post.id))) titles.push_back(r.title);
  EXPECT_EQ(titles, (Strings{"newest", "middle", "old"}));
  EXPECT_EQ(Must(store_->ListRevisions(blog.id, other.id)).size(), 1u);
  EXPECT_TRUE(Must(store_->ListRevisions(blog.id, 12345)).empty());
}

TEST_P(RevisionsTest, RevisionNeedsItsPostInTheBlog) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  Post post = NewPost(blog.id, "x", 1000);
  Revision wrong_blog = RevisionOf(post, "T", 1000);
  wrong_blog.blog_id = other.id;
  EXPECT_TRUE(store_->AddRevision(wrong_blog).status().IsNotFound());
  Revision no_post = RevisionOf(post, "T", 1000);
  no_post.post_id = post.id + 1;
  EXPECT_TRUE(store_->AddRevision(no_post).status().IsNotFound());
  Revision no_ids;
  EXPECT_TRUE(store_->AddRevision(no_ids).status().IsInvalidArgument());
  EXPECT_TRUE(Must(store_->ListRevisions(blog.id, post.id)).empty());
}

TEST_P(RevisionsTest, GetRevisionOnlyWithinItsBlog) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  Post post = NewPost(blog.id, "x", 1000);
  Revision added = Must(store_->AddRevision(RevisionOf(post, "T", 1000)));
  EXPECT_TRUE(store_->GetRevision(other.id, added.id).status().IsNotFound());
  EXPECT_TRUE(store_->GetRevision(blog.id, added.id + 1000).status().IsNotFound());
}

TEST_P(RevisionsTest, RevisionsGoWithTheirPost) {
  Blog blog = NewBlog("a.example");
  Post post = NewPost(blog.id, "x", 1000);
  Post kept = NewPost(blog.id, "y", 2000);
  Revision gone = Must(store_->AddRevision(RevisionOf(post, "T", 1000)));
  Must(store_->AddRevision(RevisionOf(kept, "K", 1000)));
  ASSERT_TRUE(store_->DeletePost(blog.id, post.id).ok());
  EXPECT_TRUE(store_->GetRevision(blog.id, gone.id).status().IsNotFound());
  EXPECT_TRUE(Must(store_->ListRevisions(blog.id, post.id)).empty());
  EXPECT_EQ(Must(store_->ListRevisions(blog.id, kept.id)).size(), 1u);
}

TEST_P(RevisionsTest, BulkWriterAddsRevisionsOfPostsInTheBatch) {
  Blog blog = NewBlog("a.example");
  std::unique_ptr<StoreCopy> bulk = Must(store_->BeginCopy());
  Post post;
  post.id = 77;
  post.blog_id = blog.id;
  post.path = "/2022/01/copied.html";
  ASSERT_TRUE(bulk->AddPost(post).ok());
  ASSERT_TRUE(bulk->AddRevision(RevisionOf(post, "copied", 3000)).ok());
  Revision elsewhere = RevisionOf(post, "nowhere", 3000);
  elsewhere.post_id = 78;
  EXPECT_TRUE(bulk->AddRevision(elsewhere).IsNotFound());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());

  std::vector<Revision> revisions = Must(store_->ListRevisions(blog.id, 77));
  ASSERT_EQ(revisions.size(), 1u);
  EXPECT_EQ(revisions[0].title, "copied");
  EXPECT_EQ(revisions[0].saved, At(3000));
  EXPECT_EQ(revisions[0].labels, (Strings{"zeta", "Alpha, with comma", "a \"quoted\" {label}"}));
  // Ids drawn by the batch do not clash with the ones drawn afterwards.
  Revision later = Must(store_->AddRevision(RevisionOf(post, "later", 4000)));
  EXPECT_NE(later.id, revisions[0].id);
}

SAMIZDAT_ON_EVERY_STORE(RevisionsTest);

}  // namespace
}  // namespace samizdat::store
