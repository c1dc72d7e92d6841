// The error log: a level kept in an atomic, lines formatted whole and written to fd 2.
#include "core/log.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include "core/time.h"

namespace samizdat::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};

}  // namespace

std::optional<Level> ParseLevel(std::string_view name) {
  for (Level level : {Level::kError, Level::kWarn, Level::kInfo, Level::kDebug}) {
    if (name == LevelName(level)) return level;
  }
  return std::nullopt;
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kError: return "error";
    case Level::kWarn: return "warn";
    case Level::kInfo: return "info";
    case Level::kDebug: return "debug";
  }
  return "?";
}

void SetLevel(Level level) { g_level.store(static_cast<int>(level), std::memory_order_relaxed); }

bool Enabled(Level level) {
  return static_cast<int>(level) <= g_level.load(std::memory_order_relaxed);
}

std::string FormatLine(std::string_view time, Level level, std::string_view message) {
  std::string line;
  line.reserve(time.size() + message.size() + 8);
  line.append(time).append(" ").append(LevelName(level)).append(" ").append(message);
  line.push_back('\n');
  return line;
}

void Write(Level level, std::string_view message) {
  if (!Enabled(level)) return;
  const std::string line = FormatLine(FormatRfc3339(Now(), TimeZone::Utc()), level, message);
  for (std::size_t written = 0; written < line.size();) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + written, line.size() - written);
    if (n <= 0) return;  // nowhere to say it
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace samizdat::log
