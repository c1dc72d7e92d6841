// UTF-8 validation, repair and code point helpers shared by the text module.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace samizdat::text {

// True if `s` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences.
bool IsValidUtf8(std::string_view s);

// Returns `s` with every ill-formed sequence replaced by U+FFFD (one per maximal
// ill-formed subpart, as the Unicode standard recommends). Valid input is returned as is.
std::string ToValidUtf8(std::string_view s);

// The result of decoding one code point at the front of a byte string.
struct Utf8Char {
  char32_t code_point;  // U+FFFD when !valid
  std::size_t length;   // bytes consumed, at least 1 (for a non-empty input)
  bool valid;
};

// Decodes the code point that starts at s[pos]. REQUIRES: pos < s.size().
Utf8Char DecodeUtf8(std::string_view s, std::size_t pos);

// Appends the UTF-8 encoding of `cp` (which must be a Unicode scalar value) to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// True for the code points HTML5 forbids in text and attribute values ("control
// characters" and "noncharacters") and XML 1.0 forbids or discourages: the C0 controls
// other than tab, line feed and carriage return (form feed too, which XML forbids),
// U+007F-U+009F, and the noncharacters U+FDD0-U+FDEF and U+xxFFFE-U+xxFFFF.
bool IsForbiddenInText(char32_t cp);

// Returns `s` as text fit for an HTML page and an XML document: ill-formed UTF-8 is
// replaced by U+FFFD and every character IsForbiddenInText is removed. What people type
// (any letter, symbol or emoji, tab and line breaks) is kept. Text from outside (forms,
// imports, the CLI) passes through this before it is stored, and the escapers apply it
// again on the way out.
std::string StripControlChars(std::string_view s);

}  // namespace samizdat::text
