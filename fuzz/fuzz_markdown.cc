// Fuzz target: the path of a Markdown post's body (PostService::RenderBody and SetContent):
// MarkdownToHtml, then SanitizeHtml with the post policy, then HtmlToText.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/html_text.h"
#include "text/markdown.h"
#include "text/sanitize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  auto html = samizdat::text::MarkdownToHtml(markdown);
  if (!html.ok()) return 0;
  const std::string body =
      samizdat::text::SanitizeHtml(*html, samizdat::text::SanitizePolicy::kPostBody);
  (void)samizdat::text::HtmlToText(body);
  return 0;
}
