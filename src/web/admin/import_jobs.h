// ImportJobs: imports started from the browser, each running on a thread of its own so
// that the request answers at once and a page can show the import's progress.
//
// The uploaded bytes go to a temporary file (removed when the import ends), which
// service::ImportService reads as the CLI's import does; then, as the CLI does, the
// blog's files on the old blog's hosts are fetched (service::MediaImportService). One import runs
// per blog at a time; the last kKeptJobs jobs are remembered (in memory, for this process) so their
// pages keep showing the outcome.
//
// Thread safety: every method may be called concurrently. The destructor waits for the
// imports still running (an import is one transaction: it cannot stop half-way).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/model.h"
#include "core/status.h"
#include "service/import.h"
#include "service/media_import.h"
#include "store/store.h"

namespace samizdat::web::admin {

// What a page shows of one import.
struct ImportJob {
  std::string id;  // 32 hex digits, the page's URL: /admin/import/ID
  int64_t blog_id = 0;
  std::string filename;  // as uploaded
  Time started{};
  bool done = false;
  service::ImportProgress progress;               // posts and comments stored so far
  std::optional<service::ImportSummary> summary;  // when done and it worked
  std::string error;  // when done and it failed: FILENAME:LINE:COLUMN: reason, or why
  // After the import: the files on the old blog's hosts being fetched (service/
  // media_import.h), then what came of it in one line ("3 files downloaded …").
  std::optional<service::MediaProgress> media_progress;
  std::string media;
};

class ImportJobs {
 public:
  static constexpr std::size_t kKeptJobs = 20;

  explicit ImportJobs(store::Store& store) : store_(store) {}
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Starts importing `bytes` (a file uploaded as `filename`) into `blog`; returns the
  // job's id. Conflict while another import of the blog runs; Internal when the
  // temporary file cannot be written.
  Result<std::string> Start(const Blog& blog, std::string_view filename, std::string_view bytes);

  // A copy of the job as it is now; nullopt when there is no such job of `blog_id`.
  std::optional<ImportJob> Get(int64_t blog_id, std::string_view id) const;

 private:
  class TempFile;

  struct Entry {
    ImportJob job;
    int64_t order = 0;   // start order: the oldest are forgotten first
    std::thread thread;  // joined before the entry goes
  };

  // The job's thread: imports the file, then records the outcome.
  void Run(const std::string& id, const std::string& host, const TempFile& file);
  // Drops the oldest finished jobs beyond kKeptJobs. Called with mutex_ held.
  void Forget();

  store::Store& store_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> jobs_;
  int64_t started_ = 0;
};

}  // namespace samizdat::web::admin
