// GzipCompress: zlib's deflate with a gzip wrapper (windowBits 15 + 16), see gzip.h.
#include "text/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace samizdat::text {
namespace {

// Owns one deflate stream with a gzip wrapper; deflateEnd runs however the caller returns.
class GzipStream {
 public:
  explicit GzipStream(int level) {
    constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip header and trailer
    constexpr int kMemLevel = 8;              // zlib's default
    ok_ = deflateInit2(&z_, level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) ==
          Z_OK;
  }
  ~GzipStream() {
    if (ok_) deflateEnd(&z_);
  }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  bool ok() const { return ok_; }
  z_stream* get() { return &z_; }
  z_stream* operator->() { return &z_; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

}  // namespace

std::string GzipCompress(std::string_view data, int level) {
  GzipStream stream(std::clamp(level, 0, 9));
  if (!stream.ok()) return {};

  constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max();
  std::string out;
  // One bound for a single-shot input; larger inputs simply grow the buffer.
  out.resize(deflateBound(stream.get(), static_cast<uLong>(std::min(data.size(), kMaxChunk))));
  std::size_t in_pos = 0;
  std::size_t out_pos = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out_pos == out.size()) out.resize(out.size() * 2 + 64);
    const std::size_t in_chunk = std::min(data.size() - in_pos, kMaxChunk);
    const std::size_t out_chunk = std::min(out.size() - out_pos, kMaxChunk);
    stream->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + in_pos));
    stream->avail_in = static_cast<uInt>(in_chunk);
    stream->next_out = reinterpret_cast<Bytef*>(out.data() + out_pos);
    stream->avail_out = static_cast<uInt>(out_chunk);
    const bool last_input = in_pos + in_chunk == data.size();
    rc = deflate(stream.get(), last_input ? Z_FINISH : Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) return {};
    in_pos += in_chunk - stream->avail_in;
    out_pos += out_chunk - stream->avail_out;
  }
  out.resize(out_pos);
  return out;
}

}  // namespace samizdat::text
