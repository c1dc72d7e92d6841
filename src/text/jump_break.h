// Jump breaks: the part of a sanitized post body before its "Read more" break, for list
// pages and summary feeds. All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::text {

// The fragment a post page's "#more" link scrolls to: the break's anchor name.
inline constexpr std::string_view kJumpAnchor = "more";

// A post body cut at its jump break.
struct JumpBreak {
  // Everything before the break, as a well-formed fragment that SanitizeHtml's post
  // policy leaves unchanged: elements the break sat inside are closed where it stood,
  // and empty elements left at the very end are dropped. "" when the break comes first.
  std::string before_html;
  // The author's own link text (WordPress's <!--more Custom text-->), as plain text;
  // "" when the blog's jump text applies.
  std::string custom_text;
};

// Finds the first jump break in `body_html`, a body stored by the post service (already
// sanitized with SanitizePolicy::kPostBody). A break is the canonical marker the
// sanitizer writes for Blogger's and WordPress's breaks: an HTML <a> element whose name
// attribute is exactly "more" (<a name="more"></a>), optionally carrying the custom text
// in data-more-text. Breaks after the first are ordinary anchors. Returns nullopt when
// the body has no break; never fails otherwise (other input is parsed as a browser
// would, and the part before the break is re-sanitized).
std::optional<JumpBreak> FindJumpBreak(std::string_view body_html);

}  // namespace samizdat::text
