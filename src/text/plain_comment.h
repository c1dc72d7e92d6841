// The sanitizer's fast path for a comment that is plain text (most comments): nothing
// to parse, so gumbo is skipped, with byte for byte the result of the parsing path.
// Internal to the text module (SanitizeHtml and SanitizeWithText take it).
#pragma once

#include <string>
#include <string_view>

#include "text/sanitize.h"

namespace samizdat::text::internal {

// True when `html` holds neither '<' nor '&': no tag, comment or character reference,
// so an HTML parser reads it as text alone (its only changes: CR LF and a lone CR become
// a line feed).
bool IsPlainText(std::string_view html);

// REQUIRES: IsPlainText(html). What SanitizeHtml(html, kComment) returns, and
// HtmlToText of that, computed from the characters: trimmed, ill-formed UTF-8 as U+FFFD,
// forbidden characters removed (StripControlChars), '>' escaped, each line break <br>.
SanitizedBody SanitizePlainComment(std::string_view html);

// SanitizeHtml through gumbo, whatever the input (the fast path's reference in tests).
// With `text` not null, also sets it to HtmlToText of the result, found in the same walk
// of the tree (the output is what a parser re-reading it builds).
std::string SanitizeParsed(std::string_view html, SanitizePolicy policy, SanitizeReport* report,
                           std::string* text);

}  // namespace samizdat::text::internal
