// The cached Date header value and the combined-log-format access log line (its time
// field cached per second, like the Date).
#include "http/log_format.h"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

#include "core/time.h"

namespace samizdat::http {
namespace {

using namespace std::string_view_literals;

// Appends `text` with quotes, backslashes and control bytes escaped; "-" when empty.
void AppendEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (text.empty()) {
    out += '-';
    return;
  }
  std::size_t plain_from = 0;  // the run of bytes that need no escape, appended at once
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != 0x7f && byte != '"' && byte != '\\') continue;
    out.append(text.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    out += '\\';
    if (byte == '"' || byte == '\\') {
      out += text[i];
    } else {
      out += 'x';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
}

void AppendNumber(std::string& out, unsigned long long n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

// "[10/Oct/2000:13:55:36 +0000]", formatted at most once per second per thread.
std::string_view LogTime(std::chrono::system_clock::time_point time) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached_second = -1;
  thread_local char cached[40];
  thread_local std::size_t cached_size = 0;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  if (seconds != cached_second) {
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    const int n =
        std::snprintf(cached, sizeof cached, "[%02d/%s/%04d:%02d:%02d:%02d +0000]", tm.tm_mday,
                      kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_size = n > 0 ? static_cast<std::size_t>(n) : 0;
    cached_second = seconds;
  }
  return {cached, cached_size};
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
  std::string line;
  AppendAccessLogLine(entry, line);
  return line;
}

void AppendAccessLogLine(const AccessLogEntry& entry, std::string& out) {
  out.reserve(out.size() + 128 + entry.target.size() + entry.referer.size() +
              entry.user_agent.size());
  out += entry.remote_address.empty() ? std::string_view("-") : entry.remote_address;
  out += " - - "sv;
  out += LogTime(entry.time);
  out += " \""sv;
  if (entry.method.empty()) {
    out += '-';
  } else {
    AppendEscaped(out, entry.method);
    out += ' ';
    AppendEscaped(out, entry.target);
    out += entry.version == 10 ? " HTTP/1.0"sv : " HTTP/1.1"sv;
  }
  out += "\" "sv;
  AppendNumber(out, static_cast<unsigned long long>(entry.status < 0 ? 0 : entry.status));
  out += ' ';
  if (entry.body_bytes == 0) {
    out += '-';
  } else {
    AppendNumber(out, entry.body_bytes);
  }
  out += " \""sv;
  AppendEscaped(out, entry.referer);
  out += "\" \""sv;
  AppendEscaped(out, entry.user_agent);
  out += '"';
}

}  // namespace samizdat::http
