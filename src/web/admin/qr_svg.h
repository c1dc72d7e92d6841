// A QR code (libqrencode) drawn as an inline SVG, for the account page's otpauth:// URI.
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::web::admin {

// `text` as a QR code (error correction level M, 8-bit mode) in an <svg> element: one
// path of dark modules on white, a four-module quiet zone, `label` as its accessible
// name (escaped here). nullopt when the text does not fit a QR code (over ~2 KB).
std::optional<std::string> QrSvg(std::string_view text, std::string_view label);

}  // namespace samizdat::web::admin
