// ImportJobs: imports started from the browser, each running on a thread of its own so
// that the request answers at once and a page can show the import's progress.
#pragma once

#include "store/store.h"

namespace samizdat::web::admin {

class ImportJobs {
 public:
  explicit ImportJobs(store::Store& store) : store_(store) {}
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

 private:
  [[maybe_unused]] store::Store& store_;
};

}  // namespace samizdat::web::admin
