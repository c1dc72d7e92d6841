// MarkdownToHtml: the passes of md4c's parser and our renderer (see markdown.h).
#include "text/markdown.h"

#include <md4c.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "text/markdown_footnotes.h"
#include "text/markdown_render.h"

namespace samizdat::text {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr int kEscapeRounds = 8;

// `doc` with a backslash before each of `offsets` (sorted).
std::string EscapeAt(std::string_view doc, const std::vector<std::size_t>& offsets) {
  std::string escaped;
  escaped.reserve(doc.size() + offsets.size());
  std::size_t copied = 0;
  for (std::size_t offset : offsets) {
    escaped.append(doc.substr(copied, offset - copied));
    escaped += '\\';
    copied = offset;
  }
  escaped.append(doc.substr(copied));
  return escaped;
}

Status TooLarge() { return Status::InvalidArgument("Markdown text is too large to render"); }

// md4c fails only when memory runs out.
Status Failed() { return Status::InvalidArgument("the Markdown text could not be rendered"); }

}  // namespace

Result<std::string> MarkdownToHtml(std::string_view markdown) {
  if (markdown.size() > std::numeric_limits<MD_SIZE>::max()) return TooLarge();
  if (markdown.starts_with(kUtf8Bom)) markdown.remove_prefix(kUtf8Bom.size());

  // First pass: what the document holds (footnote definitions, iframes).
  std::optional<internal::MarkdownPass> pass = internal::RenderMarkdownPass(markdown, {});
  if (!pass) return Failed();
  // Lines md4c would read wrongly are escaped with a backslash and the pass is run again:
  // "[^1]: https://example.com", which md4c takes for a link reference definition and
  // drops, becomes the footnote's paragraph; an HTML block opening with a swallowing tag
  // ("<textarea> is ..." at the start of a line), which md4c would extend to that tag's
  // end or to the end of the post, becomes Markdown text. Escaping one block may reveal
  // another inside it, hence the rounds; past the last, what remains shows as raw text.
  std::string escaped;
  for (int round = 0; round < kEscapeRounds; ++round) {
    std::vector<std::size_t> offsets =
        internal::FootnoteDefinitionsTakenAsLinks(markdown, std::move(pass->text_ranges));
    offsets.insert(offsets.end(), pass->swallowing_blocks.begin(), pass->swallowing_blocks.end());
    if (offsets.empty()) break;
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    escaped = EscapeAt(markdown, offsets);
    if (escaped.size() > std::numeric_limits<MD_SIZE>::max()) return TooLarge();
    markdown = escaped;
    pass = internal::RenderMarkdownPass(markdown, {});
    if (!pass) return Failed();
  }
  const internal::MarkdownPlan plan = std::move(pass->found);
  if (plan.footnotes.empty() && plan.closed_iframes.empty()) return std::move(pass->html);
  // Second pass, knowing the whole document.
  pass = internal::RenderMarkdownPass(markdown, plan);
  if (!pass) return Failed();
  return std::move(pass->html);
}

}  // namespace samizdat::text
