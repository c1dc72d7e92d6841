// The error log: leveled lines on standard error, "<UTC time> <level> <message>".
//
//   log::SetLevel(log::Level::kWarn);        // once, at start (serve's --log-level)
//   log::Info("samizdat serving http://…");  // dropped below the level set
//
// A line is written whole with one write(2), so lines from many threads never
// interleave. Thread safety: every function may be called from any thread; SetLevel
// takes effect for lines begun after it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::log {

enum class Level { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

// "error", "warn", "info", "debug"; nullopt for anything else.
std::optional<Level> ParseLevel(std::string_view name);
std::string_view LevelName(Level level);

// The least severe level written; kInfo until set.
void SetLevel(Level level);
bool Enabled(Level level);

// "2026-12-07T12:57:40.123Z warn the database is unavailable…" (no newline at the end
// of `message`; one is added). Pure, for tests.
std::string FormatLine(std::string_view time, Level level, std::string_view message);

void Write(Level level, std::string_view message);
inline void Error(std::string_view message) { Write(Level::kError, message); }
inline void Warn(std::string_view message) { Write(Level::kWarn, message); }
inline void Info(std::string_view message) { Write(Level::kInfo, message); }
inline void Debug(std::string_view message) { Write(Level::kDebug, message); }

}  // namespace samizdat::log
