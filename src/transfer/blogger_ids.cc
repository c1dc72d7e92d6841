// Blogger's Atom ids, taken apart.
#include "transfer/blogger_ids.h"

#include <algorithm>

namespace samizdat::transfer {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<std::string> BlogIdOf(std::string_view id) {
  const auto at = id.find("blog-");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = id.substr(at + 5);
  rest = rest.substr(0, rest.find('.'));
  if (!AllDigits(rest)) return std::nullopt;
  return std::string(rest);
}

std::optional<std::string> ItemIdOf(std::string_view id) {
  if (AllDigits(id)) return std::string(id);
  const auto dash = id.rfind('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const std::string_view number = id.substr(dash + 1);
  const std::string_view head = id.substr(0, dash);
  if (!AllDigits(number)) return std::nullopt;
  if (!EndsWith(head, "post") && !EndsWith(head, "page") && !EndsWith(head, "comment")) {
    return std::nullopt;
  }
  return std::string(number);
}

}  // namespace samizdat::transfer
