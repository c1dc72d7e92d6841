// The Blogger feeds of a Google Takeout .zip, extracted to a folder. Internal to
// transfer/.
#pragma once

#include <string>

#include "core/status.h"

namespace samizdat::transfer {

// True when `path` starts as a .zip archive does ("PK\3\4", or "PK\5\6" when empty).
bool LooksLikeZip(const std::string& path);

// Extracts the members ".../Blogger/Blogs/NAME/feed.atom" and
// ".../Blogger/Comments/NAME/feed.atom" of the .zip at `zip_path` to
// `scratch_dir`/Blogger/Blogs/NAME/feed.atom and …/Comments/NAME/feed.atom, and the
// blog's theme (Blogs/NAME/theme-layouts.xml or Theme.xml) beside its feed, streaming
// each in small pieces. Other members are left in the archive; a NAME that is not a
// plain folder name ("..") is ignored. InvalidArgument when the archive cannot be read,
// when it holds no blog's feed, or when it holds several blogs (the message names them);
// Internal when writing fails.
Status ExtractTakeoutFeeds(const std::string& zip_path, const std::string& scratch_dir);

}  // namespace samizdat::transfer
