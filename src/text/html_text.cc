// HtmlToText and LinkHrefs (gumbo tree walks) and Summarize (UTF-8 aware cut), see
// html_text.h.
#include "text/html_text.h"

#include <algorithm>
#include <vector>

#include "text/html_parse.h"
#include "text/text_builder.h"
#include "text/utf8.h"

namespace samizdat::text {
namespace {

using internal::IsBlock;
using internal::IsCell;
using internal::IsTextSpace;
using internal::TextBuilder;

struct Frame {
  const GumboVector* children;
  unsigned next;
  bool block;  // ends a line when closed
  bool cell;   // ends with a space when closed
};

}  // namespace

std::string HtmlToText(std::string_view html) {
  const internal::ParsedFragment fragment(html);
  const GumboVector* nodes = fragment.nodes();
  if (nodes == nullptr) return {};

  TextBuilder text;
  std::vector<Frame> stack;
  stack.push_back({nodes, 0, false, false});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.children->length) {
      if (frame.block) text.Line();
      if (frame.cell) text.Space();
      stack.pop_back();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: text.Text(node->v.text.text); break;
      case GUMBO_NODE_ELEMENT: {
        const std::string tag = internal::TagName(*node);
        if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML ||
            internal::IsDroppedWithContent(tag)) {
          break;
        }
        const bool block = IsBlock(tag);
        const bool cell = IsCell(tag);
        if (block) text.Line();
        if (cell) text.Space();
        stack.push_back({&node->v.element.children, 0, block, cell});
        break;
      }
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_COMMENT:
      case GUMBO_NODE_TEMPLATE: break;
    }
  }
  return text.Take();
}

std::vector<std::string> LinkHrefs(std::string_view html) {
  const internal::ParsedFragment fragment(html);
  std::vector<std::string> hrefs;
  if (fragment.nodes() == nullptr) return hrefs;

  // Depth-first, children pushed in reverse so that they pop in document order.
  std::vector<const GumboNode*> pending;
  const auto push_children = [&pending](const GumboVector& children) {
    for (unsigned i = children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  };
  push_children(*fragment.nodes());
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_A && element.tag_namespace == GUMBO_NAMESPACE_HTML) {
      if (const GumboAttribute* href = gumbo_get_attribute(&element.attributes, "href")) {
        hrefs.emplace_back(href->value);
      }
    }
    push_children(element.children);
  }
  return hrefs;
}

std::string Summarize(std::string_view text, std::size_t max_chars) {
  // Find the byte offset just past the first max_chars code points.
  std::size_t cut = 0;
  std::size_t chars = 0;
  while (cut < text.size() && chars < max_chars) {
    cut += DecodeUtf8(text, cut).length;
    ++chars;
  }
  if (cut >= text.size()) return std::string(text);

  // Back up to a word boundary unless the cut already falls on one.
  std::size_t end = cut;
  if (!IsTextSpace(text[cut])) {
    const std::size_t space = text.substr(0, cut).find_last_of(" \t\n\r\f\v");
    if (space != std::string_view::npos) end = space;
  }
  while (end > 0 && IsTextSpace(text[end - 1])) --end;
  if (end == 0) end = cut;  // only white space before the first word: cut inside it
  std::string out(text.substr(0, end));
  out += "\u2026";
  return out;
}

}  // namespace samizdat::text
