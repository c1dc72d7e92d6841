// Internal to the text module: the sanitizer's allowlists, one reviewed table per policy,
// and the checks each kind of attribute value must pass. Not for use outside src/text.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "text/sanitize.h"

namespace samizdat::text::internal {

// What an attribute value must look like to be kept.
enum class AttrKind {
  kText,         // any text (title, alt, name)
  kLinkUrl,      // http, https, mailto or relative (href, cite), made valid by NormalizeUrl
  kMediaUrl,     // http, https or relative (img, video, audio, source, track src; poster),
                 // made valid by NormalizeUrl
  kEmbedUrl,     // an embed provider's URL, made https (iframe src; see embed_url.h)
  kLength,       // digits, optionally followed by '%' (table and cell width, border,
                 // cellpadding)
  kDimension,    // digits (img, video and iframe width and height)
  kInteger,      // digits, with an optional leading '-' (ol start)
  kPositive,     // digits, not all zeros (colspan, span)
  kNonNegative,  // digits (rowspan)
  kDateTime,     // a date, or a date and time ("2022-01-15", "2022-01-15T16:18:05Z")
  kListType,     // 1 a A i I (ol type)
  kAlign,        // left center right justify char
  kVAlign,       // top middle bottom baseline
  kImageAlign,   // left right top middle bottom (img align)
  kDir,          // ltr rtl auto
  kScope,        // row col rowgroup colgroup
  kPreload,      // none metadata auto
  kTrackKind,    // subtitles captions descriptions chapters metadata
  kLoading,      // lazy eager
  kBoolean,      // presence only (ol reversed, video controls); written as name=""
  kClass,        // space-separated class names of [A-Za-z0-9_-], or "language-" and any
                 // characters but controls; other names are dropped
  kId,           // [A-Za-z][A-Za-z0-9_:.-]*
  kStyle,        // CSS declarations, filtered by FilterStyle (css_style.h)
};

struct AttrRule {
  std::string_view name;
  AttrKind kind;
};

struct ElementRule {
  std::string_view tag;
  std::span<const AttrRule> attributes;
};

// The rule for `tag` under `policy`, or nullptr if the element is not allowed.
const ElementRule* FindElementRule(SanitizePolicy policy, std::string_view tag);

// The rule for attribute `name` of an allowed element under `policy` (the element's own
// attributes, then those the policy allows on every element: class and style for post
// bodies), or nullptr if it is not allowed.
const AttrRule* FindAttrRule(SanitizePolicy policy, const ElementRule& element,
                             std::string_view name);

// The value to write for attribute `rule` whose decoded value is `value`, or nullopt if
// the value is refused. URLs come back with surrounding white space and embedded tabs and
// line breaks removed, then written anew by NormalizeUrl (url_attributes.h), or refused
// when it refuses them. What is refused, or dropped from a value (a class name, a style
// declaration), is added to `report` if not null ("javascript: link", "href that is not
// a URL", "style property position", "width value", "<iframe> from evil.example").
std::optional<std::string> CheckAttrValue(const AttrRule& rule, std::string_view value,
                                          SanitizeReport* report);

// The name an allowed element is written as: the HTML5 element for an obsolete one
// (strike as s, tt as code, center as div, which sanitize.cc gives align="center"),
// `tag` itself for the others.
std::string_view WrittenName(std::string_view tag);

// True if `id` is kept as an id: [A-Za-z][A-Za-z0-9_:.-]*.
bool IsIdValue(std::string_view id);

}  // namespace samizdat::text::internal
