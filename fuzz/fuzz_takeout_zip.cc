// Fuzz target: an uploaded export as the import opens it: LocateExport (a Google Takeout
// .zip is extracted to a scratch folder, emptied for each input), then the reader of
// each file it hands over.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "fuzz/discard_sink.h"
#include "fuzz/input_file.h"
#include "transfer/readers.h"

namespace {

namespace fs = std::filesystem;

// A folder of its own under the system's temporary folder, removed at exit.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "samizdat-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  // Removes what the last input left.
  void Empty() const {
    for (const auto& entry : fs::directory_iterator(path)) fs::remove_all(entry.path());
  }
  fs::path path;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static samizdat::fuzz::InputFile file;
  static const ScratchDir scratch;
  scratch.Empty();
  const std::string& path = file.Write({reinterpret_cast<const char*>(data), size});
  auto files = samizdat::transfer::LocateExport(path, scratch.path.string());
  if (!files.ok()) return 0;
  for (const std::string& each : files->files) {
    samizdat::fuzz::DiscardSink sink;
    const bool wxr = files->format == samizdat::transfer::ExportFormat::kWxr;
    (void)(wxr ? samizdat::transfer::ReadWxr(each, sink)
               : samizdat::transfer::ReadBloggerAtom(each, sink));
  }
  return 0;
}
