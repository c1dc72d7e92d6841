// Internal to the text module: the safe subset of an inline style attribute, through
// MyCSS's declaration parser (Debian's libmodest). Not for use outside src/text.
#pragma once

#include <string>
#include <string_view>

#include "text/sanitize.h"

namespace samizdat::text::internal {

// Parses `style` (the decoded value of a style attribute) as a CSS declaration list and
// returns the declarations that are kept, re-serialized by MyCSS and joined by "; "
// ("text-align: center; clear: both"), or "" if none is. Kept are only the properties
//   text-align float clear width height max-width color background-color font-style
//   font-weight text-decoration margin(-top/-right/-bottom/-left)
//   padding(-top/-right/-bottom/-left) border(-top/-right/-bottom/-left)
//   border-width border-style border-color
// with a value MyCSS understands (a value it cannot parse serializes empty), never one
// that mentions url( or expression. Each declaration dropped adds a line to `report` (if
// not null): "style property position", "style value url(…)", "style value
// expression(…)", "style value of width". Properties MyCSS does not know (behavior,
// -moz-binding...) are dropped by MyCSS itself and not reported.
// Thread-safe: every call uses MyCSS objects of its own. If MyCSS cannot allocate its
// parser, nothing is kept.
std::string FilterStyle(std::string_view style, SanitizeReport* report);

}  // namespace samizdat::text::internal
