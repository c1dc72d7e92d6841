// ParseFeedQuery: alt, callback, max-results, start-index, orderby and the time bounds.
#include "web/feed_query.h"

#include <boost/url/parse_query.hpp>

#include "core/strings.h"

namespace samizdat::web {
namespace {

bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

bool IsIdentifierPart(char c) { return IsIdentifierStart(c) || (c >= '0' && c <= '9'); }

Result<Time> ParseTimeParameter(std::string_view name, std::string value) {
  // An unencoded "+01:00" offset arrives as " 01:00": put the plus back.
  if (auto space = value.find(' ', 19); space != std::string::npos) value[space] = '+';
  auto time = ParseRfc3339(value);
  if (!time.ok()) {
    return Status::InvalidArgument(std::string(name) +
                                   " must be a time like 2022-01-15T16:18:00+01:00");
  }
  return *time;
}

}  // namespace

bool IsJavaScriptCallbackName(std::string_view name) {
  if (name.empty() || name.size() > 200) return false;
  bool at_start = true;
  for (char c : name) {
    if (c == '.') {
      if (at_start) return false;  // "a..b", ".a"
      at_start = true;
    } else if (at_start ? IsIdentifierStart(c) : IsIdentifierPart(c)) {
      at_start = false;
    } else {
      return false;
    }
  }
  return !at_start;  // not ending in '.'
}

Result<FeedQuery> ParseFeedQuery(std::string_view encoded_query) {
  auto parsed = boost::urls::parse_query(encoded_query);
  if (!parsed) return Status::InvalidArgument("the query string is malformed");
  boost::urls::encoding_opts decoding;
  decoding.space_as_plus = true;
  FeedQuery query;
  for (const auto& encoded : *parsed) {
    const std::string key = encoded.key.decode(decoding);
    const std::string value = encoded.has_value ? encoded.value.decode(decoding) : std::string();
    if (key == "alt") {
      if (value == "atom") {
        query.format = FeedFormat::kAtom;
      } else if (value == "rss") {
        query.format = FeedFormat::kRss;
      } else if (value == "json") {
        query.format = FeedFormat::kJson;
      } else if (value == "json-in-script") {
        query.format = FeedFormat::kJsonInScript;
      } else {
        return Status::InvalidArgument("alt must be atom, rss, json or json-in-script");
      }
    } else if (key == "callback") {
      if (!IsJavaScriptCallbackName(value)) {
        return Status::InvalidArgument(
            "callback must be a JavaScript name such as gdata.io.handleScriptLoaded");
      }
      query.callback = value;
    } else if (key == "max-results") {
      auto n = ParseInteger(value);
      if (!n || *n < 1 || *n > kFeedMaxResults) {
        return Status::InvalidArgument("max-results must be a whole number from 1 to " +
                                       std::to_string(kFeedMaxResults));
      }
      query.max_results = *n;
    } else if (key == "start-index") {
      auto n = ParseInteger(value);
      if (!n || *n < 1) return Status::InvalidArgument("start-index must be a whole number from 1");
      query.start_index = *n;
    } else if (key == "orderby") {
      if (value == "updated" || value == "lastmodified") {
        query.order_by_updated = true;
      } else if (value == "published") {
        query.order_by_updated = false;
      } else {
        return Status::InvalidArgument("orderby must be published or updated");
      }
    } else if (key == "published-min" || key == "published-max" || key == "updated-min" ||
               key == "updated-max") {
      auto time = ParseTimeParameter(key, value);
      if (!time.ok()) return time.status();
      if (key == "published-min") query.published_min = *time;
      if (key == "published-max") query.published_max = *time;
      if (key == "updated-min") query.updated_min = *time;
      if (key == "updated-max") query.updated_max = *time;
    }
  }
  std::string& k = query.cache_key_suffix;
  k = "?a=" + std::to_string(static_cast<int>(query.format));
  if (query.format == FeedFormat::kJsonInScript) k += "&c=" + query.callback;
  k += "&n=" + std::to_string(query.max_results) + "&s=" + std::to_string(query.start_index);
  if (query.order_by_updated) k += "&u";
  auto bound = [&k](const char* name, const std::optional<Time>& t) {
    if (t) k += std::string("&") + name + "=" + std::to_string(ToEpochMillis(*t));
  };
  bound("pmin", query.published_min);
  bound("pmax", query.published_max);
  bound("umin", query.updated_min);
  bound("umax", query.updated_max);
  return query;
}

}  // namespace samizdat::web
