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
  kText,      // any text (title, alt, name, datetime)
  kLinkUrl,   // http, https, mailto or relative (href, cite)
  kImageUrl,  // http, https or relative (img src)
  kLength,    // digits, optionally followed by '%' (width, height)
  kInteger,   // digits, with an optional leading '-' (start, colspan, rowspan, span)
  kListType,  // 1 a A i I (ol type)
  kAlign,     // left center right justify char
  kScope,     // row col rowgroup colgroup
  kBoolean,   // presence only (ol reversed); written as name=""
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

// The rule for attribute `name` of an allowed element, or nullptr if it is not allowed.
const AttrRule* FindAttrRule(const ElementRule& element, std::string_view name);

// The value to write for an attribute of kind `kind` whose decoded value is `value`, or
// nullopt if the value is refused. URLs come back with surrounding white space and
// embedded tabs and line breaks removed.
std::optional<std::string> CheckAttrValue(AttrKind kind, std::string_view value);

}  // namespace samizdat::text::internal
