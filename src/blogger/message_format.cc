// FormatIcuMessage: b:message's plural and select patterns through icu::MessageFormat.
#include "blogger/message_format.h"

#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <charconv>
#include <map>
#include <memory>

namespace samizdat::blogger {
namespace {

constexpr size_t kMaxCachedPatterns = 256;

// This thread's parsed patterns by "locale\npattern"; a failed parse is kept as null.
const icu::MessageFormat* Cached(std::string_view pattern, std::string_view locale) {
  thread_local std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> cache;
  std::string key;
  key.reserve(locale.size() + 1 + pattern.size());
  key.append(locale).append(1, '\n').append(pattern);
  if (auto it = cache.find(key); it != cache.end()) return it->second.get();
  if (cache.size() >= kMaxCachedPatterns) cache.clear();
  std::string tag(locale);
  for (char& c : tag) {
    if (c == '-') c = '_';
  }
  UErrorCode status = U_ZERO_ERROR;
  auto format = std::make_unique<icu::MessageFormat>(
      icu::UnicodeString::fromUTF8(
          icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size()))),
      tag.empty() ? icu::Locale::getEnglish() : icu::Locale(tag.c_str()), status);
  if (U_FAILURE(status)) format.reset();
  return cache.emplace(std::move(key), std::move(format)).first->second.get();
}

icu::Formattable ToFormattable(const Value& v) {
  if (v.kind() == Value::Kind::kNumber) return icu::Formattable(v.number());
  std::string text = v.kind() == Value::Kind::kHtml ? v.text() : v.ToText();
  double n = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error == std::errc() && end == text.data() + text.size() && !text.empty())
    return icu::Formattable(n);
  return icu::Formattable(icu::UnicodeString::fromUTF8(text));
}

}  // namespace

bool IsIcuPattern(std::string_view pattern) {
  size_t open = pattern.find('{');
  while (open != std::string_view::npos) {
    size_t end = pattern.find_first_of(",}", open + 1);
    if (end != std::string_view::npos && pattern[end] == ',') return true;
    open = pattern.find('{', open + 1);
  }
  return false;
}

std::string FormatIcuMessage(std::string_view pattern, std::string_view locale,
                             const std::vector<std::pair<std::string, Value>>& args) {
  const icu::MessageFormat* format = Cached(pattern, locale);
  if (format == nullptr) return "";
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size() * 2);
  values.reserve(args.size() * 2);
  for (size_t i = 0; i < args.size(); ++i) {
    icu::Formattable value = ToFormattable(args[i].second);
    names.push_back(icu::UnicodeString::fromUTF8(args[i].first));
    values.push_back(value);
    names.push_back(icu::UnicodeString::fromUTF8(std::to_string(i)));
    values.push_back(std::move(value));
  }
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  format->format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
  if (U_FAILURE(status)) return "";
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace samizdat::blogger
