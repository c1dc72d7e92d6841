// FindJumpBreak: locate the first <a name="more"> with gumbo and re-sanitize what precedes
// it, so that the elements it sat inside are closed. See jump_break.h for the contract.
#include "text/jump_break.h"

#include <vector>

#include "text/html_parse.h"
#include "text/sanitize.h"

namespace samizdat::text {
namespace {

// The first element, in document order, that marks a break and was written in the input
// (gumbo also makes elements the input never wrote, which have no position in it).
const GumboElement* FirstBreak(const GumboVector& nodes) {
  // Depth-first with an explicit stack, children pushed in reverse so that they pop in
  // document order; deep nesting cannot exhaust the call stack.
  std::vector<const GumboNode*> pending;
  const auto push_children = [&pending](const GumboVector& children) {
    for (unsigned i = children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  };
  push_children(nodes);
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_A && element.tag_namespace == GUMBO_NAMESPACE_HTML &&
        element.original_tag.length > 0) {
      const GumboAttribute* name = gumbo_get_attribute(&element.attributes, "name");
      if (name != nullptr && std::string_view(name->value) == kJumpAnchor) return &element;
    }
    push_children(element.children);
  }
  return nullptr;
}

// Drops white space and empty elements (<p></p>, <div><p> </p></div>) at the end of
// `html`, a sanitized fragment: the break often stands alone in a paragraph of its own.
// Each removal takes a whole element, innermost first, so the fragment stays well-formed.
void TrimEmptyEnd(std::string& html) {
  const auto skip_space_back = [&html](std::size_t pos) {
    while (pos > 0 && internal::IsHtmlSpace(html[pos - 1])) --pos;
    return pos;
  };
  for (;;) {
    html.erase(skip_space_back(html.size()));
    // The innermost end tag of the run of end tags the fragment ends with.
    std::size_t inner = std::string::npos;
    for (std::size_t pos = html.size();;) {
      pos = skip_space_back(pos);
      if (pos == 0 || html[pos - 1] != '>') break;
      const std::size_t lt = html.rfind('<', pos - 1);
      if (lt == std::string::npos || html.compare(lt, 2, "</") != 0) break;
      inner = pos = lt;
    }
    if (inner == std::string::npos) return;
    const std::size_t name_end = html.find('>', inner);
    const std::string start = "<" + html.substr(inner + 2, name_end - inner - 2) + ">";
    const std::size_t open = skip_space_back(inner);
    if (open < start.size() || html.compare(open - start.size(), start.size(), start) != 0) {
      return;
    }
    html.erase(open - start.size(), name_end + 1 - (open - start.size()));
  }
}

}  // namespace

std::optional<JumpBreak> FindJumpBreak(std::string_view body_html) {
  // Most bodies have no break: skip parsing them. The sanitizer always writes attributes
  // double-quoted, so a stored break contains this text.
  if (body_html.find("name=\"more\"") == std::string_view::npos) return std::nullopt;
  const internal::ParsedFragment fragment(body_html);
  if (fragment.nodes() == nullptr) return std::nullopt;
  const GumboElement* mark = FirstBreak(*fragment.nodes());
  if (mark == nullptr) return std::nullopt;

  JumpBreak out;
  const std::string_view input = fragment.input();
  const auto offset = static_cast<std::size_t>(mark->original_tag.data - input.data());
  // The input up to the break's start tag, parsed again: the parser closes every element
  // left open where the input stops, as a browser does at the end of a document.
  out.before_html = SanitizeHtml(input.substr(0, offset), SanitizePolicy::kPostBody);
  TrimEmptyEnd(out.before_html);
  if (const GumboAttribute* text = gumbo_get_attribute(&mark->attributes, "data-more-text")) {
    out.custom_text = std::string(internal::TrimHtmlSpace(text->value));
  }
  return out;
}

}  // namespace samizdat::text
