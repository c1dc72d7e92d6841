// NormalizeHtml: gumbo's parse of a fragment, written back in one canonical form.
#include "html_normalize.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <utility>
#include <vector>

namespace samizdat::text::testing {
namespace {

void AppendEscaped(std::string_view text, bool attribute, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      default: out += c;
    }
  }
}

std::string TagName(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data, piece.length);
  std::transform(name.begin(), name.end(), name.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return name;
}

bool IsVoid(std::string_view tag) {
  static constexpr std::string_view kVoid[] = {"area",  "base",   "br",    "col",  "embed",
                                               "hr",    "img",    "input", "link", "meta",
                                               "param", "source", "track", "wbr"};
  return std::find(std::begin(kVoid), std::end(kVoid), tag) != std::end(kVoid);
}

void Serialize(const GumboNode& node, std::string& out) {
  switch (node.type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA: AppendEscaped(node.v.text.text, false, out); return;
    case GUMBO_NODE_COMMENT:
      out += "<!--";
      out += node.v.text.text;
      out += "-->";
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: break;
    default: return;
  }
  const GumboElement& element = node.v.element;
  const std::string tag = TagName(element);
  std::vector<std::pair<std::string, std::string>> attributes;
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    attributes.emplace_back(attribute->name, attribute->value);
  }
  std::sort(attributes.begin(), attributes.end());
  out += '<' + tag;
  for (const auto& [name, value] : attributes) {
    out += ' ' + name + "=\"";
    AppendEscaped(value, true, out);
    out += '"';
  }
  out += '>';
  if (IsVoid(tag)) return;
  for (unsigned i = 0; i < element.children.length; ++i) {
    Serialize(*static_cast<const GumboNode*>(element.children.data[i]), out);
  }
  out += "</" + tag + '>';
}

}  // namespace

std::string NormalizeHtml(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_BODY;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  const std::string input(html);
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&options, input.data(), input.size()),
      [](GumboOutput* parsed) { gumbo_destroy_output(&kGumboDefaultOptions, parsed); });
  std::string serialized;
  // In fragment mode gumbo's root is a synthetic <html> whose children are the fragment.
  const GumboVector& nodes = output->root->v.element.children;
  for (unsigned i = 0; i < nodes.length; ++i) {
    Serialize(*static_cast<const GumboNode*>(nodes.data[i]), serialized);
  }
  static const std::regex kBlockTag(
      R"(\s*(</?(?:li|ul|ol|p|h[1-6]|blockquote|pre|hr|table|thead|tbody|tr|td|th|div)\b[^>]*>)\s*)");
  static const std::regex kLineBreak(R"(\s*\n\s*)");
  std::string normalized = std::regex_replace(serialized, kBlockTag, "$1");
  normalized = std::regex_replace(normalized, kLineBreak, "\n");
  const std::size_t begin = normalized.find_first_not_of(" \t\n\r\f");
  if (begin == std::string::npos) return "";
  return normalized.substr(begin, normalized.find_last_not_of(" \t\n\r\f") + 1 - begin);
}

}  // namespace samizdat::text::testing
