// Makes the relative URLs of a sanitized HTML body absolute, for feeds read off-site.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::feeds {

// Returns `sanitized_html` with every href="…" and src="…" attribute value inside a tag
// rewritten: "/path" becomes base_url + "/path"; "//host/path" (protocol-relative) takes
// base_url's scheme ("https:" when base_url starts with "https:", else "http:"); any
// other value (absolute, "#frag", "mailto:", "page.html") is kept as it is.
// `sanitized_html` must be the output of text::SanitizeHtml, which writes every attribute
// as name="value" with & < > " escaped and escapes '<' in text; other input may be
// rewritten wrongly (never unsafely: only attribute values are prefixed).
// `base_url` has no trailing slash ("http://example.com"). Pure and thread-safe.
std::string AbsolutizeUrls(std::string_view sanitized_html, std::string_view base_url);

}  // namespace samizdat::feeds
