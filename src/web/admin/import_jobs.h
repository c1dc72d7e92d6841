// ImportJobs: imports started from the browser, each running on a thread of its own so
// that the request answers at once and a page can show the import's progress.
//
// The uploaded bytes go to a temporary file (removed when the import ends), which
// service::ImportService reads as the CLI's import does; then, as the CLI does, the
// blog's files on the old blog's hosts are fetched (service::MediaImportService). A
// fetch-only job does that last step alone, again, for the files still missing (the CLI's
// `import --media-only`). One job (import or fetch) runs per blog at a time; the last
// kKeptJobs jobs are remembered (in memory, for this process) so their pages keep showing
// the outcome.
//
// Thread safety: every method may be called concurrently. The destructor waits for the
// jobs still running (an import is one transaction: it cannot stop half-way; a fetch
// ends when its downloads do).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
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
  std::string filename;     // as uploaded; empty for a fetch-only job
  bool fetch_only = false;  // StartFetch's: no import, no progress nor summary of one
  Time started{};
  bool done = false;
  service::ImportProgress progress;               // posts and comments stored so far
  std::optional<service::ImportSummary> summary;  // when done and it worked
  std::string error;  // when done and it failed: FILENAME:LINE:COLUMN: reason, or why
  // After the import (or alone, fetch_only): the files on the old blog's hosts being
  // fetched (service/media_import.h), then what came of it in one line ("3 files …").
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

  // Starts fetching the files of `blog` still on the old blog's hosts, as an import's
  // last step does; returns the job's id. Conflict while an import or fetch of the blog
  // runs.
  Result<std::string> StartFetch(const Blog& blog);

  // A copy of the job as it is now; nullopt when there is no such job of `blog_id`.
  std::optional<ImportJob> Get(int64_t blog_id, std::string_view id) const;

 private:
  class TempFile;

  struct Entry {
    ImportJob job;
    int64_t order = 0;   // start order: the oldest are forgotten first
    std::thread thread;  // joined before the entry goes
  };

  // Adds `job` (its blog, filename and kind set; its id and start time are given here)
  // and starts its thread, `body`, once the entry is complete; returns the id. Conflict
  // while another job of the blog runs.
  Result<std::string> Add(ImportJob job, std::function<void(const std::string& id)> body);
  // An import job's thread: imports the file, then fetches the files, then records the
  // outcome.
  void Import(const std::string& id, const std::string& host, const TempFile& file);
  // The last step of both kinds of job: fetches the files of `blog` and records the
  // outcome; the job is done after it.
  void FetchMedia(const std::string& id, const Blog& blog);
  // Drops the oldest finished jobs beyond kKeptJobs. Called with mutex_ held.
  void Forget();

  store::Store& store_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> jobs_;
  int64_t started_ = 0;
};

}  // namespace samizdat::web::admin
