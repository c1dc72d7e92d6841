// The sanitizer's allowlists and attribute value checks (see sanitize_policy.h).
// This file is the one place to review what untrusted HTML may contain.
#include "text/sanitize_policy.h"

#include <algorithm>
#include <array>

#include "core/time.h"
#include "text/css_style.h"
#include "text/embed_url.h"
#include "text/url_attributes.h"

namespace samizdat::text::internal {
namespace {

using K = AttrKind;

constexpr std::span<const AttrRule> kNone{};  // the element keeps no attributes

constexpr AttrRule kCiteAttrs[] = {{"cite", K::kLinkUrl}};
constexpr AttrRule kIdAttrs[] = {{"id", K::kId}};
constexpr AttrRule kAlignAttrs[] = {{"align", K::kAlign}};
constexpr AttrRule kBlockAttrs[] = {{"id", K::kId}, {"align", K::kAlign}};
constexpr AttrRule kOlAttrs[] = {
    {"start", K::kInteger}, {"type", K::kListType}, {"reversed", K::kBoolean}};
constexpr AttrRule kAAttrs[] = {
    {"href", K::kLinkUrl}, {"title", K::kText}, {"name", K::kText}, {"id", K::kId}};
constexpr AttrRule kImgAttrs[] = {
    {"src", K::kMediaUrl},    {"alt", K::kText},         {"title", K::kText},
    {"width", K::kDimension}, {"height", K::kDimension}, {"loading", K::kLoading},
    {"border", K::kLength},   {"align", K::kImageAlign}, {"id", K::kId}};
constexpr AttrRule kIframeAttrs[] = {{"src", K::kEmbedUrl},
                                     {"width", K::kDimension},
                                     {"height", K::kDimension},
                                     {"title", K::kText},
                                     {"frameborder", K::kLength}};
constexpr AttrRule kVideoAttrs[] = {{"src", K::kMediaUrl},     {"poster", K::kMediaUrl},
                                    {"width", K::kDimension},  {"height", K::kDimension},
                                    {"controls", K::kBoolean}, {"loop", K::kBoolean},
                                    {"muted", K::kBoolean},    {"preload", K::kPreload}};
constexpr AttrRule kAudioAttrs[] = {{"src", K::kMediaUrl},
                                    {"controls", K::kBoolean},
                                    {"loop", K::kBoolean},
                                    {"muted", K::kBoolean},
                                    {"preload", K::kPreload}};
constexpr AttrRule kSourceAttrs[] = {{"src", K::kMediaUrl}, {"type", K::kText}};
constexpr AttrRule kTrackAttrs[] = {
    {"src", K::kMediaUrl}, {"kind", K::kTrackKind}, {"srclang", K::kText}, {"label", K::kText}};
constexpr AttrRule kTableAttrs[] = {{"border", K::kLength},      {"cellpadding", K::kLength},
                                    {"cellspacing", K::kLength}, {"width", K::kLength},
                                    {"align", K::kAlign},        {"summary", K::kText}};
constexpr AttrRule kThAttrs[] = {{"colspan", K::kPositive}, {"rowspan", K::kNonNegative},
                                 {"align", K::kAlign},      {"valign", K::kVAlign},
                                 {"width", K::kLength},     {"scope", K::kScope}};
constexpr AttrRule kTdAttrs[] = {{"colspan", K::kPositive},
                                 {"rowspan", K::kNonNegative},
                                 {"align", K::kAlign},
                                 {"valign", K::kVAlign},
                                 {"width", K::kLength}};
constexpr AttrRule kColAttrs[] = {{"span", K::kPositive}};
constexpr AttrRule kTitleAttrs[] = {{"title", K::kText}};
constexpr AttrRule kTimeAttrs[] = {{"datetime", K::kDateTime}};
constexpr AttrRule kCommentAAttrs[] = {{"href", K::kLinkUrl}};

// Allowed on every element of a post body.
constexpr AttrRule kPostGlobalAttrs[] = {
    {"class", K::kClass}, {"style", K::kStyle}, {"dir", K::kDir}};

// <input> is allowed only as a Markdown task list's checkbox; sanitize.cc writes it.
constexpr ElementRule kPostBody[] = {
    {"a", kAAttrs},
    {"abbr", kTitleAttrs},
    {"audio", kAudioAttrs},
    {"b", kNone},
    {"blockquote", kCiteAttrs},
    {"br", kNone},
    {"caption", kNone},
    {"center", kNone},
    {"cite", kNone},
    {"code", kNone},
    {"col", kColAttrs},
    {"colgroup", kNone},
    {"dd", kNone},
    {"del", kNone},
    {"details", kNone},
    {"dfn", kNone},
    {"div", kBlockAttrs},
    {"dl", kNone},
    {"dt", kNone},
    {"em", kNone},
    {"figcaption", kNone},
    {"figure", kIdAttrs},
    {"h1", kBlockAttrs},
    {"h2", kBlockAttrs},
    {"h3", kBlockAttrs},
    {"h4", kBlockAttrs},
    {"h5", kBlockAttrs},
    {"h6", kBlockAttrs},
    {"hr", kNone},
    {"i", kNone},
    {"iframe", kIframeAttrs},
    {"img", kImgAttrs},
    {"input", kNone},
    {"ins", kNone},
    {"kbd", kNone},
    {"li", kIdAttrs},
    {"mark", kNone},
    {"ol", kOlAttrs},
    {"p", kAlignAttrs},
    {"pre", kNone},
    {"q", kCiteAttrs},
    {"s", kNone},
    {"samp", kNone},
    {"section", kIdAttrs},
    {"small", kNone},
    {"source", kSourceAttrs},
    {"span", kIdAttrs},
    {"strike", kNone},
    {"strong", kNone},
    {"sub", kNone},
    {"summary", kNone},
    {"sup", kIdAttrs},
    {"table", kTableAttrs},
    {"tbody", kNone},
    {"td", kTdAttrs},
    {"tfoot", kNone},
    {"th", kThAttrs},
    {"thead", kNone},
    {"time", kTimeAttrs},
    {"tr", kNone},
    {"track", kTrackAttrs},
    {"tt", kNone},
    {"u", kNone},
    {"ul", kNone},
    {"var", kNone},
    {"video", kVideoAttrs},
};

constexpr ElementRule kComment[] = {
    {"a", kCommentAAttrs},
    {"b", kNone},
    {"br", kNone},
    {"i", kNone},
};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

bool IsOneOf(std::string_view value, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return EqualsIgnoreCase(value, w); });
}

bool IsDigits(std::string_view s) {
  return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

// Removes what URL parsers ignore: leading and trailing C0 controls and spaces, and
// tabs and line breaks anywhere (WHATWG URL standard, basic URL parser).
std::string CleanUrl(std::string_view url) {
  auto ignorable_edge = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!url.empty() && ignorable_edge(url.front())) url.remove_prefix(1);
  while (!url.empty() && ignorable_edge(url.back())) url.remove_suffix(1);
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

// True if `url` (already cleaned) is relative or uses one of `schemes`. Anything before
// the first ':' that comes ahead of any '/', '?' or '#' is taken to be a scheme, even if
// it is not a well-formed one: "java\0script:" and "java script:" are refused rather
// than guessed about.
bool HasAllowedScheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
  const std::size_t end = url.find_first_of(":/?#");
  if (end == std::string_view::npos || url[end] != ':') return true;  // relative
  return IsOneOf(url.substr(0, end), schemes);
}

// The scheme of a URL HasAllowedScheme refused, lower case, for the report.
std::string SchemeOf(std::string_view url) {
  std::string scheme(url.substr(0, std::min<std::size_t>(url.find(':'), 20)));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), AsciiLower);
  return scheme;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c) || c == '_' ||
         c == '-';
}

// A class name of [A-Za-z0-9_-], or "language-" and a Markdown code block's language as
// its author wrote it ("language-c++", "language-föö"): any characters but controls
// (white space already separates the names). A class only names: no character in it
// can act in a page.
bool IsClassName(std::string_view name) {
  if (name.starts_with("language-") && name.size() > 9) {
    return std::none_of(name.begin(), name.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  }
  return !name.empty() && std::all_of(name.begin(), name.end(), IsNameChar);
}

}  // namespace

bool IsIdValue(std::string_view id) {
  if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) {
    return false;
  }
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return IsNameChar(c) || c == ':' || c == '.'; });
}

std::string_view WrittenName(std::string_view tag) {
  if (tag == "strike") return "s";
  if (tag == "tt") return "code";
  if (tag == "center") return "div";
  return tag;
}

const ElementRule* FindElementRule(SanitizePolicy policy, std::string_view tag) {
  const std::span<const ElementRule> rules = policy == SanitizePolicy::kComment
                                                 ? std::span<const ElementRule>(kComment)
                                                 : std::span<const ElementRule>(kPostBody);
  const auto it =
      std::find_if(rules.begin(), rules.end(), [&](const ElementRule& r) { return r.tag == tag; });
  return it == rules.end() ? nullptr : &*it;
}

const AttrRule* FindAttrRule(SanitizePolicy policy, const ElementRule& element,
                             std::string_view name) {
  for (std::span<const AttrRule> rules :
       {element.attributes, policy == SanitizePolicy::kPostBody
                                ? std::span<const AttrRule>(kPostGlobalAttrs)
                                : kNone}) {
    const auto it =
        std::find_if(rules.begin(), rules.end(), [&](const AttrRule& r) { return r.name == name; });
    if (it != rules.end()) return &*it;
  }
  return nullptr;
}

std::optional<std::string> CheckAttrValue(const AttrRule& rule, std::string_view value,
                                          SanitizeReport* report) {
  auto refuse = [&](const std::string& what) -> std::optional<std::string> {
    if (report != nullptr) report->Add(what);
    return std::nullopt;
  };
  auto keyword = [&](std::initializer_list<std::string_view> words) -> std::optional<std::string> {
    if (!IsOneOf(value, words)) return refuse(std::string(rule.name) + " value");
    return std::string(value);
  };
  switch (rule.kind) {
    case K::kText: return std::string(value);
    case K::kLinkUrl:
    case K::kMediaUrl: {
      std::string url = CleanUrl(value);
      const bool link = rule.kind == K::kLinkUrl;
      if (url.empty()) {
        if (link) return url;
        return std::nullopt;  // the caller reports the element it removes
      }
      if (!HasAllowedScheme(
              url, link ? std::initializer_list<std::string_view>{"http", "https", "mailto"}
                        : std::initializer_list<std::string_view>{"http", "https"})) {
        return refuse(SchemeOf(url) + (link ? ": link" : ": source"));
      }
      std::optional<std::string> valid = NormalizeUrl(url);
      if (!valid) return refuse(std::string(rule.name) + " that is not a URL");
      return valid;
    }
    case K::kEmbedUrl: {
      EmbedUrl embed = CheckEmbedUrl(CleanUrl(value));
      if (!embed.url) {
        return refuse(embed.host.empty() ? "<iframe> without a provider's URL"
                                         : "<iframe> from " + embed.host);
      }
      return std::move(*embed.url);
    }
    case K::kLength: {
      const std::string_view digits =
          (!value.empty() && value.back() == '%') ? value.substr(0, value.size() - 1) : value;
      if (!IsDigits(digits)) return refuse(std::string(rule.name) + " value");
      return std::string(value);
    }
    case K::kDimension:
    case K::kNonNegative:
      if (!IsDigits(value)) return refuse(std::string(rule.name) + " value");
      return std::string(value);
    case K::kPositive:
      if (!IsDigits(value) || value.find_first_not_of('0') == std::string_view::npos) {
        return refuse(std::string(rule.name) + " value");
      }
      return std::string(value);
    case K::kInteger: {
      const std::string_view digits =
          (!value.empty() && value.front() == '-') ? value.substr(1) : value;
      if (!IsDigits(digits)) return refuse(std::string(rule.name) + " value");
      return std::string(value);
    }
    case K::kDateTime:
      // HTML writes 'T' and 'Z' in upper case only.
      if (value.find_first_of("tz") != std::string_view::npos ||
          !ParseUserDateTime(value, TimeZone::Utc()).ok()) {
        return refuse(std::string(rule.name) + " value");
      }
      return std::string(value);
    case K::kListType:
      if (value != "1" && value != "a" && value != "A" && value != "i" && value != "I") {
        return refuse(std::string(rule.name) + " value");
      }
      return std::string(value);
    case K::kAlign: return keyword({"left", "center", "right", "justify", "char"});
    case K::kVAlign: return keyword({"top", "middle", "bottom", "baseline"});
    case K::kImageAlign: return keyword({"left", "right", "top", "middle", "bottom"});
    case K::kDir: return keyword({"ltr", "rtl", "auto"});
    case K::kScope: return keyword({"row", "col", "rowgroup", "colgroup"});
    case K::kPreload: return keyword({"none", "metadata", "auto"});
    case K::kTrackKind:
      return keyword({"subtitles", "captions", "descriptions", "chapters", "metadata"});
    case K::kLoading: return keyword({"lazy", "eager"});
    case K::kBoolean: return std::string();
    case K::kClass: {
      std::string kept;
      bool dropped = false;
      std::size_t pos = 0;
      while (pos < value.size()) {
        const std::size_t begin = value.find_first_not_of(" \t\n\r\f", pos);
        if (begin == std::string_view::npos) break;
        const std::size_t end = std::min(value.find_first_of(" \t\n\r\f", begin), value.size());
        const std::string_view name = value.substr(begin, end - begin);
        pos = end;
        if (!IsClassName(name)) {
          dropped = true;
          continue;
        }
        if (!kept.empty()) kept += ' ';
        kept += name;
      }
      if (dropped && report != nullptr) report->Add("class name");
      if (kept.empty()) return std::nullopt;
      return kept;
    }
    case K::kId:
      if (!IsIdValue(value)) return refuse("id value");
      return std::string(value);
    case K::kStyle: {
      std::string style = FilterStyle(value, report);
      if (style.empty()) return std::nullopt;
      return style;
    }
  }
  return std::nullopt;
}

}  // namespace samizdat::text::internal
