// RedirectPlainToHttps: the plain port's one rule, ahead of the route table.
#include "web/https_redirect.h"

#include <string>
#include <string_view>
#include <utility>

namespace samizdat::web {
namespace {

constexpr std::string_view kAcmeChallenges = "/.well-known/acme-challenge/";

// The Host header without its port, when it is a DNS name or an IP literal.
std::string_view HostName(std::string_view host) {
  if (host.empty()) return {};
  if (host.front() == '[') {  // [v6]:port
    const auto close = host.find(']');
    return close == std::string_view::npos ? std::string_view() : host.substr(0, close + 1);
  }
  host = host.substr(0, host.find(':'));
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    if (!ok) return {};
  }
  return host;
}

}  // namespace

http::Handler RedirectPlainToHttps(http::Handler next, uint16_t https_port) {
  return [next = std::move(next), https_port](const http::Request& request) {
    if (request.secure || request.target.starts_with(kAcmeChallenges)) return next(request);
    const std::string_view host = HostName(request.host);
    if (host.empty()) {
      return http::Response::Text(400, "A request needs a Host header naming the blog.\n");
    }
    std::string location = "https://" + std::string(host);
    if (https_port != 443) location += ":" + std::to_string(https_port);
    location += request.target.empty() || request.target.front() != '/' ? "/" : request.target;
    http::Response response = http::Response::Text(
        request.method == "GET" ? 301 : 308, "This blog is served over HTTPS: " + location + "\n");
    response.headers.push_back({"Location", std::move(location)});
    return response;
  };
}

}  // namespace samizdat::web
