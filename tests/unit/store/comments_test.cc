// Store contract for comments: creating, reading and listing them, the post's count and
// comment stamps, moderation with the classifier's counts, purging, the rate-limit and
// duplicate queries, instance secrets, the blog and post comment settings, and group
// commit (a write that fails inside a group fails alone). Only the
// Store interface is asserted on, so the suite can run against any backend.
#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

using Ids = std::vector<int64_t>;

class CommentsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    blog_ = NewBlog("a.example");
    post_ = NewPost(blog_.id, "first", 1000);
  }

  Comment Make(int64_t post_id, int64_t ms, CommentStatus status = CommentStatus::kPublished,
               int64_t parent_id = 0) {
    Comment c;
    c.blog_id = blog_.id;
    c.post_id = post_id;
    c.parent_id = parent_id;
    c.status = status;
    c.author_name = "Reader";
    c.body_html = "<p>Comment at " + std::to_string(ms) + "</p>";
    c.body_text = "Comment at " + std::to_string(ms);
    c.body_digest = "digest-" + std::to_string(ms);
    c.published = At(ms);
    return c;
  }

  Comment Add(int64_t post_id, int64_t ms, CommentStatus status = CommentStatus::kPublished,
              int64_t parent_id = 0) {
    return Must(store_->CreateComment(Make(post_id, ms, status, parent_id)));
  }

  // Every comment of the blog, any status, oldest first.
  CommentQuery AllOf(int64_t blog_id) {
    CommentQuery q;
    q.blog_id = blog_id;
    q.statuses = {};
    return q;
  }

  static Ids IdsOf(const std::vector<Comment>& comments) {
    Ids ids;
    for (const Comment& c : comments) ids.push_back(c.id);
    return ids;
  }

  // Store::ScreenComment's answers, one at a time. `post_id` must be a post of the blog:
  // without it nothing else is read.
  CommentScreening Screen(int64_t blog_id, int64_t post_id, CommentScreeningQuery q = {}) {
    q.blog_id = blog_id;
    q.post_id = post_id;
    CommentScreening screening = Must(store_->ScreenComment(q));
    EXPECT_TRUE(screening.post.has_value()) << "post " << post_id << " in blog " << blog_id;
    return screening;
  }
  SpamCounts SpamOf(int64_t blog_id, int64_t post_id, std::vector<std::string> tokens) {
    CommentScreeningQuery q;
    q.spam_tokens = std::move(tokens);
    return Screen(blog_id, post_id, q).spam;
  }
  int FromIp(int64_t blog_id, int64_t post_id, const std::string& ip_hash, Time since) {
    CommentScreeningQuery q;
    q.ip_hash = ip_hash;
    q.ip_since = since;
    return Screen(blog_id, post_id, q).comments_from_ip;
  }
  bool DigestExists(int64_t blog_id, int64_t post_id, const std::string& digest) {
    CommentScreeningQuery q;
    q.digest = digest;
    return Screen(blog_id, post_id, q).duplicate;
  }

  int CountOnPost(int64_t post_id) {
    return Must(store_->GetPost(blog_.id, post_id)).comment_count;
  }
  int64_t CommentSeq() { return Must(store_->GetBlog(blog_.id)).comment_seq; }

  Ids ChangedSince(int64_t since) {
    Ids ids = Must(store_->PostsWithCommentsChangedSince(blog_.id, since));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static Ids Sorted(Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  Blog blog_;
  Post post_;
};

// --- create and read ------------------------------------------------------------------

TEST_P(CommentsTest, CommentRoundTripsEveryField) {
  Comment c = Make(post_.id, 1642259880123, CommentStatus::kPending);
  c.author_name = "Ann";
  c.author_url = "https://ann.example/";
  c.body_html = "<p>Hi <b>there</b></p>";
  c.body_text = "Hi there";
  c.body_digest = "abc123";
  c.ip_hash = "iphash";
  c.spam_score = 0.25;
  c.trained = SpamTraining::kHam;
  c.kind = CommentKind::kPingback;
  Comment created = Must(store_->CreateComment(c));
  EXPECT_GT(created.id, 0);

  Comment read = Must(store_->GetComment(blog_.id, created.id));
  EXPECT_EQ(read.id, created.id);
  EXPECT_EQ(read.blog_id, blog_.id);
  EXPECT_EQ(read.post_id, post_.id);
  EXPECT_EQ(read.parent_id, 0);
  EXPECT_EQ(read.status, CommentStatus::kPending);
  EXPECT_EQ(read.author_name, "Ann");
  EXPECT_EQ(read.author_url, "https://ann.example/");
  EXPECT_EQ(read.body_html, "<p>Hi <b>there</b></p>");
  EXPECT_EQ(read.body_text, "Hi there");
  EXPECT_EQ(read.body_digest, "abc123");
  EXPECT_EQ(read.ip_hash, "iphash");
  EXPECT_DOUBLE_EQ(read.spam_score, 0.25);
  EXPECT_EQ(read.trained, SpamTraining::kHam);
  EXPECT_EQ(read.published, At(1642259880123));
  EXPECT_EQ(read.kind, CommentKind::kPingback);

  Comment unscored = Add(post_.id, 5);
  EXPECT_DOUBLE_EQ(Must(store_->GetComment(blog_.id, unscored.id)).spam_score, -1);
}

TEST_P(CommentsTest, NewCommentWithoutTimeIsStampedNow) {
  Time before = Now();
  Comment c = Make(post_.id, 0);
  Comment created = Must(store_->CreateComment(c));
  EXPECT_GE(created.published, before);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, created.id)).published, created.published);
}

TEST_P(CommentsTest, ImportedCommentKeepsItsIdAndATakenIdIsAConflict) {
  Comment c = Make(post_.id, 10);
  c.id = 9223372036854775807;
  EXPECT_EQ(Must(store_->CreateComment(c)).id, 9223372036854775807);
  int64_t seq = CommentSeq();
  Status clash = store_->CreateComment(c).status();
  EXPECT_TRUE(clash.IsConflict()) << clash.ToString();
  EXPECT_NE(clash.message().find("9223372036854775807"), std::string::npos);
  EXPECT_EQ(Must(store_->CountComments(AllOf(blog_.id))), 1);
  EXPECT_EQ(CommentSeq(), seq);
}

TEST_P(CommentsTest, AWriteThatFailsInAGroupFailsAloneAndTheOthersCommit) {
  Comment taken = Make(post_.id, 100);
  taken.id = 100;
  Must(store_->CreateComment(taken));
  const int64_t seq = CommentSeq();

  // A store copy holds back every other write until it is dropped, so the writes below
  // queue up: the first in line commits alone when the copy is gone, and the ones queued
  // behind it by then commit together as the next group. Write 4 reuses the taken id.
  std::unique_ptr<StoreCopy> copy = Must(store_->BeginCopy());
  constexpr int kWriters = 8;
  std::vector<Status> outcomes(kWriters);
  std::vector<std::jthread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      Comment c = Make(post_.id, 101 + i);
      c.id = i == 4 ? 100 : 101 + i;
      outcomes[i] = store_->CreateComment(c).status();
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  copy.reset();
  writers.clear();  // joins

  for (int i = 0; i < kWriters; ++i) {
    if (i == 4) {
      EXPECT_TRUE(outcomes[i].IsConflict()) << outcomes[i].ToString();
    } else {
      EXPECT_TRUE(outcomes[i].ok()) << i << ": " << outcomes[i].ToString();
    }
  }
  EXPECT_EQ(Must(store_->CountComments(AllOf(blog_.id))), kWriters);
  // The failed write's count and stamp updates were rolled back with it, and only with it.
  EXPECT_EQ(Must(store_->GetPost(blog_.id, post_.id)).comment_count, kWriters);
  EXPECT_EQ(CommentSeq(), seq + kWriters - 1);
}

TEST_P(CommentsTest, GetCommentOfAnotherBlogIsNotFound) {
  Comment c = Add(post_.id, 10);
  Blog other = NewBlog("b.example");
  EXPECT_TRUE(store_->GetComment(other.id, c.id).status().IsNotFound());
  EXPECT_TRUE(store_->GetComment(blog_.id, c.id - 1).status().IsNotFound());
}

TEST_P(CommentsTest, CreateRefusesMissingBlogPostOrParentAndStoresNothing) {
  Blog other = NewBlog("b.example");
  Post elsewhere = NewPost(other.id, "elsewhere", 1000);
  Post second = NewPost(blog_.id, "second", 2000);
  Comment on_second = Add(second.id, 10);
  Comment other_blogs = Must(store_->CreateComment([&] {
    Comment c = Make(elsewhere.id, 11);
    c.blog_id = other.id;
    return c;
  }()));
  int64_t seq = CommentSeq();

  Comment c = Make(post_.id, 20);
  c.blog_id = 0;
  EXPECT_TRUE(store_->CreateComment(c).status().IsInvalidArgument());
  c = Make(0, 20);
  EXPECT_TRUE(store_->CreateComment(c).status().IsInvalidArgument());
  c = Make(12345, 20);  // no such post
  EXPECT_TRUE(store_->CreateComment(c).status().IsNotFound());
  c = Make(elsewhere.id, 20);  // a post of another blog
  EXPECT_TRUE(store_->CreateComment(c).status().IsNotFound());
  c = Make(post_.id, 20, CommentStatus::kPublished, on_second.id);  // parent on another post
  EXPECT_TRUE(store_->CreateComment(c).status().IsInvalidArgument());
  c = Make(post_.id, 20, CommentStatus::kPublished, other_blogs.id);  // parent in another blog
  EXPECT_TRUE(store_->CreateComment(c).status().IsInvalidArgument());
  c = Make(post_.id, 20, CommentStatus::kPublished, 424242);  // no such parent
  EXPECT_TRUE(store_->CreateComment(c).status().IsInvalidArgument());

  CommentQuery on_first = AllOf(blog_.id);
  on_first.post_id = post_.id;
  EXPECT_EQ(Must(store_->CountComments(on_first)), 0);
  EXPECT_EQ(CountOnPost(post_.id), 0);
  EXPECT_EQ(CommentSeq(), seq);
}

TEST_P(CommentsTest, ReplyToACommentOfTheSamePostIsKept) {
  Comment top = Add(post_.id, 10);
  Comment reply = Add(post_.id, 20, CommentStatus::kPublished, top.id);
  Comment nested = Add(post_.id, 30, CommentStatus::kPublished, reply.id);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, reply.id)).parent_id, top.id);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, nested.id)).parent_id, reply.id);
}

// --- listing ------------------------------------------------------------------------------

TEST_P(CommentsTest, ReadablePostsOnlyLeavesOutDraftsAndHiddenThreads) {
  Post hidden = NewPost(blog_.id, "hidden", 2000);
  Post draft = NewPost(blog_.id, "draft", 3000);
  Comment shown = Add(post_.id, 100);
  Add(hidden.id, 200);
  Add(draft.id, 300);
  hidden.comments_mode = CommentsMode::kHidden;
  ASSERT_TRUE(store_->UpdatePost(hidden).ok());
  draft.status = PostStatus::kDraft;
  ASSERT_TRUE(store_->UpdatePost(draft).ok());

  CommentQuery q;
  q.blog_id = blog_.id;
  EXPECT_EQ(Must(store_->CountComments(q)), 3);
  q.readable_posts_only = true;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{shown.id}));
  EXPECT_EQ(Must(store_->CountComments(q)), 1);
}

TEST_P(CommentsTest, ListByPostBlogAndStatusInOrderWithPaging) {
  Post second = NewPost(blog_.id, "second", 2000);
  Comment a = Add(post_.id, 100);
  Comment b = Add(second.id, 200);
  Comment pending = Add(post_.id, 300, CommentStatus::kPending);
  Comment spam = Add(second.id, 400, CommentStatus::kSpam);
  Comment deleted = Add(post_.id, 500, CommentStatus::kDeleted);
  Comment c = Add(post_.id, 600);
  Blog other = NewBlog("b.example");
  Post foreign = NewPost(other.id, "foreign", 1000);
  Comment elsewhere = Make(foreign.id, 150);
  elsewhere.blog_id = other.id;
  Must(store_->CreateComment(elsewhere));

  CommentQuery q;  // default: published comments of the blog, oldest first
  q.blog_id = blog_.id;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{a.id, b.id, c.id}));
  EXPECT_EQ(Must(store_->CountComments(q)), 3);

  q.post_id = post_.id;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{a.id, c.id}));
  EXPECT_EQ(Must(store_->CountComments(q)), 2);

  q.statuses = {};  // any status
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{a.id, pending.id, deleted.id, c.id}));

  q = AllOf(blog_.id);
  q.statuses = {CommentStatus::kPending, CommentStatus::kSpam};
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{pending.id, spam.id}));
  EXPECT_EQ(Must(store_->CountComments(q)), 2);

  q = AllOf(blog_.id);
  q.newest_first = true;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))),
            (Ids{c.id, deleted.id, spam.id, pending.id, b.id, a.id}));
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{deleted.id, spam.id}));
  EXPECT_EQ(Must(store_->CountComments(q)), 6);  // limit and offset do not count

  q = AllOf(blog_.id);
  q.published_before = At(400);
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{a.id, b.id, pending.id}));
  EXPECT_EQ(Must(store_->CountComments(q)), 3);
  q.newest_first = true;
  q.limit = 1;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{pending.id}));
}

TEST_P(CommentsTest, CommentsAtTheSameTimeAreOrderedById) {
  Comment x = Add(post_.id, 100);
  Comment y = Add(post_.id, 100);
  Ids oldest_first = Sorted({x.id, y.id});
  CommentQuery q;
  q.blog_id = blog_.id;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), oldest_first);
  q.newest_first = true;
  EXPECT_EQ(IdsOf(Must(store_->ListComments(q))), (Ids{oldest_first[1], oldest_first[0]}));
}

// --- counts and stamps ----------------------------------------------------------------------

TEST_P(CommentsTest, PostCountFollowsPublishedCommentsThroughEveryWrite) {
  Comment a = Add(post_.id, 100);
  EXPECT_EQ(CountOnPost(post_.id), 1);
  Comment held = Add(post_.id, 200, CommentStatus::kPending);
  EXPECT_EQ(CountOnPost(post_.id), 1);
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, held.id, CommentStatus::kPublished, SpamTraining::kNone, {})
          .ok());
  EXPECT_EQ(CountOnPost(post_.id), 2);
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, a.id, CommentStatus::kSpam, SpamTraining::kNone, {}).ok());
  EXPECT_EQ(CountOnPost(post_.id), 1);
  // Listings and lookups by path carry the same count.
  EXPECT_EQ(Must(store_->ListPosts(QueryOf(blog_.id))).at(0).comment_count, 1);
  EXPECT_EQ(Must(store_->GetPostByPath(blog_.id, post_.path)).comment_count, 1);

  // Updating the post leaves its count alone, whatever the Post value says.
  Post edited = Must(store_->GetPost(blog_.id, post_.id));
  edited.title = "Edited";
  edited.comment_count = 99;
  ASSERT_TRUE(store_->UpdatePost(edited).ok());
  EXPECT_EQ(CountOnPost(post_.id), 1);

  EXPECT_EQ(Must(store_->PurgeComments(CommentStatus::kSpam, At(1000))), 1);
  EXPECT_EQ(CountOnPost(post_.id), 1);
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, held.id, CommentStatus::kDeleted, SpamTraining::kNone, {})
          .ok());
  EXPECT_EQ(CountOnPost(post_.id), 0);
}

TEST_P(CommentsTest, BacklinksAreNotCountedAsComments) {
  Add(post_.id, 100);
  Comment pingback = Make(post_.id, 200);
  pingback.kind = CommentKind::kPingback;
  pingback = Must(store_->CreateComment(pingback));
  EXPECT_EQ(CountOnPost(post_.id), 1);
  // A recount (any moderation) leaves them out too.
  ASSERT_TRUE(store_
                  ->ModerateComment(blog_.id, pingback.id, CommentStatus::kPublished,
                                    SpamTraining::kNone, {})
                  .ok());
  EXPECT_EQ(CountOnPost(post_.id), 1);
}

TEST_P(CommentsTest, DeletingAPostRemovesItsComments) {
  Post second = NewPost(blog_.id, "second", 2000);
  Comment gone = Add(post_.id, 100);
  Add(post_.id, 200, CommentStatus::kSpam);
  Comment kept = Add(second.id, 300);
  ASSERT_TRUE(store_->DeletePost(blog_.id, post_.id).ok());
  EXPECT_TRUE(store_->GetComment(blog_.id, gone.id).status().IsNotFound());
  EXPECT_EQ(IdsOf(Must(store_->ListComments(AllOf(blog_.id)))), (Ids{kept.id}));
  CommentScreeningQuery q;
  q.blog_id = blog_.id;
  q.post_id = post_.id;
  q.digest = gone.body_digest;
  EXPECT_FALSE(Must(store_->ScreenComment(q)).post.has_value());
}

TEST_P(CommentsTest, CommentWritesMoveCommentSeqButNotGeneration) {
  Blog start = Must(store_->GetBlog(blog_.id));
  EXPECT_EQ(start.comment_seq, 0);

  Comment c = Add(post_.id, 100, CommentStatus::kPending);
  Blog after_create = Must(store_->GetBlog(blog_.id));
  EXPECT_EQ(after_create.comment_seq, 1);
  EXPECT_GT(after_create.comments_updated, Time{});
  EXPECT_EQ(after_create.generation, start.generation);
  EXPECT_EQ(after_create.updated, start.updated);

  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kSpam, SpamTraining::kSpam, {"x"})
          .ok());
  Blog after_moderate = Must(store_->GetBlog(blog_.id));
  EXPECT_EQ(after_moderate.comment_seq, 2);
  EXPECT_GE(after_moderate.comments_updated, after_create.comments_updated);
  EXPECT_EQ(after_moderate.generation, start.generation);

  EXPECT_EQ(Must(store_->PurgeComments(CommentStatus::kSpam, At(1000))), 1);
  Blog after_purge = Must(store_->GetBlog(blog_.id));
  EXPECT_EQ(after_purge.comment_seq, 3);
  EXPECT_EQ(after_purge.generation, start.generation);
  EXPECT_EQ(after_purge.updated, start.updated);

  // The blog's own writes neither read nor reset the comment fields.
  Blog settings = after_purge;
  settings.title = "Renamed";
  settings.comment_seq = 999;
  settings.comments_updated = At(5);
  ASSERT_TRUE(store_->UpdateBlog(settings).ok());
  Blog renamed = Must(store_->GetBlog(blog_.id));
  EXPECT_EQ(renamed.comment_seq, 3);
  EXPECT_EQ(renamed.comments_updated, after_purge.comments_updated);
  EXPECT_EQ(renamed.generation, start.generation + 1);
  EXPECT_EQ(Must(store_->ListBlogs()).at(0).comment_seq, 3);
}

TEST_P(CommentsTest, ModeratingToTheSameStateChangesNothing) {
  Comment c = Add(post_.id, 100);
  int64_t seq = CommentSeq();
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kPublished, SpamTraining::kNone, {})
          .ok());
  EXPECT_EQ(CommentSeq(), seq);
  EXPECT_TRUE(ChangedSince(seq).empty());
}

TEST_P(CommentsTest, PostsWithCommentsChangedSinceNamesExactlyTheTouchedPosts) {
  Post second = NewPost(blog_.id, "second", 2000);
  Post third = NewPost(blog_.id, "third", 3000);
  Blog other = NewBlog("b.example");
  Post foreign = NewPost(other.id, "foreign", 1000);
  int64_t seq0 = CommentSeq();
  EXPECT_TRUE(ChangedSince(seq0).empty());

  Add(post_.id, 100);
  Comment on_second = Add(second.id, 200, CommentStatus::kPending);
  Comment elsewhere = Make(foreign.id, 300, CommentStatus::kSpam);
  elsewhere.blog_id = other.id;
  Must(store_->CreateComment(elsewhere));
  EXPECT_EQ(ChangedSince(seq0), Sorted({post_.id, second.id}));

  int64_t seq1 = CommentSeq();
  EXPECT_TRUE(ChangedSince(seq1).empty());
  ASSERT_TRUE(store_
                  ->ModerateComment(blog_.id, on_second.id, CommentStatus::kPublished,
                                    SpamTraining::kHam, {"hello"})
                  .ok());
  EXPECT_EQ(ChangedSince(seq1), (Ids{second.id}));
  EXPECT_EQ(ChangedSince(seq0), Sorted({post_.id, second.id}));

  // A post write is not a comment write: it bumps the generation, not comment stamps.
  int64_t seq2 = CommentSeq();
  Post edited = third;
  edited.title = "Edited";
  ASSERT_TRUE(store_->UpdatePost(edited).ok());
  EXPECT_EQ(CommentSeq(), seq2);
  EXPECT_TRUE(ChangedSince(seq2).empty());

  // A purge in another blog touches nothing here.
  EXPECT_EQ(Must(store_->PurgeComments(CommentStatus::kSpam, At(1000))), 1);
  EXPECT_EQ(CommentSeq(), seq2);
  EXPECT_EQ(Must(store_->PostsWithCommentsChangedSince(other.id, 1)), (Ids{foreign.id}));
}

// --- moderation and the classifier ----------------------------------------------------------

TEST_P(CommentsTest, ModeratingAnUnknownCommentIsNotFound) {
  Comment c = Add(post_.id, 100);
  Blog other = NewBlog("b.example");
  EXPECT_TRUE(
      store_->ModerateComment(blog_.id, c.id - 1, CommentStatus::kSpam, SpamTraining::kSpam, {"x"})
          .IsNotFound());
  EXPECT_TRUE(
      store_->ModerateComment(other.id, c.id, CommentStatus::kSpam, SpamTraining::kSpam, {"x"})
          .IsNotFound());
  EXPECT_EQ(Must(store_->GetComment(blog_.id, c.id)).status, CommentStatus::kPublished);
  EXPECT_EQ(SpamOf(blog_.id, post_.id, {"x"}).spam_comments, 0);
}

TEST_P(CommentsTest, TrainingMovesTokenCountsBetweenClasses) {
  const std::vector<std::string> tokens = {"cheap", "pills", "cheap"};  // "cheap" counts once
  const std::vector<std::string> asked = {"cheap", "pills", "hello", "unseen"};
  Comment c = Add(post_.id, 100, CommentStatus::kPending);

  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kSpam, SpamTraining::kSpam, tokens)
          .ok());
  EXPECT_EQ(Must(store_->GetComment(blog_.id, c.id)).status, CommentStatus::kSpam);
  EXPECT_EQ(Must(store_->GetComment(blog_.id, c.id)).trained, SpamTraining::kSpam);
  SpamCounts counts = SpamOf(blog_.id, post_.id, asked);
  EXPECT_EQ(counts.spam_comments, 1);
  EXPECT_EQ(counts.ham_comments, 0);
  ASSERT_EQ(counts.tokens.size(), 2u);
  EXPECT_EQ(counts.tokens.at("cheap").spam, 1);
  EXPECT_EQ(counts.tokens.at("cheap").ham, 0);
  EXPECT_EQ(counts.tokens.at("pills").spam, 1);

  // The same training again learns nothing more.
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kSpam, SpamTraining::kSpam, tokens)
          .ok());
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kDeleted, SpamTraining::kSpam, tokens)
          .ok());
  counts = SpamOf(blog_.id, post_.id, asked);
  EXPECT_EQ(counts.spam_comments, 1);
  EXPECT_EQ(counts.tokens.at("cheap").spam, 1);

  // A second comment, learnt as ham, shares a token.
  Comment hello = Add(post_.id, 200, CommentStatus::kPending);
  ASSERT_TRUE(store_
                  ->ModerateComment(blog_.id, hello.id, CommentStatus::kPublished,
                                    SpamTraining::kHam, {"hello", "pills"})
                  .ok());

  // Spam -> ham: out of spam, into ham.
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kPublished, SpamTraining::kHam, tokens)
          .ok());
  counts = SpamOf(blog_.id, post_.id, asked);
  EXPECT_EQ(counts.spam_comments, 0);
  EXPECT_EQ(counts.ham_comments, 2);
  EXPECT_EQ(counts.tokens.at("cheap").spam, 0);
  EXPECT_EQ(counts.tokens.at("cheap").ham, 1);
  EXPECT_EQ(counts.tokens.at("pills").spam, 0);
  EXPECT_EQ(counts.tokens.at("pills").ham, 2);
  EXPECT_EQ(counts.tokens.at("hello").ham, 1);
  EXPECT_EQ(counts.tokens.count("unseen"), 0u);

  // Forgetting the training takes the comment out of every count.
  ASSERT_TRUE(
      store_
          ->ModerateComment(blog_.id, c.id, CommentStatus::kPublished, SpamTraining::kNone, tokens)
          .ok());
  counts = SpamOf(blog_.id, post_.id, asked);
  EXPECT_EQ(counts.ham_comments, 1);
  EXPECT_EQ(counts.tokens.count("cheap"), 0u);  // no comment of either class has it
  EXPECT_EQ(counts.tokens.at("pills").ham, 1);
}

TEST_P(CommentsTest, UntrainingTokensNeverLearntLeavesNoNegativeCounts) {
  Comment c = Add(post_.id, 100);
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kSpam, SpamTraining::kSpam, {"known"})
          .ok());
  Comment h = Add(post_.id, 150);
  ASSERT_TRUE(store_
                  ->ModerateComment(blog_.id, h.id, CommentStatus::kPublished, SpamTraining::kHam,
                                    {"shared"})
                  .ok());
  // The caller passes more tokens when forgetting than were learnt as spam.
  ASSERT_TRUE(store_
                  ->ModerateComment(blog_.id, c.id, CommentStatus::kPublished, SpamTraining::kNone,
                                    {"known", "shared", "never"})
                  .ok());
  SpamCounts counts = SpamOf(blog_.id, post_.id, {"known", "shared", "never"});
  EXPECT_EQ(counts.spam_comments, 0);
  EXPECT_EQ(counts.ham_comments, 1);
  EXPECT_EQ(counts.tokens.count("known"), 0u);
  EXPECT_EQ(counts.tokens.count("never"), 0u);
  EXPECT_EQ(counts.tokens.at("shared").spam, 0);
  EXPECT_EQ(counts.tokens.at("shared").ham, 1);

  // Another spam comment now counts from zero, not from -1.
  Comment d = Add(post_.id, 200);
  ASSERT_TRUE(store_
                  ->ModerateComment(blog_.id, d.id, CommentStatus::kSpam, SpamTraining::kSpam,
                                    {"shared", "never"})
                  .ok());
  counts = SpamOf(blog_.id, post_.id, {"shared", "never"});
  EXPECT_EQ(counts.spam_comments, 1);
  EXPECT_EQ(counts.tokens.at("shared").spam, 1);
  EXPECT_EQ(counts.tokens.at("never").spam, 1);
  EXPECT_EQ(counts.tokens.at("never").ham, 0);
}

TEST_P(CommentsTest, SpamCountsAreKeptPerBlog) {
  Blog other = NewBlog("b.example");
  Post foreign = NewPost(other.id, "foreign", 1000);
  Comment elsewhere = Make(foreign.id, 100);
  elsewhere.blog_id = other.id;
  elsewhere = Must(store_->CreateComment(elsewhere));
  ASSERT_TRUE(store_
                  ->ModerateComment(other.id, elsewhere.id, CommentStatus::kSpam,
                                    SpamTraining::kSpam, {"x"})
                  .ok());
  SpamCounts here = SpamOf(blog_.id, post_.id, {"x"});
  EXPECT_EQ(here.spam_comments, 0);
  EXPECT_TRUE(here.tokens.empty());
  EXPECT_EQ(SpamOf(other.id, foreign.id, {"x"}).tokens.at("x").spam, 1);
}

// --- purging ------------------------------------------------------------------------------------

TEST_P(CommentsTest, PurgeRemovesOldCommentsOfAStatusInEveryBlogAndKeepsReplies) {
  Comment old_spam = Add(post_.id, 100, CommentStatus::kSpam);
  Comment reply = Add(post_.id, 150, CommentStatus::kPublished, old_spam.id);
  Comment new_spam = Add(post_.id, 5000, CommentStatus::kSpam);
  Comment old_published = Add(post_.id, 50);
  Blog other = NewBlog("b.example");
  Post foreign = NewPost(other.id, "foreign", 1000);
  Comment foreign_spam = Make(foreign.id, 200, CommentStatus::kSpam);
  foreign_spam.blog_id = other.id;
  foreign_spam = Must(store_->CreateComment(foreign_spam));
  int64_t seq = CommentSeq();

  EXPECT_EQ(Must(store_->PurgeComments(CommentStatus::kSpam, At(1000))), 2);
  EXPECT_TRUE(store_->GetComment(blog_.id, old_spam.id).status().IsNotFound());
  EXPECT_TRUE(store_->GetComment(other.id, foreign_spam.id).status().IsNotFound());
  EXPECT_EQ(Must(store_->GetComment(blog_.id, reply.id)).parent_id, 0);
  EXPECT_EQ(IdsOf(Must(store_->ListComments(AllOf(blog_.id)))),
            (Ids{old_published.id, reply.id, new_spam.id}));
  EXPECT_EQ(CommentSeq(), seq + 1);  // one bump per blog per purge
  EXPECT_EQ(ChangedSince(seq), (Ids{post_.id}));
  // A purge that finds nothing is no write.
  EXPECT_EQ(Must(store_->PurgeComments(CommentStatus::kSpam, At(1000))), 0);
  EXPECT_EQ(CommentSeq(), seq + 1);
}

// --- screening: the rate limit, duplicates, the parent --------------------------------------

TEST_P(CommentsTest, RateLimitCountsTheWindowOfOneBlog) {
  auto add_from = [&](int64_t blog_id, int64_t post_id, const std::string& ip, int64_t ms,
                      CommentStatus status) {
    Comment c = Make(post_id, ms, status);
    c.blog_id = blog_id;
    c.ip_hash = ip;
    Must(store_->CreateComment(c));
  };
  Blog other = NewBlog("b.example");
  Post foreign = NewPost(other.id, "foreign", 1000);
  add_from(blog_.id, post_.id, "ip-a", 100, CommentStatus::kPublished);
  add_from(blog_.id, post_.id, "ip-a", 200, CommentStatus::kSpam);
  add_from(blog_.id, post_.id, "ip-a", 300, CommentStatus::kPending);
  add_from(blog_.id, post_.id, "ip-b", 300, CommentStatus::kPublished);
  add_from(other.id, foreign.id, "ip-a", 300, CommentStatus::kPublished);
  add_from(blog_.id, post_.id, "", 300, CommentStatus::kPublished);  // imported: no IP

  EXPECT_EQ(FromIp(blog_.id, post_.id, "ip-a", At(0)), 3);
  EXPECT_EQ(FromIp(blog_.id, post_.id, "ip-a", At(200)), 2);  // at counts
  EXPECT_EQ(FromIp(blog_.id, post_.id, "ip-a", At(201)), 1);
  EXPECT_EQ(FromIp(blog_.id, post_.id, "ip-a", At(301)), 0);
  EXPECT_EQ(FromIp(blog_.id, post_.id, "ip-b", At(0)), 1);
  EXPECT_EQ(FromIp(other.id, foreign.id, "ip-a", At(0)), 1);
  EXPECT_EQ(FromIp(blog_.id, post_.id, "ip-c", At(0)), 0);
  EXPECT_EQ(FromIp(blog_.id, post_.id, "", At(0)), 0);
}

TEST_P(CommentsTest, DigestExistsForAnyStatusButDeletedOnThatPost) {
  Post second = NewPost(blog_.id, "second", 2000);
  Comment c = Make(post_.id, 100, CommentStatus::kSpam);
  c.body_digest = "same";
  c = Must(store_->CreateComment(c));
  EXPECT_TRUE(DigestExists(blog_.id, post_.id, "same"));
  EXPECT_FALSE(DigestExists(blog_.id, second.id, "same"));
  EXPECT_FALSE(DigestExists(blog_.id, post_.id, "other"));
  Blog other = NewBlog("b.example");
  CommentScreeningQuery elsewhere;
  elsewhere.blog_id = other.id;
  elsewhere.post_id = post_.id;
  elsewhere.digest = "same";
  const CommentScreening screening = Must(store_->ScreenComment(elsewhere));
  EXPECT_FALSE(screening.post.has_value());  // not the other blog's post
  EXPECT_FALSE(screening.duplicate);

  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kDeleted, SpamTraining::kNone, {})
          .ok());
  EXPECT_FALSE(DigestExists(blog_.id, post_.id, "same"));
  ASSERT_TRUE(
      store_->ModerateComment(blog_.id, c.id, CommentStatus::kPending, SpamTraining::kNone, {})
          .ok());
  EXPECT_TRUE(DigestExists(blog_.id, post_.id, "same"));
}

TEST_P(CommentsTest, ScreeningReadsThePostAndTheParentOfTheBlogOnly) {
  Comment parent = Add(post_.id, 100);
  CommentScreeningQuery q;
  q.parent_id = parent.id;
  CommentScreening screening = Screen(blog_.id, post_.id, q);
  EXPECT_EQ(screening.post->id, post_.id);
  EXPECT_EQ(screening.post->title, post_.title);
  ASSERT_TRUE(screening.parent.has_value());
  EXPECT_EQ(screening.parent->id, parent.id);
  EXPECT_EQ(screening.parent->post_id, post_.id);

  q.parent_id = parent.id + 1;  // no such comment
  EXPECT_FALSE(Screen(blog_.id, post_.id, q).parent.has_value());

  Blog other = NewBlog("b.example");
  Post foreign = NewPost(other.id, "foreign", 1000);
  q.parent_id = parent.id;  // a comment of another blog
  EXPECT_FALSE(Screen(other.id, foreign.id, q).parent.has_value());

  q.blog_id = blog_.id;
  q.post_id = post_.id + 1;  // no such post: nothing is read
  screening = Must(store_->ScreenComment(q));
  EXPECT_FALSE(screening.post.has_value());
  EXPECT_FALSE(screening.parent.has_value());
}

// --- secrets ------------------------------------------------------------------------------------

TEST_P(CommentsTest, FirstSecretCandidateIsKeptForever) {
  const std::string first("k\0\xff\x01y", 5);  // any bytes, NUL and non-UTF-8 included
  EXPECT_EQ(Must(store_->GetOrCreateSecret("form", first)), first);
  EXPECT_EQ(Must(store_->GetOrCreateSecret("form", "second")), first);
  EXPECT_EQ(Must(store_->GetOrCreateSecret("ip", "ip-key")), "ip-key");

  std::unique_ptr<Store> again = OpenAgain();  // another process or node
  EXPECT_EQ(Must(again->GetOrCreateSecret("form", "third")), first);
  EXPECT_EQ(Must(again->GetOrCreateSecret("ip", "other")), "ip-key");
  again.reset();
  store_.reset();
  store_ = OpenAgain();
  EXPECT_EQ(Must(store_->GetOrCreateSecret("form", "fourth")), first);
}

// --- blog and post settings -------------------------------------------------------------------

TEST_P(CommentsTest, BlogCommentSettingsRoundTrip) {
  EXPECT_EQ(blog_.comment_moderation, ModerationMode::kNever);
  EXPECT_EQ(blog_.moderation_days, 14);
  EXPECT_EQ(blog_.comment_depth, 2);

  Blog blog;
  blog.host = "moderated.example";
  blog.comment_moderation = ModerationMode::kAlways;
  blog.moderation_days = 30;
  blog.comment_depth = 1;
  blog.comment_seq = 77;  // read-only: ignored
  Blog created = Must(store_->CreateBlog(blog));
  EXPECT_EQ(created.comment_seq, 0);
  Blog read = Must(store_->GetBlog(created.id));
  EXPECT_EQ(read.comment_moderation, ModerationMode::kAlways);
  EXPECT_EQ(read.moderation_days, 30);
  EXPECT_EQ(read.comment_depth, 1);
  EXPECT_EQ(read.comment_seq, 0);

  read.comment_moderation = ModerationMode::kOlderPosts;
  read.moderation_days = 0;
  read.comment_depth = 5;
  ASSERT_TRUE(store_->UpdateBlog(read).ok());
  bool seen = false;
  for (const Blog& b : Must(store_->ListBlogs())) {
    if (b.id != created.id) continue;
    seen = true;
    EXPECT_EQ(b.comment_moderation, ModerationMode::kOlderPosts);
    EXPECT_EQ(b.moderation_days, 0);
    EXPECT_EQ(b.comment_depth, 5);
  }
  EXPECT_TRUE(seen);

  Blog bad = read;
  bad.comment_depth = 0;
  EXPECT_TRUE(store_->UpdateBlog(bad).IsInvalidArgument());
  bad = read;
  bad.moderation_days = -1;
  EXPECT_TRUE(store_->UpdateBlog(bad).IsInvalidArgument());
  EXPECT_EQ(Must(store_->GetBlog(created.id)).comment_depth, 5);
}

TEST_P(CommentsTest, PostCommentsModeRoundTrips) {
  EXPECT_EQ(Must(store_->GetPost(blog_.id, post_.id)).comments_mode, CommentsMode::kOpen);
  Post post;
  post.blog_id = blog_.id;
  post.status = PostStatus::kPublished;
  post.path = "/2022/01/closed.html";
  post.published = At(5000);
  post.comments_mode = CommentsMode::kClosed;
  Post created = Must(store_->CreatePost(post));
  EXPECT_EQ(created.comments_mode, CommentsMode::kClosed);
  EXPECT_EQ(Must(store_->GetPost(blog_.id, created.id)).comments_mode, CommentsMode::kClosed);

  created.comments_mode = CommentsMode::kHidden;
  ASSERT_TRUE(store_->UpdatePost(created).ok());
  EXPECT_EQ(Must(store_->GetPostByPath(blog_.id, post.path)).comments_mode, CommentsMode::kHidden);
  EXPECT_EQ(Must(store_->ListPosts(QueryOf(blog_.id))).at(0).comments_mode, CommentsMode::kHidden);
}

SAMIZDAT_ON_EVERY_STORE(CommentsTest);

}  // namespace
}  // namespace samizdat::store
