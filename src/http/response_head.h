// A response's head as the server writes it (internal to src/http): which of its headers
// go out, and the head as bytes for the answers not written by Beast's serializer (file
// bodies, and every answer over TLS).
//
// Thread safety: pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/log_format.h"
#include "http/server.h"

namespace samizdat::http::internal {

// A header name is an RFC 9110 token; a value holds no CR, LF or NUL.
bool IsToken(std::string_view name);
bool IsSafeValue(std::string_view value);
// Content-Length, Transfer-Encoding and Connection: framing is the server's business.
bool IsFraming(std::string_view name);
// Compared case-insensitively.
bool IsNamed(std::string_view name, std::string_view expected);
// Logs a header ForEachHeader left out.
void ReportDroppedHeader(std::string_view name);

// Calls fn(name, value) for each header of `response` the server sends besides the
// framing ones: the valid headers of the response (`headers`, then `shared_headers`)
// except the framing ones, then Server and Date unless the response has its own.
template <typename Fn>
void ForEachHeader(const Response& response, Fn&& fn) {
  bool has_server = false;
  bool has_date = false;
  const auto each = [&](const std::vector<Header>& headers) {
    for (const Header& header : headers) {
      if (!IsToken(header.name) || !IsSafeValue(header.value)) {
        ReportDroppedHeader(header.name);
        continue;
      }
      if (IsFraming(header.name)) continue;
      has_server = has_server || IsNamed(header.name, "Server");
      has_date = has_date || IsNamed(header.name, "Date");
      fn(std::string_view(header.name), std::string_view(header.value));
    }
  };
  each(response.headers);
  if (response.shared_headers) each(*response.shared_headers);
  if (!has_server) fn(std::string_view("Server"), std::string_view("samizdat"));
  if (!has_date) fn(std::string_view("Date"), CachedHttpDate());
}

// Appends the response head (status line, headers, blank line) to `out`, as Beast's
// serializer would write it for the same message; no Content-Length when
// `content_length` is nullopt (a 304 or 204).
void AppendHead(std::string& out, int status, unsigned version, const Response& response,
                bool keep_alive, std::optional<std::size_t> content_length);

}  // namespace samizdat::http::internal
