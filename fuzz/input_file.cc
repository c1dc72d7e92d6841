// InputFile: the memfd behind a fuzz input's path.
#include "fuzz/input_file.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>

namespace samizdat::fuzz {

InputFile::InputFile() : fd_(memfd_create("fuzz-input", MFD_CLOEXEC)) {
  if (fd_ < 0) std::abort();
  path_ = "/proc/self/fd/" + std::to_string(fd_);
}

InputFile::~InputFile() { close(fd_); }

const std::string& InputFile::Write(std::string_view bytes) {
  if (ftruncate(fd_, 0) != 0) std::abort();
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<std::size_t>(n);
  }
  return path_;
}

}  // namespace samizdat::fuzz
