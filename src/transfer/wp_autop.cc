// WordPressParagraphs: wpautop's common cases (transfer/wp_autop.h).
#include "transfer/wp_autop.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "transfer/xml_stream.h"

namespace samizdat::transfer {
namespace {

// The block-level tags of WordPress's wpautop, and among them the containers whose
// inside is left alone (they must be closed; p, li, td and the like close themselves).
const std::unordered_set<std::string_view>& BlockTags() {
  static const std::unordered_set<std::string_view> kBlock = {
      "address", "area",    "article", "aside",  "blockquote", "caption",  "col",        "colgroup",
      "dd",      "details", "div",     "dl",     "dt",         "fieldset", "figcaption", "figure",
      "footer",  "form",    "h1",      "h2",     "h3",         "h4",       "h5",         "h6",
      "header",  "hgroup",  "hr",      "legend", "li",         "map",      "math",       "menu",
      "nav",     "ol",      "p",       "pre",    "section",    "style",    "summary",    "table",
      "tbody",   "td",      "tfoot",   "th",     "thead",      "tr",       "ul"};
  return kBlock;
}

bool IsContainer(std::string_view tag) {
  static const std::unordered_set<std::string_view> kContainers = {
      "address",  "article", "aside",   "blockquote", "details", "div",  "dl",
      "fieldset", "figure",  "footer",  "form",       "h1",      "h2",   "h3",
      "h4",       "h5",      "h6",      "header",     "math",    "menu", "nav",
      "ol",       "pre",     "section", "style",      "table",   "ul"};
  return kContainers.contains(tag);
}

// The block tags of one chunk of HTML, in order, as (lower-case name, is end tag).
std::vector<std::pair<std::string, bool>> BlockTagsIn(std::string_view html) {
  std::vector<std::pair<std::string, bool>> tags;
  for (size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    size_t j = i + 1;
    const bool end = j < html.size() && html[j] == '/';
    if (end) ++j;
    size_t k = j;
    while (k < html.size() && std::isalnum(static_cast<unsigned char>(html[k]))) ++k;
    if (k == j || k - j > 10) continue;
    if (k < html.size() && html[k] != '>' && html[k] != '/' &&
        !std::isspace(static_cast<unsigned char>(html[k]))) {
      continue;
    }
    std::string name = AsciiLower(html.substr(j, k - j));
    if (BlockTags().contains(name)) tags.emplace_back(std::move(name), end);
  }
  return tags;
}

// True when body[i] == '<' opens a tag (or a comment): a letter, '/' or '!' follows.
bool OpensTag(std::string_view body, size_t i) {
  if (i + 1 >= body.size()) return false;
  const unsigned char next = static_cast<unsigned char>(body[i + 1]);
  return std::isalpha(next) || next == '/' || next == '!';
}

// Where the run of spaces, tabs and carriage returns from `i` ends.
size_t SkipBlanks(std::string_view body, size_t i) {
  while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r')) ++i;
  return i;
}

// The next '<' or '\n' from `i`, or npos. (find_first_of calls memchr per character.)
size_t FindMarkupOrNewline(std::string_view body, size_t i) {
  for (; i < body.size(); ++i) {
    if (body[i] == '<' || body[i] == '\n') return i;
  }
  return std::string_view::npos;
}

// Splits at blank lines that are outside tags.
std::vector<std::string_view> Chunks(std::string_view body) {
  std::vector<std::string_view> chunks;
  size_t start = 0;
  size_t i = FindMarkupOrNewline(body, 0);
  while (i != std::string_view::npos) {
    if (body[i] == '<') {
      i = OpensTag(body, i) ? body.find('>', i) : i;
      if (i == std::string_view::npos) break;
    } else if (const size_t next = SkipBlanks(body, i + 1);
               next < body.size() && body[next] == '\n') {
      chunks.push_back(body.substr(start, i - start));
      start = body.find_first_not_of(" \t\r\n", next);
      if (start == std::string_view::npos) return chunks;
      i = start - 1;
    }
    i = FindMarkupOrNewline(body, i + 1);
  }
  chunks.push_back(body.substr(start));
  return chunks;
}

// One chunk of text as a paragraph: single newlines outside tags become <br />.
void AppendParagraph(std::string_view chunk, std::string& out) {
  out.append("<p>");
  size_t copied = 0;
  size_t i = FindMarkupOrNewline(chunk, 0);
  while (i != std::string_view::npos) {
    if (chunk[i] == '<') {
      i = OpensTag(chunk, i) ? chunk.find('>', i) : i;
      if (i == std::string_view::npos) break;
    } else {
      size_t line_end = i;  // drop a carriage return before the newline
      if (line_end > copied && chunk[line_end - 1] == '\r') --line_end;
      out.append(chunk.substr(copied, line_end - copied)).append("<br />");
      copied = i;
    }
    i = FindMarkupOrNewline(chunk, i + 1);
  }
  out.append(chunk.substr(copied)).append("</p>\n");
}

}  // namespace

// WordPress's storage form to HTML, as its wpautop does for the common cases: the body is
// cut at blank lines; a piece with no block-level tag, outside any open container
// (pre, div, ul, table, ...), becomes a <p> with <br /> at its single newlines; every
// other piece is kept as it is. So a body with no block tag at all is all paragraphs,
// and HTML laid out in blocks (the block editor's, for one) comes through unchanged.
std::string WordPressParagraphs(std::string_view stored) {
  stored = TrimWhite(stored);
  if (stored.empty()) return "";
  std::string out;
  int open_containers = 0;
  for (std::string_view chunk : Chunks(stored)) {
    chunk = TrimWhite(chunk);
    if (chunk.empty()) continue;
    const auto tags = BlockTagsIn(chunk);
    if (open_containers == 0 && tags.empty()) {
      AppendParagraph(chunk, out);
    } else {
      out.append(chunk).append("\n\n");
    }
    for (const auto& [name, end] : tags) {
      if (!IsContainer(name)) continue;
      open_containers = std::max(0, open_containers + (end ? -1 : 1));
    }
  }
  while (out.ends_with('\n')) out.pop_back();
  return out;
}

}  // namespace samizdat::transfer
