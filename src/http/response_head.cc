// The response head's checks and bytes, with Beast's reason phrases.
#include "http/response_head.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <cstring>

#include "core/log.h"

namespace samizdat::http::internal {
namespace {

using namespace std::string_view_literals;

// RFC 9110 tchar: a header name is one or more of these.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return c != '\0' && std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

void AppendNumber(std::string& out, std::size_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

}  // namespace

bool IsToken(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// (memchr: a long value, such as a Content-Security-Policy, is checked on every answer.)
bool IsSafeValue(std::string_view value) {
  for (const char c : {'\r', '\n', '\0'}) {
    if (std::memchr(value.data(), c, value.size()) != nullptr) return false;
  }
  return true;
}

bool IsFraming(std::string_view name) {
  return IsNamed(name, "Content-Length") || IsNamed(name, "Transfer-Encoding") ||
         IsNamed(name, "Connection");
}

bool IsNamed(std::string_view name, std::string_view expected) {
  return boost::beast::iequals(name, expected);
}

void ReportDroppedHeader(std::string_view name) {
  log::Error("samizdat http: dropped an invalid response header: " + std::string(name));
}

void AppendHead(std::string& out, int status, unsigned version, const Response& response,
                bool keep_alive, std::optional<std::size_t> content_length) {
  namespace bhttp = boost::beast::http;
  out += version == 10 ? "HTTP/1.0 "sv : "HTTP/1.1 "sv;
  AppendNumber(out, static_cast<std::size_t>(status));
  out += ' ';
  out += bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(status)));
  out += "\r\n"sv;
  ForEachHeader(response, [&out](std::string_view name, std::string_view value) {
    out += name;
    out += ": "sv;
    out += value;
    out += "\r\n"sv;
  });
  if (content_length) {
    out += "Content-Length: "sv;
    AppendNumber(out, *content_length);
    out += "\r\n"sv;
  }
  if (version == 10 && keep_alive) out += "Connection: keep-alive\r\n"sv;
  if (version != 10 && !keep_alive) out += "Connection: close\r\n"sv;
  out += "\r\n"sv;
}

}  // namespace samizdat::http::internal
