// Media: images an author uploads, checked by their bytes (not by their name or the
// browser's word), stored once per content, and served at a URL named by a hash of the
// bytes, so the URL never changes meaning and may be cached for good.
//
// Thread safety: a MediaService may be used from many threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

// Image types accepted: PNG, JPEG, GIF, WebP (and nothing that merely claims to be one).
inline constexpr std::size_t kMaxMediaBytes = 10 * 1024 * 1024;

// The path a stored file is served at: "/media/HASH.EXT" (EXT from its type).
std::string MediaPath(const Media& media);
// The hash in a MediaPath's last segment ("HASH.png" -> "HASH"); "" when it is not one.
std::string MediaHashFromName(std::string_view name);

class MediaService {
 public:
  explicit MediaService(store::Store& store) : store_(store) {}

  // Stores an uploaded file. InvalidArgument when it is empty, over kMaxMediaBytes
  // (the message gives the limit) or not one of the image types (the message says what
  // its bytes are). Uploading the same bytes again returns the stored file.
  Result<Media> Upload(const Blog& blog, std::string_view filename, std::string bytes);
  // The file of a MediaPath name ("HASH.png"). NotFound.
  Result<Media> Get(const Blog& blog, std::string_view name);
  Result<std::vector<Media>> List(const Blog& blog, int limit, int offset);
  Status Remove(const Blog& blog, std::string_view hash);

 private:
  store::Store& store_;
};

}  // namespace samizdat::service
