// Plain text and links from HTML, for the search index, feed summaries, meta
// descriptions and the comment spam checks.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace samizdat::text {

// The text a reader sees in the HTML fragment `html`:
//   - entities are decoded ("&amp;" -> "&"), tags are gone;
//   - the content of script, style, template, svg, math, head and similar elements is
//     dropped, and so are comments; image alt text is not included;
//   - block elements (p, div, headings, li, blockquote, pre, tr, ...) and <br> start a
//     new line; table cells are separated by a space;
//   - every run of white space becomes one space (one line feed where a block ends),
//     and the result has no leading or trailing white space.
// Ill-formed UTF-8 is replaced by U+FFFD.
std::string HtmlToText(std::string_view html);

// `text` shortened to at most `max_chars` code points, cut at the last word boundary
// (white space) that fits, with trailing white space removed and "…" (U+2026) appended
// when anything was cut; the ellipsis is not counted in max_chars. A first word longer
// than max_chars is cut inside the word, on a code point boundary. Text that already
// fits is returned unchanged. Never splits a UTF-8 sequence.
std::string Summarize(std::string_view text, std::size_t max_chars);

// The href of every <a> element that has one in the document a browser builds from the
// HTML fragment `html`, in document order (misnested markup can make the parser clone
// a link, which then appears twice, as in the browser). Values have entities decoded
// ("&amp;" -> "&") and are otherwise as written: not trimmed, not resolved, "" for
// href="". Links inside elements HtmlToText drops count too; <a> in svg or math, <area>
// and text that merely looks like a URL do not. Ill-formed UTF-8 becomes U+FFFD.
std::vector<std::string> LinkHrefs(std::string_view html);

}  // namespace samizdat::text
