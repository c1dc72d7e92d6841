// ThumbnailUrl: the first image, and Blogger's size rewrite for Blogger-hosted images.
#include "feeds/thumbnail.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <iterator>
#include <regex>

#include "feeds/absolutize.h"
#include "text/url_attributes.h"

namespace samizdat::feeds {

namespace {

namespace urls = boost::urls;

constexpr std::string_view kThumbnailSizeWord = "s72-c";

// Blogger's image hosts: the blogspot photo hosts and Google's image servers.
bool IsBloggerImageHost(std::string_view host) {
  return host.ends_with(".bp.blogspot.com") || host == "blogger.googleusercontent.com" ||
         host.ends_with(".googleusercontent.com");
}

// A Blogger size word: "s1600", "s72-c", "w640-h480", "s1600-h", "w400-h225-rw".
bool IsSizeWord(std::string_view word) {
  static const std::regex kSize("[swh][0-9]+(-[a-z0-9]+)*");
  return std::regex_match(word.begin(), word.end(), kSize);
}

// `url` asking for Blogger's thumbnail size, or `url` itself when it names no size.
std::string BloggerThumbnail(const std::string& url) {
  auto parsed = urls::parse_uri(url);
  if (!parsed || !IsBloggerImageHost(parsed->encoded_host())) return url;
  urls::url thumb(*parsed);
  urls::segments_encoded_ref segments = thumb.encoded_segments();
  if (segments.size() >= 2) {
    const auto size_segment = std::prev(segments.end(), 2);
    if (IsSizeWord(*size_segment)) {
      segments.replace(size_segment, kThumbnailSizeWord);
      return std::string(thumb.buffer());
    }
  }
  if (!segments.empty()) {  // googleusercontent's ".../NAME=s1600"
    const auto last = std::prev(segments.end());
    const std::string name(*last);
    const size_t eq = name.rfind('=');
    if (eq != std::string::npos && IsSizeWord(std::string_view(name).substr(eq + 1))) {
      segments.replace(last, name.substr(0, eq + 1) + std::string(kThumbnailSizeWord));
      return std::string(thumb.buffer());
    }
  }
  return url;
}

}  // namespace

std::optional<std::string> ThumbnailUrl(std::string_view html, std::string_view document_url) {
  for (const text::UrlAttribute& attr : text::UrlAttributesOf(html)) {
    if (attr.tag != "img" || attr.name != "src") continue;
    std::optional<std::string> url = ResolveUrl(document_url, attr.value);
    if (url) return BloggerThumbnail(*url);
  }
  return std::nullopt;
}

}  // namespace samizdat::feeds
