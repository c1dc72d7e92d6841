// Internal to the text module: parsing an HTML fragment with gumbo, and the facts about
// elements that both the sanitizer and HtmlToText need. Not for use outside src/text.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>

#include "text/sanitize.h"

namespace samizdat::text::internal {

// An HTML fragment parsed as the content of a <body> element, as a browser parses
// innerHTML. Owns gumbo's tree. Before parsing, ill-formed UTF-8 is replaced by U+FFFD,
// characters HTML and XML forbid are removed (see StripControlChars) and start tags nested
// deeper than kMaxNesting are dropped (see CapNesting; added to `report` if not null), so
// parsing costs time linear in the size of `html`. Immutable after construction; safe to
// read from several threads.
class ParsedFragment {
 public:
  explicit ParsedFragment(std::string_view html, SanitizeReport* report = nullptr);

  // The parsed nodes, in document order. nullptr only if gumbo failed to allocate.
  const GumboVector* nodes() const;
  // The text gumbo parsed (the input after the replacements above); the source
  // positions in the tree (original_tag, start_pos) point into it.
  std::string_view input() const { return input_; }

 private:
  struct Destroy {
    void operator()(GumboOutput* output) const;
  };
  std::string input_;  // gumbo's tree points into this buffer
  std::unique_ptr<GumboOutput, Destroy> output_;
};

// HTML's white space: tab, line feed, form feed, carriage return and space.
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// `s` without HTML white space at either end.
inline std::string_view TrimHtmlSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The lower-case tag name of an element node ("p", "my-widget"), including names gumbo
// does not know. REQUIRES: node is an element or template node.
std::string TagName(const GumboNode& node);

// True for elements whose whole content must go along with them: scripts, styles,
// embedded documents and plug-ins, form controls that hold text, svg and math, and
// elements that only belong in <head>.
bool IsDroppedWithContent(std::string_view tag);

// True for the void elements of HTML (they have no end tag and no children).
bool IsVoidElement(std::string_view tag);

}  // namespace samizdat::text::internal
