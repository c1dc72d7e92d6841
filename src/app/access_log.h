// AccessLog: appends the server's combined-format lines to a file (or stdout),
// buffered, flushed every second by Flush() and at close.
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
  // Takes `file`; closes it at destruction when `owned`.
  AccessLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Write(std::string_view line);  // thread-safe; adds the newline
  void Flush();                       // thread-safe

 private:
  std::mutex mutex_;
  std::FILE* file_;  // GUARDED_BY(mutex_); closed by the destructor when owned_
  const bool owned_;
};

}  // namespace samizdat::app
