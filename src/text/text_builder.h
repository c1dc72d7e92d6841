// TextBuilder: words joined by the one separator (space or line feed) the widest break
// between them asks for, and which elements break lines. Internal to the text module:
// HtmlToText, and the sanitizer writing a body's text as it writes its HTML, use it alike.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace samizdat::text::internal {

// Elements after which (and before which) HtmlToText starts a new line: blocks and <br>.
inline bool IsBlock(std::string_view tag) {
  static constexpr std::array<std::string_view, 40> kBlocks = {
      "address", "article", "aside",   "blockquote", "br",    "caption",  "center",     "dd",
      "details", "dialog",  "div",     "dl",         "dt",    "fieldset", "figcaption", "figure",
      "footer",  "form",    "h1",      "h2",         "h3",    "h4",       "h5",         "h6",
      "header",  "hgroup",  "hr",      "li",         "main",  "nav",      "ol",         "p",
      "pre",     "section", "summary", "table",      "tbody", "tr",       "ul",         "legend",
  };
  return std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end();
}

// Table cells, which HtmlToText separates by a space.
inline bool IsCell(std::string_view tag) { return tag == "td" || tag == "th"; }

// The white space HtmlToText collapses.
inline bool IsTextSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Collects words, remembering what separates the next word from the previous one: no
// leading or trailing white space, every run of it one space, or one line feed where a
// line break is among it. Not thread-safe.
class TextBuilder {
 public:
  void Text(std::string_view text) {
    for (char c : text) {
      if (IsTextSpace(c)) {
        Break(Separator::kSpace);
      } else {
        Char(c);
      }
    }
  }
  void Char(char c) {
    if (!out_.empty() && pending_ != Separator::kNone) {
      out_ += pending_ == Separator::kLine ? '\n' : ' ';
    }
    pending_ = Separator::kNone;
    out_ += c;
  }
  void Space() { Break(Separator::kSpace); }
  void Line() { Break(Separator::kLine); }
  std::string Take() { return std::move(out_); }

 private:
  enum class Separator { kNone, kSpace, kLine };
  void Break(Separator s) { pending_ = std::max(pending_, s); }

  std::string out_;
  Separator pending_ = Separator::kNone;
};

}  // namespace samizdat::text::internal
