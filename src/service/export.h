// Export: a whole blog — its id, settings and redirects, posts, pages, drafts, labels,
// feed ids, threaded comments of every status and kind — as Blogger's classic export or
// WordPress WXR (transfer/writers.h), streamed to an output in bounded memory, so that
// an import into an empty store gives the same blog back (media travel with backups).
#pragma once

#include <ostream>
#include <string_view>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

enum class ExportFormat { kBlogger, kWxr };

class ExportService {
 public:
  explicit ExportService(store::Store& store) : store_(store) {}

  // Writes `blog` to `out`; permalinks are absolute on `base_url` ("https://example.com").
  // Errors are the store's, or Internal when `out` fails.
  Status Export(const Blog& blog, ExportFormat format, std::string_view base_url,
                std::ostream& out);

 private:
  store::Store& store_;
};

}  // namespace samizdat::service
