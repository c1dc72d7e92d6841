// The version of this build: CMake's project() version and the git commit it was built
// from (cmake/version_info.cmake writes them at every build).
#pragma once

#include <string>

namespace samizdat::app {

extern const char kVersion[];    // "0.1.0"
extern const char kGitCommit[];  // "cf89bcf1a2b3", "+" after it when built from changed
                                 // files; "" when not built from a git checkout

// "samizdat 0.1.0 (git cf89bcf1a2b3)", or "samizdat 0.1.0" without a commit: what
// --version prints.
inline std::string VersionLine() {
  std::string line = std::string("samizdat ") + kVersion;
  if (kGitCommit[0] != '\0') line += std::string(" (git ") + kGitCommit + ")";
  return line;
}

}  // namespace samizdat::app
