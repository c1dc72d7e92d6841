// Markdown to HTML for posts written in Markdown: md4c with GitHub's dialect.
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::text {

// Renders CommonMark plus GitHub's extensions (tables, ~~strikethrough~~, task lists,
// and permissive autolinks: bare http(s):// URLs, www. addresses and e-mail addresses)
// to an HTML fragment.
//
// Raw HTML in the Markdown is passed through untouched, and link URLs are not checked:
// the result is NOT safe to serve. Run it through SanitizeHtml (text/sanitize.h) before
// it is stored or shown. Task-list checkboxes come out as <input> elements, which the
// post-body sanitizer removes (the item's text stays).
//
// Errors: InvalidArgument if md4c reports a failure (in practice only when the input is
// larger than md4c's 4 GiB limit or memory runs out).
Result<std::string> MarkdownToHtml(std::string_view markdown);

}  // namespace samizdat::text
