// Tests of the access-log line and Date header formats.
#include "http/log_format.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>

namespace samizdat::http {
namespace {

TEST(AccessLogLineTest, FormatsTheCombinedLogFormat) {
  AccessLogEntry entry;
  entry.remote_address = "10.0.0.7";
  entry.time = std::chrono::system_clock::from_time_t(971185536);  // 2000-10-10 13:45:36Z
  entry.method = "GET";
  entry.target = "/apache_pb.gif";
  entry.version = 10;
  entry.status = 200;
  entry.body_bytes = 2326;
  entry.referer = "http://www.example.com/start.html";
  entry.user_agent = "Mozilla/4.08";
  EXPECT_EQ(FormatAccessLogLine(entry),
            "10.0.0.7 - - [10/Oct/2000:13:45:36 +0000] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
            "\"http://www.example.com/start.html\" \"Mozilla/4.08\"");
}

TEST(AccessLogLineTest, UsesDashesForMissingValues) {
  AccessLogEntry entry;
  entry.remote_address = "::1";
  entry.time = std::chrono::system_clock::from_time_t(0);
  entry.status = 400;
  EXPECT_EQ(FormatAccessLogLine(entry),
            "::1 - - [01/Jan/1970:00:00:00 +0000] \"-\" 400 - \"-\" \"-\"");
}

TEST(AccessLogLineTest, EscapesQuotesBackslashesAndControlBytes) {
  AccessLogEntry entry;
  entry.remote_address = "1.2.3.4";
  entry.time = std::chrono::system_clock::from_time_t(0);
  entry.method = "GET";
  entry.target = "/a\"b";
  entry.status = 200;
  entry.user_agent = "x\\y\"z\n";
  EXPECT_EQ(FormatAccessLogLine(entry),
            "1.2.3.4 - - [01/Jan/1970:00:00:00 +0000] \"GET /a\\\"b HTTP/1.1\" 200 - \"-\" "
            "\"x\\\\y\\\"z\\x0A\"");
}

TEST(CachedHttpDateTest, IsAnImfFixdate) {
  const std::string date(CachedHttpDate());
  EXPECT_TRUE(std::regex_match(
      date, std::regex(R"([A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT)")))
      << date;
}

}  // namespace
}  // namespace samizdat::http
