// Internal to the text module: the nesting cap applied to HTML before gumbo parses it,
// because gumbo's tree construction costs time (and memory) quadratic in the depth of the
// tree. Not for use outside src/text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "text/sanitize.h"

namespace samizdat::text::internal {

// The deepest nesting of elements a parsed fragment can have (give or take the formatting
// elements a browser re-opens). Real posts nest a few dozen deep at most.
inline constexpr std::size_t kMaxNesting = 256;

// How many unclosed formatting elements CapNesting lets be open at once (three identical
// ones, same name and attributes, count as the parser's "Noah's Ark" clause counts them).
inline constexpr std::size_t kMaxReopenable = 8;

// True for the formatting elements (a, b, big, code, em, font, i, nobr, s, small, strike,
// strong, tt, u): those the parser re-opens after an implied end.
bool IsFormattingElement(std::string_view tag);

// Returns `html` with every start tag removed that would open an element nested deeper
// than `max_depth`, together with the end tag that matches it, and every formatting
// element (<b>, <a>, <font>...) start tag that would make more than 8 of them unclosed
// at once. Each removed start tag adds "nesting deeper than <max_depth>" (or "more than
// 8 unclosed formatting elements") to `report` if not null. Everything else,
// text, comments, attributes and all other tags, is copied byte for byte, so input that
// never nests that deep comes back unchanged.
//
// This is a depth guard, not an HTML parser. It splits the input into tags the way the
// HTML tokenizer does (comments, quoted attribute values, raw-text elements such as
// <script> and <textarea> skipped to their end tag) and keeps a rough model of the
// stack of open elements: void elements never open; a <p>, <li>, <dt>, <dd>, <tr>, <td>,
// <th> or <option> start tag closes its open predecessor as HTML does; an end tag closes
// its element and what is open inside it if no table boundary lies between; formatting
// elements (<b>, <a>, <font>...) closed that way are counted again, as the parser re-opens
// them (the parser re-opens all unclosed ones at every implied end, hence their own
// cap). The model errs towards counting too deep, never far too shallow, so gumbo's tree
// stays within about twice `max_depth` and parsing stays linear in the input's size.
// Costs O(size of html) time and memory. Thread-safe (no shared state).
std::string CapNesting(std::string_view html, std::size_t max_depth, SanitizeReport* report);

}  // namespace samizdat::text::internal
