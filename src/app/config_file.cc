// The unknown config key's line, found by CLI11's own reader.
#include "app/config_file.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <sstream>
#include <vector>

namespace samizdat::app {

std::optional<std::string> UnknownConfigKey(std::string_view cli11_error) {
  constexpr std::string_view kPrefix = "INI was not able to parse ";  // CLI::ConfigError::Extras
  if (!cli11_error.starts_with(kPrefix)) return std::nullopt;
  return std::string(cli11_error.substr(kPrefix.size()));
}

std::optional<int> ConfigLineOf(const std::string& path, std::string_view key) {
  std::ifstream file(path);
  if (!file) return std::nullopt;
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(std::move(line));
  const CLI::ConfigTOML reader;
  std::string beginning;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    beginning += lines[n] + "\n";
    std::istringstream input(beginning);
    try {
      for (const CLI::ConfigItem& item : reader.from_config(input)) {
        if (item.fullname() == key) return static_cast<int>(n + 1);
      }
    } catch (const CLI::ParseError&) {
      // A beginning cut inside a multi-line value: read on.
    }
  }
  return std::nullopt;
}

std::string UnknownConfigKeyMessage(const std::string& path, std::string_view key) {
  std::string where = path;
  if (auto line = ConfigLineOf(path, key)) where += ":" + std::to_string(*line);
  const std::size_t dot = key.rfind('.');
  if (dot == std::string_view::npos) {
    return where + ": unknown key \"" + std::string(key) +
           "\" (the keys are the long options of `samizdat --help`, without the dashes)";
  }
  const std::string table(key.substr(0, dot));
  if (key.substr(dot + 1) == "++") {  // CLI11's item for a table's opening: no such command
    return where + ": unknown table [" + table +
           "] (the tables are the commands of `samizdat --help`)";
  }
  return where + ": unknown key \"" + std::string(key.substr(dot + 1)) + "\" in [" + table +
         "] (the keys are the long options of `samizdat " + table + " --help`, without the dashes)";
}

}  // namespace samizdat::app
