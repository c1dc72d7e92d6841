// The named functions of the theme expression language (snippet, resizeImage,
// sizeImage, sourceSet, the URL functions, format, html, jsonEscaped) and the
// pseudo-fields every value answers (.size, .first, .escaped, .canonical …).
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cmath>

#include "blogger/expr_node.h"
#include "core/time.h"
#include "text/escape.h"
#include "text/html_text.h"

namespace samizdat::blogger {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// The characters of `s` as a JSON string's content (no surrounding quotes).
std::string JsonContent(std::string_view s) {
  std::string quoted = boost::json::serialize(boost::json::string(s));
  return quoted.substr(1, quoted.size() - 2);
}

// `s` for a quoted JavaScript string: JSON's escapes, plus ' and </ kept out.
std::string JsContent(std::string_view s) {
  std::string out;
  for (char c : JsonContent(s)) {
    if (c == '\'')
      out += "\\x27";
    else if (c == '<')
      out += "\\x3c";
    else if (c == '>')
      out += "\\x3e";
    else
      out += c;
  }
  return out;
}

// `s` for a quoted CSS string: every character but letters, digits, space, '-', '_',
// '.', '/', ':' and non-ASCII as a hex escape.
std::string CssContent(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 u >= 0x80 || c == ' ' || c == '-' || c == '_' || c == '.' || c == '/' || c == ':';
    if (plain) {
      out += c;
    } else {
      out += '\\';
      if (u >= 16) out += kHex[u >> 4];
      out += kHex[u & 15];
      out += ' ';
    }
  }
  return out;
}

// A page URL without Blogger's mobile switch (?m=1 / ?m=0): the address search engines
// should see.
std::string Canonical(std::string_view url) {
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return std::string(url);
  boost::urls::url u(*parsed);
  u.params().erase("m");
  if (u.params().empty()) u.remove_query();
  return std::string(u.buffer());
}

// A Blogger image size part: s1600, s72-c, w640-h400, w640-h400-p-k-no-nu.
bool IsSizeSpec(std::string_view s) {
  if (s.size() < 2 || (s[0] != 's' && s[0] != 'w' && s[0] != 'h') || s[1] < '0' || s[1] > '9')
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

bool IsGoogleImageHost(std::string_view host) {
  auto ends_with = [&](std::string_view suffix) {
    return host.size() >= suffix.size() && host.substr(host.size() - suffix.size()) == suffix;
  };
  return ends_with("googleusercontent.com") || ends_with(".bp.blogspot.com") ||
         ends_with("ggpht.com");
}

// Blogger's image URLs carry their size (…/s1600/photo.jpg or …=s1600); resizeImage
// puts `size` there, cropped to `ratio` ("16:9") when given. Other URLs are unchanged.
Value ResizeImage(const Value& image, const Value& size, const Value& ratio) {
  if (!image.is_string_like()) return image;
  std::string_view url = image.text();
  double width =
      size.kind() == Value::Kind::kNumber ? size.number() : std::atof(size.ToText().c_str());
  if (!(width > 0)) return image;
  std::string spec;
  std::string ratio_text = ratio.ToText();
  size_t colon = ratio_text.find(':');
  if (colon != std::string::npos) {
    double rw = std::atof(ratio_text.substr(0, colon).c_str());
    double rh = std::atof(ratio_text.substr(colon + 1).c_str());
    if (rw > 0 && rh > 0) {
      spec = "w" + std::to_string(static_cast<int64_t>(width)) + "-h" +
             std::to_string(static_cast<int64_t>(std::lround(width * rh / rw))) + "-p-k-no-nu";
    }
  }
  if (spec.empty()) spec = "s" + std::to_string(static_cast<int64_t>(width));

  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !IsGoogleImageHost(parsed->host())) return image;
  std::string path(parsed->encoded_path());
  // …=s1600 at the end of the path.
  size_t last_slash = path.rfind('/');
  size_t equals = path.rfind('=');
  std::string resized;
  if (equals != std::string::npos && equals > last_slash && IsSizeSpec(path.substr(equals + 1))) {
    resized = path.substr(0, equals + 1) + spec;
  } else if (last_slash != std::string::npos && last_slash > 0) {
    // …/s1600/photo.jpg: the segment before the file name.
    size_t before = path.rfind('/', last_slash - 1);
    if (before == std::string::npos) return image;
    std::string_view segment = std::string_view(path).substr(before + 1, last_slash - before - 1);
    if (!IsSizeSpec(segment)) return image;
    resized = path.substr(0, before + 1) + spec + path.substr(last_slash);
  } else {
    return image;
  }
  boost::urls::url u(*parsed);
  u.set_encoded_path(resized);
  return Value::String(std::string(u.buffer()));
}

// sourceSet(url, [400, 800], "16:9"): an img srcset, "URL400 400w, URL800 800w", each
// URL resized by ResizeImage; the URL alone when it cannot be resized.
Value SourceSet(const Value& image, const Value& sizes, const Value& ratio) {
  if (!image.is_string_like()) return image;
  std::string set;
  for (const Value& size : sizes.list()) {
    Value resized = ResizeImage(image, size, ratio);
    if (resized.text() == image.text()) return Value::String(image.text());
    if (!set.empty()) set += ", ";
    set += resized.text();
    set += ' ';
    set += size.ToText();
    set += 'w';
  }
  return Value::String(set.empty() ? image.text() : std::move(set));
}

// The text of `source` (the HTML's text when it is HTML), cut on a word at `length`
// code points: { length: N, linebreaks: false, ellipsis: false }.
Value Snippet(const Value& source, const Value& options) {
  std::string text =
      source.kind() == Value::Kind::kHtml ? text::HtmlToText(source.text()) : source.ToText();
  const Value* linebreaks = options.Field("linebreaks");
  if (linebreaks != nullptr && !linebreaks->Truthy())
    for (char& c : text)
      if (c == '\n') c = ' ';
  const Value* length = options.Field("length");
  if (length != nullptr && length->kind() == Value::Kind::kNumber && length->number() >= 0) {
    std::string cut = text::Summarize(text, static_cast<size_t>(length->number()));
    const Value* ellipsis = options.Field("ellipsis");
    static constexpr std::string_view kEllipsis = "\u2026";
    if (ellipsis != nullptr && !ellipsis->Truthy() && cut.size() != text.size() &&
        cut.ends_with(kEllipsis))
      cut.resize(cut.size() - kEllipsis.size());
    text = std::move(cut);
  }
  return Value::String(std::move(text));
}

// The URL functions: each parses the URL with Boost.URL and returns the changed text.
Value WithUrl(const Value& url, auto change) {
  if (!url.is_string_like()) return url;
  auto parsed = boost::urls::parse_uri_reference(url.text());
  if (!parsed) return url;
  boost::urls::url u(*parsed);
  change(u);
  return Value::String(std::string(u.buffer()));
}

// format(date, "MMM d, yyyy"): a date (a map with .iso8601, or the RFC 3339 text itself)
// as its wall-clock reading in the offset it carries, with the English month and day
// names of core/time.h. Null when the date does not read as one.
Value Format(const Value& date, const Value& pattern) {
  const Value* iso = date.Field("iso8601");
  std::string_view text = iso != nullptr ? iso->text() : date.text();
  // The wall clock: the reading before the offset, taken as UTC.
  size_t end = text.find_first_of("Zz+", 10);
  if (end == std::string_view::npos) end = text.find('-', 10);
  std::string local(text.substr(0, end == std::string_view::npos ? text.size() : end));
  auto t = ParseRfc3339(local + "Z");
  if (!t.ok()) return Value();
  std::string java = pattern.ToText();
  for (char& c : java)
    if (c == 'Y') c = 'y';  // week-year, which themes write meaning the year
  return Value::String(FormatPattern(*t, TimeZone::Utc(), java));
}

}  // namespace

Value PseudoField(const Value& value, std::string_view name) {
  switch (value.kind()) {
    case Value::Kind::kList: {
      const List& items = value.list();
      if (name == "size" || name == "length")
        return Value::Number(static_cast<double>(items.size()));
      if (name == "first") return items.empty() ? Value() : items.front();
      if (name == "last") return items.empty() ? Value() : items.back();
      if (name == "isEmpty") return Value::Boolean(items.empty());
      return Value();
    }
    case Value::Kind::kMap:
      if (name == "size" || name == "length")
        return Value::Number(static_cast<double>(value.map().size()));
      if (name == "isEmpty") return Value::Boolean(value.map().empty());
      return Value();
    case Value::Kind::kNull: return Value();
    default: break;
  }
  std::string text = value.ToText();
  if (name == "size" || name == "length")
    return Value::Number(static_cast<double>(CodePoints(text)));
  if (name == "isEmpty") return Value::Boolean(text.empty());
  if (name == "escaped") return Value::Html(text::EscapeHtml(text));
  if (name == "jsonEscaped") return Value::Html(JsonContent(text));
  if (name == "jsEscaped") return Value::Html(JsContent(text));
  if (name == "cssEscaped") return Value::Html(CssContent(text));
  if (name == "canonical") return Value::String(Canonical(text));
  return Value();
}

Value CallFunction(Function function, const std::vector<Value>& args) {
  static const Value kNull;
  const Value& a = args.empty() ? kNull : args[0];
  const Value& b = args.size() > 1 ? args[1] : kNull;
  switch (function) {
    case Function::kSnippet: return Snippet(a, b);
    case Function::kResizeImage: return ResizeImage(a, b, args.size() > 2 ? args[2] : kNull);
    // sizeImage(url, N): the image at N pixels on its longer side, never cropped.
    case Function::kSizeImage: return ResizeImage(a, b, kNull);
    case Function::kSourceSet: return SourceSet(a, b, args.size() > 2 ? args[2] : kNull);
    case Function::kHtml:
      return a.kind() == Value::Kind::kHtml ? a : Value::Html(text::EscapeHtml(a.ToText()));
    case Function::kJsonEscaped: return Value::Html(JsonContent(a.ToText()));
    case Function::kPath:
      return WithUrl(a, [&](boost::urls::url& u) {
        std::string_view p = b.text();
        while (!p.empty() && p.front() == '/') p.remove_prefix(1);
        u.set_path("/" + std::string(p));
        u.remove_query();
        u.remove_fragment();
      });
    case Function::kParams:
      return WithUrl(a, [&](boost::urls::url& u) {
        for (const auto& [key, value] : b.map()) u.params().set(key, value.ToText());
      });
    case Function::kAppendParams:
      return WithUrl(a, [&](boost::urls::url& u) {
        for (const auto& [key, value] : b.map()) u.params().append({key, value.ToText()});
      });
    case Function::kFragment:
      return WithUrl(a, [&](boost::urls::url& u) { u.set_fragment(b.ToText()); });
    case Function::kFormat: return Format(a, b);
  }
  return Value();
}

}  // namespace samizdat::blogger
