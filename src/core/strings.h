// Small string helpers shared by every module: trimming, ASCII case and strict number
// parsing.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samizdat {

// `s` without leading and trailing spaces, tabs, CRs and LFs.
inline std::string_view TrimBlank(std::string_view s) {
  constexpr std::string_view kBlank = " \t\r\n";
  const auto first = s.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlank) - first + 1);
}

// Whether `s` is one or more ASCII digits, and nothing else.
inline bool IsAsciiDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// `s` with A-Z lowered; other bytes (UTF-8 included) as they are.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "12,345": a count for people to read, with a comma between thousands.
inline std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n);
  const int first = digits.front() == '-' ? 1 : 0;
  for (int i = static_cast<int>(digits.size()) - 3; i > first; i -= 3) digits.insert(i, ",");
  return digits;
}

// The whole of `s` as a decimal integer ("12", "-3"); nullopt for anything else,
// including "", "12abc", " 12" and values out of range.
template <typename Int = int>
std::optional<Int> ParseInteger(std::string_view s) {
  Int value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace samizdat
