// OwnOrigin and FromOwnOrigin: origins compared after Boost.URL parses them.
#include "web/origin_check.h"

#include <boost/url/parse.hpp>
#include <optional>

#include "core/strings.h"

namespace samizdat::web {
namespace {

// "scheme://host[:port]" of an http(s) URL or origin, lower case, without the scheme's
// default port; nullopt for anything else.
std::optional<std::string> OriginOf(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->has_userinfo()) return std::nullopt;
  const std::string scheme = AsciiLower(parsed->scheme());
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string host = AsciiLower(parsed->encoded_host());
  if (host.empty()) return std::nullopt;
  std::string origin = scheme + "://" + host;
  const std::string_view port = parsed->port();
  if (!port.empty() && port != (scheme == "https" ? "443" : "80")) {
    origin += ":" + std::string(port);
  }
  return origin;
}

}  // namespace

std::string OwnOrigin(const http::Request& request) {
  const std::string origin = (request.secure ? "https://" : "http://") + request.host;
  return OriginOf(origin).value_or(origin);
}

bool FromOwnOrigin(const http::Request& request) {
  if (const std::string_view origin = TrimBlank(request.GetHeader("Origin")); !origin.empty()) {
    const auto sent = OriginOf(origin);
    return sent && *sent == OwnOrigin(request);
  }
  if (const std::string_view site = TrimBlank(request.GetHeader("Sec-Fetch-Site")); !site.empty()) {
    const std::string value = AsciiLower(site);
    return value == "same-origin" || value == "none";
  }
  if (const std::string_view referer = TrimBlank(request.GetHeader("Referer")); !referer.empty()) {
    const auto from = OriginOf(referer);
    return from && *from == OwnOrigin(request);
  }
  return true;
}

}  // namespace samizdat::web
