// The query parameters of Blogger's list URLs, checked: a malformed value is an
// InvalidArgument whose message names the parameter, answered 400 by the caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace samizdat::web {

struct ListQuery {
  std::optional<Time> updated_max;  // updated-max: posts published before (or after, reversed)
  std::optional<int> max_results;   // max-results: 1..500
  bool reverse = false;             // reverse-paginate=true: the posts just newer
  std::string q;                    // q: search words, trimmed, at most 1,000 characters
  int start = 0;                    // start: search offset
  int64_t reply = 0;                // reply: the comment the item page's form replies to
  // commentPage: the page of an item page's comments shown (1-based; the page builder
  // answers 404 past the last).
  std::optional<int64_t> comment_page;
  // showComment: a comment permalink's epoch ms; the item page shows the comment page
  // holding that comment (page 1 when there is none), and the browser scrolls to its
  // #c<ID> anchor. A value that is not a number is ignored, as old links may carry any.
  std::optional<int64_t> show_comment;
  // The parameters that select what a page shows, in a fixed order: the page cache key,
  // so that ?m=1 and unknown parameters share the cached page. It leaves showComment out
  // (the page it selects is known only once the comments are read) and ends with
  // CommentPageKey(comment_page), so that commentPage=1 shares the bare URL's page.
  std::string cache_key_suffix;
};

// What a comment page adds to a page's cache key: "" for page 1, else "&cp=N".
std::string CommentPageKey(int64_t page);

inline constexpr int kMaxResultsLimit = 500;
inline constexpr std::size_t kMaxQueryLength = 1000;

// Parses the query part of a request target ("updated-max=...&max-results=7").
Result<ListQuery> ParseListQuery(std::string_view encoded_query);

}  // namespace samizdat::web
