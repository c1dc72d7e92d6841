// Tests for render/comment_pages.h: comment pages of whole threads, the thread and page
// holding a comment, and which comment a permalink's time names.
#include "render/comment_pages.h"

#include <gtest/gtest.h>

#include <limits>
#include <numeric>

namespace samizdat::render {
namespace {

// [first_thread, threads, comments_before, comments] of each page.
std::vector<std::vector<int>> Shape(const std::vector<CommentPageSpan>& pages) {
  std::vector<std::vector<int>> shape;
  for (const CommentPageSpan& p : pages) {
    shape.push_back({static_cast<int>(p.first_thread), static_cast<int>(p.threads),
                     p.comments_before, p.comments});
  }
  return shape;
}

TEST(CommentPagesTest, NoCommentsMakeOneEmptyPage) {
  EXPECT_EQ(Shape(SplitCommentPages({}, 200)), (std::vector<std::vector<int>>{{0, 0, 0, 0}}));
}

TEST(CommentPagesTest, SingleCommentsFillPagesExactly) {
  const std::vector<int> sizes(450, 1);
  EXPECT_EQ(
      Shape(SplitCommentPages(sizes, 200)),
      (std::vector<std::vector<int>>{{0, 200, 0, 200}, {200, 200, 200, 200}, {400, 50, 400, 50}}));
  EXPECT_EQ(SplitCommentPages(std::vector<int>(400, 1), 200).size(), 2u);
  EXPECT_EQ(SplitCommentPages(std::vector<int>(401, 1), 200).size(), 3u);
}

TEST(CommentPagesTest, AThreadIsNeverSplitAndMovesWholeToTheNextPage) {
  // 7 + 2 fit in 10; the thread of 3 would make 12: it starts page 2.
  EXPECT_EQ(Shape(SplitCommentPages({7, 2, 3, 1}, 10)),
            (std::vector<std::vector<int>>{{0, 2, 0, 9}, {2, 2, 9, 4}}));
}

TEST(CommentPagesTest, AThreadLargerThanAPageHasAPageOfItsOwn) {
  EXPECT_EQ(Shape(SplitCommentPages({1, 25, 1}, 10)),
            (std::vector<std::vector<int>>{{0, 1, 0, 1}, {1, 1, 1, 25}, {2, 1, 26, 1}}));
}

TEST(CommentPagesTest, EveryThreadIsOnExactlyOnePageInOrder) {
  std::vector<int> sizes;
  for (int i = 0; i < 300; ++i) sizes.push_back(1 + (i * 7) % 13);
  const auto pages = SplitCommentPages(sizes, 200);
  std::size_t next = 0;
  int before = 0;
  for (const CommentPageSpan& p : pages) {
    EXPECT_EQ(p.first_thread, next);
    EXPECT_EQ(p.comments_before, before);
    EXPECT_LE(p.comments, 200);
    EXPECT_EQ(p.comments,
              std::accumulate(sizes.begin() + static_cast<std::ptrdiff_t>(next),
                              sizes.begin() + static_cast<std::ptrdiff_t>(next + p.threads), 0));
    for (std::size_t t = next; t < next + p.threads; ++t) {
      EXPECT_EQ(PageOfThread(pages, t), static_cast<int>(&p - pages.data()) + 1);
    }
    next += p.threads;
    before += p.comments;
  }
  EXPECT_EQ(next, sizes.size());
}

CommentView View(std::string id, std::vector<CommentView> replies = {}) {
  CommentView view;
  view.id = std::move(id);
  view.replies = std::move(replies);
  return view;
}

TEST(CommentPagesTest, ThreadSizesAndTheThreadHoldingADeepReply) {
  const std::vector<CommentView> threads = {
      View("1"), View("2", {View("3", {View("4")}), View("5")}), View("6")};
  EXPECT_EQ(CommentThreadSizes(threads), (std::vector<int>{1, 4, 1}));
  EXPECT_EQ(ThreadHolding(threads, "4"), 1u);
  EXPECT_EQ(ThreadHolding(threads, "6"), 2u);
  EXPECT_EQ(ThreadHolding(threads, "7"), std::nullopt);
}

Comment At(int64_t id, int64_t ms, CommentStatus status = CommentStatus::kPublished,
           CommentKind kind = CommentKind::kComment) {
  Comment c;
  c.id = id;
  c.published = FromEpochMillis(ms);
  c.status = status;
  c.kind = kind;
  return c;
}

TEST(CommentPagesTest, APermalinksTimeNamesItsCommentOrOneCutToTheMinuteBeforeIt) {
  const std::vector<Comment> comments = {
      At(1, 1'000'000), At(2, 1'060'000), At(3, 1'090'000, CommentStatus::kPending),
      At(4, 1'095'000, CommentStatus::kPublished, CommentKind::kPingback), At(5, 2'000'000)};
  EXPECT_EQ(CommentAtPermalinkTime(comments, 1'000'000), 1);
  EXPECT_EQ(CommentAtPermalinkTime(comments, 2'000'000), 5);
  // Takeout cut comment 2's time to the minute; its old link carries the milliseconds.
  EXPECT_EQ(CommentAtPermalinkTime(comments, 1'060'123), 2);
  // A held comment and a backlink are never named: the time finds the comment before.
  EXPECT_EQ(CommentAtPermalinkTime(comments, 1'090'000), 2);
  EXPECT_EQ(CommentAtPermalinkTime(comments, 1'095'000), 2);
  // Too far from any comment, or before all of them: none.
  EXPECT_EQ(CommentAtPermalinkTime(comments, 1'500'000), std::nullopt);
  EXPECT_EQ(CommentAtPermalinkTime(comments, 999'999), std::nullopt);
  EXPECT_EQ(CommentAtPermalinkTime(comments, std::numeric_limits<int64_t>::min()), std::nullopt);
}

}  // namespace
}  // namespace samizdat::render
