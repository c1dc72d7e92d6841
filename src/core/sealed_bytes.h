// SealedBytes: an immutable run of bytes kept in an anonymous in-memory file (memfd),
// so that it can be sent to a socket with sendfile(2) — no copy through user space, as
// nginx serves static files. Used for cached pages.
//
// Thread safety: immutable after creation; the fd may be read concurrently with pread
// or sendfile (each call passes its own offset).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat {

class SealedBytes {
 public:
  // Copies `bytes` into a new sealed memfd. Internal (with errno's text) on failure.
  static Result<std::shared_ptr<const SealedBytes>> Make(std::string_view bytes);
  ~SealedBytes();
  SealedBytes(const SealedBytes&) = delete;
  SealedBytes& operator=(const SealedBytes&) = delete;

  int fd() const { return fd_; }
  std::size_t size() const { return size_; }
  // The bytes, read back (for tests and for callers that need them in memory).
  std::string Read() const;

 private:
  SealedBytes(int fd, std::size_t size) : fd_(fd), size_(size) {}
  int fd_;  // owned; closed by the destructor
  std::size_t size_;
};

}  // namespace samizdat
