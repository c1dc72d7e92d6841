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
  kText,        // any text (title, alt, name, datetime)
  kLinkUrl,     // http, https, mailto or relative (href, cite)
  kMediaUrl,    // http, https or relative (img, video, audio, source, track src; poster)
  kEmbedUrl,    // an embed provider's URL, made https (iframe src; see embed_url.h)
  kLength,      // digits, optionally followed by '%' (width, height, border, cellpadding)
  kInteger,     // digits, with an optional leading '-' (start, colspan, rowspan, span)
  kListType,    // 1 a A i I (ol type)
  kAlign,       // left center right justify char
  kVAlign,      // top middle bottom baseline
  kImageAlign,  // left right top middle bottom (img align)
  kDir,         // ltr rtl auto
  kScope,       // row col rowgroup colgroup
  kPreload,     // none metadata auto
  kTrackKind,   // subtitles captions descriptions chapters metadata
  kLoading,     // lazy eager
  kBoolean,     // presence only (ol reversed, video controls); written as name=""
  kClass,       // space-separated class names of [A-Za-z0-9_-], or "language-" and any
                // characters but controls; other names are dropped
  kId,          // [A-Za-z][A-Za-z0-9_:.-]*
  kStyle,       // CSS declarations, filtered by FilterStyle (css_style.h)
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
// line breaks removed. What is refused, or dropped from a value (a class name, a style
// declaration), is added to `report` if not null ("javascript: link", "style property
// position", "width value", "<iframe> from evil.example").
std::optional<std::string> CheckAttrValue(const AttrRule& rule, std::string_view value,
                                          SanitizeReport* report);

}  // namespace samizdat::text::internal
