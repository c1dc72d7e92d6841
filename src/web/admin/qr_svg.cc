// QR codes as inline SVG through libqrencode, see qr_svg.h.
#include "web/admin/qr_svg.h"

#include <qrencode.h>

#include <memory>

#include "text/escape.h"

namespace samizdat::web::admin {
namespace {

constexpr int kQuietZone = 4;  // modules of white around the symbol (ISO/IEC 18004)
constexpr int kModulePixels = 5;

}  // namespace

std::optional<std::string> QrSvg(std::string_view text, std::string_view label) {
  const std::string terminated(text);  // libqrencode reads a C string
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(terminated.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return std::nullopt;
  const int width = code->width;
  const std::string side = std::to_string(width + 2 * kQuietZone);
  const std::string pixels = std::to_string((width + 2 * kQuietZone) * kModulePixels);
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if ((code->data[y * width + x] & 1) == 0) continue;  // bit 0: a dark module
      path +=
          "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h1v1h-1z";
    }
  }
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" width=\"" + pixels +
         "\" height=\"" + pixels + "\" viewBox=\"0 0 " + side + " " + side +
         "\" shape-rendering=\"crispEdges\" aria-label=\"" + text::EscapeHtml(label) +
         "\"><rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/><path d=\"" +
         path + "\" fill=\"#000\"/></svg>";
}

}  // namespace samizdat::web::admin
