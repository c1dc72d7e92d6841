// Test code: HTML fragments in one canonical form, so that two fragments a browser reads
// alike compare equal as strings (for the CommonMark conformance test).
#pragma once

#include <string>
#include <string_view>

namespace samizdat::text::testing {

// Parses `html` with gumbo as a <body>'s content and writes it back: attributes sorted by
// name and always double-quoted, every element closed (void elements as "<br>"), text
// with & < > escaped, comments kept; then white space next to the tags of block elements
// (p, li, ul, ol, h1-h6, blockquote, pre, hr, table parts, div) is dropped, other runs of
// white space holding a line break become one line break, and the ends are trimmed.
std::string NormalizeHtml(std::string_view html);

}  // namespace samizdat::text::testing
