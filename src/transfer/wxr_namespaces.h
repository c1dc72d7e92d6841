// The namespaces of a WordPress export, told by their URI as WordPress's importer reads
// them, never by their prefix: http or https (WordPress.com writes
// "https://wordpress.org/export/1.2/"), WXR 1.0 to 1.2 (any "1.N"). Internal to
// transfer/; pure functions.
#pragma once

#include <algorithm>
#include <string_view>

namespace samizdat::transfer::wxr_ns {

// The URI without its "http://" or "https://"; "" for any other scheme.
inline std::string_view WithoutScheme(std::string_view uri) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (uri.starts_with(scheme)) return uri.substr(scheme.size());
  }
  return {};
}

// Whether the URI is "http(s)://wordpress.org/export/1.N/..."; `rest` gets what follows
// "1.N/".
inline bool SplitExport(std::string_view uri, std::string_view& rest) {
  constexpr std::string_view kExport = "wordpress.org/export/";
  std::string_view tail = WithoutScheme(uri);
  if (!tail.starts_with(kExport)) return false;
  tail.remove_prefix(kExport.size());
  const std::size_t slash = tail.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view version = tail.substr(0, slash);
  if (version.size() < 3 || !version.starts_with("1.") ||
      !std::all_of(version.begin() + 2, version.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  rest = tail.substr(slash + 1);
  return true;
}

// "http(s)://wordpress.org/export/1.N/": the wp: elements.
inline bool IsWp(std::string_view uri) {
  std::string_view rest;
  return SplitExport(uri, rest) && rest.empty();
}

// "http(s)://wordpress.org/export/1.N/excerpt/": excerpt:encoded.
inline bool IsExcerpt(std::string_view uri) {
  std::string_view rest;
  return SplitExport(uri, rest) && rest == "excerpt/";
}

// "http(s)://purl.org/rss/1.0/modules/content/": content:encoded.
inline bool IsContent(std::string_view uri) {
  return WithoutScheme(uri) == "purl.org/rss/1.0/modules/content/";
}

// "http(s)://purl.org/dc/elements/1.1/": dc:creator.
inline bool IsDc(std::string_view uri) { return WithoutScheme(uri) == "purl.org/dc/elements/1.1/"; }

}  // namespace samizdat::transfer::wxr_ns
