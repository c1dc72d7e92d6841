// ProviderEmbed, YouTubeEmbed, VimeoEmbed: a provider's page URL (read with Boost.URL)
// to its player's iframe (transfer/wp_embeds.h).
#include "transfer/wp_embeds.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <vector>

#include "core/strings.h"
#include "text/escape.h"

namespace samizdat::transfer {
namespace {

struct Page {
  std::string host;                   // lower case, without "www." or "m."
  std::vector<std::string> segments;  // the path's, decoded, without empty ones
  std::string v;                      // the query's v (YouTube's video id)
};

// "&amp;" (and WordPress's "&#038;") back to "&": the URL was written in HTML.
std::string DecodeAmpersands(std::string_view url) {
  std::string out(TrimBlank(url));
  for (std::string_view entity : {"&amp;", "&#038;", "&#38;"}) {
    for (std::size_t at = out.find(entity); at != std::string::npos;
         at = out.find(entity, at + 1)) {
      out.replace(at, entity.size(), "&");
    }
  }
  return out;
}

std::optional<Page> ParsePage(std::string_view raw) {
  const std::string text = DecodeAmpersands(raw);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https")) return std::nullopt;
  Page page;
  if (auto v = parsed->params().find("v"); v != parsed->params().end() && (*v).has_value) {
    page.v = (*v).value;
  }
  page.host = AsciiLower(std::string(parsed->encoded_host()));
  for (std::string_view prefix : {"www.", "m."}) {
    if (page.host.starts_with(prefix)) page.host.erase(0, prefix.size());
  }
  for (auto segment : parsed->segments()) {
    if (!segment.empty()) page.segments.push_back(segment);
  }
  return page;
}

bool AllOf(std::string_view s, bool (*ok)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), ok);
}
bool IdChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool IsYouTubeId(std::string_view id) { return id.size() == 11 && AllOf(id, IdChar); }

std::string Iframe(const std::string& src, const EmbedSize& size, std::string_view width,
                   std::string_view height) {
  const auto digits = [](const std::string& s) { return AllOf(s, Digit); };
  const std::string w = digits(size.width) ? size.width : std::string(width);
  const std::string h = digits(size.height) ? size.height : std::string(height);
  return "<iframe src=\"" + text::EscapeHtml(src) + "\" width=\"" + w + "\" height=\"" + h +
         "\" allowfullscreen></iframe>";
}

std::string YouTube(std::string_view id, const EmbedSize& size) {
  return Iframe("https://www.youtube.com/embed/" + std::string(id), size, "560", "315");
}

std::string Vimeo(std::string_view id, const EmbedSize& size) {
  return Iframe("https://player.vimeo.com/video/" + std::string(id), size, "640", "360");
}

std::optional<std::string> YouTubeOf(const Page& page, const EmbedSize& size) {
  const auto& s = page.segments;
  if (page.host == "youtu.be") {
    if (!s.empty() && IsYouTubeId(s[0])) return YouTube(s[0], size);
    return std::nullopt;
  }
  if (page.host != "youtube.com" && page.host != "youtube-nocookie.com") return std::nullopt;
  if (s.size() == 1 && s[0] == "watch" && IsYouTubeId(page.v)) return YouTube(page.v, size);
  if (s.size() >= 2 && (s[0] == "shorts" || s[0] == "embed" || s[0] == "live" || s[0] == "v") &&
      IsYouTubeId(s[1])) {
    return YouTube(s[1], size);
  }
  return std::nullopt;
}

std::optional<std::string> VimeoOf(const Page& page, const EmbedSize& size) {
  if (page.host != "vimeo.com" && page.host != "player.vimeo.com") return std::nullopt;
  for (const std::string& segment : page.segments) {
    if (AllOf(segment, Digit)) return Vimeo(segment, size);
  }
  return std::nullopt;
}

std::optional<std::string> DailymotionOf(const Page& page, const EmbedSize& size) {
  const auto& s = page.segments;
  std::string id;
  if (page.host == "dai.ly" && !s.empty()) id = s[0];
  if (page.host == "dailymotion.com" && s.size() >= 2 && s[0] == "video") id = s[1];
  id = id.substr(0, id.find('_'));  // old addresses: /video/x7tgad0_a-title
  if (!AllOf(id, Alnum)) return std::nullopt;
  return Iframe("https://www.dailymotion.com/embed/video/" + id, size, "640", "360");
}

std::optional<std::string> SoundCloudOf(const Page& page, const EmbedSize& size) {
  if (page.host != "soundcloud.com" || page.segments.empty()) return std::nullopt;
  std::string track = "https://soundcloud.com";
  for (const std::string& segment : page.segments) track += "/" + text::PercentEncode(segment);
  return Iframe("https://w.soundcloud.com/player/?url=" + text::PercentEncode(track), size, "100%",
                "166");
}

std::optional<std::string> SpotifyOf(const Page& page, const EmbedSize& size) {
  if (page.host != "open.spotify.com") return std::nullopt;
  auto s = page.segments;
  if (!s.empty() && s[0].starts_with("intl-")) s.erase(s.begin());
  if (s.size() < 2 || !AllOf(s[1], Alnum)) return std::nullopt;
  const std::string& kind = s[0];
  if (kind != "track" && kind != "album" && kind != "playlist" && kind != "episode" &&
      kind != "show" && kind != "artist") {
    return std::nullopt;
  }
  const bool small = kind == "track" || kind == "episode";
  return Iframe("https://open.spotify.com/embed/" + kind + "/" + s[1], size, "100%",
                small ? "152" : "352");
}

// "youtube.com/watch?v=…" or "=http://…" (WordPress.com's [youtube=URL]) as a URL.
std::string WithScheme(std::string_view text) {
  std::string url(TrimBlank(text));
  while (url.starts_with('=')) url.erase(0, 1);
  if (!url.starts_with("http://") && !url.starts_with("https://")) url = "https://" + url;
  return url;
}

}  // namespace

std::optional<std::string> ProviderEmbed(std::string_view url, const EmbedSize& size) {
  const std::optional<Page> page = ParsePage(url);
  if (!page) return std::nullopt;
  for (auto of : {YouTubeOf, VimeoOf, DailymotionOf, SoundCloudOf, SpotifyOf}) {
    if (std::optional<std::string> iframe = of(*page, size)) return iframe;
  }
  return std::nullopt;
}

std::optional<std::string> YouTubeEmbed(std::string_view url_or_id, const EmbedSize& size) {
  const std::string_view id = TrimBlank(url_or_id);
  if (IsYouTubeId(id)) return YouTube(id, size);
  const std::optional<Page> page = ParsePage(WithScheme(id));
  return page ? YouTubeOf(*page, size) : std::nullopt;
}

std::optional<std::string> VimeoEmbed(std::string_view url_or_id, const EmbedSize& size) {
  const std::string_view id = TrimBlank(url_or_id);
  if (AllOf(id, Digit)) return Vimeo(id, size);
  const std::optional<Page> page = ParsePage(WithScheme(id));
  return page ? VimeoOf(*page, size) : std::nullopt;
}

}  // namespace samizdat::transfer
