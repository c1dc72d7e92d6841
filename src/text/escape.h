// Escaping for the places text leaves the program: HTML, URL path segments, XML.
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::text {

// Escapes the five characters that matter in HTML text and quoted attribute values:
// & < > " ' become &amp; &lt; &gt; &quot; &#39;. Everything else is copied as is.
std::string EscapeHtml(std::string_view s);

// Percent-encodes `s` as RFC 3986 does: the unreserved characters A-Z a-z 0-9 - . _ ~
// are kept, every other byte becomes %XX in upper-case hex (a space is %20, never '+').
// UTF-8 text is encoded byte by byte. Used for label URLs, /search/label/NAME.
std::string PercentEncode(std::string_view s);

// Removes the characters XML 1.0 forbids: the C0 controls other than tab, line feed and
// carriage return, and the non-characters U+FFFE and U+FFFF. Ill-formed UTF-8 is
// replaced by U+FFFD, so the result is always safe to put in an XML document.
std::string StripXmlForbiddenChars(std::string_view s);

}  // namespace samizdat::text
