// UrlAttributesOf: a walk over gumbo's tree collecting the URL attributes' source spans.
// NormalizeUrl: percent-encoding, then Boost.URL's parser and a few host checks.
#include "text/url_attributes.h"

#include <gumbo.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <memory>

#include "core/strings.h"

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

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// RFC 3986's unreserved and sub-delims characters, and ':' '@' '/' '?' (pchar, query).
bool IsUrlChar(char c) {
  return IsAsciiAlnum(c) ||
         std::string_view("-._~!$&'()*+,;=:@/?").find(c) != std::string_view::npos;
}

// `url` with every byte RFC 3986 does not allow where it stands percent-encoded: see
// NormalizeUrl. '[' and ']' stay in the authority (an IPv6 host), the first '#' starts
// the fragment, and a '%' stays where it starts an escape.
std::string PercentEncodeForUrl(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::size_t delimiter = url.find_first_of(":/?#");
  const std::size_t after_scheme =
      (delimiter != std::string_view::npos && url[delimiter] == ':') ? delimiter + 1 : 0;
  std::size_t authority_begin = std::string_view::npos;
  std::size_t authority_end = std::string_view::npos;
  if (url.substr(after_scheme).starts_with("//")) {
    authority_begin = after_scheme + 2;
    authority_end = std::min(url.find_first_of("/?#\\", authority_begin), url.size());
  }
  std::string out;
  out.reserve(url.size() + 16);
  bool in_fragment = false;
  for (std::size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    bool keep = IsUrlChar(c);
    if (c == '[' || c == ']') keep = i >= authority_begin && i < authority_end;
    if (c == '#') {
      keep = !in_fragment;
      in_fragment = true;
    }
    if (c == '%') keep = i + 2 < url.size() && IsHexDigit(url[i + 1]) && IsHexDigit(url[i + 2]);
    if (keep) {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0x0F];
    }
  }
  return out;
}

// True if the host name `host` (decoded) is one browsers accept without an error: no
// forbidden host code point, and not ending in a number (browsers read that as an IPv4
// address, which Boost.URL found it is not).
bool IsAcceptableHostName(std::string_view host) {
  if (host.empty()) return false;
  for (char c : host) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F ||
        std::string_view("#%/:<>?@[\\]^|").find(c) != std::string_view::npos) {
      return false;
    }
  }
  std::string_view last = host;
  if (last.back() == '.') last.remove_suffix(1);
  last = last.substr(last.rfind('.') == std::string_view::npos ? 0 : last.rfind('.') + 1);
  const bool numeric = IsAsciiDigits(last) || AsciiLower(last).starts_with("0x");
  return !numeric;
}

}  // namespace

std::optional<std::string> NormalizeUrl(std::string_view url) {
  const std::string encoded = PercentEncodeForUrl(url);
  const auto parsed = boost::urls::parse_uri_reference(encoded);
  if (!parsed) return std::nullopt;
  boost::urls::url out(*parsed);
  out.normalize_scheme();
  const bool special = !out.has_scheme() || out.scheme_id() == boost::urls::scheme::http ||
                       out.scheme_id() == boost::urls::scheme::https;
  if (special && out.has_scheme() && !out.has_authority()) return std::nullopt;
  if (special && out.has_authority()) {
    switch (out.host_type()) {
      case boost::urls::host_type::name:
        if (!IsAcceptableHostName(out.host())) return std::nullopt;
        break;
      case boost::urls::host_type::ipv4:
      case boost::urls::host_type::ipv6: break;
      default: return std::nullopt;  // empty, or an IPvFuture literal browsers refuse
    }
    if (out.has_port() && !out.port().empty() &&
        (out.port().size() > 5 || ParseInteger<int>(out.port()).value_or(65536) > 65535)) {
      return std::nullopt;
    }
  }
  if (out.has_userinfo()) out.remove_userinfo();
  return std::string(out.buffer());
}

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
