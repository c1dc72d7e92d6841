// MarkdownToHtml: md4c's parser and md4c-html's renderer (see markdown.h).
#include "text/markdown.h"

#include <md4c-html.h>
#include <md4c.h>

#include <limits>

namespace samizdat::text {
namespace {

void AppendOutput(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

}  // namespace

Result<std::string> MarkdownToHtml(std::string_view markdown) {
  if (markdown.size() > std::numeric_limits<MD_SIZE>::max()) {
    return Status::InvalidArgument("Markdown text is too large to render");
  }
  std::string html;
  html.reserve(markdown.size() + markdown.size() / 4);
  const int rc = md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), AppendOutput,
                         &html, MD_DIALECT_GITHUB, MD_HTML_FLAG_SKIP_UTF8_BOM);
  if (rc != 0) return Status::InvalidArgument("the Markdown text could not be rendered");
  return html;
}

}  // namespace samizdat::text
