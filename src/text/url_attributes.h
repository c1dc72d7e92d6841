// The URL-bearing attributes of an HTML body and where their values are written, found by
// gumbo: what feeds resolve against a post's address and what the media import rewrites.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace samizdat::text {

// The attributes that hold one URL, on any element.
inline constexpr std::array<std::string_view, 4> kUrlAttributeNames = {"href", "src", "poster",
                                                                       "cite"};

// One attribute of those asked for.
struct UrlAttribute {
  std::string_view tag;   // the element's lower-case name ("img"); static storage
  std::string_view name;  // the attribute's name, one of those asked for; static storage
  std::string value;      // the decoded value, character references resolved
  // Where the value is written in the input: offset and length of its original text,
  // quotes included ("\"/x.png\"").
  size_t offset = 0;
  size_t length = 0;
};

// The attributes of `html` named in `names` (static storage, such as kUrlAttributeNames),
// on HTML elements (not svg or math), parsed as a browser parses a <body>'s innerHTML, in
// the order they are written, each span once (gumbo may copy an element, as it does for a
// misnested <a>, but the copy's attributes name the same source text). Attributes
// written without a value are left out. Pure and thread-safe; never fails (unparsable
// input yields what gumbo recovered, or nothing).
std::vector<UrlAttribute> UrlAttributesOf(
    std::string_view html, std::span<const std::string_view> names = kUrlAttributeNames);

}  // namespace samizdat::text
