// HTML escaping and RFC 3986 percent-encoding (see escape.h).
#include "text/escape.h"

#include "text/utf8.h"

namespace samizdat::text {

namespace {

// True if `s` can be written into HTML as it is: no character to escape or remove.
bool IsPlainHtmlText(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b == '&' || b == '<' || b == '>' || b == '"' || b == '\'' || IsForbiddenInText(b)) {
        return false;
      }
      ++i;
      continue;
    }
    const Utf8Char c = DecodeUtf8(s, i);
    if (!c.valid || IsForbiddenInText(c.code_point)) return false;
    i += c.length;
  }
  return true;
}

}  // namespace

void AppendEscapedHtml(std::string_view s, std::string& out) {
  if (IsPlainHtmlText(s)) {
    out += s;
    return;
  }
  const std::string clean = StripControlChars(s);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  AppendEscapedHtml(s, out);
  return out;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
                            (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0x0F];
    }
  }
  return out;
}

}  // namespace samizdat::text
