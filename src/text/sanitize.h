// The one HTML sanitizer: every piece of untrusted HTML (post bodies, imported posts,
// comments) passes through SanitizeHtml before it is stored or served.
// All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"  // IsValidUtf8, part of this header's contract

namespace samizdat::text {

enum class SanitizePolicy {
  // Post and page bodies: text formatting, headings, lists, tables, links, images,
  // figures, details/summary. Allowed elements and their attributes:
  //   p br hr h1-h6 b i em strong u s strike del ins sub sup small big mark
  //   blockquote(cite) q(cite) code pre kbd samp var tt ul ol(start,type,reversed) li
  //   dl dt dd a(href,title,name) img(src,alt,title,width,height) figure figcaption
  //   table thead tbody tfoot tr th(colspan,rowspan,align,scope) td(colspan,rowspan,align)
  //   caption colgroup col(span) span div center abbr(title) cite dfn time(datetime)
  //   details summary
  kPostBody,
  // Reader comments, as Blogger allows them: b, i, a(href) and br only. Every <a> gets
  // rel="nofollow ugc"; line breaks in the text become <br>; white space around the
  // whole comment is trimmed.
  kComment,
};

// Returns `html` reduced to what `policy` allows, as a well-formed HTML fragment that
// can be embedded in a page (or, as escaped text, in an Atom feed) as it is:
//   - The input is parsed as a browser parses a <body>'s innerHTML (gumbo, HTML5), so
//     unclosed and misnested tags are resolved the way browsers resolve them.
//   - Allowed elements keep only their allowed attributes. No style, class, id or on*
//     attribute survives anywhere.
//   - URLs: href and cite accept only http:, https:, mailto: and relative URLs (including
//     "#fragment"); img src accepts only http:, https: and relative URLs. The check runs
//     on the decoded value after removing white space and control characters, and is
//     case-insensitive, so "jav&#x09;ascript:", " JAVASCRIPT:" and "java\0script:" are
//     all refused. A refused href/cite is removed (the element stays); an <img> without
//     an acceptable src is removed.
//   - width/height must be digits, optionally followed by '%'; colspan, rowspan, span and
//     start must be integers; ol type, align and scope must be one of their keywords.
//     Attributes that fail are removed.
//   - Other elements are unwrapped: the element goes, its content stays. The exceptions
//     are removed with everything inside them: script, style, iframe, object, embed,
//     applet, noscript, noembed, noframes, template, title, textarea, select, option,
//     datalist, svg, math, head, meta, link, base, frame(set), audio, video, canvas,
//     xmp, plaintext.
//   - An allowed element is also unwrapped where a browser re-parsing the output would
//     put it somewhere else (a link inside a link, a <div> left inside a <p> once an
//     element between them was removed, table parts outside their table), so the output
//     is a fixed point: SanitizeHtml(SanitizeHtml(x, p), p) == SanitizeHtml(x, p).
//   - HTML comments and CDATA tricks are dropped; text is re-escaped (& < >), attribute
//     values are always double-quoted and escaped, every element opened is closed and
//     void elements are written as <br>, <img ...>.
//   - Ill-formed UTF-8 is replaced by U+FFFD, and characters XML 1.0 forbids (C0
//     controls other than tab/LF/CR, U+FFFE, U+FFFF) are removed, so the output is valid
//     UTF-8 that is also safe inside XML.
//
// If `report` is not null, what was taken out is added to it (see SanitizeReport).
std::string SanitizeHtml(std::string_view html, SanitizePolicy policy,
                         struct SanitizeReport* report = nullptr);

// What the sanitizer took out of one input, for the editor ("these will be removed") and
// the import summary. Kinds of removal are listed once each, in the order first met, with
// how often they occurred.
struct SanitizeReport {
  struct Removed {
    std::string what;  // for a person: "<script> element", "style property position"
    int count = 0;
  };
  std::vector<Removed> removed;

  // Adds one occurrence of `what`.
  void Add(std::string_view what);
  // Adds every entry of `other` (for an import summing up its posts).
  void Merge(const SanitizeReport& other);
  bool empty() const { return removed.empty(); }
  int Total() const;
  // "2 × <script> element, 1 × style property position"; "" when nothing was removed.
  std::string Describe() const;
};

}  // namespace samizdat::text
