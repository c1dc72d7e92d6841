// Text formats the server writes besides HTTP itself: the cached Date header value and
// access-log lines in the combined log format. Internal to src/http; no Beast here.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace samizdat::http {

// The current time as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), formatted at
// most once per second per thread. The view stays valid until the next call on the same
// thread. Thread-safe.
std::string_view CachedHttpDate();

// One request as the access log sees it. Empty strings are logged as "-".
struct AccessLogEntry {
  std::string_view remote_address;
  std::chrono::system_clock::time_point time;
  std::string_view method;  // as the client sent it ("HEAD", not "GET")
  std::string_view target;
  unsigned version = 11;  // 10 or 11
  int status = 0;
  std::size_t body_bytes = 0;  // 0 is logged as "-", like Apache's %b
  std::string_view referer;
  std::string_view user_agent;
};

// `127.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 2326 "ref" "agent"`
// (no trailing newline). Quotes, backslashes and control bytes in the request line,
// referer and user agent are escaped (\" \\ \xHH), so a field cannot forge another.
// When the request line is unknown (the head never parsed), it is logged as "-".
std::string FormatAccessLogLine(const AccessLogEntry& entry);
// The same line appended to `out`, so that a caller can reuse one buffer.
void AppendAccessLogLine(const AccessLogEntry& entry, std::string& out);

}  // namespace samizdat::http
