// Internal to the text module: raw HTML in Markdown, with the tags of elements that would
// swallow the rest of the post written as text. Not for use outside src/text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace samizdat::text::internal {

// Copies the raw HTML of one Markdown document (its HTML blocks and inline tags, in
// document order, in as many pieces as md4c gives) to the output, writing the '<' of
// every start or end tag of textarea, title, xmp, style, plaintext, noembed, noframes,
// script and noscript as "&lt;" (a browser would read everything after such a tag, up to
// its end tag or to the end of the page, as the element's text), and of select,
// template, object, applet, svg and math (unclosed, they hold the rest of the post); the
// sanitizer removes all of these elements with their content. The tag then shows as the
// author typed it.
//
// <iframe> (an embed pasted into the post) is copied as it is when a </iframe> follows it
// in the document's raw HTML; otherwise it is written as text as well, and so is an
// </iframe> that closes no kept <iframe>. Which iframes are closed is known only after a
// first pass over the whole document: see iframe_tags() and ClosedIframes().
//
// A tag split across two Append calls is not recognised: give each HTML block, and each
// run of inline raw HTML, in one call.
//
// Not thread-safe; one instance per rendering of one document.
class RawHtmlGuard {
 public:
  // `closed_iframes[i]`: whether the document's i-th <iframe> start tag is followed by an
  // </iframe> (ClosedIframes() of a previous pass). Empty: write every iframe as text.
  explicit RawHtmlGuard(std::vector<bool> closed_iframes);

  // Appends `html` to `out`, as described above.
  void Append(std::string_view html, std::string& out);

  // The iframe tags met so far, in order: true for a start tag, false for an end tag.
  const std::vector<bool>& iframe_tags() const { return iframe_tags_; }

 private:
  std::vector<bool> closed_iframes_;
  std::vector<bool> iframe_tags_;
  std::size_t iframe_starts_ = 0;
  bool iframe_open_ = false;  // a kept <iframe> waits for its </iframe>
};

// True if `html` begins with a start tag of one of the elements above that RawHtmlGuard
// always writes as text (iframe is not one). md4c reads such a line as the start of an
// HTML block, which may run to the end of the document.
bool StartsWithSwallowingTag(std::string_view html);

// From RawHtmlGuard::iframe_tags(): for each start tag, whether an end tag comes after it.
std::vector<bool> ClosedIframes(const std::vector<bool>& iframe_tags);

}  // namespace samizdat::text::internal
