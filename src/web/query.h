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
  // showComment (a comment permalink's epoch ms) is accepted and changes nothing: the
  // browser scrolls to the #c<ID> anchor.
  // The parameters that select what a page shows, in a fixed order: the page cache key,
  // so that ?m=1 and unknown parameters share the cached page.
  std::string cache_key_suffix;
};

inline constexpr int kMaxResultsLimit = 500;
inline constexpr std::size_t kMaxQueryLength = 1000;

// Parses the query part of a request target ("updated-max=...&max-results=7").
Result<ListQuery> ParseListQuery(std::string_view encoded_query);

}  // namespace samizdat::web
