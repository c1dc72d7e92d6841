// Internal: samizdat's built-in markup (themes/blogger/*.xml: Blogger's own
// includables and each widget type's default markup), embedded into the binary at build
// time by cmake/embed_files.cmake (the generated builtin_markup_files.cc defines them).
#pragma once

#include <cstddef>
#include <string_view>

namespace samizdat::blogger::internal {

struct EmbeddedFile {
  std::string_view name;   // "common.xml"
  std::string_view bytes;  // the file's contents
};

extern const EmbeddedFile kBuiltinMarkupFiles[];
extern const size_t kBuiltinMarkupFilesCount;

}  // namespace samizdat::blogger::internal
