// SanitizePlainComment: a plain-text comment made safe HTML and text in one pass over its
// characters, as the parsing path would (see plain_comment.h).
#include "text/plain_comment.h"

#include "text/html_parse.h"
#include "text/text_builder.h"
#include "text/utf8.h"

namespace samizdat::text::internal {

bool IsPlainText(std::string_view html) {
  return html.find_first_of("<&") == std::string_view::npos;
}

SanitizedBody SanitizePlainComment(std::string_view html) {
  // As the parsing path: the input trimmed, then stripped (ParsedFragment); the parser
  // turns CR LF and CR into LF; the text is written escaped, each line feed as <br>; the
  // output is stripped (a no-op here) and trimmed again (a removed control character
  // can leave white space at an end).
  const std::string text = StripControlChars(TrimHtmlSpace(html));
  SanitizedBody out;
  out.html.reserve(text.size() + 16);
  TextBuilder words;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '>':
        out.html += "&gt;";
        words.Char(c);
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        [[fallthrough]];
      case '\n':
        out.html += "<br>";
        words.Line();
        break;
      default:
        out.html += c;
        if (IsTextSpace(c)) {
          words.Space();
        } else {
          words.Char(c);
        }
    }
  }
  if (const std::string_view trimmed = TrimHtmlSpace(out.html); trimmed.size() != out.html.size()) {
    out.html = std::string(trimmed);
  }
  out.text = words.Take();
  return out;
}

}  // namespace samizdat::text::internal
