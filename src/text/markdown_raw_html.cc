// RawHtmlGuard: raw HTML from Markdown, with swallowing elements' tags shown as text.
#include "text/markdown_raw_html.h"

#include <algorithm>
#include <array>
#include <utility>

namespace samizdat::text::internal {
namespace {

// The elements whose content a browser reads as text up to their end tag (or, for
// plaintext, to the end of the page): GitHub's "tagfilter" list, less iframe. And those
// whose content, unclosed, runs to the end of the post and which the post sanitizer
// removes with their content: select, template, object, applet, svg, math.
bool Swallows(std::string_view name) {
  static constexpr std::array<std::string_view, 15> kSwallowing = {
      "applet", "math",  "noembed", "noframes", "noscript", "object", "plaintext", "script",
      "select", "style", "svg",     "template", "textarea", "title",  "xmp",
  };
  return std::find(kSwallowing.begin(), kSwallowing.end(), name) != kSwallowing.end();
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool EndsTagName(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>';
}

struct Tag {
  bool end = false;
  std::string name;  // lower case; empty when the '<' starts no tag
};

// The tag that the '<' at html[pos] starts, read as an HTML tokenizer reads a tag name.
Tag TagAt(std::string_view html, std::size_t pos) {
  Tag tag;
  std::size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag.end = true;
    ++i;
  }
  if (i >= html.size() || !IsAsciiAlpha(html[i])) return tag;
  for (; i < html.size() && !EndsTagName(html[i]); ++i) {
    const char c = html[i];
    tag.name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return tag;
}

}  // namespace

RawHtmlGuard::RawHtmlGuard(std::vector<bool> closed_iframes)
    : closed_iframes_(std::move(closed_iframes)) {}

void RawHtmlGuard::Append(std::string_view html, std::string& out) {
  std::size_t copied = 0;
  for (std::size_t pos = html.find('<'); pos != std::string_view::npos;
       pos = html.find('<', pos + 1)) {
    const Tag tag = TagAt(html, pos);
    bool as_text = Swallows(tag.name);
    if (tag.name == "iframe") {
      iframe_tags_.push_back(!tag.end);
      if (!tag.end) {
        const std::size_t index = iframe_starts_++;
        const bool closed = index < closed_iframes_.size() && closed_iframes_[index];
        as_text = !closed;
        iframe_open_ = iframe_open_ || closed;
      } else {
        as_text = !iframe_open_;
        iframe_open_ = false;
      }
    }
    if (!as_text) continue;
    out.append(html.substr(copied, pos - copied));
    out.append("&lt;");
    copied = pos + 1;
  }
  out.append(html.substr(copied));
}

bool StartsWithSwallowingTag(std::string_view html) {
  if (!html.starts_with('<')) return false;
  const Tag tag = TagAt(html, 0);
  return !tag.end && Swallows(tag.name);
}

std::vector<bool> ClosedIframes(const std::vector<bool>& iframe_tags) {
  std::vector<bool> closed;
  bool end_follows = false;
  for (auto it = iframe_tags.rbegin(); it != iframe_tags.rend(); ++it) {
    if (*it) {
      closed.push_back(end_follows);
    } else {
      end_follows = true;
    }
  }
  std::reverse(closed.begin(), closed.end());
  return closed;
}

}  // namespace samizdat::text::internal
