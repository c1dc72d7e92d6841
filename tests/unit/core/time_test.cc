// Tests for core/time.h: RFC 3339 and HTTP dates, zones across DST, Blogger's patterns.
#include "core/time.h"

#include <gtest/gtest.h>

namespace samizdat {
namespace {

TimeZone Zone(std::string_view name) {
  Result<TimeZone> zone = TimeZone::Find(name);
  EXPECT_TRUE(zone.ok()) << zone.status().ToString();
  return zone.ok() ? *zone : TimeZone::Utc();
}

Time Rfc(std::string_view text) {
  Result<Time> t = ParseRfc3339(text);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : Time{};
}

TEST(TimeTest, EpochMillisRoundTrip) {
  EXPECT_EQ(ToEpochMillis(FromEpochMillis(1291062944027)), 1291062944027);
  EXPECT_EQ(FormatRfc3339(FromEpochMillis(1291062944027), Zone("America/Los_Angeles")),
            "2010-11-29T12:35:44.027-08:00");
}

TEST(TimeTest, Rfc3339ParsesOffsetsAndMilliseconds) {
  EXPECT_EQ(ToEpochMillis(Rfc("1970-01-01T00:00:00Z")), 0);
  EXPECT_EQ(ToEpochMillis(Rfc("1970-01-01T01:00:00.250+01:00")), 250);
  EXPECT_EQ(ToEpochMillis(Rfc("1969-12-31t16:00:01-08:00")), 1000);
  EXPECT_EQ(ToEpochMillis(Rfc("1970-01-01 00:00:00.5z")), 500);
  // More than three fraction digits are truncated to milliseconds.
  EXPECT_EQ(ToEpochMillis(Rfc("1970-01-01T00:00:00.123999Z")), 123);
  EXPECT_EQ(Rfc("2022-01-15T16:18:00+01:00"), Rfc("2022-01-15T15:18:00Z"));
}

TEST(TimeTest, Rfc3339FormatRoundTripsInTheZone) {
  const TimeZone paris = Zone("Europe/Paris");
  const Time t = Rfc("2022-01-15T16:18:00.123+01:00");
  EXPECT_EQ(FormatRfc3339(t, paris), "2022-01-15T16:18:00.123+01:00");
  EXPECT_EQ(FormatRfc3339(t, TimeZone::Utc()), "2022-01-15T15:18:00.123Z");
  EXPECT_EQ(FormatRfc3339(t, Zone("Asia/Kolkata")), "2022-01-15T20:48:00.123+05:30");
  EXPECT_EQ(Rfc(FormatRfc3339(t, Zone("America/Los_Angeles"))), t);
  const Time summer = Rfc("2022-07-01T12:00:00Z");
  EXPECT_EQ(FormatRfc3339(summer, paris), "2022-07-01T14:00:00.000+02:00");
}

TEST(TimeTest, Rfc3339RefusesBadInput) {
  for (std::string_view bad :
       {"", "2022-01-15", "2022-01-15T16:18", "2022-01-15T16:18:00", "2022-13-01T00:00:00Z",
        "2022-02-30T00:00:00Z", "2022-01-15T24:00:00Z", "2022-01-15T16:60:00Z",
        "2022-01-15T16:18:00+0100", "2022-01-15T16:18:00+24:00", "2022-01-15X16:18:00Z",
        "22-01-15T16:18:00Z", "2022-01-15T16:18:00.Z", "2022-01-15T16:18:00Z ", "yesterday"}) {
    Result<Time> t = ParseRfc3339(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_TRUE(t.status().IsInvalidArgument());
  }
  Result<Time> t = ParseRfc3339("2022-02-30T00:00:00Z");
  EXPECT_NE(t.status().message().find("2022-02-30T00:00:00Z"), std::string::npos);
}

TEST(TimeTest, UserDateTimeForms) {
  const TimeZone paris = Zone("Europe/Paris");
  auto parse = [&](std::string_view text) {
    Result<Time> t = ParseUserDateTime(text, paris);
    EXPECT_TRUE(t.ok()) << text << ": " << t.status().ToString();
    return t.ok() ? FormatRfc3339(*t, paris) : std::string();
  };
  EXPECT_EQ(parse("2022-01-15"), "2022-01-15T00:00:00.000+01:00");
  EXPECT_EQ(parse("2022-01-15 16:18"), "2022-01-15T16:18:00.000+01:00");
  EXPECT_EQ(parse("  2022-01-15T16:18:05 "), "2022-01-15T16:18:05.000+01:00");
  EXPECT_EQ(parse("2022-07-15 16:18"), "2022-07-15T16:18:00.000+02:00");
  // A full instant keeps its own offset.
  EXPECT_EQ(parse("2022-01-15T16:18:00Z"), "2022-01-15T17:18:00.000+01:00");
  for (std::string_view bad : {"15/01/2022", "2022-01-15 16", "2022-01-32", "tomorrow", ""}) {
    Result<Time> t = ParseUserDateTime(bad, paris);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_TRUE(t.status().IsInvalidArgument());
  }
}

TEST(TimeTest, ToLocalAcrossDst) {
  const TimeZone paris = Zone("Europe/Paris");
  LocalTime before = paris.ToLocal(Rfc("2022-03-27T00:59:59Z"));
  EXPECT_EQ(before.hour, 1);
  EXPECT_EQ(before.utc_offset, std::chrono::hours(1));
  LocalTime after = paris.ToLocal(Rfc("2022-03-27T01:00:00Z"));
  EXPECT_EQ(after.hour, 3);
  EXPECT_EQ(after.utc_offset, std::chrono::hours(2));
  EXPECT_EQ(after.weekday, 0);  // a Sunday

  const TimeZone la = Zone("America/Los_Angeles");
  LocalTime l = la.ToLocal(Rfc("2022-11-06T09:30:00Z"));  // the second 1:30 that night
  EXPECT_EQ(l.day, 6);
  EXPECT_EQ(l.hour, 1);
  EXPECT_EQ(l.minute, 30);
  EXPECT_EQ(l.utc_offset, std::chrono::hours(-8));
}

TEST(TimeTest, FromLocalSpringGapMovesForward) {
  const TimeZone paris = Zone("Europe/Paris");
  // 02:30 does not exist on 2022-03-27 in Paris: it becomes 03:30 CEST.
  EXPECT_EQ(FormatRfc3339(paris.FromLocal(2022, 3, 27, 2, 30), paris),
            "2022-03-27T03:30:00.000+02:00");
  const TimeZone la = Zone("America/Los_Angeles");
  EXPECT_EQ(FormatRfc3339(la.FromLocal(2022, 3, 13, 2, 15), la), "2022-03-13T03:15:00.000-07:00");
  EXPECT_EQ(FormatRfc3339(la.FromLocal(2022, 3, 13, 1, 59, 59), la),
            "2022-03-13T01:59:59.000-08:00");
}

TEST(TimeTest, FromLocalFallBackTakesTheEarlierInstant) {
  const TimeZone paris = Zone("Europe/Paris");
  EXPECT_EQ(paris.FromLocal(2022, 10, 30, 2, 30), Rfc("2022-10-30T00:30:00Z"));
  const TimeZone la = Zone("America/Los_Angeles");
  EXPECT_EQ(la.FromLocal(2022, 11, 6, 1, 30), Rfc("2022-11-06T08:30:00Z"));
  EXPECT_EQ(la.FromLocal(2022, 11, 6, 2, 30), Rfc("2022-11-06T10:30:00Z"));
}

TEST(TimeTest, DateHeaderAndTimePatterns) {
  const TimeZone paris = Zone("Europe/Paris");
  const Time t = Rfc("2022-01-15T16:18:00+01:00");
  EXPECT_EQ(FormatPattern(t, paris, "EEEE, MMMM d, yyyy"), "Saturday, January 15, 2022");
  EXPECT_EQ(FormatPattern(t, paris, "h:mm a"), "4:18 PM");
  EXPECT_EQ(FormatPattern(Rfc("2015-07-13T02:39:00+02:00"), paris, "MMMM d, yyyy 'at' h:mm a"),
            "July 13, 2015 at 2:39 AM");
  EXPECT_EQ(FormatPattern(t, paris, "EEE, MMM dd yy HH:mm:ss"), "Sat, Jan 15 22 16:18:00");
  EXPECT_EQ(FormatPattern(t, paris, "dd/MM/yyyy"), "15/01/2022");
  EXPECT_EQ(FormatPattern(t, paris, "M/d/yy"), "1/15/22");
  EXPECT_EQ(FormatPattern(t, paris, "hh 'o''clock' a, ''yy"), "04 o'clock PM, '22");
}

TEST(TimeTest, TwelveHourClockEdges) {
  const TimeZone utc = TimeZone::Utc();
  EXPECT_EQ(FormatPattern(Rfc("2022-01-15T00:05:00Z"), utc, "h:mm a"), "12:05 AM");
  EXPECT_EQ(FormatPattern(Rfc("2022-01-15T12:30:00Z"), utc, "h:mm a"), "12:30 PM");
  EXPECT_EQ(FormatPattern(Rfc("2022-01-15T11:59:00Z"), utc, "h:mm a"), "11:59 AM");
  EXPECT_EQ(FormatPattern(Rfc("2022-01-15T23:01:00Z"), utc, "h:mm a"), "11:01 PM");
}

TEST(TimeTest, LateUtcPostFallsOnTheNextDayInTokyo) {
  const Time t = Rfc("2022-01-15T23:30:00Z");
  EXPECT_EQ(FormatPattern(t, TimeZone::Utc(), "EEEE, MMMM d, yyyy"), "Saturday, January 15, 2022");
  EXPECT_EQ(FormatPattern(t, Zone("Asia/Tokyo"), "EEEE, MMMM d, yyyy"), "Sunday, January 16, 2022");
  EXPECT_EQ(FormatPattern(t, Zone("Asia/Tokyo"), "h:mm a"), "8:30 AM");
}

TEST(TimeTest, HttpDates) {
  const Time t = Rfc("1994-11-06T08:49:37Z");
  EXPECT_EQ(FormatHttpDate(t), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(Rfc("2022-01-15T16:18:00.999+01:00")), "Sat, 15 Jan 2022 15:18:00 GMT");
  for (std::string_view text : {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                                "Sun Nov  6 08:49:37 1994"}) {
    Result<Time> parsed = ParseHttpDate(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, t) << text;
  }
  for (std::string_view bad : {"", "Sun, 06 Nov 1994 08:49:37", "Sun, 6 Nov 1994 08:49:37 GMT",
                               "Sun, 31 Feb 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"}) {
    Result<Time> parsed = ParseHttpDate(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_TRUE(parsed.status().IsInvalidArgument());
  }
}

TEST(TimeTest, UnknownZoneRefused) {
  Result<TimeZone> zone = TimeZone::Find("Mars/Olympus_Mons");
  ASSERT_FALSE(zone.ok());
  EXPECT_TRUE(zone.status().IsInvalidArgument());
  EXPECT_NE(zone.status().message().find("Mars/Olympus_Mons"), std::string::npos);
  EXPECT_EQ(Zone("Europe/Paris").name(), "Europe/Paris");
  EXPECT_EQ(TimeZone::Utc().name(), "UTC");
}

TEST(TimeTest, MonthNames) {
  EXPECT_EQ(MonthName(1), "January");
  EXPECT_EQ(MonthName(12), "December");
  EXPECT_EQ(MonthName(0), "");
  EXPECT_EQ(MonthName(13), "");
}

}  // namespace
}  // namespace samizdat
