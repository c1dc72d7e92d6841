// SplitCommentPages and its helpers: which threads each comment page shows.
#include "render/comment_pages.h"

#include <algorithm>
#include <limits>

#include "core/time.h"

namespace samizdat::render {
namespace {

// How far before a permalink's instant its comment may be stored (see
// CommentAtPermalinkTime).
constexpr int64_t kPermalinkSlackMs = 60'000;

int CountThread(const CommentView& comment) {
  int n = 1;
  for (const CommentView& reply : comment.replies) n += CountThread(reply);
  return n;
}

bool Holds(const CommentView& comment, std::string_view id) {
  if (comment.id == id) return true;
  return std::any_of(comment.replies.begin(), comment.replies.end(),
                     [&](const CommentView& reply) { return Holds(reply, id); });
}

}  // namespace

std::vector<CommentPageSpan> SplitCommentPages(const std::vector<int>& thread_sizes, int per_page) {
  per_page = std::max(per_page, 1);
  std::vector<CommentPageSpan> pages(1);
  int before = 0;
  for (std::size_t i = 0; i < thread_sizes.size(); ++i) {
    const int size = std::max(thread_sizes[i], 1);
    if (pages.back().threads > 0 && pages.back().comments + size > per_page) {
      before += pages.back().comments;
      pages.push_back(CommentPageSpan{i, 0, before, 0});
    }
    ++pages.back().threads;
    pages.back().comments += size;
  }
  return pages;
}

std::vector<int> CommentThreadSizes(const std::vector<CommentView>& threads) {
  std::vector<int> sizes;
  sizes.reserve(threads.size());
  for (const CommentView& thread : threads) sizes.push_back(CountThread(thread));
  return sizes;
}

std::optional<std::size_t> ThreadHolding(const std::vector<CommentView>& threads,
                                         std::string_view id) {
  for (std::size_t i = 0; i < threads.size(); ++i) {
    if (Holds(threads[i], id)) return i;
  }
  return std::nullopt;
}

std::optional<int64_t> CommentAtPermalinkTime(const std::vector<Comment>& comments, int64_t ms) {
  constexpr int64_t kLowest = std::numeric_limits<int64_t>::min();
  const int64_t earliest = ms < kLowest + kPermalinkSlackMs ? kLowest : ms - kPermalinkSlackMs;
  std::optional<int64_t> found;
  int64_t found_ms = 0;
  for (const Comment& c : comments) {
    if (c.status != CommentStatus::kPublished || c.kind != CommentKind::kComment) continue;
    const int64_t at = ToEpochMillis(c.published);
    if (at > ms || at < earliest) continue;
    if (!found || at >= found_ms) {
      found = c.id;
      found_ms = at;
    }
  }
  return found;
}

int PageOfThread(const std::vector<CommentPageSpan>& pages, std::size_t thread) {
  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (thread < pages[p].first_thread + pages[p].threads) return static_cast<int>(p) + 1;
  }
  return static_cast<int>(pages.size());
}

}  // namespace samizdat::render
