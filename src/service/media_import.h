// The media import: a blog's files still on the old blog's hosts (service/media_urls.h)
// come home. Runs over the blog as stored, after an import's transaction (or later, again,
// for what is still missing): every post's and page's source and body, every redirect
// that leads to an old file (a WordPress attachment page). Each file is downloaded once
// (http_fetch.h: in parallel, retried, capped), checked and stored as an upload is
// (media.h: by its bytes, deduplicated by hash); then each post points to /media/HASH.EXT
// (one store update per post, no editor revision), each such redirect leads to the file,
// and each old upload path of the blog's own domain gets a redirect to it. A file that
// cannot be had is listed with why, and its URL stays as it was: never an error.
//
// Thread safety: a MediaImportService may be used from several threads at once, each
// call on its own blog.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "service/http_fetch.h"
#include "store/store.h"

namespace samizdat::service {

struct MediaProgress {
  int files_done = 0;
  int files_total = 0;
  int64_t bytes = 0;  // of the files done
};

struct MediaImportOptions {
  // Downloads: parallelism, time limit, retries (the size cap is kMaxMediaBytes).
  FetchOptions fetch;
  // Called after each file (on the calling thread).
  std::function<void(const MediaProgress&)> progress;
};

struct MediaFailure {
  std::string url;     // the address it was fetched from
  std::string reason;  // "HTTP 404", "only PNG, JPEG, GIF and WebP images can be …"
};

struct MediaImportSummary {
  int downloaded = 0;    // files fetched and stored anew
  int64_t bytes = 0;     // their size
  int already_here = 0;  // fetched, but their bytes were stored already
  std::vector<MediaFailure> failed;
  int posts_updated = 0;  // posts and pages now pointing to /media/
  int redirects = 0;      // redirects added or pointed to a file
};

class MediaImportService {
 public:
  explicit MediaImportService(store::Store& store) : store_(store) {}

  // Brings home the files of `blog` (as stored: its host and imported_from say which
  // hosts are old). Errors only when the store fails or libcurl cannot be set up; files
  // fetched and stored before such an error stay stored.
  Result<MediaImportSummary> Run(const Blog& blog, const MediaImportOptions& options);

 private:
  store::Store& store_;
};

// "12 files downloaded (3.4 MB), 2 already here, 1 failed: URL (reason)": the summary in
// one line; the first `listed` failures are named, the rest counted.
std::string DescribeMediaImport(const MediaImportSummary& summary, std::size_t listed = 3);

}  // namespace samizdat::service
