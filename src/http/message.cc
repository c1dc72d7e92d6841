// Request::GetHeader, Response::Text and Response::EmptyBody: the small, Beast-free helpers of
// server.h.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "http/server.h"

namespace samizdat::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::string_view Request::GetHeader(std::string_view name) const {
  for (const Header& header : headers) {
    if (EqualsIgnoreCase(header.name, name)) return header.value;
  }
  return {};
}

Response Response::Text(int status, std::string text, std::string content_type) {
  Response response;
  response.status = status;
  response.headers.push_back({"Content-Type", std::move(content_type)});
  response.body = std::make_shared<const std::string>(std::move(text));
  return response;
}

std::shared_ptr<const std::string> Response::EmptyBody() {
  static const std::shared_ptr<const std::string> kEmpty = std::make_shared<const std::string>();
  return kEmpty;
}

}  // namespace samizdat::http
