// Locale: a blog's language — its theme texts (render/locale_messages.cc) and its dates
// and plurals by ICU.
#include "render/locale.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/simpletz.h>
#include <unicode/smpdtfmt.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "render/locale_messages.h"

namespace samizdat::render {

struct Locale::Impl {
  std::string tag;
  icu::Locale icu_locale;
  size_t language = 0;  // index into kMessageLanguages
  std::unordered_map<std::string_view, std::string_view> messages;
  blogger::Value messages_value;
  std::unique_ptr<icu::MessageFormat> comments_format;  // numberOfComments
};

namespace {

// True when ICU has data for `language` (else its dates would read "M01").
bool IcuKnowsLanguage(const char* language) {
  int32_t count = 0;
  const icu::Locale* available = icu::Locale::getAvailableLocales(count);
  for (int32_t i = 0; i < count; ++i) {
    if (std::string_view(available[i].getLanguage()) == language) return true;
  }
  return false;
}

// The texts' column for an ICU locale: its language and region ("pt-BR"), else its
// language alone ("de-AT" -> de, "pt-PT" -> pt-BR), else English.
size_t LanguageIndex(const icu::Locale& locale) {
  const std::string_view language = locale.getLanguage();
  const std::string with_region = std::string(language) + "-" + locale.getCountry();
  for (size_t i = 0; i < internal::kMessageLanguages.size(); ++i) {
    if (internal::kMessageLanguages[i] == with_region) return i;
  }
  for (size_t i = 0; i < internal::kMessageLanguages.size(); ++i) {
    std::string_view known = internal::kMessageLanguages[i];
    if (known.substr(0, known.find('-')) == language) return i;
  }
  return 0;
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::unique_ptr<const Locale::Impl> MakeImpl(std::string_view tag) {
  auto impl = std::make_unique<Locale::Impl>();
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale parsed =
      icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), tag.size()), status);
  if (U_FAILURE(status) || parsed.isBogus() || !IcuKnowsLanguage(parsed.getLanguage())) {
    parsed = icu::Locale::getEnglish();
  }
  status = U_ZERO_ERROR;
  impl->tag = parsed.toLanguageTag<std::string>(status);
  if (U_FAILURE(status)) impl->tag = "en";
  impl->icu_locale = parsed;
  impl->language = LanguageIndex(parsed);

  blogger::Map map;
  for (const internal::MessageTexts& m : internal::AllMessages()) {
    const std::string_view text = m.texts[impl->language];
    impl->messages.emplace(m.name, text);
    map.Set(std::string(m.name), m.html ? blogger::Value::Html(std::string(text))
                                        : blogger::Value::String(std::string(text)));
  }
  impl->messages_value = blogger::Value::OfMap(std::move(map));

  const std::string_view pattern = impl->messages.at("numberOfComments");
  status = U_ZERO_ERROR;
  impl->comments_format = std::make_unique<icu::MessageFormat>(
      icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), pattern.size())),
      impl->icu_locale, status);
  if (U_FAILURE(status)) impl->comments_format.reset();  // the table's texts all parse (tested)
  return impl;
}

// A formatter per language and pattern, per thread (an ICU formatter whose zone is set
// per call is not shared), with the UTC offset it was last given.
struct DateFormatter {
  std::unique_ptr<icu::SimpleDateFormat> format;
  int32_t offset_ms = 0;
};

DateFormatter* FormatterFor(const Locale::Impl& impl, std::string_view pattern) {
  thread_local std::map<std::pair<const Locale::Impl*, std::string>, DateFormatter, std::less<>>
      formatters;
  auto key = std::make_pair(&impl, std::string(pattern));
  auto it = formatters.find(key);
  if (it != formatters.end()) return &it->second;
  if (formatters.size() >= 256) formatters.clear();  // a bound on patterns users type
  UErrorCode status = U_ZERO_ERROR;
  auto format = std::make_unique<icu::SimpleDateFormat>(
      icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), pattern.size())),
      impl.icu_locale, status);
  if (U_FAILURE(status)) return nullptr;
  format->setTimeZone(icu::SimpleTimeZone(0, icu::UnicodeString(u"UTC")));
  return &formatters.emplace(std::move(key), DateFormatter{std::move(format), 0}).first->second;
}

}  // namespace

const Locale& Locale::For(std::string_view tag) {
  // Each thread remembers the tags it asked for, so rendering takes no lock.
  thread_local std::map<std::string, const Locale*, std::less<>> seen;
  if (auto hit = seen.find(tag); hit != seen.end()) return *hit->second;
  static std::mutex mutex;
  static std::map<std::string, const Locale, std::less<>> by_tag;  // nodes never move
  static std::map<std::string, std::unique_ptr<const Impl>, std::less<>> impls;
  std::lock_guard lock(mutex);
  auto it = by_tag.find(tag);
  if (it == by_tag.end()) {
    std::unique_ptr<const Impl> made = MakeImpl(tag);
    // Tags that normalize alike ("fr", "FR") share one Impl.
    auto impl_it = impls.find(made->tag);
    if (impl_it == impls.end()) impl_it = impls.emplace(made->tag, std::move(made)).first;
    it = by_tag.emplace(std::string(tag), Locale(impl_it->second.get())).first;
  }
  seen.emplace(std::string(tag), &it->second);
  return it->second;
}

const std::string& Locale::tag() const { return impl_->tag; }

std::string_view Locale::direction() const {
  return impl_->icu_locale.isRightToLeft() ? "rtl" : "ltr";
}

std::string_view Locale::Message(std::string_view name) const {
  auto it = impl_->messages.find(name);
  return it == impl_->messages.end() ? std::string_view() : it->second;
}

const blogger::Value& Locale::Messages() const { return impl_->messages_value; }

std::string Locale::CommentCountText(int n) const {
  if (n <= 0 || !impl_->comments_format) return std::string(Message("noComments"));
  const icu::UnicodeString names[] = {u"numComments"};
  const icu::Formattable values[] = {icu::Formattable(static_cast<int32_t>(n))};
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  impl_->comments_format->format(names, values, 1, out, status);
  if (U_FAILURE(status)) return std::to_string(n);
  return ToUtf8(out);
}

std::string Locale::FormatDate(Time t, const TimeZone& zone, std::string_view pattern) const {
  DateFormatter* formatter = FormatterFor(*impl_, pattern);
  if (formatter == nullptr) return FormatPattern(t, zone, pattern);  // ICU refused it
  const auto offset =
      std::chrono::duration_cast<std::chrono::milliseconds>(zone.ToLocal(t).utc_offset);
  const auto offset_ms = static_cast<int32_t>(offset.count());
  if (offset_ms != formatter->offset_ms) {
    formatter->format->setTimeZone(icu::SimpleTimeZone(offset_ms, icu::UnicodeString(u"local")));
    formatter->offset_ms = offset_ms;
  }
  icu::UnicodeString out;
  formatter->format->format(static_cast<UDate>(ToEpochMillis(t)), out);
  return ToUtf8(out);
}

}  // namespace samizdat::render
