// SealedBytes: the memfd is created, filled, sealed and mapped here, and unmapped and
// closed by the destructor.
#include "core/sealed_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace samizdat {
namespace {

Status ErrnoStatus(std::string_view what) {
  return Status::Internal("SealedBytes: " + std::string(what) + ": " + std::strerror(errno));
}

// Closes the fd unless released: Make's cleanup on its error paths.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
  int Release() { return std::exchange(fd, -1); }
};

}  // namespace

Result<std::shared_ptr<const SealedBytes>> SealedBytes::Make(std::string_view bytes) {
  FdGuard guard{::memfd_create("samizdat-sealed", MFD_CLOEXEC | MFD_ALLOW_SEALING)};
  if (guard.fd < 0) return ErrnoStatus("memfd_create");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        ::pwrite(guard.fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus("write");
    if (n == 0) {
      errno = EIO;
      return ErrnoStatus("write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fcntl(guard.fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) !=
      0) {
    return ErrnoStatus("F_ADD_SEALS");
  }
  void* mapping = nullptr;
  if (!bytes.empty()) {
    mapping = ::mmap(nullptr, bytes.size(), PROT_READ, MAP_SHARED, guard.fd, 0);
    if (mapping == MAP_FAILED) return ErrnoStatus("mmap");
  }
  const int fd = guard.Release();
  return std::shared_ptr<const SealedBytes>(
      std::make_shared<const SealedBytes>(Passkey{}, fd, mapping, bytes.size()));
}

SealedBytes::~SealedBytes() {
  if (mapping_ != nullptr) ::munmap(const_cast<void*>(mapping_), size_);
  ::close(fd_);
}

}  // namespace samizdat
