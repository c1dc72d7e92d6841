// MediaService: uploads typed by libmagic from their bytes and named by their BLAKE2b
// hash. libmagic's handle is not thread-safe: each call opens its own (loading the
// compiled database is a few milliseconds, next to an upload's own cost).
#include "service/media.h"

#include <magic.h>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "auth/form_token.h"
#include "text/utf8.h"

namespace samizdat::service {
namespace {

struct MagicCloser {
  void operator()(magic_t magic) const { magic_close(magic); }
};
using MagicHandle = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

// What libmagic says `bytes` are, as a MIME type ("image/png") or, with `flags` =
// MAGIC_NONE, in words ("ASCII text"). Internal when libmagic cannot be set up.
Result<std::string> Identify(std::string_view bytes, int flags) {
  MagicHandle magic(magic_open(flags));
  if (!magic) return Status::Internal("libmagic: cannot open");
  if (magic_load(magic.get(), nullptr) != 0) {
    return Status::Internal(std::string("libmagic: ") + magic_error(magic.get()));
  }
  const char* found = magic_buffer(magic.get(), bytes.data(), bytes.size());
  if (found == nullptr) {
    return Status::Internal(std::string("libmagic: ") + magic_error(magic.get()));
  }
  return std::string(found);
}

struct ImageType {
  std::string_view content_type;
  std::string_view extension;
};

// The types accepted, each with the extension of its URL.
constexpr ImageType kImageTypes[] = {
    {"image/png", ".png"},
    {"image/jpeg", ".jpg"},
    {"image/gif", ".gif"},
    {"image/webp", ".webp"},
};

const ImageType* FindType(std::string_view content_type) {
  for (const ImageType& type : kImageTypes) {
    if (type.content_type == content_type) return &type;
  }
  return nullptr;
}

bool IsHash(std::string_view s) {
  return s.size() == 32 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::string MediaPath(const Media& media) {
  const ImageType* type = FindType(media.content_type);
  return "/media/" + media.hash + std::string(type != nullptr ? type->extension : "");
}

std::string MediaHashFromName(std::string_view name) {
  for (const ImageType& type : kImageTypes) {
    if (name.size() > type.extension.size() && name.ends_with(type.extension)) {
      std::string_view hash = name.substr(0, name.size() - type.extension.size());
      return IsHash(hash) ? std::string(hash) : std::string();
    }
  }
  return {};
}

Result<Media> MediaService::Upload(const Blog& blog, std::string_view filename, std::string bytes) {
  if (bytes.empty()) return Status::InvalidArgument("the file is empty");
  if (bytes.size() > kMaxMediaBytes) {
    return Status::InvalidArgument("the file is larger than the limit of " +
                                   std::to_string(kMaxMediaBytes / (1024 * 1024)) + " MiB");
  }
  Result<std::string> mime = Identify(bytes, MAGIC_MIME_TYPE);
  if (!mime.ok()) return mime.status();
  if (FindType(*mime) == nullptr) {
    Result<std::string> words = Identify(bytes, MAGIC_NONE);
    const std::string what = (words.ok() ? *words : *mime) + " (" + *mime + ")";
    return Status::InvalidArgument(
        "only PNG, JPEG, GIF and WebP images can be uploaded; this file is " + what);
  }
  Media media;
  media.blog_id = blog.id;
  media.hash = auth::ContentHash(bytes);
  media.content_type = std::move(*mime);
  media.filename = text::ToValidUtf8(filename);
  media.size = static_cast<int64_t>(bytes.size());
  media.bytes = std::move(bytes);
  SAMIZDAT_RETURN_IF_ERROR(store_.AddMedia(media));
  // The same bytes uploaded before keep their first name and time.
  return store_.GetMedia(blog.id, media.hash);
}

Result<Media> MediaService::Get(const Blog& blog, std::string_view name) {
  const std::string hash = MediaHashFromName(name);
  if (hash.empty()) return Status::NotFound("no file " + text::ToValidUtf8(name));
  Result<Media> media = store_.GetMedia(blog.id, hash);
  if (!media.ok()) return media.status();
  // "HASH.gif" names nothing when HASH is a PNG: one URL per file.
  if (MediaPath(*media) != "/media/" + std::string(name)) {
    return Status::NotFound("no file " + text::ToValidUtf8(name));
  }
  return media;
}

Result<std::vector<Media>> MediaService::List(const Blog& blog, int limit, int offset) {
  return store_.ListMedia(blog.id, limit, offset);
}

Status MediaService::Remove(const Blog& blog, std::string_view hash) {
  return store_.DeleteMedia(blog.id, hash);
}

}  // namespace samizdat::service
