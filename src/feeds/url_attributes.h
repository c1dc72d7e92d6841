// Internal to src/feeds: the URL-bearing attributes of an HTML body, found by gumbo.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace samizdat::feeds::internal {

// One attribute that holds a URL (href, src, poster or cite, on any element).
struct UrlAttribute {
  std::string_view tag;   // the element's lower-case name ("img"); static storage
  std::string_view name;  // "href", "src", "poster" or "cite"; static storage
  std::string value;      // the decoded value, character references resolved
  // Where the value is written in the input: offset and length of its original text,
  // quotes included ("\"/x.png\"").
  size_t offset = 0;
  size_t length = 0;
};

// The URL attributes of `html`, parsed as a browser parses a <body>'s innerHTML, in the
// order they are written, each span once (gumbo may copy an element, as it does for a
// misnested <a>, but the copy's attributes name the same source text). Attributes
// written without a value are left out. Pure and thread-safe; never fails (unparsable
// input yields what gumbo recovered, or nothing).
std::vector<UrlAttribute> UrlAttributesOf(std::string_view html);

}  // namespace samizdat::feeds::internal
