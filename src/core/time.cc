// Time: instants, IANA zones through Howard Hinnant's date/tz (the OS tz database),
// RFC 3339 and HTTP dates, and the SimpleDateFormat subset Blogger's settings use.
#include "core/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <cstdio>
#include <exception>

namespace samizdat {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};

// Breaks a local (or UTC) time point into calendar fields.
LocalTime Split(date::local_time<milliseconds> lt, seconds offset) {
  const auto day = date::floor<date::days>(lt);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<milliseconds> hms{lt - day};
  LocalTime out;
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  out.millisecond = static_cast<int>(hms.subseconds().count());
  out.weekday = static_cast<int>(date::weekday{day}.c_encoding());
  out.utc_offset = offset;
  return out;
}

std::string Pad(int value, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*d", width, value);
  return buf;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A left-to-right reader over fixed-format date text.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  bool ConsumeAny(std::string_view chars) {
    if (AtEnd() || chars.find(text_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }
  bool Literal(std::string_view s) {
    if (text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }
  // Exactly `n` digits.
  bool Digits(int n, int* out) {
    int v = 0;
    for (int i = 0; i < n; ++i) {
      if (!IsDigit(Peek())) return false;
      v = v * 10 + (text_[pos_++] - '0');
    }
    *out = v;
    return true;
  }
  // One or more digits, at most 9, the first `keep` of them kept as a fraction
  // scaled to `keep` digits (".5" -> 500 for keep = 3).
  bool Fraction(int keep, int* out) {
    int v = 0, n = 0;
    while (IsDigit(Peek())) {
      if (n < keep) v = v * 10 + (text_[pos_] - '0');
      ++pos_;
      if (++n > 9) return false;
    }
    if (n == 0) return false;
    for (int i = n; i < keep; ++i) v *= 10;
    *out = v;
    return true;
  }
  // One of `names` (case-sensitive); its index in `*out`.
  template <size_t N>
  bool Name(const std::array<std::string_view, N>& names, size_t len, int* out) {
    for (size_t i = 0; i < N; ++i) {
      if (Literal(names[i].substr(0, len))) {
        *out = static_cast<int>(i);
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// The fields of "YYYY-MM-DD[(T|t| )HH:MM[:SS[.fff]]][Z|z|+HH:MM|-HH:MM]".
struct DateTimeFields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0;
  bool has_time = false, has_seconds = false, has_offset = false;
  minutes offset{0};
};

bool ScanDateTime(std::string_view text, DateTimeFields* f) {
  Scanner s(text);
  if (!s.Digits(4, &f->year) || !s.Consume('-') || !s.Digits(2, &f->month) || !s.Consume('-') ||
      !s.Digits(2, &f->day)) {
    return false;
  }
  if (s.AtEnd()) return true;
  if (!s.ConsumeAny("Tt ")) return false;
  f->has_time = true;
  if (!s.Digits(2, &f->hour) || !s.Consume(':') || !s.Digits(2, &f->minute)) return false;
  if (s.Consume(':')) {
    f->has_seconds = true;
    if (!s.Digits(2, &f->second)) return false;
    if (s.Consume('.') && !s.Fraction(3, &f->millisecond)) return false;
  }
  if (s.AtEnd()) return true;
  f->has_offset = true;
  if (s.ConsumeAny("Zz")) return s.AtEnd();
  const char sign = s.Peek();
  if (!s.ConsumeAny("+-")) return false;
  int oh = 0, om = 0;
  if (!s.Digits(2, &oh) || !s.Consume(':') || !s.Digits(2, &om) || !s.AtEnd()) return false;
  if (oh > 23 || om > 59) return false;
  f->offset = hours(oh) + minutes(om);
  if (sign == '-') f->offset = -f->offset;
  return true;
}

bool ValidFields(const DateTimeFields& f) {
  const date::year_month_day ymd{date::year{f.year}, date::month{static_cast<unsigned>(f.month)},
                                 date::day{static_cast<unsigned>(f.day)}};
  // Second 60 is a leap second (RFC 3339 allows it); it lands on the next second.
  return ymd.ok() && f.hour < 24 && f.minute < 60 && f.second <= 60;
}

date::local_time<milliseconds> LocalOf(const DateTimeFields& f) {
  const date::year_month_day ymd{date::year{f.year}, date::month{static_cast<unsigned>(f.month)},
                                 date::day{static_cast<unsigned>(f.day)}};
  return date::local_days{ymd} + hours(f.hour) + minutes(f.minute) + seconds(f.second) +
         milliseconds(f.millisecond);
}

Time FromFieldsWithOffset(const DateTimeFields& f) {
  return Time{LocalOf(f).time_since_epoch() - f.offset};
}

std::string Quoted(std::string_view text) {
  std::string quoted;  // built by appends: GCC 12 -O3 warns (-Wrestrict) on "\"" + string
  quoted.reserve(text.size() + 2);
  quoted.push_back('"');
  quoted.append(text);
  quoted.push_back('"');
  return quoted;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" (IMF-fixdate); RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT";
// asctime "Sun Nov  6 08:49:37 1994". RFC 9110 asks recipients to accept all three.
bool ScanHttpDate(std::string_view text, DateTimeFields* f) {
  int weekday = 0, month = 0;
  {
    Scanner s(text);
    if (s.Name(kWeekdays, 3, &weekday) && s.Literal(", ") && s.Digits(2, &f->day) &&
        s.Consume(' ') && s.Name(kMonths, 3, &month) && s.Consume(' ') && s.Digits(4, &f->year) &&
        s.Consume(' ') && s.Digits(2, &f->hour) && s.Consume(':') && s.Digits(2, &f->minute) &&
        s.Consume(':') && s.Digits(2, &f->second) && s.Literal(" GMT") && s.AtEnd()) {
      f->month = month + 1;
      return true;
    }
  }
  {
    Scanner s(text);
    int yy = 0;
    if (s.Name(kWeekdays, std::string_view::npos, &weekday) && s.Literal(", ") &&
        s.Digits(2, &f->day) && s.Consume('-') && s.Name(kMonths, 3, &month) && s.Consume('-') &&
        s.Digits(2, &yy) && s.Consume(' ') && s.Digits(2, &f->hour) && s.Consume(':') &&
        s.Digits(2, &f->minute) && s.Consume(':') && s.Digits(2, &f->second) && s.Literal(" GMT") &&
        s.AtEnd()) {
      f->month = month + 1;
      f->year = yy < 70 ? 2000 + yy : 1900 + yy;  // RFC 9110 §5.6.7: 50 years ahead at most
      return true;
    }
  }
  {
    Scanner s(text);
    int d1 = 0;
    if (s.Name(kWeekdays, 3, &weekday) && s.Consume(' ') && s.Name(kMonths, 3, &month) &&
        s.Consume(' ')) {
      if (s.Consume(' ')) {
        if (!s.Digits(1, &d1)) return false;
      } else if (!s.Digits(2, &d1)) {
        return false;
      }
      f->day = d1;
      f->month = month + 1;
      return s.Consume(' ') && s.Digits(2, &f->hour) && s.Consume(':') && s.Digits(2, &f->minute) &&
             s.Consume(':') && s.Digits(2, &f->second) && s.Consume(' ') && s.Digits(4, &f->year) &&
             s.AtEnd();
    }
  }
  return false;
}

}  // namespace

Time Now() { return std::chrono::floor<milliseconds>(std::chrono::system_clock::now()); }

int64_t ToEpochMillis(Time t) { return t.time_since_epoch().count(); }

Time FromEpochMillis(int64_t ms) { return Time{milliseconds(ms)}; }

Result<TimeZone> TimeZone::Find(std::string_view iana_name) {
  try {
    const date::time_zone* zone = date::locate_zone(iana_name);
    return TimeZone(zone, std::string(iana_name));
  } catch (const std::exception&) {
    return Status::InvalidArgument("unknown time zone " + Quoted(iana_name));
  }
}

TimeZone TimeZone::Utc() {
  static const date::time_zone* const utc = date::locate_zone("Etc/UTC");
  return TimeZone(utc, "UTC");
}

LocalTime TimeZone::ToLocal(Time t) const {
  const seconds offset = zone_->get_info(t).offset;
  return Split(date::local_time<milliseconds>{t.time_since_epoch() + offset}, offset);
}

Time TimeZone::FromLocal(int year, int month, int day, int hour, int minute, int second) const {
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  const date::local_seconds lt =
      date::local_days{ymd} + hours(hour) + minutes(minute) + seconds(second);
  // Unique: first is the offset. Gap: first is the offset before the jump, so the
  // reading lands the gap's length later. Ambiguous: first is the earlier instant.
  const date::local_info info = zone_->get_info(lt);
  return Time{std::chrono::duration_cast<milliseconds>(lt.time_since_epoch() - info.first.offset)};
}

std::string FormatRfc3339(Time t, const TimeZone& zone) {
  const LocalTime l = zone.ToLocal(t);
  std::string out = Pad(l.year, 4) + "-" + Pad(l.month, 2) + "-" + Pad(l.day, 2) + "T" +
                    Pad(l.hour, 2) + ":" + Pad(l.minute, 2) + ":" + Pad(l.second, 2) + "." +
                    Pad(l.millisecond, 3);
  const auto offset_min = std::chrono::duration_cast<minutes>(l.utc_offset).count();
  if (offset_min == 0) return out + "Z";
  const auto abs_min = offset_min < 0 ? -offset_min : offset_min;
  out += offset_min < 0 ? "-" : "+";
  out += Pad(static_cast<int>(abs_min / 60), 2) + ":" + Pad(static_cast<int>(abs_min % 60), 2);
  return out;
}

Result<Time> ParseRfc3339(std::string_view text) {
  DateTimeFields f;
  if (!ScanDateTime(text, &f) || !f.has_seconds || !f.has_offset || !ValidFields(f)) {
    return Status::InvalidArgument("not an RFC 3339 date-time: " + Quoted(text));
  }
  return FromFieldsWithOffset(f);
}

Result<Time> ParseUserDateTime(std::string_view text, const TimeZone& zone) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  DateTimeFields f;
  if (!ScanDateTime(text, &f) || !ValidFields(f)) {
    return Status::InvalidArgument("not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM): " +
                                   Quoted(text));
  }
  if (f.has_offset) return FromFieldsWithOffset(f);
  return zone.FromLocal(f.year, f.month, f.day, f.hour, f.minute, f.second) +
         milliseconds(f.millisecond);
}

std::string FormatHttpDate(Time t) {
  const LocalTime l = Split(date::local_time<milliseconds>{t.time_since_epoch()}, seconds(0));
  return std::string(kWeekdays[l.weekday].substr(0, 3)) + ", " + Pad(l.day, 2) + " " +
         std::string(kMonths[l.month - 1].substr(0, 3)) + " " + Pad(l.year, 4) + " " +
         Pad(l.hour, 2) + ":" + Pad(l.minute, 2) + ":" + Pad(l.second, 2) + " GMT";
}

Result<Time> ParseHttpDate(std::string_view text) {
  DateTimeFields f;
  if (!ScanHttpDate(text, &f) || !ValidFields(f)) {
    return Status::InvalidArgument("not an HTTP date: " + Quoted(text));
  }
  return FromFieldsWithOffset(f);
}

std::string FormatPattern(Time t, const TimeZone& zone, std::string_view pattern) {
  const LocalTime l = zone.ToLocal(t);
  std::string out;
  out.reserve(pattern.size() + 16);
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {  // '' is a quote
        out += '\'';
        i += 2;
        continue;
      }
      // Quoted text up to the closing quote; '' inside it is a quote too.
      ++i;
      while (i < pattern.size()) {
        if (pattern[i] == '\'') {
          if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
            out += '\'';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        out += pattern[i++];
      }
      continue;
    }
    size_t run = 1;
    while (i + run < pattern.size() && pattern[i + run] == c) ++run;
    const int n = static_cast<int>(run);
    const int hour12 = l.hour % 12 == 0 ? 12 : l.hour % 12;
    switch (c) {
      case 'E': out += n >= 4 ? kWeekdays[l.weekday] : kWeekdays[l.weekday].substr(0, 3); break;
      case 'M':
        if (n >= 4) {
          out += kMonths[l.month - 1];
        } else if (n == 3) {
          out += kMonths[l.month - 1].substr(0, 3);
        } else {
          out += Pad(l.month, n);
        }
        break;
      case 'd': out += Pad(l.day, n); break;
      case 'y': out += n == 2 ? Pad(l.year % 100, 2) : Pad(l.year, n); break;
      case 'H': out += Pad(l.hour, n); break;
      case 'h': out += Pad(hour12, n); break;
      case 'm': out += Pad(l.minute, n); break;
      case 's': out += Pad(l.second, n); break;
      case 'a': out += l.hour < 12 ? "AM" : "PM"; break;
      default: out.append(pattern.substr(i, run)); break;
    }
    i += run;
  }
  return out;
}

std::string_view MonthName(int month) {
  if (month < 1 || month > 12) return {};
  return kMonths[month - 1];
}

}  // namespace samizdat
