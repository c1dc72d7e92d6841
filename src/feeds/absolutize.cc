// AbsolutizeUrls: gumbo finds the URL attributes, Boost.URL resolves them (RFC 3986).
#include "feeds/absolutize.h"

#include <boost/url/encode.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/gen_delim_chars.hpp>
#include <boost/url/rfc/sub_delim_chars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>

#include "text/escape.h"
#include "text/url_attributes.h"

namespace samizdat::feeds {

namespace {

namespace urls = boost::urls;

// What a URI reference may hold as it is: RFC 3986's unreserved and reserved (gen-delims,
// sub-delims) characters
// (and '%', which Boost.URL's encode may not be asked to keep: see KeepEncoded).
constexpr urls::grammar::lut_chars kKeptChars =
    urls::unreserved_chars + urls::gen_delim_chars + urls::sub_delim_chars;

// `s` with the bytes a URI reference may not hold percent-encoded; '%' is kept, so text
// already percent-encoded stays as written.
std::string KeepEncoded(std::string_view s) {
  std::string out;
  for (size_t start = 0;;) {
    const size_t percent = s.find('%', start);
    out += urls::encode(s.substr(start, percent - start), kKeptChars);
    if (percent == std::string_view::npos) return out;
    out += '%';
    start = percent + 1;
  }
}

// `s` without the ASCII white space HTML strips from URL attributes.
std::string_view TrimAsciiWhitespace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\f\r";
  const size_t first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

// `url` (resolved, with an authority) without the ".." segments that climb above the
// root: RFC 3986 §5.2.4 drops them ("../../x" on /a/b is /x), Boost.URL 1.81's resolve
// keeps them ("/../x").
std::string DropSegmentsAboveRoot(const urls::url& url) {
  const std::string origin(url.encoded_origin());
  std::string rest(url.buffer().substr(origin.size()));  // path, query, fragment
  while (rest.starts_with("/../")) rest.erase(0, 3);
  if (rest == "/.." || rest.starts_with("/..?") || rest.starts_with("/..#")) rest.erase(1, 2);
  return origin + rest;
}

}  // namespace

std::optional<std::string> ResolveUrl(std::string_view document_url, std::string_view reference) {
  const auto base = urls::parse_absolute_uri(document_url);
  if (!base) return std::nullopt;
  const std::string encoded = KeepEncoded(TrimAsciiWhitespace(reference));
  const auto ref = urls::parse_uri_reference(encoded);
  if (!ref) return std::nullopt;
  if (ref->has_scheme()) return std::string(reference);
  urls::url resolved;
  if (!urls::resolve(*base, *ref, resolved)) return std::nullopt;
  return DropSegmentsAboveRoot(resolved);
}

std::string AbsolutizeUrls(std::string_view html, std::string_view document_url) {
  std::string out;
  out.reserve(html.size() + 256);
  size_t copied = 0;  // html[0, copied) is in `out`
  for (const text::UrlAttribute& attr : text::UrlAttributesOf(html)) {
    const std::optional<std::string> url = ResolveUrl(document_url, attr.value);
    if (!url || *url == attr.value) continue;
    out.append(html.substr(copied, attr.offset - copied));
    out += '"';
    out += text::EscapeHtml(*url);
    out += '"';
    copied = attr.offset + attr.length;
  }
  out.append(html.substr(copied));
  return out;
}

}  // namespace samizdat::feeds
