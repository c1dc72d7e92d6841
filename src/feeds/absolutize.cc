// AbsolutizeUrls: a scan over sanitizer output for href/src attribute values.
#include "feeds/absolutize.h"

namespace samizdat::feeds {

namespace {

// The attribute starts that carry URLs; a space always precedes an attribute in
// sanitizer output.
constexpr std::string_view kUrlAttributes[] = {" href=\"", " src=\""};

// The length of the URL attribute start at `html[i]`, or 0.
size_t UrlAttributeAt(std::string_view html, size_t i) {
  for (std::string_view attr : kUrlAttributes) {
    if (html.substr(i, attr.size()) == attr) return attr.size();
  }
  return 0;
}

}  // namespace

std::string AbsolutizeUrls(std::string_view sanitized_html, std::string_view base_url) {
  const std::string_view scheme = base_url.starts_with("https:") ? "https:" : "http:";
  std::string out;
  out.reserve(sanitized_html.size() + 64);
  bool in_tag = false;
  size_t i = 0;
  while (i < sanitized_html.size()) {
    const char c = sanitized_html[i];
    if (!in_tag) {
      in_tag = c == '<';
      out += c;
      ++i;
      continue;
    }
    if (c == '>') {
      in_tag = false;
      out += c;
      ++i;
      continue;
    }
    if (c == '"') {  // a value we do not rewrite: copy it whole
      const size_t end = sanitized_html.find('"', i + 1);
      const size_t stop = end == std::string_view::npos ? sanitized_html.size() : end + 1;
      out.append(sanitized_html.substr(i, stop - i));
      i = stop;
      continue;
    }
    const size_t attr_len = UrlAttributeAt(sanitized_html, i);
    if (attr_len == 0) {
      out += c;
      ++i;
      continue;
    }
    out.append(sanitized_html.substr(i, attr_len));
    i += attr_len;
    const std::string_view value = sanitized_html.substr(i);
    if (value.starts_with("//")) {
      out += scheme;
    } else if (value.starts_with("/")) {
      out += base_url;
    }
    const size_t end = sanitized_html.find('"', i);
    const size_t stop = end == std::string_view::npos ? sanitized_html.size() : end + 1;
    out.append(sanitized_html.substr(i, stop - i));
    i = stop;
  }
  return out;
}

}  // namespace samizdat::feeds
