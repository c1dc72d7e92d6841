// MatchShortcode and ParseShortcodeAtts: WordPress's shortcode regexes written out as
// scanners (transfer/wp_shortcode_syntax.h).
#include "transfer/wp_shortcode_syntax.h"

#include <cctype>

namespace samizdat::transfer {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// PCRE's \s: space, tab, line feed, vertical tab, form feed, carriage return.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// get_shortcode_regex() without the escaping brackets, at text[at] == '['.
std::optional<Shortcode> MatchPlain(std::string_view text, std::size_t at,
                                    const std::function<bool(std::string_view)>& known) {
  std::size_t i = at + 1;
  const std::size_t name_begin = i;
  while (i < text.size() && IsWordChar(text[i])) ++i;
  const std::string_view name = text.substr(name_begin, i - name_begin);
  if (name.empty() || !known(name)) return std::nullopt;
  const std::size_t close = text.find(']', i);
  if (close == std::string_view::npos) return std::nullopt;
  Shortcode code;
  code.begin = at;
  code.name = name;
  code.end = close + 1;
  if (close > i && text[close - 1] == '/') {
    code.atts = text.substr(i, close - 1 - i);
    return code;
  }
  code.atts = text.substr(i, close - i);
  const std::string closing = "[/" + std::string(name) + "]";
  const std::size_t end_tag = text.find(closing, code.end);
  if (end_tag != std::string_view::npos) {
    code.content = text.substr(code.end, end_tag - code.end);
    code.end = end_tag + closing.size();
  }
  return code;
}

// The value as PHP's stripcslashes() reads it.
std::string StripCSlashes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 'a': out.push_back('\a'); continue;
      case 'b': out.push_back('\b'); continue;
      case 'f': out.push_back('\f'); continue;
      case 'n': out.push_back('\n'); continue;
      case 'r': out.push_back('\r'); continue;
      case 't': out.push_back('\t'); continue;
      case 'v': out.push_back('\v'); continue;
      default: break;
    }
    if (c >= '0' && c <= '7') {
      int value = 0;
      std::size_t n = 0;
      for (; n < 3 && i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '7'; ++n) {
        value = value * 8 + (s[i + n] - '0');
      }
      out.push_back(static_cast<char>(value & 0xff));
      i += n - 1;
    } else if (c == 'x' && i + 1 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1]))) {
      int value = 0;
      std::size_t n = 1;
      for (; n <= 2 && i + n < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + n]));
           ++n) {
        const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + n])));
        value = value * 16 + (h <= '9' ? h - '0' : h - 'a' + 10);
      }
      out.push_back(static_cast<char>(value));
      i += n - 1;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// shortcode_parse_atts()'s last check (/^[^<]*+(?:<[^>]*+>[^<]*+)*+$/): a '>' follows
// every '<'.
bool TagsClosed(std::string_view value) {
  const std::size_t last_open = value.rfind('<');
  return last_open == std::string_view::npos ||
         value.find('>', last_open) != std::string_view::npos;
}

// U+00A0 and U+200B, which shortcode_parse_atts() reads as spaces, become spaces.
std::string SpacesForNbsp(std::string_view atts) {
  std::string out;
  out.reserve(atts.size());
  for (std::size_t i = 0; i < atts.size(); ++i) {
    if (atts.substr(i, 2) == "\xc2\xa0") {
      out.push_back(' ');
      ++i;
    } else if (atts.substr(i, 3) == "\xe2\x80\x8b") {
      out.push_back(' ');
      i += 2;
    } else {
      out.push_back(atts[i]);
    }
  }
  return out;
}

// After a value: white space (consumed) or the end. Returns where the next match starts.
std::optional<std::size_t> SpaceOrEnd(std::string_view s, std::size_t i) {
  if (i == s.size()) return i;
  if (IsSpace(s[i])) return i + 1;
  return std::nullopt;
}

}  // namespace

std::optional<Shortcode> MatchShortcode(std::string_view text, std::size_t at,
                                        const std::function<bool(std::string_view)>& known) {
  if (at >= text.size() || text[at] != '[') return std::nullopt;
  if (at + 1 < text.size() && text[at + 1] == '[') {
    std::optional<Shortcode> inner = MatchPlain(text, at + 1, known);
    if (!inner) return std::nullopt;
    if (inner->end < text.size() && text[inner->end] == ']') {
      inner->escaped = true;
      inner->literal = text.substr(inner->begin, inner->end - inner->begin);
      inner->begin = at;
      ++inner->end;
    }
    // Otherwise the first '[' is text before the shortcode.
    return inner;
  }
  return MatchPlain(text, at, known);
}

std::string ShortcodeAtts::Get(const std::string& name, std::string_view fallback) const {
  auto it = named.find(name);
  return it == named.end() ? std::string(fallback) : it->second;
}

ShortcodeAtts ParseShortcodeAtts(std::string_view raw) {
  const std::string text = SpacesForNbsp(raw);
  const std::string_view s = text;
  ShortcodeAtts atts;
  std::size_t i = 0;
  while (i < s.size()) {
    if (IsSpace(s[i])) {
      ++i;
      continue;
    }
    // name = "value" | name = 'value' | name = value
    std::size_t j = i;
    while (j < s.size() && IsWordChar(s[j])) ++j;
    if (j > i) {
      const std::string_view name = s.substr(i, j - i);
      std::size_t k = j;
      while (k < s.size() && IsSpace(s[k])) ++k;
      if (k < s.size() && s[k] == '=') {
        ++k;
        while (k < s.size() && IsSpace(s[k])) ++k;
        std::optional<std::string_view> value;
        std::size_t after = k;
        if (k < s.size() && (s[k] == '"' || s[k] == '\'')) {
          const std::size_t quote = s.find(s[k], k + 1);
          if (quote != std::string_view::npos) {
            value = s.substr(k + 1, quote - k - 1);
            after = quote + 1;
          }
        } else {
          std::size_t e = k;
          while (e < s.size() && !IsSpace(s[e]) && s[e] != '"' && s[e] != '\'') ++e;
          if (e > k) {
            value = s.substr(k, e - k);
            after = e;
          }
        }
        const std::optional<std::size_t> next = value ? SpaceOrEnd(s, after) : std::nullopt;
        if (next) {
          std::string key(name);
          for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          atts.named[key] = StripCSlashes(*value);
          i = *next;
          continue;
        }
      }
    }
    // "value" | 'value'
    if (s[i] == '"' || s[i] == '\'') {
      const std::size_t quote = s.find(s[i], i + 1);
      if (quote != std::string_view::npos) {
        if (const auto next = SpaceOrEnd(s, quote + 1)) {
          atts.positional.push_back(StripCSlashes(s.substr(i + 1, quote - i - 1)));
          i = *next;
          continue;
        }
      }
    }
    // A bare word: everything up to white space.
    std::size_t e = i;
    while (e < s.size() && !IsSpace(s[e])) ++e;
    atts.positional.push_back(StripCSlashes(s.substr(i, e - i)));
    i = e;
  }
  for (auto& [name, value] : atts.named) {
    if (!TagsClosed(value)) value.clear();
  }
  for (std::string& value : atts.positional) {
    if (!TagsClosed(value)) value.clear();
  }
  return atts;
}

}  // namespace samizdat::transfer
