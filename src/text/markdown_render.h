// Internal to the text module: one pass of md4c's parser over a Markdown document with
// our HTML renderer (raw HTML guarded, footnotes, task lists). Not for use outside
// src/text; MarkdownToHtml (text/markdown.h) runs the passes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samizdat::text::internal {

// What a pass must know of the whole document before it starts (what an earlier pass
// over the same document found).
struct MarkdownPlan {
  // Labels of footnote definitions ("[^label]:" opening a paragraph), first of each.
  std::vector<std::string> footnotes;
  // For each <iframe> start tag in the raw HTML, whether an </iframe> follows it.
  std::vector<bool> closed_iframes;
};

struct MarkdownPass {
  std::string html;
  MarkdownPlan found;  // the plan the document calls for
  // The [begin, end) offsets of the document md4c reported as text (for
  // FootnoteDefinitionsTakenAsLinks).
  std::vector<std::pair<std::size_t, std::size_t>> text_ranges;
  // The offsets of the '<' of HTML blocks that open with a swallowing element's start tag
  // (StartsWithSwallowingTag): written as text anyway, such a block would still keep the
  // Markdown after it, up to its end tag, from being read as Markdown.
  std::vector<std::size_t> swallowing_blocks;
};

// Parses `doc` with md4c in GitHub's dialect (tables, strikethrough, task lists,
// permissive autolinks) and renders it as md4c-html does, except that:
//   - raw HTML goes through RawHtmlGuard (text/markdown_raw_html.h), with
//     plan.closed_iframes; raw HTML inside an image's alt text is escaped;
//   - a paragraph opening with "[^label]:", label in plan.footnotes, is that footnote's
//     text, listed at the end (Footnotes in text/markdown_footnotes.h), and "[^label]" in
//     text outside links, images and code becomes a numbered reference;
//   - a task item is <li class="task-list-item"><input type="checkbox" disabled[ checked]>
//     followed by a space and the item's text (inside its first paragraph when loose);
//   - entities are written as the author wrote them (the browser decodes them), except in
//     URLs, where they are decoded and percent-encoded as md4c-html does.
// nullopt if md4c fails (input over 4 GiB, or out of memory).
std::optional<MarkdownPass> RenderMarkdownPass(std::string_view doc, const MarkdownPlan& plan);

}  // namespace samizdat::text::internal
