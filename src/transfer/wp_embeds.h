// The players WordPress showed for a video or audio page's URL (its oEmbed, and Jetpack's
// [youtube] and [vimeo]), as the iframe each provider documents. Only these providers are
// known: YouTube, Vimeo, Dailymotion, SoundCloud and Spotify; any other URL has no
// embed. Internal to transfer/. All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::transfer {

// `width` and `height`: digits to use instead of the provider's usual size (else "").
struct EmbedSize {
  std::string width;
  std::string height;
};

// The iframe for `url`, an http(s) address of a page of a known provider:
//   YouTube  youtube.com/watch?v=ID, /shorts/ID, /embed/ID, /live/ID, youtu.be/ID
//            -> https://www.youtube.com/embed/ID, 560 × 315
//   Vimeo    vimeo.com/ID (also /channels/NAME/ID, /groups/NAME/videos/ID),
//            player.vimeo.com/video/ID -> https://player.vimeo.com/video/ID, 640 × 360
//   Dailymotion  dailymotion.com/video/ID, dai.ly/ID
//            -> https://www.dailymotion.com/embed/video/ID, 640 × 360
//   SoundCloud   soundcloud.com/ARTIST/… -> https://w.soundcloud.com/player/?url=…,
//            100% × 166
//   Spotify  open.spotify.com/(track|album|playlist|episode|show|artist)/ID
//            -> https://open.spotify.com/embed/KIND/ID, 100% × 352 (152 for a track or
//            an episode)
// as <iframe src="…" width="…" height="…" allowfullscreen></iframe>. "&amp;" in `url`
// (it comes from HTML) counts as "&". nullopt for any other URL.
std::optional<std::string> ProviderEmbed(std::string_view url, const EmbedSize& size = {});

// Jetpack's [youtube X] and [vimeo X]: X is a URL of that provider (with or without
// "http://", or with WordPress.com's leading '=') or the video's id alone (YouTube's 11
// characters, Vimeo's digits). nullopt when X is neither.
std::optional<std::string> YouTubeEmbed(std::string_view url_or_id, const EmbedSize& size = {});
std::optional<std::string> VimeoEmbed(std::string_view url_or_id, const EmbedSize& size = {});

}  // namespace samizdat::transfer
