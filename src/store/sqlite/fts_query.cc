// FtsQuery and SnippetToHtml.
#include "store/sqlite/fts_query.h"

#include "text/escape.h"

namespace samizdat::store::sqlite {
namespace {

constexpr int kMaxWords = 32;

bool IsSeparator(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == '\x7f'; }

}  // namespace

std::string FtsQuery(std::string_view text) {
  std::string query;
  int words = 0;
  size_t i = 0;
  while (i < text.size() && words < kMaxWords) {
    while (i < text.size() && IsSeparator(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !IsSeparator(text[i])) ++i;
    if (i == start) break;
    if (!query.empty()) query += ' ';
    query += '"';
    for (char c : text.substr(start, i - start)) {
      if (c == '"') query += '"';
      query += c;
    }
    query += '"';
    ++words;
  }
  return query;
}

std::string SnippetToHtml(std::string_view snippet) {
  std::string html;
  html.reserve(snippet.size() + 32);
  bool open = false;
  size_t start = 0;
  for (size_t i = 0; i <= snippet.size(); ++i) {
    bool end = i == snippet.size();
    if (!end && snippet[i] != kMarkOpen && snippet[i] != kMarkClose) continue;
    html += text::EscapeHtml(snippet.substr(start, i - start));
    start = i + 1;
    if (end) break;
    if (snippet[i] == kMarkOpen && !open) {
      html += "<mark>";
      open = true;
    } else if (snippet[i] == kMarkClose && open) {
      html += "</mark>";
      open = false;
    }
  }
  if (open) html += "</mark>";
  return html;
}

}  // namespace samizdat::store::sqlite
