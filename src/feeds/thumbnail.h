// Blogger's media:thumbnail of a post: its first image, at Blogger's 72-pixel size.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::feeds {

// Blogger's thumbnails are 72 by 72 pixels (media:thumbnail width and height).
inline constexpr int kThumbnailSize = 72;

// The absolute URL of the first <img src> of `html` (in the order written), resolved
// against `document_url` (see ResolveUrl); nullopt when `html` has no image whose src
// resolves. A Blogger-hosted image (*.bp.blogspot.com, *.googleusercontent.com) is asked
// for at Blogger's thumbnail size: its size segment ("/s1600/", "/w640-h480/") becomes
// "/s72-c/", or its "=s1600"-style suffix becomes "=s72-c", as Blogger's feeds write it
// (old widgets swap "s72-c" back for a larger size). Any other URL is returned as is.
// Pure and thread-safe.
std::optional<std::string> ThumbnailUrl(std::string_view html, std::string_view document_url);

}  // namespace samizdat::feeds
