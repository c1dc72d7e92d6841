// Theme: a set of Mustache templates that turns a PageView into one HTML page.
//
// A theme is a directory of files: page.mustache (the layout), sidebar.mustache (the
// sidebar, rendered on its own), the partials they include (post.mustache,
// comments.mustache, pager.mustache, and any other NAME.mustache the theme adds),
// optionally comment.mustache (one comment, rendered on its own for each comment, so
// that threads of any depth need no recursive template) and style.css, which the page
// inlines in a <style> element; optionally content-security-policy.txt (csp_additions).
// Partials ({{> name}}) are inlined when the theme is loaded and the result is parsed
// once; rendering parses nothing. The default theme (themes/default/) is compiled into
// the binary.
//
// The sidebar is rendered apart (RenderSidebar) so that a caller can keep its HTML
// across pages and hand it to Render in PageView::sidebar_html, which page.mustache
// inserts as is.
//
// What templates see is documented in themes/default/README.md: the PageView's fields
// under the same names, plus flags (is_item, is_list, has_…) so templates carry no
// logic. Values are HTML-escaped by {{name}}; the fields that hold HTML (body_html,
// snippet_html, status_message_html, sidebar_html, comments_html, replies_html,
// style_css) are meant for {{{name}}}.
//
// Thread safety: a Theme is immutable after creation; Render and RenderSidebar may be
// called from any number of threads at once. Copies share the parsed templates.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "render/view.h"

namespace samizdat::render {

class Theme {
 public:
  // The theme compiled into the binary (themes/default/). Parsed on first use.
  static Theme Default();
  // Reads the theme files from `dir`. InvalidArgument naming the file if a required
  // file is missing or unreadable, a partial is unknown (or includes itself), or a
  // template does not parse.
  static Result<Theme> FromDirectory(const std::string& dir);

  // The complete HTML page. view.sidebar_html is inserted unescaped (it should come
  // from RenderSidebar of this theme). Each comment of view.comments is rendered by
  // comment.mustache, replies first, into the page's comments_html. No I/O.
  std::string Render(const PageView& view) const;

  // The sidebar's HTML, the content of the page's <aside>: sidebar.mustache with the
  // search box refilled with `search_query` (escaped), the pages, the Blog Archive
  // with counts, the labels and About. It depends only on its arguments, so a caller
  // may keep it while the blog and the query are unchanged. No I/O.
  std::string RenderSidebar(const Sidebar& sidebar, std::string_view search_query) const;

  // The theme's content-security-policy.txt, "" when it has none: lines "DIRECTIVE
  // SOURCE..." adding sources to the public pages' Content-Security-Policy for what the
  // theme's own scripts, styles and fonts load (web/security_headers.h checks them).
  const std::string& csp_additions() const;

  struct Impl;  // opaque: the parsed templates, defined in theme.cc

 private:
  explicit Theme(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace samizdat::render
