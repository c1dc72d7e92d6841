// UrlAttributesOf: a walk over gumbo's tree collecting the URL attributes' source spans.
#include "text/url_attributes.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>

namespace samizdat::text {

namespace {

struct DestroyOutput {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

// The name of `name` in `names` (static storage), or "" for other attributes.
std::string_view UrlAttributeName(std::string_view name, std::span<const std::string_view> names) {
  for (std::string_view known : names) {
    if (known == name) return known;
  }
  return {};
}

void CollectElement(const GumboElement& element, std::string_view html,
                    std::span<const std::string_view> names, std::vector<UrlAttribute>& out) {
  if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return;
  const std::string_view tag = gumbo_normalized_tagname(element.tag);
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    const std::string_view name = UrlAttributeName(attr->name, names);
    const GumboStringPiece& original = attr->original_value;
    if (name.empty() || original.data == nullptr || original.length == 0) continue;
    // Only spans inside `html` can be rewritten; gumbo's copies point at the same text.
    if (original.data < html.data() ||
        original.data + original.length > html.data() + html.size()) {
      continue;
    }
    out.push_back({tag, name, attr->value, static_cast<size_t>(original.data - html.data()),
                   original.length});
  }
}

}  // namespace

std::vector<UrlAttribute> UrlAttributesOf(std::string_view html,
                                          std::span<const std::string_view> names) {
  std::vector<UrlAttribute> out;
  GumboOptions options = kGumboDefaultOptions;
  options.fragment_context = GUMBO_TAG_BODY;
  options.fragment_namespace = GUMBO_NAMESPACE_HTML;
  options.max_errors = 0;  // the error list is never read
  const std::unique_ptr<GumboOutput, DestroyOutput> parsed(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!parsed || !parsed->root) return out;
  // Depth first with an explicit stack: nesting depth never grows the call stack.
  std::vector<const GumboNode*> stack = {parsed->root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    CollectElement(node->v.element, html, names, out);
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i > 0; --i) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
  // Source order, each span once (a copied element repeats its original's spans).
  std::stable_sort(out.begin(), out.end(), [](const UrlAttribute& a, const UrlAttribute& b) {
    return a.offset < b.offset;
  });
  out.erase(std::unique(
                out.begin(), out.end(),
                [](const UrlAttribute& a, const UrlAttribute& b) { return a.offset == b.offset; }),
            out.end());
  return out;
}

}  // namespace samizdat::text
