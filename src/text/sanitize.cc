// SanitizeHtml: parse with gumbo, walk the tree keeping what the policy allows, and
// serialize the result (gumbo has no serializer). See sanitize.h for the contract.
#include "text/sanitize.h"

#include <vector>

#include "text/escape.h"
#include "text/html_parse.h"
#include "text/sanitize_policy.h"

namespace samizdat::text {
namespace {

using internal::ElementRule;

// Escapes text content. In comment mode line breaks become <br>.
void AppendText(std::string_view text, SanitizePolicy policy, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n':
        out += policy == SanitizePolicy::kComment ? "<br>" : "\n";
        break;
      default: out += c;
    }
  }
}

void AppendAttribute(std::string_view name, std::string_view value, std::string& out) {
  out += ' ';
  out += name;
  out += "=\"";
  out += EscapeHtml(value);
  out += '"';
}

// Writes the start tag of an allowed element with its allowed attributes. Returns false
// (writing nothing) if the element must go with its content: an <img> without a usable
// src.
bool AppendStartTag(const GumboElement& element, const std::string& tag,
                    const ElementRule& rule, SanitizePolicy policy, std::string& out) {
  std::string attrs;
  bool has_src = false;
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    if (attr->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE) continue;
    const internal::AttrRule* attr_rule = internal::FindAttrRule(rule, attr->name);
    if (attr_rule == nullptr) continue;
    const std::optional<std::string> value = internal::CheckAttrValue(attr_rule->kind, attr->value);
    if (!value) continue;
    if (attr_rule->name == "src") has_src = true;
    AppendAttribute(attr_rule->name, *value, attrs);
  }
  if (tag == "img" && !has_src) return false;
  if (tag == "a" && policy == SanitizePolicy::kComment) {
    AppendAttribute("rel", "nofollow ugc", attrs);
  }
  out += '<';
  out += tag;
  out += attrs;
  out += '>';
  return true;
}

// True if the first child of `element` is text that starts with a line feed. The HTML
// parser drops one line feed right after <pre>, so such a child needs one more.
bool StartsWithNewline(const GumboElement& element) {
  if (element.children.length == 0) return false;
  const auto* first = static_cast<const GumboNode*>(element.children.data[0]);
  return (first->type == GUMBO_NODE_TEXT || first->type == GUMBO_NODE_WHITESPACE) &&
         first->v.text.text[0] == '\n';
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// One element being written. The walk uses an explicit stack so that deeply nested
// input cannot exhaust the call stack.
struct Frame {
  const GumboVector* children;
  unsigned next;
  std::string end_tag;  // empty when the element was unwrapped
};

}  // namespace

std::string SanitizeHtml(std::string_view html, SanitizePolicy policy) {
  if (policy == SanitizePolicy::kComment) html = Trim(html);
  const internal::ParsedFragment fragment(html);
  const GumboVector* nodes = fragment.nodes();
  if (nodes == nullptr) return {};

  std::string out;
  out.reserve(html.size());
  std::vector<Frame> stack;
  stack.push_back({nodes, 0, {}});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.children->length) {
      if (!frame.end_tag.empty()) out += "</" + frame.end_tag + ">";
      stack.pop_back();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        AppendText(node->v.text.text, policy, out);
        break;
      case GUMBO_NODE_ELEMENT: {
        const GumboElement& element = node->v.element;
        const std::string tag = internal::TagName(*node);
        if (element.tag_namespace != GUMBO_NAMESPACE_HTML ||
            internal::IsDroppedWithContent(tag)) {
          break;
        }
        std::string end_tag;
        if (const ElementRule* rule = internal::FindElementRule(policy, tag)) {
          if (!AppendStartTag(element, tag, *rule, policy, out)) break;
          if (internal::IsVoidElement(tag)) break;
          if (tag == "pre" && StartsWithNewline(element)) out += '\n';
          end_tag = tag;
        }
        stack.push_back({&element.children, 0, std::move(end_tag)});
        break;
      }
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_COMMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
    }
  }
  return StripXmlForbiddenChars(out);
}

}  // namespace samizdat::text
