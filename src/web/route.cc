// FindRoute: patterns with typed captures matched against a request's decoded path.
#include "web/route.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <optional>

#include "core/strings.h"

namespace samizdat::web {
namespace {

using Segments = std::span<const std::string>;

constexpr std::string_view kOptionalSlash = "/?";
constexpr std::string_view kFallback = "{rest...}";

bool IsFallback(const Route& route) { return route.pattern.ends_with(kFallback); }

// Whether the pattern's first segment, when it is plain text ("admin" of
// "/admin/posts/{id}"), rules the path out at once: most rows end here, before any
// capture is tried (the router runs twice a request, for the body limit and the handler).
bool FirstSegmentDiffers(std::string_view pattern, Segments segments) {
  pattern.remove_prefix(1);
  const std::string_view first = pattern.substr(0, pattern.find('/'));
  if (first.empty() || first.find('{') != std::string_view::npos) return false;
  return segments.empty() || segments.front() != first;
}

// Exactly `width` digits with a value in [min, max].
std::optional<int> Number(std::string_view s, std::size_t width, int min, int max) {
  if (s.size() != width || !IsAsciiDigits(s)) return std::nullopt;
  const std::optional<int> value = ParseInteger<int>(s);
  if (!value || *value < min || *value > max) return std::nullopt;
  return value;
}

// A positive decimal id that fits in 64 bits.
std::optional<int64_t> Id(std::string_view s) {
  if (!IsAsciiDigits(s)) return std::nullopt;
  const std::optional<int64_t> value = ParseInteger<int64_t>(s);
  if (!value || *value <= 0) return std::nullopt;
  return value;
}

// The width of a fixed-width capture; 0 for the others.
std::size_t WidthOf(std::string_view name) {
  if (name == "yyyy") return 4;
  if (name == "mm" || name == "dd") return 2;
  return 0;
}

bool SetNumber(std::optional<int> value, int& field) {
  if (value) field = *value;
  return value.has_value();
}

bool SetId(std::string_view text, int64_t& field) {
  const std::optional<int64_t> value = Id(text);
  if (value) field = *value;
  return value.has_value();
}

bool SetText(std::string_view text, std::string& field) {
  field = text;
  return !text.empty();
}

// Stores `text` as the one-segment capture `name`; false when the capture refuses it.
bool Capture(std::string_view name, std::string_view text, Captures& c) {
  if (name == "yyyy") return SetNumber(Number(text, 4, 0, 9999), c.year);
  if (name == "mm") return SetNumber(Number(text, 2, 1, 12), c.month);
  if (name == "dd") return SetNumber(Number(text, 2, 1, 31), c.day);
  if (name == "id") return SetId(text, c.id);
  if (name == "postid") return SetId(text, c.post_id);
  if (name == "commentid") return SetId(text, c.comment_id);
  if (name == "rid") return SetId(text, c.rid);
  if (name == "projection") {
    c.projection = text;
    return text == "default" || text == "full" || text == "summary";
  }
  if (name == "slug") return SetText(text, c.slug);
  if (name == "label") return SetText(text, c.label);
  if (name == "hash") return SetText(text, c.hash);
  if (name == "ext") return SetText(text, c.ext);
  if (name == "job") return SetText(text, c.job);
  if (name == "version") return SetText(text, c.version);
  if (name == "file") return SetText(text, c.file);
  return false;  // an unknown capture matches nothing (routes_test checks every row)
}

// Stores the remaining `segments` as the capture `name...`.
bool CaptureRest(std::string_view name, Segments segments, Captures& c) {
  if (segments.empty()) return false;
  if (name == "rest") {
    c.rest.assign(segments.begin(), segments.end());
    return true;
  }
  if (name == "labels") {
    c.labels.assign(segments.begin(), segments.end());
    return true;
  }
  if (name == "label") {
    c.label.clear();
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (i > 0) c.label += '/';
      c.label += segments[i];
    }
    return !c.label.empty();
  }
  return false;
}

// Whether one path segment matches one pattern segment of literal text and captures. A
// capture takes its fixed width, or the text up to the last occurrence of the literal
// text after it, or the rest of the segment.
bool MatchSegment(std::string_view part, std::string_view segment, Captures& c) {
  while (!part.empty()) {
    if (part.front() != '{') {
      const std::string_view literal = part.substr(0, part.find('{'));
      if (!segment.starts_with(literal)) return false;
      segment.remove_prefix(literal.size());
      part.remove_prefix(literal.size());
      continue;
    }
    const std::size_t close = part.find('}');
    if (close == std::string_view::npos) return false;
    const std::string_view name = part.substr(1, close - 1);
    part.remove_prefix(close + 1);
    const std::string_view next = part.substr(0, part.find('{'));
    std::size_t end = segment.size();
    if (const std::size_t width = WidthOf(name); width != 0) {
      if (segment.size() < width) return false;
      end = width;
    } else if (!part.empty()) {
      end = next.empty() ? std::string_view::npos : segment.rfind(next);
      if (end == std::string_view::npos) return false;
    }
    if (!Capture(name, segment.substr(0, end), c)) return false;
    segment.remove_prefix(end);
  }
  return segment.empty();
}

bool MatchPattern(std::string_view pattern, Segments segments, Captures& c) {
  if (pattern.ends_with(kOptionalSlash)) {
    pattern.remove_suffix(kOptionalSlash.size());
    if (!segments.empty() && segments.back().empty())
      segments = segments.first(segments.size() - 1);
  }
  if (pattern.starts_with('/')) pattern.remove_prefix(1);
  std::size_t index = 0;
  while (!pattern.empty()) {
    const std::size_t slash = pattern.find('/');
    const std::string_view part = pattern.substr(0, slash);
    if (part.starts_with('{') && part.ends_with("...}")) {
      return CaptureRest(part.substr(1, part.size() - 5), segments.subspan(index), c);
    }
    if (index >= segments.size() || !MatchSegment(part, segments[index], c)) return false;
    ++index;
    pattern.remove_prefix(slash == std::string_view::npos ? pattern.size() : slash + 1);
  }
  return index == segments.size();
}

bool Allows(const Route& route, std::string_view method) {
  for (std::string_view methods = route.methods; !methods.empty();) {
    const std::size_t space = methods.find(' ');
    if (methods.substr(0, space) == method) return true;
    methods.remove_prefix(space == std::string_view::npos ? methods.size() : space + 1);
  }
  return false;
}

// Adds the methods of `route` to `allowed` once each (GET brings HEAD).
void AddAllowed(const Route& route, std::vector<std::string_view>& allowed) {
  for (std::string_view methods = route.methods; !methods.empty();) {
    const std::size_t space = methods.find(' ');
    const std::string_view method = methods.substr(0, space);
    for (std::string_view name : {method, method == "GET" ? std::string_view("HEAD") : ""}) {
      if (!name.empty() && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        allowed.push_back(name);
      }
    }
    methods.remove_prefix(space == std::string_view::npos ? methods.size() : space + 1);
  }
}

}  // namespace

Routed FindRoute(std::span<const Route> table, std::string_view method, std::string_view target) {
  Routed routed;
  auto url = boost::urls::parse_origin_form(target);
  if (!url) {
    routed.status = 400;
    return routed;
  }
  // Decoded segments and path; most targets have nothing to decode, and are copied as sent.
  std::vector<std::string> segments;
  for (const boost::urls::pct_string_view segment : url->encoded_segments()) {
    if (segment.find('%') == std::string_view::npos) {
      segments.emplace_back(segment.data(), segment.size());
    } else {
      segments.push_back(segment.decode());
    }
  }
  RouteMatch& match = routed.match;
  const std::string_view encoded_path = url->encoded_path();
  match.path =
      encoded_path.find('%') == std::string_view::npos ? std::string(encoded_path) : url->path();
  match.encoded_path = url->encoded_path();
  match.encoded_query = url->encoded_query();

  std::vector<std::string_view> allowed;
  for (const bool fallbacks : {false, true}) {
    for (const Route& route : table) {
      if (IsFallback(route) != fallbacks || FirstSegmentDiffers(route.pattern, segments)) {
        continue;
      }
      Captures captures;
      if (!MatchPattern(route.pattern, segments, captures)) continue;
      if (Allows(route, method)) {
        match.route = &route;
        match.captures = std::move(captures);
        routed.status = 200;
        return routed;
      }
      if (match.route == nullptr) match.route = &route;
      routed.status = 405;
      AddAllowed(route, allowed);
      if (fallbacks) break;  // only the first fallback that matches speaks
    }
    if (routed.status == 405) break;
  }
  for (std::string_view name : allowed) {
    if (!routed.allow.empty()) routed.allow += ", ";
    routed.allow += name;
  }
  if (routed.status != 405) routed.status = 404;
  return routed;
}

}  // namespace samizdat::web
