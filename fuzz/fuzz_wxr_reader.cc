// Fuzz target: the WordPress reader (ReadWxr, with samizdat's extension elements), read
// twice as the import reads it: the second time with the attachments the first found.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/discard_sink.h"
#include "fuzz/input_file.h"
#include "transfer/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static samizdat::fuzz::InputFile file;
  const std::string& path = file.Write({reinterpret_cast<const char*>(data), size});
  samizdat::transfer::WxrMedia media;
  samizdat::fuzz::DiscardSink first;
  if (!samizdat::transfer::ReadWxr(path, first, &media).ok()) return 0;
  samizdat::fuzz::DiscardSink second;
  (void)samizdat::transfer::ReadWxr(path, second, &media);
  return 0;
}
