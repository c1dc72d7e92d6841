// Internal: the default theme's files, embedded into the binary at build time by
// cmake/embed_files.cmake (the generated default_theme_files.cc defines them).
#pragma once

#include <cstddef>
#include <string_view>

namespace samizdat::render::internal {

struct EmbeddedFile {
  std::string_view name;   // "page.mustache"
  std::string_view bytes;  // the file's contents
};

extern const EmbeddedFile kDefaultThemeFiles[];
extern const size_t kDefaultThemeFilesCount;

}  // namespace samizdat::render::internal
