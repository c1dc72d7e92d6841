// Store contract (every backend): bulk writes (imports) and redirects — a batch lands
// whole and reads back through the ordinary Store methods, or leaves nothing; orphans,
// dangling replies, conflicts, generation and comment_seq, other writers waiting.
// (Speed: bench/import.sh.)

#include <algorithm>
#include <atomic>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

using Ids = std::vector<int64_t>;
using Strings = std::vector<std::string>;

class BulkTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    blog_ = NewBlog("a.example");
  }

  std::unique_ptr<ImportBatch> Begin() { return Must(store_->BeginImport()); }

  // A post as an import hands it over: its id kept, at /2020/01/<slug>.html.
  Post Imported(int64_t id, const std::string& slug, int64_t ms, Strings labels = {},
                PostStatus status = PostStatus::kPublished, PostKind kind = PostKind::kPost) {
    Post post;
    post.id = id;
    post.blog_id = blog_.id;
    post.kind = kind;
    post.status = status;
    post.title = "Imported " + slug;
    post.path = kind == PostKind::kPage ? "/p/" + slug + ".html" : "/2020/01/" + slug + ".html";
    post.body_html = "<p>Text of " + slug + "</p>";
    post.body_text = "Text of " + slug;
    post.author = "Importer";
    post.labels = std::move(labels);
    post.published = At(ms);
    post.updated = At(ms);
    return post;
  }

  Comment ImportedComment(int64_t id, int64_t post_id, int64_t ms, int64_t parent_id = 0,
                          CommentStatus status = CommentStatus::kPublished) {
    Comment c;
    c.id = id;
    c.blog_id = blog_.id;
    c.post_id = post_id;
    c.parent_id = parent_id;
    c.status = status;
    c.author_name = "Reader " + std::to_string(id);
    c.body_html = "<p>Comment " + std::to_string(id) + "</p>";
    c.body_text = "Comment " + std::to_string(id);
    c.published = At(ms);
    return c;
  }

  std::vector<Post> AllPosts(int64_t blog_id, PostKind kind) {
    PostQuery q = QueryOf(blog_id);
    q.kind = kind;
    q.status = std::nullopt;
    q.limit = 1000;
    return Must(store_->ListPosts(q));
  }

  std::vector<Comment> AllComments(int64_t blog_id) {
    CommentQuery q;
    q.blog_id = blog_id;
    q.statuses = {};
    return Must(store_->ListComments(q));
  }

  // Everything a reader or a cache could see of every blog, as text, to compare states.
  std::string Dump() {
    std::ostringstream out;
    for (const Blog& b : Must(store_->ListBlogs())) {
      out << "blog " << b.id << " " << b.host << " gen " << b.generation << " seq " << b.comment_seq
          << " updated " << b.updated.time_since_epoch().count() << " cu "
          << b.comments_updated.time_since_epoch().count() << "\n";
      for (PostKind kind : {PostKind::kPost, PostKind::kPage}) {
        for (const Post& p : AllPosts(b.id, kind)) {
          out << " post " << p.id << " " << p.path << " " << p.title << " "
              << PostStatusName(p.status) << " comments " << p.comment_count << " labels";
          for (const std::string& label : p.labels) out << " " << label;
          out << "\n";
        }
      }
      for (const Comment& c : AllComments(b.id)) {
        out << " comment " << c.id << " on " << c.post_id << " parent " << c.parent_id << "\n";
      }
      for (const LabelCount& lc : Must(store_->LabelCounts(b.id))) {
        out << " label " << lc.name << " " << lc.count << "\n";
      }
    }
    return out.str();
  }

  Strings Found(std::string_view query) {
    Strings titles;
    for (const SearchHit& hit : Must(store_->Search(blog_.id, query, 10, 0))) {
      titles.push_back(hit.post.title);
    }
    return titles;
  }

  Blog blog_;
};

// --- a whole import -------------------------------------------------------------------

TEST_P(BulkTest, BatchReadsBackThroughTheStore) {
  // Stored before the import: a post with one comment.
  Post old_post = NewPost(blog_.id, "old", 500);
  Comment old_comment = Must(store_->CreateComment(ImportedComment(50, old_post.id, 600)));

  auto bulk = Begin();
  // A comment, and a reply to it, before their post.
  ASSERT_TRUE(bulk->AddComment(ImportedComment(101, 11, 2100)).ok());
  ASSERT_TRUE(bulk->AddComment(ImportedComment(102, 11, 2200, 101)).ok());
  Post first = Imported(11, "first", 2000, {"Alpha", "Beta"});
  first.body_text = "the zanzibar expedition set off";
  first.comment_count = 42;  // ignored: the store counts
  first.feed_id = "http://old.example/?p=11";
  ASSERT_TRUE(bulk->AddPost(first).ok());
  ASSERT_TRUE(bulk->AddPost(Imported(12, "second", 3000, {"Beta"})).ok());
  ASSERT_TRUE(
      bulk->AddPost(Imported(13, "about", 1000, {}, PostStatus::kPublished, PostKind::kPage)).ok());
  ASSERT_TRUE(bulk->AddPost(Imported(14, "unfinished", 4000, {"Alpha"}, PostStatus::kDraft)).ok());
  Comment pingback = ImportedComment(103, 12, 3100);
  pingback.kind = CommentKind::kTrackback;
  ASSERT_TRUE(bulk->AddComment(pingback).ok());
  ASSERT_TRUE(bulk->AddComment(ImportedComment(104, 999, 3200)).ok());      // no such post
  ASSERT_TRUE(bulk->AddComment(ImportedComment(105, 11, 2300, 777)).ok());  // no such parent
  ASSERT_TRUE(bulk->AddComment(ImportedComment(106, 11, 2400, 0, CommentStatus::kPending)).ok());
  ASSERT_TRUE(bulk->AddComment(ImportedComment(107, old_post.id, 700, old_comment.id)).ok());
  ASSERT_TRUE(bulk->AddComment(ImportedComment(108, 12, 3300, old_comment.id)).ok());  // other post
  Comment wrong_blog = ImportedComment(109, 11, 2500);
  wrong_blog.blog_id = blog_.id + 1000;  // the post exists, but not in that blog
  ASSERT_TRUE(bulk->AddComment(wrong_blog).ok());
  Ids orphans;
  ASSERT_TRUE(bulk->Commit(&orphans).ok());
  std::sort(orphans.begin(), orphans.end());
  EXPECT_EQ(orphans, (Ids{104, 109}));

  // Posts: published ones listed newest first; the page and the draft where they belong.
  std::vector<Post> listed = Must(store_->ListPosts(QueryOf(blog_.id)));
  Ids listed_ids;
  for (const Post& p : listed) listed_ids.push_back(p.id);
  EXPECT_EQ(listed_ids, (Ids{12, 11, old_post.id}));
  EXPECT_EQ(listed[1].labels, (Strings{"Alpha", "Beta"}));
  EXPECT_EQ(listed[1].feed_id, "http://old.example/?p=11");
  EXPECT_EQ(Must(store_->GetComment(blog_.id, 103)).kind, CommentKind::kTrackback);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, 101)).kind, CommentKind::kComment);
  EXPECT_EQ(Must(store_->GetPostByPath(blog_.id, "/p/about.html")).id, 13);
  EXPECT_EQ(Must(store_->GetPost(blog_.id, 14)).status, PostStatus::kDraft);

  // Labels of published posts only (the draft's Alpha is not counted).
  std::vector<LabelCount> labels = Must(store_->LabelCounts(blog_.id));
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0].name, "Alpha");
  EXPECT_EQ(labels[0].count, 1);
  EXPECT_EQ(labels[1].name, "Beta");
  EXPECT_EQ(labels[1].count, 2);
  PostQuery by_label = QueryOf(blog_.id);
  by_label.labels = {"Beta"};
  EXPECT_EQ(Must(store_->CountPosts(by_label)), 2);

  // Search finds the imported text.
  EXPECT_EQ(Found("zanzibar"), (Strings{"Imported first"}));
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "zanzibar")), 1);

  // Counts: published comments only; 42 was not kept.
  EXPECT_EQ(Must(store_->GetPost(blog_.id, 11)).comment_count, 3);  // 101, 102, 105
  EXPECT_EQ(Must(store_->GetPost(blog_.id, 12)).comment_count, 1);  // 108 (103: a trackback)
  EXPECT_EQ(Must(store_->GetPost(blog_.id, old_post.id)).comment_count, 2);  // 50, 107

  // Threads: a reply to a comment of the batch or of before keeps its parent; a reply to
  // an absent comment, or to a comment of another post, becomes top-level.
  EXPECT_EQ(Must(store_->GetComment(blog_.id, 102)).parent_id, 101);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, 105)).parent_id, 0);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, 107)).parent_id, old_comment.id);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, 108)).parent_id, 0);
  EXPECT_TRUE(store_->GetComment(blog_.id, 104).status().IsNotFound());
  EXPECT_TRUE(store_->GetComment(wrong_blog.blog_id, 109).status().IsNotFound());

  CommentQuery on_first;
  on_first.blog_id = blog_.id;
  on_first.post_id = 11;
  on_first.statuses = {};
  Ids thread;
  for (const Comment& c : Must(store_->ListComments(on_first))) thread.push_back(c.id);
  EXPECT_EQ(thread, (Ids{101, 102, 105, 106}));
  Comment read = Must(store_->GetComment(blog_.id, 101));
  EXPECT_EQ(read.author_name, "Reader 101");
  EXPECT_EQ(read.body_html, "<p>Comment 101</p>");
  EXPECT_EQ(read.published, At(2100));
}

TEST_P(BulkTest, CommitWithoutOrphansReportsNone) {
  auto bulk = Begin();
  ASSERT_TRUE(bulk->AddPost(Imported(11, "first", 2000)).ok());
  ASSERT_TRUE(bulk->AddComment(ImportedComment(101, 11, 2100)).ok());
  Ids orphans = {1, 2, 3};
  ASSERT_TRUE(bulk->Commit(&orphans).ok());
  EXPECT_TRUE(orphans.empty());
}

// The batch writes with the schema's triggers off and does their work itself; writes
// after it must find them on again.
TEST_P(BulkTest, WritesAfterABatchKeepIndexAndCountsAsBefore) {
  {
    auto bulk = Begin();
    Post post = Imported(11, "first", 2000, {"Alpha"});
    post.body_text = "zanzibar";
    ASSERT_TRUE(bulk->AddPost(post).ok());
    ASSERT_TRUE(bulk->Commit(nullptr).ok());
  }
  Post created = NewPost(blog_.id, "created", 3000, {"Alpha"});
  Post updated = Must(store_->GetPost(blog_.id, 11));
  updated.title = "Quokka sighting";
  ASSERT_TRUE(store_->UpdatePost(updated).ok());

  std::vector<LabelCount> labels = Must(store_->LabelCounts(blog_.id));
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].count, 2);
  EXPECT_EQ(Found("quokka"), (Strings{"Quokka sighting"}));
  EXPECT_EQ(Found("created"), (Strings{created.title}));
  ASSERT_TRUE(store_->DeletePost(blog_.id, 11).ok());
  EXPECT_TRUE(Found("zanzibar").empty());
  EXPECT_EQ(Must(store_->LabelCounts(blog_.id))[0].count, 1);
}

// --- all or nothing -------------------------------------------------------------------

TEST_P(BulkTest, DestroyingWithoutCommitLeavesTheStoreAsItWas) {
  Post old_post = NewPost(blog_.id, "old", 500, {"Alpha"});
  ASSERT_TRUE(store_->CreateComment(ImportedComment(50, old_post.id, 600)).ok());
  Blog other = NewBlog("b.example");
  const std::string before = Dump();
  const uint64_t stamp = SettledStamp();

  {
    auto bulk = Begin();
    Post post = Imported(11, "first", 2000, {"Alpha", "Beta"});
    post.body_text = "zanzibar";
    ASSERT_TRUE(bulk->AddPost(post).ok());
    ASSERT_TRUE(bulk->AddComment(ImportedComment(101, 11, 2100)).ok());
    ASSERT_TRUE(bulk->AddComment(ImportedComment(102, old_post.id, 2200, 50)).ok());
    ASSERT_TRUE(bulk->AddRedirect(other.id, "/?p=1", "/2020/01/first.html").ok());
  }

  EXPECT_EQ(Dump(), before);
  EXPECT_TRUE(Found("zanzibar").empty());
  EXPECT_TRUE(store_->GetRedirect(other.id, "/?p=1").status().IsNotFound());
  EXPECT_EQ(store_->ChangeStamp(), stamp);
  // The writer is free again, its triggers on.
  Post again = Imported(11, "first", 2000, {"Alpha"});
  again.body_text = "zanzibar";
  EXPECT_TRUE(store_->CreatePost(again).ok());
  EXPECT_EQ(Found("zanzibar"), (Strings{again.title}));
  EXPECT_EQ(Must(store_->LabelCounts(blog_.id))[0].count, 2);
}

TEST_P(BulkTest, ConflictMidBatchThenRollbackLeavesNothing) {
  Post old_post = NewPost(blog_.id, "taken", 500);
  const std::string before = Dump();
  {
    auto bulk = Begin();
    ASSERT_TRUE(bulk->AddPost(Imported(11, "first", 2000, {"Alpha"})).ok());
    Post clash = Imported(12, "clash", 3000, {"Alpha"});
    clash.path = old_post.path;
    Status status = bulk->AddPost(clash);
    EXPECT_TRUE(status.IsConflict()) << status.ToString();
    EXPECT_NE(status.message().find(old_post.path), std::string::npos) << status.message();
    EXPECT_FALSE(Must(bulk->HasPost(12)));
    // The service gives up on the import: the batch is dropped.
  }
  EXPECT_EQ(Dump(), before);
  EXPECT_TRUE(store_->GetPost(blog_.id, 11).status().IsNotFound());
}

TEST_P(BulkTest, ConflictsAreNamedAndTheBatchGoesOn) {
  Post old_post = NewPost(blog_.id, "taken", 500);
  auto bulk = Begin();
  ASSERT_TRUE(bulk->AddPost(Imported(11, "first", 2000, {"Alpha"})).ok());

  Status same_id = bulk->AddPost(Imported(old_post.id, "fresh", 2500));
  EXPECT_TRUE(same_id.IsConflict());
  EXPECT_EQ(same_id.message(), "a post with id " + std::to_string(old_post.id) + " exists");

  Status same_path_in_batch = bulk->AddPost(Imported(12, "first", 2600, {"Beta"}));
  EXPECT_TRUE(same_path_in_batch.IsConflict());
  EXPECT_EQ(same_path_in_batch.message(),
            "the path /2020/01/first.html is already used by post 11");

  ASSERT_TRUE(bulk->AddComment(ImportedComment(101, 11, 2100)).ok());
  Status same_comment = bulk->AddComment(ImportedComment(101, 11, 2200));
  EXPECT_TRUE(same_comment.IsConflict());
  EXPECT_EQ(same_comment.message(), "a comment with id 101 exists");

  ASSERT_TRUE(bulk->Commit(nullptr).ok());
  // The refused rows left nothing: no label Beta, one comment, the old post untouched.
  std::vector<LabelCount> labels = Must(store_->LabelCounts(blog_.id));
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].name, "Alpha");
  EXPECT_TRUE(store_->GetPost(blog_.id, 12).status().IsNotFound());
  EXPECT_EQ(Must(store_->GetPost(blog_.id, old_post.id)).title, old_post.title);
  EXPECT_EQ(Must(store_->GetPost(blog_.id, 11)).comment_count, 1);
}

TEST_P(BulkTest, RefusesWhatTheStoreCannotHold) {
  auto bulk = Begin();
  EXPECT_TRUE(bulk->AddPost(Imported(0, "no-id", 1000)).IsInvalidArgument());
  Post nowhere = Imported(11, "nowhere", 1000);
  nowhere.blog_id = blog_.id + 1000;
  EXPECT_TRUE(bulk->AddPost(nowhere).IsNotFound());
  Comment timeless = ImportedComment(101, 11, 0);
  EXPECT_TRUE(bulk->AddComment(timeless).IsInvalidArgument());
  EXPECT_TRUE(bulk->AddComment(ImportedComment(0, 11, 1000)).IsInvalidArgument());
  EXPECT_TRUE(bulk->AddRedirect(blog_.id + 1000, "/a", "/b").IsNotFound());
  EXPECT_TRUE(bulk->AddRedirect(blog_.id, "", "/b").IsInvalidArgument());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());
  // After Commit the writer does nothing more.
  EXPECT_FALSE(bulk->AddPost(Imported(12, "late", 1000)).ok());
  EXPECT_FALSE(bulk->Commit(nullptr).ok());
  EXPECT_TRUE(store_->GetPost(blog_.id, 12).status().IsNotFound());
}

// --- what Has* sees -------------------------------------------------------------------

TEST_P(BulkTest, HasSeesTheBatchAndWhatWasStoredBefore) {
  Post old_post = NewPost(blog_.id, "old", 500);
  Comment old_comment = Must(store_->CreateComment(ImportedComment(50, old_post.id, 600)));
  {
    auto bulk = Begin();
    EXPECT_TRUE(Must(bulk->HasPost(old_post.id)));
    EXPECT_TRUE(Must(bulk->HasComment(old_comment.id)));
    EXPECT_FALSE(Must(bulk->HasPost(11)));
    EXPECT_FALSE(Must(bulk->HasComment(101)));
    ASSERT_TRUE(bulk->AddPost(Imported(11, "first", 2000)).ok());
    ASSERT_TRUE(bulk->AddComment(ImportedComment(101, 11, 2100)).ok());
    EXPECT_TRUE(Must(bulk->HasPost(11)));
    EXPECT_TRUE(Must(bulk->HasComment(101)));
    ASSERT_TRUE(bulk->Commit(nullptr).ok());
  }
  auto again = Begin();
  EXPECT_TRUE(Must(again->HasPost(11)));
  EXPECT_TRUE(Must(again->HasComment(101)));
  EXPECT_FALSE(Must(again->HasPost(12)));
}

// --- what caches see ------------------------------------------------------------------

TEST_P(BulkTest, GenerationAndCommentSeqMoveOncePerCommit) {
  Blog other = NewBlog("b.example");
  Post old_post = NewPost(blog_.id, "old", 500);
  Post quiet_post = NewPost(blog_.id, "quiet", 600);
  const Blog before = Must(store_->GetBlog(blog_.id));
  const Blog other_before = Must(store_->GetBlog(other.id));
  const uint64_t stamp = store_->ChangeStamp();

  auto bulk = Begin();
  for (int64_t id = 11; id <= 13; ++id) {
    ASSERT_TRUE(bulk->AddPost(Imported(id, "p" + std::to_string(id), 1000 * id)).ok());
    ASSERT_TRUE(bulk->AddComment(ImportedComment(100 + id, id, 1000 * id + 1)).ok());
    ASSERT_TRUE(bulk->AddComment(ImportedComment(200 + id, old_post.id, 1000 * id + 2)).ok());
  }
  ASSERT_TRUE(bulk->Commit(nullptr).ok());

  const Blog after = Must(store_->GetBlog(blog_.id));
  EXPECT_EQ(after.generation, before.generation + 1);
  EXPECT_EQ(after.comment_seq, before.comment_seq + 1);
  EXPECT_GE(after.updated, before.updated);
  EXPECT_GE(after.comments_updated, before.comments_updated);
  EXPECT_NE(after.comments_updated, Time{});
  const Blog other_after = Must(store_->GetBlog(other.id));
  EXPECT_EQ(other_after.generation, other_before.generation);
  EXPECT_EQ(other_after.comment_seq, other_before.comment_seq);
  EXPECT_NE(store_->ChangeStamp(), stamp);

  // The posts whose comments changed are stamped; the quiet one is not.
  Ids changed = Must(store_->PostsWithCommentsChangedSince(blog_.id, before.comment_seq));
  std::sort(changed.begin(), changed.end());
  Ids expected = {11, 12, 13, old_post.id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(changed, expected);
  EXPECT_EQ(std::count(changed.begin(), changed.end(), quiet_post.id), 0);
}

TEST_P(BulkTest, RedirectOnlyBatchTouchesItsBlog) {
  const int64_t generation = Generation(blog_.id);
  auto bulk = Begin();
  ASSERT_TRUE(bulk->AddRedirect(blog_.id, "/?p=1", "/2020/01/first.html").ok());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());
  EXPECT_EQ(Generation(blog_.id), generation + 1);
}

// --- other writers --------------------------------------------------------------------

// While the batch is open another thread's CreatePost must wait. Told by order, not by
// time: the other thread asks for a path first, the batch takes the same path after, and
// only if the other thread waited does the batch get it (and the other thread the
// Conflict). A store that let it through would fail this test, whatever the timing.
TEST_P(BulkTest, OtherWritersWaitUntilTheBatchEnds) {
  auto bulk = Begin();
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  Status other_status;
  std::thread other([&] {
    started = true;
    Post post = Imported(0, "contested", 5000);
    other_status = store_->CreatePost(post).status();
    finished = true;
  });
  while (!started) std::this_thread::yield();
  // Give the other thread every chance to run ahead (no assertion depends on this).
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  Status mine = bulk->AddPost(Imported(11, "contested", 2000));
  EXPECT_TRUE(mine.ok()) << mine.ToString();
  EXPECT_FALSE(finished);
  // Reads do not wait for the batch.
  EXPECT_TRUE(store_->GetPost(blog_.id, 11).status().IsNotFound());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());
  other.join();
  EXPECT_TRUE(other_status.IsConflict()) << other_status.ToString();
  EXPECT_EQ(Must(store_->GetPostByPath(blog_.id, "/2020/01/contested.html")).id, 11);
}

// --- redirects ------------------------------------------------------------------------

TEST_P(BulkTest, RedirectsRoundTripAndALaterOneReplaces) {
  Blog other = NewBlog("b.example");
  {
    auto bulk = Begin();
    ASSERT_TRUE(bulk->AddRedirect(blog_.id, "/?p=12", "/2020/01/first.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(blog_.id, "/2020/01/05/first/", "/2020/01/wrong.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(blog_.id, "/2020/01/05/first/", "/2020/01/first.html").ok());
    ASSERT_TRUE(bulk->Commit(nullptr).ok());
  }
  EXPECT_EQ(Must(store_->GetRedirect(blog_.id, "/?p=12")), "/2020/01/first.html");
  EXPECT_EQ(Must(store_->GetRedirect(blog_.id, "/2020/01/05/first/")), "/2020/01/first.html");
  EXPECT_TRUE(store_->GetRedirect(blog_.id, "/?p=13").status().IsNotFound());
  EXPECT_TRUE(store_->GetRedirect(other.id, "/?p=12").status().IsNotFound());
  {
    auto bulk = Begin();
    ASSERT_TRUE(bulk->AddRedirect(blog_.id, "/?p=12", "/p/moved.html").ok());
    ASSERT_TRUE(bulk->Commit(nullptr).ok());
  }
  EXPECT_EQ(Must(store_->GetRedirect(blog_.id, "/?p=12")), "/p/moved.html");
  // Other processes see them too.
  EXPECT_EQ(Must(OpenAgain()->GetRedirect(blog_.id, "/?p=12")), "/p/moved.html");
}

SAMIZDAT_ON_EVERY_STORE(BulkTest);

}  // namespace
}  // namespace samizdat::store
