// Escaping for the places text leaves the program: HTML, URL path segments, XML.
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::text {

// Escapes the five characters that matter in HTML text and quoted attribute values:
// & < > " ' become &amp; &lt; &gt; &quot; &#39;. As a last line of defence for text
// stored before it was cleaned, characters a page may not hold are removed and
// ill-formed UTF-8 becomes U+FFFD (see StripControlChars in utf8.h). Everything else is
// copied as is.
std::string EscapeHtml(std::string_view s);
// The same, appended to `out` (XML text and attribute values take the same escaping).
void AppendEscapedHtml(std::string_view s, std::string& out);

// Percent-encodes `s` as RFC 3986 does: the unreserved characters A-Z a-z 0-9 - . _ ~
// are kept, every other byte becomes %XX in upper-case hex (a space is %20, never '+').
// UTF-8 text is encoded byte by byte. Used for label URLs, /search/label/NAME.
std::string PercentEncode(std::string_view s);

}  // namespace samizdat::text
