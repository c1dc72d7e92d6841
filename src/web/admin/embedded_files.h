// Internal: the files of src/web/admin/assets/, embedded at build time by
// cmake/embed_files.cmake (the generated admin_files.cc defines them).
#pragma once

#include <cstddef>
#include <string_view>

namespace samizdat::web::admin::internal {

struct EmbeddedFile {
  std::string_view name;  // "layout.mustache"
  std::string_view bytes;
};

extern const EmbeddedFile kAdminFiles[];
extern const size_t kAdminFilesCount;

}  // namespace samizdat::web::admin::internal
