// AccessLog: appends the server's combined-format lines to a file (or stdout),
// buffered, flushed every second by Flush() and at close; Reopen() (on SIGHUP) starts
// writing to the file now at its path, so that logrotate may move the old one away.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::app {

class AccessLog {
 public:
  // "-" is standard output. InvalidArgument if the file cannot be opened for appending.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& path);
  // Takes `file`, opened from `path` ("-": standard output, not owned); closes it at
  // destruction when `owned`.
  AccessLog(std::FILE* file, bool owned, std::string path)
      : file_(file), owned_(owned), path_(std::move(path)) {}
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Write(std::string_view line);  // thread-safe; adds the newline
  void Flush();                       // thread-safe
  // Thread-safe. Flushes and closes the file and opens its path anew (created if it was
  // moved away). When that fails the old file is kept and InvalidArgument says why.
  // Standard output is kept as it is.
  Status Reopen();
  const std::string& path() const { return path_; }

 private:
  std::mutex mutex_;
  std::FILE* file_;  // GUARDED_BY(mutex_); closed by the destructor when owned_
  const bool owned_;
  const std::string path_;
};

}  // namespace samizdat::app
