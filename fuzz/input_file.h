// A fuzz input as a file the export readers can open by path: an anonymous memory file
// (memfd), rewritten for each input, so that the fuzzers touch no disk.
//
// Not thread-safe (one per fuzzer process). Aborts if the kernel refuses a memfd or a write:
// the fuzzer cannot run without one.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::fuzz {

class InputFile {
 public:
  InputFile();
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Replaces the file's contents with `bytes`; returns the path to open
  // ("/proc/self/fd/N"), valid while this object lives.
  const std::string& Write(std::string_view bytes);

 private:
  int fd_;
  std::string path_;
};

}  // namespace samizdat::fuzz
