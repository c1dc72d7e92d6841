// ParseListQuery: Blogger's paging and search parameters.
#include "web/query.h"

#include <boost/url/parse_query.hpp>

#include "core/strings.h"

namespace samizdat::web {

Result<ListQuery> ParseListQuery(std::string_view encoded_query) {
  ListQuery query;
  std::string updated_max_text, max_results_text, start_text;
  auto parsed = boost::urls::parse_query(encoded_query);
  if (!parsed) return Status::InvalidArgument("the query string is malformed");
  boost::urls::encoding_opts decoding;
  decoding.space_as_plus = true;  // form submissions (the search box) encode spaces as '+'
  for (const auto& encoded : *parsed) {
    const std::string key = encoded.key.decode(decoding);
    const std::string value = encoded.has_value ? encoded.value.decode(decoding) : std::string();
    if (key == "updated-max") {
      updated_max_text = value;
      // An unencoded "+01:00" offset arrives as " 01:00": put the plus back.
      if (auto space = updated_max_text.find(' ', 19); space != std::string::npos) {
        updated_max_text[space] = '+';
      }
      auto time = ParseRfc3339(updated_max_text);
      if (!time.ok()) {
        return Status::InvalidArgument("updated-max must be a time like 2022-01-15T16:18:00+01:00");
      }
      query.updated_max = *time;
    } else if (key == "max-results") {
      max_results_text = value;
      auto n = ParseInteger(max_results_text);
      if (!n || *n < 1 || *n > kMaxResultsLimit) {
        return Status::InvalidArgument("max-results must be a whole number from 1 to " +
                                       std::to_string(kMaxResultsLimit));
      }
      query.max_results = *n;
    } else if (key == "reverse-paginate") {
      query.reverse = value == "true";
    } else if (key == "q") {
      if (value.size() > kMaxQueryLength) {
        return Status::InvalidArgument("q (the search words) must be at most " +
                                       std::to_string(kMaxQueryLength) + " characters");
      }
      query.q = std::string(TrimBlank(value));
    } else if (key == "reply") {
      auto id = ParseInteger<int64_t>(value);
      if (!id || *id <= 0) return Status::InvalidArgument("reply must be a comment id");
      query.reply = *id;
    } else if (key == "commentPage") {
      auto page = ParseInteger<int64_t>(value);
      if (!page || *page < 1) {
        return Status::InvalidArgument("commentPage must be a page number: 1, 2, 3, ...");
      }
      query.comment_page = *page;
    } else if (key == "showComment") {
      if (auto ms = ParseInteger<int64_t>(value)) query.show_comment = *ms;
    } else if (key == "start") {
      start_text = value;
      auto n = ParseInteger(start_text);
      if (!n || *n < 0) return Status::InvalidArgument("start must be a whole number from 0");
      query.start = *n;
    }
  }
  std::string& key = query.cache_key_suffix;
  if (query.updated_max) key += "&u=" + std::to_string(ToEpochMillis(*query.updated_max));
  if (query.max_results) key += "&n=" + std::to_string(*query.max_results);
  if (query.reverse) key += "&r";
  if (!query.q.empty()) key += "&q=" + query.q;
  if (query.start) key += "&s=" + std::to_string(query.start);
  if (query.reply) key += "&reply=" + std::to_string(query.reply);
  if (query.comment_page) key += CommentPageKey(*query.comment_page);
  return query;
}

std::string CommentPageKey(int64_t page) {
  return page > 1 ? "&cp=" + std::to_string(page) : std::string();
}

}  // namespace samizdat::web
