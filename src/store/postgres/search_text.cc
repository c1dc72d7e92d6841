// SearchWords and SnippetHtml.
#include "store/postgres/search_text.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "text/escape.h"
#include "text/utf8.h"

namespace samizdat::store::postgres {
namespace {

constexpr int kMaxWords = 32;
constexpr size_t kSnippetWords = 24;  // as SQLite's snippet(…, 24)

bool IsSeparator(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == '\x7f'; }

// A snippet word's character: ASCII letters and digits, and the other characters that
// are neither spaces nor punctuation (roughly: Latin-1 punctuation, General Punctuation
// and the CJK and fullwidth punctuation blocks are not). Only picks the window: matching
// is PostgreSQL's.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const bool punctuation = (c >= 0xa0 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
                           (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) ||
                           (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
                           (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65);
  return !punctuation;
}

using Span = std::pair<size_t, size_t>;  // [first, second) byte offsets into the body
constexpr char32_t kOpen = static_cast<unsigned char>(kMarkOpen);
constexpr char32_t kClose = static_cast<unsigned char>(kMarkClose);

std::vector<Span> Words(std::string_view body) {
  std::vector<Span> words;
  bool in_word = false;
  for (size_t i = 0; i < body.size();) {
    const text::Utf8Char c = text::DecodeUtf8(body, i);
    const bool word = IsWordChar(c.code_point);
    if (word && !in_word) words.emplace_back(i, i);
    if (word) words.back().second = i + c.length;
    in_word = word;
    i += c.length;
  }
  return words;
}

// The matches ts_headline marked, as spans of the body: `marked` has one character for
// each of the body's, and the markers. Empty when the two do not line up.
std::vector<Span> Matches(std::string_view body, std::string_view marked) {
  std::vector<Span> matches;
  size_t at = 0;  // offset in the body
  bool open = false;
  for (size_t i = 0; i < marked.size();) {
    const text::Utf8Char c = text::DecodeUtf8(marked, i);
    i += c.length;
    const bool mark_open = c.code_point == kOpen, mark_close = c.code_point == kClose;
    if (mark_open && !open) {
      matches.emplace_back(at, at);
      open = true;
    } else if (mark_close && open) {
      matches.back().second = at;
      open = false;
    } else if (!mark_open && !mark_close) {
      if (at >= body.size()) return {};
      at += text::DecodeUtf8(body, at).length;
    }
  }
  if (open || at != body.size()) return {};
  std::erase_if(matches, [](const Span& m) { return m.first == m.second; });
  return matches;
}

// The index of the word holding byte `offset` (or the first word after it).
size_t WordAt(const std::vector<Span>& words, size_t offset) {
  auto it = std::upper_bound(words.begin(), words.end(), offset,
                             [](size_t o, const Span& w) { return o < w.second; });
  return std::min(static_cast<size_t>(it - words.begin()), words.size() - 1);
}

// The first word of the window: the one holding the most matches, centred on them.
size_t WindowStart(const std::vector<Span>& words, const std::vector<Span>& matches) {
  if (words.size() <= kSnippetWords || matches.empty()) return 0;
  std::vector<size_t> at;
  for (const Span& m : matches) at.push_back(WordAt(words, m.first));
  size_t best = 0, best_count = 0, last = 0;
  for (size_t i = 0, j = 0; i < at.size(); ++i) {
    j = std::max(j, i);
    while (j + 1 < at.size() && at[j + 1] < at[i] + kSnippetWords) ++j;
    if (j - i + 1 > best_count) {
      best = i;
      best_count = j - i + 1;
      last = j;
    }
  }
  const size_t spread = at[last] - at[best] + 1;
  const size_t lead = (kSnippetWords - spread) / 2;
  const size_t start = at[best] > lead ? at[best] - lead : 0;
  return std::min(start, words.size() - kSnippetWords);
}

}  // namespace

std::string SearchWords(std::string_view text) {
  std::string words;
  int count = 0;
  size_t i = 0;
  while (i < text.size() && count < kMaxWords) {
    while (i < text.size() && IsSeparator(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSeparator(text[i])) ++i;
    if (i == start) break;
    if (!words.empty()) words += ' ';
    words += text.substr(start, i - start);
    ++count;
  }
  return text::ToValidUtf8(words);
}

std::string SnippetHtml(std::string_view body, std::string_view marked) {
  const std::vector<Span> words = Words(body);
  const std::vector<Span> matches = Matches(body, marked);
  size_t begin = 0, end = body.size();
  bool cut_before = false, cut_after = false;
  if (!words.empty()) {
    const size_t first = WindowStart(words, matches);
    const size_t last = std::min(first + kSnippetWords, words.size()) - 1;
    cut_before = first > 0;
    cut_after = last + 1 < words.size();
    if (cut_before) begin = words[first].first;
    if (cut_after) end = words[last].second;
  }
  std::string html = cut_before ? "…" : "";
  size_t at = begin;
  for (const Span& m : matches) {
    if (m.second <= begin) continue;
    if (m.first >= end) break;
    const size_t from = std::max(m.first, begin), to = std::min(m.second, end);
    html += text::EscapeHtml(body.substr(at, from - at));
    html += "<mark>" + text::EscapeHtml(body.substr(from, to - from)) + "</mark>";
    at = to;
  }
  html += text::EscapeHtml(body.substr(at, end - at));
  if (cut_after) html += "…";
  return html;
}

}  // namespace samizdat::store::postgres
