// gumbo fragment parsing and element facts shared by the sanitizer and HtmlToText.
#include "text/html_parse.h"

#include <algorithm>
#include <array>

#include "text/nesting_guard.h"
#include "text/utf8.h"

namespace samizdat::text::internal {

ParsedFragment::ParsedFragment(std::string_view html, SanitizeReport* report)
    : input_(CapNesting(StripControlChars(html), kMaxNesting, report)) {
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_BODY;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  options.max_errors = 0;  // we never read gumbo's error list; don't build it
  output_.reset(gumbo_parse_with_options(&options, input_.data(), input_.size()));
}

void ParsedFragment::Destroy::operator()(GumboOutput* output) const {
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

const GumboVector* ParsedFragment::nodes() const {
  if (!output_ || !output_->root) return nullptr;
  // In fragment mode gumbo's root is a synthetic <html> whose children are the fragment.
  return &output_->root->v.element.children;
}

std::string TagName(const GumboNode& node) {
  const GumboElement& element = node.v.element;
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.data ? piece.length : 0);
  std::transform(name.begin(), name.end(), name.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return name;
}

bool IsDroppedWithContent(std::string_view tag) {
  static constexpr std::array<std::string_view, 32> kDropped = {
      "applet",   "audio",  "base",     "basefont", "canvas",   "datalist",  "embed",   "frame",
      "frameset", "head",   "iframe",   "link",     "math",     "meta",      "noembed", "noframes",
      "noscript", "object", "optgroup", "option",   "param",    "plaintext", "script",  "select",
      "source",   "style",  "svg",      "template", "textarea", "title",     "video",   "xmp",
  };
  return std::find(kDropped.begin(), kDropped.end(), tag) != kDropped.end();
}

bool IsVoidElement(std::string_view tag) {
  static constexpr std::array<std::string_view, 14> kVoid = {
      "area",  "base", "br",   "col",   "embed",  "hr",    "img",
      "input", "link", "meta", "param", "source", "track", "wbr",
  };
  return std::find(kVoid.begin(), kVoid.end(), tag) != kVoid.end();
}

}  // namespace samizdat::text::internal
