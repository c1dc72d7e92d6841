// gzip compression (RFC 1952) for HTTP responses and cached pages.
// Thread-safe: every call uses its own zlib stream.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::text {

// Compresses `data` into a complete gzip member (header, deflate stream, CRC-32 and
// length trailer), readable by `gunzip` and by browsers for Content-Encoding: gzip.
// `level` is zlib's 0 (store) .. 9 (smallest); values outside that range are clamped.
// Returns an empty string only if zlib cannot allocate its working memory.
std::string GzipCompress(std::string_view data, int level = 6);

}  // namespace samizdat::text
