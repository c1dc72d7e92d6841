// The sanitizer's allowlists and attribute value checks (see sanitize_policy.h).
// This file is the one place to review what untrusted HTML may contain.
#include "text/sanitize_policy.h"

#include <algorithm>
#include <array>

namespace samizdat::text::internal {
namespace {

using K = AttrKind;

constexpr std::span<const AttrRule> kNone{};  // the element keeps no attributes

constexpr AttrRule kCiteAttrs[] = {{"cite", K::kLinkUrl}};
constexpr AttrRule kOlAttrs[] = {
    {"start", K::kInteger}, {"type", K::kListType}, {"reversed", K::kBoolean}};
constexpr AttrRule kAAttrs[] = {{"href", K::kLinkUrl}, {"title", K::kText}, {"name", K::kText}};
constexpr AttrRule kImgAttrs[] = {{"src", K::kImageUrl},
                                  {"alt", K::kText},
                                  {"title", K::kText},
                                  {"width", K::kLength},
                                  {"height", K::kLength}};
constexpr AttrRule kThAttrs[] = {
    {"colspan", K::kInteger}, {"rowspan", K::kInteger}, {"align", K::kAlign}, {"scope", K::kScope}};
constexpr AttrRule kTdAttrs[] = {
    {"colspan", K::kInteger}, {"rowspan", K::kInteger}, {"align", K::kAlign}};
constexpr AttrRule kColAttrs[] = {{"span", K::kInteger}};
constexpr AttrRule kTitleAttrs[] = {{"title", K::kText}};
constexpr AttrRule kTimeAttrs[] = {{"datetime", K::kText}};
constexpr AttrRule kCommentAAttrs[] = {{"href", K::kLinkUrl}};

constexpr ElementRule kPostBody[] = {
    {"a", kAAttrs},
    {"abbr", kTitleAttrs},
    {"b", kNone},
    {"big", kNone},
    {"blockquote", kCiteAttrs},
    {"br", kNone},
    {"caption", kNone},
    {"center", kNone},
    {"cite", kNone},
    {"code", kNone},
    {"col", kColAttrs},
    {"colgroup", kNone},
    {"dd", kNone},
    {"del", kNone},
    {"details", kNone},
    {"dfn", kNone},
    {"div", kNone},
    {"dl", kNone},
    {"dt", kNone},
    {"em", kNone},
    {"figcaption", kNone},
    {"figure", kNone},
    {"h1", kNone},
    {"h2", kNone},
    {"h3", kNone},
    {"h4", kNone},
    {"h5", kNone},
    {"h6", kNone},
    {"hr", kNone},
    {"i", kNone},
    {"img", kImgAttrs},
    {"ins", kNone},
    {"kbd", kNone},
    {"li", kNone},
    {"mark", kNone},
    {"ol", kOlAttrs},
    {"p", kNone},
    {"pre", kNone},
    {"q", kCiteAttrs},
    {"s", kNone},
    {"samp", kNone},
    {"small", kNone},
    {"span", kNone},
    {"strike", kNone},
    {"strong", kNone},
    {"sub", kNone},
    {"summary", kNone},
    {"sup", kNone},
    {"table", kNone},
    {"tbody", kNone},
    {"td", kTdAttrs},
    {"tfoot", kNone},
    {"th", kThAttrs},
    {"thead", kNone},
    {"time", kTimeAttrs},
    {"tr", kNone},
    {"tt", kNone},
    {"u", kNone},
    {"ul", kNone},
    {"var", kNone},
};

constexpr ElementRule kComment[] = {
    {"a", kCommentAAttrs},
    {"b", kNone},
    {"br", kNone},
    {"i", kNone},
};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

bool IsOneOf(std::string_view value, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return EqualsIgnoreCase(value, w); });
}

bool IsDigits(std::string_view s) {
  return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

// Removes what URL parsers ignore: leading and trailing C0 controls and spaces, and
// tabs and line breaks anywhere (WHATWG URL standard, basic URL parser).
std::string CleanUrl(std::string_view url) {
  auto ignorable_edge = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!url.empty() && ignorable_edge(url.front())) url.remove_prefix(1);
  while (!url.empty() && ignorable_edge(url.back())) url.remove_suffix(1);
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

// True if `url` (already cleaned) is relative or uses one of `schemes`. Anything before
// the first ':' that comes ahead of any '/', '?' or '#' is taken to be a scheme, even if
// it is not a well-formed one: "java\0script:" and "java script:" are refused rather
// than guessed about.
bool HasAllowedScheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
  const std::size_t end = url.find_first_of(":/?#");
  if (end == std::string_view::npos || url[end] != ':') return true;  // relative
  return IsOneOf(url.substr(0, end), schemes);
}

}  // namespace

const ElementRule* FindElementRule(SanitizePolicy policy, std::string_view tag) {
  const std::span<const ElementRule> rules = policy == SanitizePolicy::kComment
                                                 ? std::span<const ElementRule>(kComment)
                                                 : std::span<const ElementRule>(kPostBody);
  const auto it =
      std::find_if(rules.begin(), rules.end(), [&](const ElementRule& r) { return r.tag == tag; });
  return it == rules.end() ? nullptr : &*it;
}

const AttrRule* FindAttrRule(const ElementRule& element, std::string_view name) {
  const auto it = std::find_if(element.attributes.begin(), element.attributes.end(),
                               [&](const AttrRule& r) { return r.name == name; });
  return it == element.attributes.end() ? nullptr : &*it;
}

std::optional<std::string> CheckAttrValue(AttrKind kind, std::string_view value) {
  switch (kind) {
    case K::kText: return std::string(value);
    case K::kLinkUrl: {
      std::string url = CleanUrl(value);
      if (!HasAllowedScheme(url, {"http", "https", "mailto"})) return std::nullopt;
      return url;
    }
    case K::kImageUrl: {
      std::string url = CleanUrl(value);
      if (url.empty() || !HasAllowedScheme(url, {"http", "https"})) return std::nullopt;
      return url;
    }
    case K::kLength: {
      const std::string_view digits =
          (!value.empty() && value.back() == '%') ? value.substr(0, value.size() - 1) : value;
      if (!IsDigits(digits)) return std::nullopt;
      return std::string(value);
    }
    case K::kInteger: {
      const std::string_view digits =
          (!value.empty() && value.front() == '-') ? value.substr(1) : value;
      if (!IsDigits(digits)) return std::nullopt;
      return std::string(value);
    }
    case K::kListType:
      if (value != "1" && value != "a" && value != "A" && value != "i" && value != "I") {
        return std::nullopt;
      }
      return std::string(value);
    case K::kAlign:
      if (!IsOneOf(value, {"left", "center", "right", "justify", "char"})) return std::nullopt;
      return std::string(value);
    case K::kScope:
      if (!IsOneOf(value, {"row", "col", "rowgroup", "colgroup"})) return std::nullopt;
      return std::string(value);
    case K::kBoolean: return std::string();
  }
  return std::nullopt;
}

}  // namespace samizdat::text::internal
