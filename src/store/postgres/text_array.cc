// DecodeTextArray: one pass over array_out's text, quoted and bare elements.
#include "store/postgres/text_array.h"

namespace samizdat::store::postgres {
namespace {

Status Malformed(std::string_view literal) {
  return Status::Internal("not a one-dimensional text[] literal: " + std::string(literal));
}

// Characters array_out never leaves bare: a bare element holding one would have been
// quoted (the whitespace is that of PostgreSQL's scanner_isspace).
bool NeedsQuotes(char c) {
  static constexpr std::string_view kQuoted = "{}\",\\ \t\n\r\f\v";
  return kQuoted.find(c) != std::string_view::npos;
}

// Whether a bare element is the NULL marker (array_in reads it in any case).
bool IsNullMarker(std::string_view bare) {
  if (bare.size() != 4) return false;
  for (size_t i = 0; i < 4; ++i) {
    if ((bare[i] | 0x20) != "null"[i]) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<std::string>> DecodeTextArray(std::string_view literal) {
  if (literal.size() < 2 || literal.front() != '{' || literal.back() != '}') {
    return Malformed(literal);
  }
  std::vector<std::string> elements;
  const std::string_view body = literal.substr(1, literal.size() - 2);
  if (body.empty()) return elements;
  size_t i = 0;
  // Each turn reads one element and the ',' after it, if any; a ',' must be followed by
  // another element, so "{a,}" is refused by the empty bare element it leaves.
  for (;;) {
    std::string element;
    if (i < body.size() && body[i] == '"') {
      for (++i;; ++i) {
        if (i >= body.size()) return Malformed(literal);  // no closing quote
        if (body[i] == '"') break;
        if (body[i] == '\\' && ++i >= body.size()) return Malformed(literal);
        element += body[i];
      }
      ++i;  // past the closing quote
    } else {
      const size_t start = i;
      while (i < body.size() && !NeedsQuotes(body[i])) ++i;
      element.assign(body.substr(start, i - start));
      // Empty would have been quoted; NULL is a NULL element, which labels cannot be.
      if (element.empty() || IsNullMarker(element)) return Malformed(literal);
    }
    elements.push_back(std::move(element));
    if (i == body.size()) return elements;
    if (body[i] != ',') return Malformed(literal);
    ++i;
  }
}

}  // namespace samizdat::store::postgres
