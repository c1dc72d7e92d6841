// Markdown to HTML for posts written in Markdown: md4c's parser in GitHub's dialect, our
// renderer (nothing the author wrote is silently lost), GitHub's footnotes.
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::text {

// Renders CommonMark plus GitHub's extensions to an HTML fragment:
//   - tables, ~~strikethrough~~, and permissive autolinks (bare http(s):// URLs, www.
//     addresses and e-mail addresses);
//   - task lists: "- [x] done" is
//     <li class="task-list-item"><input type="checkbox" disabled checked> done</li>
//     ("- [ ] todo" the same without `checked`);
//   - fenced code blocks with an info string: <pre><code class="language-INFO">;
//   - footnotes, in GitHub's syntax: "Text[^label]." with a paragraph "[^label]: The
//     note." anywhere (label: any characters but white space and ']'). The reference is
//     <sup class="footnote-ref"><a href="#fn-LABEL" id="fnref-LABEL">N</a></sup>, N
//     numbered by first reference (later references to the same note have no id). The
//     definition leaves the flow; at the end comes
//     <section class="footnotes"><ol><li id="fn-LABEL"><p>The note.
//     <a href="#fnref-LABEL" class="footnote-backref">↩</a></p></li>...</ol></section>,
//     notes never referenced last, without the link back. "[^label]" with no definition,
//     inside code, a link or an image, stays as written. A note is one paragraph; the
//     first definition of a label wins, later ones stay ordinary paragraphs.
//   - link and image URLs are kept as written (relative ones stay relative), with
//     characters outside URL syntax percent-encoded as md4c-html does.
//
// Raw HTML in the Markdown is passed through, except the tags of elements that would
// swallow the rest of the post (textarea, title, xmp, style, plaintext, noembed,
// noframes, script, noscript, select, template, object, applet, svg, math: "Use the
// <textarea> element." shows as written) and an
// <iframe> with no </iframe> after it, whose '<' is written "&lt;" so that they show as
// text. Link URLs are not checked: the result is NOT safe to serve. Run it through
// SanitizeHtml (text/sanitize.h, post policy) before it is stored or shown.
//
// A UTF-8 byte order mark at the start is skipped.
//
// Errors: InvalidArgument if md4c reports a failure (in practice only when the input is
// larger than md4c's 4 GiB limit or memory runs out).
Result<std::string> MarkdownToHtml(std::string_view markdown);

}  // namespace samizdat::text
