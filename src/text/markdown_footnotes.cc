// GitHub's footnotes over md4c: "[^label]" marks, numbering, the notes' list.
#include "text/markdown_footnotes.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "text/escape.h"

namespace samizdat::text::internal {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The mark "[^label]" starting at text[pos] == '[', if there is one.
std::optional<FootnoteMark> MarkAt(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size() || text[pos] != '[' || text[pos + 1] != '^') return std::nullopt;
  std::size_t end = pos + 2;
  while (end < text.size() && text[end] != ']' && !IsSpace(text[end])) ++end;
  if (end == pos + 2 || end >= text.size() || text[end] != ']') return std::nullopt;
  return FootnoteMark{pos, end + 1, text.substr(pos + 2, end - pos - 2)};
}

}  // namespace

std::optional<FootnoteMark> FootnoteDefinitionAt(std::string_view text) {
  std::optional<FootnoteMark> mark = MarkAt(text, 0);
  if (!mark || mark->end >= text.size() || text[mark->end] != ':') return std::nullopt;
  ++mark->end;
  return mark;
}

std::optional<FootnoteMark> FindFootnoteReference(std::string_view text, std::size_t from) {
  for (std::size_t pos = text.find("[^", from); pos != std::string_view::npos;
       pos = text.find("[^", pos + 1)) {
    if (std::optional<FootnoteMark> mark = MarkAt(text, pos)) return mark;
  }
  return std::nullopt;
}

std::vector<std::size_t> FootnoteDefinitionsTakenAsLinks(
    std::string_view doc, std::vector<std::pair<std::size_t, std::size_t>> text_ranges) {
  std::sort(text_ranges.begin(), text_ranges.end());
  auto reported = [&text_ranges](std::size_t offset) {
    auto after = std::upper_bound(text_ranges.begin(), text_ranges.end(),
                                  std::pair<std::size_t, std::size_t>(offset, SIZE_MAX));
    return after != text_ranges.begin() && offset < std::prev(after)->second;
  };
  std::vector<std::size_t> offsets;
  for (std::size_t line = 0; line < doc.size();) {
    std::size_t pos = line;
    while (pos < doc.size() && pos - line < 3 && doc[pos] == ' ') ++pos;
    const std::size_t next = doc.find('\n', line);
    if (FootnoteDefinitionAt(doc.substr(pos, next == std::string_view::npos ? next : next - pos)) &&
        !reported(pos)) {
      offsets.push_back(pos);
    }
    if (next == std::string_view::npos) break;
    line = next + 1;
  }
  return offsets;
}

std::string FootnoteId(std::string_view label) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string id;
  for (const char c : label) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-' || c == ':') {
      id += c;
    } else {
      id += '.';
      id += kHex[byte >> 4];
      id += kHex[byte & 0xF];
    }
  }
  return id;
}

Footnotes::Footnotes(const std::vector<std::string>& defined) {
  for (const std::string& label : defined) {
    auto [it, inserted] = notes_.try_emplace(label);
    if (inserted) it->second.order = notes_.size();
  }
}

bool Footnotes::IsDefined(std::string_view label) const { return notes_.contains(label); }

std::string* Footnotes::BeginDefinition(std::string_view label) {
  auto it = notes_.find(label);
  if (it == notes_.end() || it->second.started) return nullptr;
  it->second.started = true;
  return &it->second.html;
}

Footnotes::Reference Footnotes::Refer(std::string_view label) {
  Note& note = notes_.find(label)->second;
  const bool first = note.number == 0;
  if (first) note.number = ++referenced_;
  return {note.number, first};
}

void Footnotes::AppendSection(std::string& out) const {
  std::vector<std::pair<const std::string*, const Note*>> listed;
  for (const auto& [label, note] : notes_) {
    if (note.started) listed.emplace_back(&label, &note);
  }
  if (listed.empty()) return;
  // Referenced notes by number, then the others in document order.
  std::sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) {
    const Note& x = *a.second;
    const Note& y = *b.second;
    if ((x.number == 0) != (y.number == 0)) return y.number == 0;
    return x.number != 0 ? x.number < y.number : x.order < y.order;
  });
  out += "<section class=\"footnotes\">\n<ol>\n";
  for (const auto& [label, note] : listed) {
    const std::string id = FootnoteId(*label);
    out += "<li id=\"fn-" + id + "\"><p>" + note->html;
    if (note->number != 0) {
      if (!note->html.empty()) out += ' ';
      out += "<a href=\"#fnref-" + id + "\" class=\"footnote-backref\">\u21a9</a>";
    }
    out += "</p></li>\n";
  }
  out += "</ol>\n</section>\n";
}

}  // namespace samizdat::text::internal
