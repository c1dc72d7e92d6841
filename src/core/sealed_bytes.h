// SealedBytes: an immutable run of bytes kept in an anonymous in-memory file (memfd),
// so that it can be sent to a socket with sendfile(2) — no copy through user space, as
// nginx serves static files. Used for cached pages.
//
// The bytes are also mapped read-only (bytes()), for a connection that cannot hand the fd
// to the kernel: one that encrypts them (HTTPS) reads them from the mapping, uncopied.
//
// Thread safety: immutable after creation; the fd may be read concurrently with pread
// or sendfile (each call passes its own offset), the mapping from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "core/status.h"

namespace samizdat {

class SealedBytes {
  struct Passkey {  // lets Make use std::make_shared while outsiders cannot construct
    explicit Passkey() = default;
  };

 public:
  // Copies `bytes` into a new memfd sealed against any change (no write, grow, shrink or
  // further sealing). Internal (with errno's text) on failure, e.g. out of descriptors.
  static Result<std::shared_ptr<const SealedBytes>> Make(std::string_view bytes);

  // For Make only (the Passkey is private).
  SealedBytes(Passkey, int fd, const void* mapping, std::size_t size)
      : fd_(fd), mapping_(mapping), size_(size) {}
  ~SealedBytes();
  SealedBytes(const SealedBytes&) = delete;
  SealedBytes& operator=(const SealedBytes&) = delete;

  // The memfd, owned by this object: read it only with positional calls (pread,
  // sendfile with an offset), never lseek or read, which would move the shared offset.
  int fd() const { return fd_; }
  std::size_t size() const { return size_; }
  // The bytes, through the read-only mapping of the memfd; valid while this object lives.
  std::string_view bytes() const {
    return {static_cast<const char*>(mapping_), mapping_ != nullptr ? size_ : 0};
  }

 private:
  int fd_;               // owned; closed by the destructor
  const void* mapping_;  // owned; unmapped by the destructor; null when size_ is 0
  std::size_t size_;
};

}  // namespace samizdat
