// Fuzz target: the Blogger reader (ReadBloggerAtom: classic export and Takeout's
// feed.atom, with samizdat's extension elements) and DetectFormat on the same bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/discard_sink.h"
#include "fuzz/input_file.h"
#include "transfer/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static samizdat::fuzz::InputFile file;
  const std::string& path = file.Write({reinterpret_cast<const char*>(data), size});
  (void)samizdat::transfer::DetectFormat(path);
  samizdat::fuzz::DiscardSink sink;
  (void)samizdat::transfer::ReadBloggerAtom(path, sink);
  return 0;
}
