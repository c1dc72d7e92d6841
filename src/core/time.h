// Time: instants, IANA time zones, RFC 3339, HTTP dates and Blogger's date patterns.
//
// An instant is a Time: UTC, millisecond precision (Blogger's comment permalinks and
// feed timestamps carry milliseconds). A TimeZone wraps an IANA zone from the system's
// tz database (/usr/share/zoneinfo). All functions are thread-safe and pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace date {
class time_zone;
}

namespace samizdat {

using Time = std::chrono::sys_time<std::chrono::milliseconds>;

Time Now();
int64_t ToEpochMillis(Time t);
Time FromEpochMillis(int64_t ms);

// A wall-clock reading in some zone.
struct LocalTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;   // 0..23
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  int weekday = 4;                     // 0 = Sunday .. 6 = Saturday
  std::chrono::seconds utc_offset{0};  // local minus UTC
};

class TimeZone {
 public:
  // The zone named `iana_name` ("Europe/Paris", "UTC"). InvalidArgument naming the zone
  // if the tz database does not know it.
  static Result<TimeZone> Find(std::string_view iana_name);
  static TimeZone Utc();

  const std::string& name() const { return name_; }
  LocalTime ToLocal(Time t) const;
  // The instant at a local wall-clock reading. A reading inside a spring-forward gap
  // is moved forward by the gap; an ambiguous one (fall-back) takes the earlier instant.
  Time FromLocal(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) const;

 private:
  TimeZone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
  const date::time_zone* zone_;  // owned by the tz database, lives for the process
  std::string name_;
};

// "2022-01-15T16:18:00.000+01:00": Blogger's feed form, with milliseconds and offset.
std::string FormatRfc3339(Time t, const TimeZone& zone);
// Accepts "2022-01-15T16:18:00Z", "...:00.123+01:00", lower-case t/z, and a space for 'T'.
// InvalidArgument with the offending text otherwise.
Result<Time> ParseRfc3339(std::string_view text);
// A date a person typed, read in `zone` when it has no offset: "2022-01-15",
// "2022-01-15 16:18", "2022-01-15T16:18:05", or a full RFC 3339 instant.
Result<Time> ParseUserDateTime(std::string_view text, const TimeZone& zone);

// "Sat, 15 Jan 2022 15:18:00 GMT" (RFC 9110 IMF-fixdate) and its parser.
std::string FormatHttpDate(Time t);
Result<Time> ParseHttpDate(std::string_view text);

// Formats with the subset of Java SimpleDateFormat that Blogger's date settings use,
// in English: EEEE (Saturday) EEE (Sat) MMMM (January) MMM (Jan) MM M dd d yyyy yy
// HH H hh h mm ss a (AM/PM) and 'quoted text' ('' is a quote). Other letters are
// copied as they are. "EEEE, MMMM d, yyyy" -> "Saturday, January 15, 2022";
// "h:mm a" -> "4:18 PM"; "MMMM d, yyyy 'at' h:mm a" -> "July 13, 2015 at 2:39 AM".
std::string FormatPattern(Time t, const TimeZone& zone, std::string_view pattern);

// English month name, 1 = "January".
std::string_view MonthName(int month);

}  // namespace samizdat
