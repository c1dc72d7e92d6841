// WordPress's paragraphs made explicit: WordPress's classic editor stores a post as text
// without <p> and adds them when it shows the post (its wpautop). The WXR reader turns
// such bodies into the HTML a reader saw. Internal to transfer/.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::transfer {

// The body is cut at blank lines outside tags; a piece with no block-level tag, outside
// any open container (pre, div, ul, table, ...), becomes a <p> whose single newlines
// become <br />; every other piece is kept as it is. So a body with no block tag at all
// is all paragraphs, and HTML laid out in blocks (the block editor's, for one) comes
// through unchanged. The result still goes through the sanitizer.
std::string WordPressParagraphs(std::string_view stored);

}  // namespace samizdat::transfer
