// A post's comment threads cut into pages (Blogger's ?commentPage=N): whole threads, about
// a page's worth of comments each. Pure functions, no I/O; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "render/view.h"

namespace samizdat::render {

// Comments on one page of a post: 200, as on Blogger (its threaded comments load 200 at a
// time behind "Load more..."), so that old links and readers' habits carry over; it also
// keeps a page of short comments near 100 KB of HTML.
inline constexpr int kCommentsPerPage = 200;

// One page of comments: the top-level threads [first_thread, first_thread + threads),
// `comments` comments in all (replies counted), after `comments_before` on earlier pages.
struct CommentPageSpan {
  std::size_t first_thread = 0;
  std::size_t threads = 0;
  int comments_before = 0;
  int comments = 0;
};

// Cuts threads of `thread_sizes` comments each (a top-level comment and all its replies),
// in that order, into pages of at most `per_page` comments (>= 1) without splitting a
// thread: a page ends before the thread that would take it past `per_page`, and a thread
// larger than that has a page of its own. There is always at least one page (empty when
// there are no threads).
std::vector<CommentPageSpan> SplitCommentPages(const std::vector<int>& thread_sizes, int per_page);

// The number of comments in each of `threads` (the comment and its replies, at any depth).
std::vector<int> CommentThreadSizes(const std::vector<CommentView>& threads);

// The index in `threads` of the thread holding the comment whose id is `id` (top level
// or a reply at any depth); nullopt when none does.
std::optional<std::size_t> ThreadHolding(const std::vector<CommentView>& threads,
                                         std::string_view id);

// The id of the shown comment (published, not a backlink) of `comments` that a permalink
// "?showComment=MS" names: the newest published at or less than a minute before MS, as
// Google Takeout cuts the published times it exports (which samizdat keeps) to the
// minute while Blogger's permalinks carry their milliseconds; nullopt for none.
std::optional<int64_t> CommentAtPermalinkTime(const std::vector<Comment>& comments, int64_t ms);

// The 1-based number of the page of `pages` that shows thread `thread`.
int PageOfThread(const std::vector<CommentPageSpan>& pages, std::size_t thread);

}  // namespace samizdat::render
