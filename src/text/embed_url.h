// Internal to the text module: which <iframe> sources a post may embed (the allowlist of
// embed providers) and the URL written for them. Not for use outside src/text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::text::internal {

// What CheckEmbedUrl decided about one iframe src.
struct EmbedUrl {
  std::optional<std::string> url;  // the src to write; nullopt if the iframe must go
  std::string host;                // the host named by src ("" if src is no URL with one)
};

// Accepts `src` (decoded, with the white space URL parsers ignore already removed) if it
// is an absolute http or https URL, or a protocol-relative "//host/..." one, without user
// info or port, whose host and path belong to an embed provider:
//   YouTube           www.youtube.com, youtube.com, www.youtube-nocookie.com,
//                     youtube-nocookie.com                          /embed/...
//   Vimeo             player.vimeo.com                              /video/...
//   Google Maps       www.google.com /maps/embed...; maps.google.com /maps...
//   Google Drive etc. drive.google.com, docs.google.com (any path); calendar.google.com
//                     and www.google.com /calendar/embed...
//   Dailymotion       www.dailymotion.com /embed/...; geo.dailymotion.com /player...
//   SoundCloud        w.soundcloud.com                              /player...
//   Spotify           open.spotify.com                              /embed...
//   Bandcamp          bandcamp.com                                  /EmbeddedPlayer/...
//   Internet Archive  archive.org, www.archive.org                  /embed/...
// The URL is parsed with Boost.URL; the one returned always has the scheme https
// (http:// and //host become https://) and is otherwise as given. Thread-safe.
EmbedUrl CheckEmbedUrl(std::string_view src);

}  // namespace samizdat::text::internal
