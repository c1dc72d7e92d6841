// The URL-bearing attributes of an HTML body and where their values are written, found by
// gumbo: what feeds resolve against a post's address and what the media import rewrites;
// and the one way a URL is made fit to write into such an attribute.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
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

// `url` (an attribute's decoded value, with the white space URL parsers ignore already
// removed) as a valid URL string of the HTML standard, or nullopt if it cannot be one.
// The characters a URL may not hold as they are (space, non-ASCII, " < > \ ^ ` { | },
// a second '#', '[' and ']' outside the host, a '%' not followed by two hex digits) are
// percent-encoded; the result is then parsed as an RFC 3986 URI reference by Boost.URL
// and written back from what it parsed (the scheme in lower case, credentials removed:
// "http://user:pw@host/" becomes "http://host/"). Refused: what Boost.URL does not parse
// (a malformed IPv6 host, a port that is not digits, "java script:x"), and, for http,
// https and scheme-less URLs with a host, what browsers refuse or flag as an error: no
// host ("http:x", "http:///x"), a port above 65535, a host name holding a space or
// one of # % / : < > ? @ [ \ ] ^ | once decoded, a host name ending in a number that is
// not a dotted-decimal IPv4 address ("1.2.3.4444"). The scheme is not checked against any
// list; callers do that. Pure and thread-safe.
std::optional<std::string> NormalizeUrl(std::string_view url);

}  // namespace samizdat::text
