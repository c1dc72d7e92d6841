// CheckEmbedUrl: the embed providers' allowlist, on URLs parsed by Boost.URL; and
// EmbedOrigins, the same list's hosts.
#include "text/embed_url.h"

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "text/embed_providers.h"

namespace samizdat::text::internal {
namespace {

struct Provider {
  std::string_view host;
  std::string_view path_prefix;
};

constexpr std::array<Provider, 18> kProviders = {{
    {"www.youtube.com", "/embed/"},
    {"youtube.com", "/embed/"},
    {"www.youtube-nocookie.com", "/embed/"},
    {"youtube-nocookie.com", "/embed/"},
    {"player.vimeo.com", "/video/"},
    {"www.google.com", "/maps/embed"},
    {"maps.google.com", "/maps"},
    {"drive.google.com", "/"},
    {"docs.google.com", "/"},
    {"calendar.google.com", "/calendar/embed"},
    {"www.google.com", "/calendar/embed"},
    {"www.dailymotion.com", "/embed/"},
    {"geo.dailymotion.com", "/player"},
    {"w.soundcloud.com", "/player"},
    {"open.spotify.com", "/embed"},
    {"bandcamp.com", "/EmbeddedPlayer/"},
    {"archive.org", "/embed/"},
    {"www.archive.org", "/embed/"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

}  // namespace

EmbedUrl CheckEmbedUrl(std::string_view src) {
  EmbedUrl result;
  auto parsed = boost::urls::parse_uri_reference(src);
  if (!parsed) return result;
  boost::urls::url url(*parsed);
  if (!url.has_authority()) return result;
  result.host = Lower(url.encoded_host());
  if (url.has_scheme()) {
    const std::string scheme = Lower(url.scheme());
    if (scheme != "http" && scheme != "https") return result;
  }
  if (url.has_userinfo() || url.has_port()) return result;
  url.normalize_path();  // no "/embed/../elsewhere"
  const std::string_view path = url.encoded_path();
  const bool allowed = std::any_of(kProviders.begin(), kProviders.end(), [&](const Provider& p) {
    return p.host == result.host && path.starts_with(p.path_prefix);
  });
  if (!allowed) return result;
  url.set_scheme("https");
  url.set_encoded_host(result.host);
  result.url = std::string(url.buffer());
  return result;
}

}  // namespace samizdat::text::internal

namespace samizdat::text {

const std::vector<std::string>& EmbedOrigins() {
  static const std::vector<std::string> kOrigins = [] {
    std::vector<std::string> origins;
    for (const internal::Provider& provider : internal::kProviders) {
      std::string origin = "https://" + std::string(provider.host);
      if (std::find(origins.begin(), origins.end(), origin) == origins.end()) {
        origins.push_back(std::move(origin));
      }
    }
    return origins;
  }();
  return kOrigins;
}

}  // namespace samizdat::text
