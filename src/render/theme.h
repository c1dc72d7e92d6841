// Theme: a set of Mustache templates that turns a PageView into one HTML page.
//
// A theme is a directory of files: page.mustache (the layout, the one template
// rendered), the partials it includes (post.mustache, sidebar.mustache,
// comments.mustache, pager.mustache, and any other NAME.mustache the theme adds) and
// style.css, which the page inlines in a <style> element. Partials ({{> name}}) are
// inlined when the theme is loaded and the result is parsed once; rendering parses
// nothing. The default theme (themes/default/) is compiled into the binary.
//
// What templates see is documented in themes/default/README.md: the PageView's fields
// under the same names, plus flags (is_item, is_list, has_…) so templates carry no
// logic. Values are HTML-escaped by {{name}}; the fields that hold HTML (body_html,
// snippet_html, status_message_html, style_css) are meant for {{{name}}}.
//
// Thread safety: a Theme is immutable after creation; Render may be called from any
// number of threads at once. Copies share the parsed templates.
#pragma once

#include <memory>
#include <string>

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

  // The complete HTML page. No I/O.
  std::string Render(const PageView& view) const;

  struct Impl;  // opaque: the parsed templates, defined in theme.cc

 private:
  explicit Theme(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace samizdat::render
