// The --config file's errors: an unknown key named with its file and line. CLI11 reads
// the file (its TOML reader) and refuses a key no option takes, but says neither where
// nor, for a table's key, in which table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::app {

// CLI11's words for a key no option takes ("INI was not able to parse serve.prot"): the
// key ("serve.prot"), or nullopt for any other error.
std::optional<std::string> UnknownConfigKey(std::string_view cli11_error);

// The line (from 1) of the file at `path` on which `key` ("serve.prot": [serve]'s "prot")
// is set, found by CLI11's own TOML reader (the one --config uses) reading ever longer
// beginnings of the file; nullopt when it cannot be read or the key is not found.
std::optional<int> ConfigLineOf(const std::string& path, std::string_view key);

// "FILE:LINE: unknown key \"prot\" in [serve] (the keys are the long options of
// `samizdat serve --help`, without the dashes)", or "FILE:LINE: unknown table [serv]
// …" for a table no command has; without ":LINE" when not found.
std::string UnknownConfigKeyMessage(const std::string& path, std::string_view key);

}  // namespace samizdat::app
