// The query parameters of Blogger's feed URLs (GData), checked: a malformed value is an
// InvalidArgument whose message names the parameter, answered 400 by the caller.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace samizdat::web {

enum class FeedFormat { kAtom, kRss, kJson, kJsonInScript };

struct FeedQuery {
  FeedFormat format = FeedFormat::kAtom;                 // alt
  std::string callback = "gdata.io.handleScriptLoaded";  // alt=json-in-script
  int max_results = 25;                                  // 1..500
  int start_index = 1;                                   // 1-based
  bool order_by_updated = false;                         // orderby=updated
  std::optional<Time> published_min, published_max;      // RFC 3339
  std::optional<Time> updated_min, updated_max;          // applied with orderby=updated only
  // The parameters that select the bytes, in a fixed order: the cache key.
  std::string cache_key_suffix;
};

inline constexpr int kFeedDefaultResults = 25;
inline constexpr int kFeedMaxResults = 500;

// Parses the query part of a feed URL ("alt=rss&max-results=5").
Result<FeedQuery> ParseFeedQuery(std::string_view encoded_query);

// True for a JavaScript identifier path such as "gdata.io.handleScriptLoaded" or "cb_1$".
bool IsJavaScriptCallbackName(std::string_view name);

}  // namespace samizdat::web
