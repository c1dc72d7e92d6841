// Deliver: conditional GET and content coding for cached and fresh pages.
#include "web/delivery.h"

#include <cctype>
#include <string_view>

#include "core/strings.h"

namespace samizdat::web {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Splits a comma-separated header value and calls `f` on each trimmed item.
template <typename F>
bool AnyItem(std::string_view value, F f) {
  while (true) {
    auto comma = value.find(',');
    if (f(TrimBlank(value.substr(0, comma)))) return true;
    if (comma == std::string_view::npos) return false;
    value.remove_prefix(comma + 1);
  }
}

bool AcceptsGzipCoding(std::string_view accept_encoding) {
  return AnyItem(accept_encoding, [](std::string_view item) {
    std::string_view coding = TrimBlank(item.substr(0, item.find(';')));
    if (!EqualsIgnoreCase(coding, "gzip") && coding != "*") return false;
    auto q = item.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view weight = TrimBlank(item.substr(q + 2));
    return !(weight == "0" || weight == "0.0" || weight == "0.00" || weight == "0.000");
  });
}

}  // namespace

bool EtagMatches(std::string_view if_none_match, const std::string& etag) {
  return AnyItem(if_none_match, [&](std::string_view item) {
    if (item == "*") return true;
    if (item.starts_with("W/")) item.remove_prefix(2);  // weak comparison (RFC 9110 13.1.2)
    return item == etag;
  });
}

bool AcceptsGzip(const http::Request& request) {
  return AcceptsGzipCoding(request.GetHeader("Accept-Encoding"));
}

http::Response Deliver(const http::Request& request, const service::CachedPage& page) {
  http::Response response;
  response.status = page.status;
  response.headers.reserve(6);
  response.headers = {{"ETag", page.etag},
                      {"Last-Modified", page.last_modified_http},
                      {"Cache-Control", "no-cache"},
                      {"Vary", "Accept-Encoding"}};
  if (page.status == 200) {
    const std::string_view if_none_match = request.GetHeader("If-None-Match");
    bool not_modified = false;
    if (!if_none_match.empty()) {
      not_modified = EtagMatches(if_none_match, page.etag);
    } else if (auto since = request.GetHeader("If-Modified-Since"); !since.empty()) {
      auto since_time = ParseHttpDate(since);
      not_modified = since_time.ok() &&
                     std::chrono::floor<std::chrono::seconds>(page.last_modified) <= *since_time;
    }
    if (not_modified) {
      response.status = 304;
      return response;
    }
  }
  response.headers.push_back({"Content-Type", page.content_type});
  if (page.has_gzip() && AcceptsGzip(request)) {
    response.headers.push_back({"Content-Encoding", "gzip"});
    if (page.sealed_gzip_body) {
      response.file_body = page.sealed_gzip_body;
    } else {
      response.body = page.gzip_body;
    }
  } else if (page.sealed_body) {
    response.file_body = page.sealed_body;
  } else {
    response.body = page.body;
  }
  return response;
}

}  // namespace samizdat::web
