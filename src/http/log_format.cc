// The cached Date header value and the combined-log-format access log line.
#include "http/log_format.h"

#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

#include "core/time.h"

namespace samizdat::http {
namespace {

// Appends `text` with quotes, backslashes and control bytes escaped; "-" when empty.
void AppendEscaped(std::string& out, std::string_view text) {
  if (text.empty()) {
    out += '-';
    return;
  }
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      out += hex;
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string_view CachedHttpDate() {
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  const auto now = std::chrono::system_clock::now();
  const std::time_t second = std::chrono::system_clock::to_time_t(now);
  if (second != cached_second) {
    cached = FormatHttpDate(std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::from_time_t(second)));
    cached_second = second;
  }
  return cached;
}

std::string FormatAccessLogLine(const AccessLogEntry& entry) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(entry.time);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char when[40];
  std::snprintf(when, sizeof when, "[%02d/%s/%04d:%02d:%02d:%02d +0000]", tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);

  std::string line;
  line.reserve(128 + entry.target.size() + entry.user_agent.size());
  line += entry.remote_address.empty() ? std::string_view("-") : entry.remote_address;
  line += " - - ";
  line += when;
  line += " \"";
  if (entry.method.empty()) {
    line += '-';
  } else {
    AppendEscaped(line, entry.method);
    line += ' ';
    AppendEscaped(line, entry.target);
    line += entry.version == 10 ? " HTTP/1.0" : " HTTP/1.1";
  }
  line += "\" ";
  line += std::to_string(entry.status);
  line += ' ';
  line += entry.body_bytes == 0 ? std::string("-") : std::to_string(entry.body_bytes);
  line += " \"";
  AppendEscaped(line, entry.referer);
  line += "\" \"";
  AppendEscaped(line, entry.user_agent);
  line += '"';
  return line;
}

}  // namespace samizdat::http
