// Makes the relative URLs of a sanitized HTML body absolute against the page the body
// belongs to (a post's or page's own URL), for feeds read off-site.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::feeds {

// `reference` (a decoded attribute value) resolved against `document_url` as RFC 3986
// §5.2 says (Boost.URL's resolve): "pics/x.jpg" on https://h/2024/05/post.html is
// https://h/2024/05/pics/x.jpg, "../x" is https://h/2024/x, "/abs" is https://h/abs,
// "#top" is https://h/2024/05/post.html#top, "//cdn.org/i" takes https:. A reference
// with a scheme ("https://…", "mailto:…") is returned as written. Leading and trailing
// ASCII white space is removed, and bytes a URL may not hold (spaces, non-ASCII) are
// percent-encoded first, as browsers do. nullopt when `reference` is still no URI
// reference (a stray '%', "[" in a path), or `document_url` is no absolute URL.
std::optional<std::string> ResolveUrl(std::string_view document_url, std::string_view reference);

// Returns `html` with the value of every href, src, poster and cite attribute (on any
// element; gumbo finds them, so text that looks like an attribute is left alone)
// replaced by ResolveUrl(document_url, value), written as name="value" with & < > " '
// escaped. Values that are already absolute or that do not resolve are kept as
// written; every other byte of `html` is kept. `html` is meant to be the output of
// text::SanitizeHtml; other input is handled the same way. Pure and thread-safe.
std::string AbsolutizeUrls(std::string_view html, std::string_view document_url);

}  // namespace samizdat::feeds
