// Old-host media URLs: recognized and normalized with Boost.URL, found in bodies by a
// walk over gumbo's tree, replaced in the source text at the spans gumbo reports.
#include "service/media_urls.h"

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cstddef>
#include <optional>

#include "core/strings.h"
#include "service/blogs.h"
#include "text/escape.h"
#include "text/url_attributes.h"

namespace samizdat::service {
namespace {

constexpr std::string_view kUploads = "/wp-content/uploads/";

std::string_view WithoutWww(std::string_view host) {
  return host.starts_with("www.") ? host.substr(4) : host;
}

// "bp2", "photos1": a name, then one or more digits.
bool IsNumbered(std::string_view label, std::string_view name) {
  if (!label.starts_with(name) || label.size() == name.size()) return false;
  return label.substr(name.size()).find_first_not_of("0123456789") == std::string_view::npos;
}

// Blogger's image hosts; bp0.blogger.com and photos1.blogger.com are those of its first
// years (they redirect to today's).
bool IsBloggerHost(std::string_view host) {
  if (host.ends_with(".bp.blogspot.com") || host == "blogger.googleusercontent.com") return true;
  constexpr std::string_view kOld = ".blogger.com";
  if (!host.ends_with(kOld)) return false;
  const std::string_view label = host.substr(0, host.size() - kOld.size());
  return IsNumbered(label, "bp") || IsNumbered(label, "photos");
}

bool IsWordPressComHost(std::string_view host) { return host.ends_with(".files.wordpress.com"); }

// A Google image size option: "s1600", "w640-h480", "s72-c", "s1600-h", "w640-h480-p-k-no-nu".
bool IsSizeOption(std::string_view s) {
  if (s.size() < 2 || (s[0] != 's' && s[0] != 'w' && s[0] != 'h')) return false;
  std::size_t i = 1;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 1) return false;
  for (std::string_view rest = s.substr(i); !rest.empty();) {
    if (rest.front() != '-' || rest.size() < 2) return false;
    std::size_t n = 1;
    while (n < rest.size() && rest[n] != '-') {
      const char c = rest[n];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
      ++n;
    }
    if (n == 1) return false;
    rest.remove_prefix(n);
  }
  return true;
}

// A Blogger image path at its full size: "…/s1600/x.jpg" -> "…/s0/x.jpg",
// "…/AVvX…=w640-h480" -> "…/AVvX…=s0".
std::string FullSizePath(std::string_view path) {
  const std::size_t last = path.rfind('/');
  if (last == std::string_view::npos) return std::string(path);
  const std::string_view name = path.substr(last + 1);
  if (const std::size_t eq = name.rfind('=');
      eq != std::string_view::npos && IsSizeOption(name.substr(eq + 1))) {
    return std::string(path.substr(0, last + 1 + eq + 1)) + "s0";
  }
  if (last == 0) return std::string(path);
  const std::size_t previous = path.rfind('/', last - 1);
  const std::string_view size = path.substr(previous + 1, last - previous - 1);
  if (!IsSizeOption(size)) return std::string(path);
  return std::string(path.substr(0, previous + 1)) + "s0" + std::string(path.substr(last));
}

// `written` as an absolute http(s) URL, relative ones resolved against `base`.
std::optional<boost::urls::url> Absolute(std::string_view written, std::string_view base) {
  auto ref = boost::urls::parse_uri_reference(TrimBlank(written));
  if (!ref) return std::nullopt;
  boost::urls::url url;
  if (ref->has_scheme()) {
    url = *ref;
  } else {
    auto parsed_base = boost::urls::parse_uri(base);
    if (!parsed_base || !boost::urls::resolve(*parsed_base, *ref, url)) return std::nullopt;
  }
  if (url.scheme_id() != boost::urls::scheme::http &&
      url.scheme_id() != boost::urls::scheme::https) {
    return std::nullopt;
  }
  if (url.encoded_host().empty()) return std::nullopt;
  return url;
}

// --- finding the URLs in a body ---------------------------------------------------

// One attribute that may hold file URLs, where its value is written in the input.
struct Span {
  std::string value;  // decoded
  bool srcset = false;
  std::size_t offset = 0;  // of the original text, quotes included
  std::size_t length = 0;
};

// The attributes that may name files, and on which elements they do.
constexpr std::array<std::string_view, 4> kMediaAttributeNames = {"href", "src", "srcset",
                                                                  "poster"};
bool IsMediaAttribute(std::string_view tag, std::string_view name) {
  if (tag == "img" || tag == "source") return name == "src" || name == "srcset";
  if (tag == "a") return name == "href";
  if (tag == "video") return name == "src" || name == "poster";
  return tag == "audio" && name == "src";
}

std::vector<Span> SpansOf(std::string_view html) {
  std::vector<Span> out;
  for (text::UrlAttribute& attr : text::UrlAttributesOf(html, kMediaAttributeNames)) {
    if (!IsMediaAttribute(attr.tag, attr.name)) continue;
    out.push_back({std::move(attr.value), attr.name == "srcset", attr.offset, attr.length});
  }
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A srcset candidate: its URL and what follows it ("2x", "640w").
struct Candidate {
  std::string url;
  std::string descriptors;
};

// A srcset value's candidates, split as HTML's srcset parsing splits them.
std::vector<Candidate> Candidates(std::string_view srcset) {
  std::vector<Candidate> out;
  std::size_t i = 0;
  while (true) {
    while (i < srcset.size() && (IsSpace(srcset[i]) || srcset[i] == ',')) ++i;
    if (i >= srcset.size()) break;
    const std::size_t start = i;
    while (i < srcset.size() && !IsSpace(srcset[i])) ++i;
    std::string_view url = srcset.substr(start, i - start);
    Candidate candidate;
    if (url.ends_with(',')) {
      while (url.ends_with(',')) url.remove_suffix(1);
    } else {
      const std::size_t from = i;
      int depth = 0;
      while (i < srcset.size() && (srcset[i] != ',' || depth > 0)) {
        if (srcset[i] == '(') ++depth;
        if (srcset[i] == ')' && depth > 0) --depth;
        ++i;
      }
      candidate.descriptors = std::string(TrimBlank(srcset.substr(from, i - from)));
    }
    candidate.url = std::string(url);
    if (!candidate.url.empty()) out.push_back(std::move(candidate));
  }
  return out;
}

}  // namespace

OldMediaHosts::OldMediaHosts(std::string_view host, std::string_view imported_from) {
  const std::string own = NormalizeHost(host);
  if (!own.empty()) own_hosts_.emplace_back(WithoutWww(own));
  base_ = own.empty() ? "" : "https://" + own + "/";
  if (auto old = boost::urls::parse_uri(TrimBlank(imported_from));
      old && (old->scheme_id() == boost::urls::scheme::http ||
              old->scheme_id() == boost::urls::scheme::https)) {
    const std::string old_host = NormalizeHost(old->encoded_host());
    if (!old_host.empty()) {
      own_hosts_.emplace_back(WithoutWww(old_host));
      base_ = std::string(old->buffer());
    }
  }
}

bool OldMediaHosts::IsOwnHost(std::string_view host) const {
  return std::find(own_hosts_.begin(), own_hosts_.end(), WithoutWww(host)) != own_hosts_.end();
}

std::string OldMediaHosts::FetchUrl(std::string_view written) const {
  auto url = Absolute(written, base_);
  if (!url) return "";
  const std::string host = AsciiLower(url->encoded_host());
  url->remove_fragment();
  if (IsBloggerHost(host)) {
    url->set_encoded_path(FullSizePath(url->encoded_path()));
    return std::string(url->buffer());
  }
  if (IsWordPressComHost(host) || (url->encoded_path().starts_with(kUploads) && IsOwnHost(host))) {
    url->remove_query();
    return std::string(url->buffer());
  }
  return "";
}

std::string OldMediaHosts::OldUploadPath(std::string_view fetch_url) const {
  auto url = boost::urls::parse_uri(fetch_url);
  if (!url) return "";
  const std::string host = AsciiLower(url->encoded_host());
  const std::string_view path = url->encoded_path();
  if (path.starts_with(kUploads) && IsOwnHost(host)) return std::string(path);
  if (IsWordPressComHost(host) && path.size() > 1) {
    return std::string(kUploads) + std::string(path.substr(1));
  }
  return "";
}

bool MayNameOldFile(std::string_view html) {
  // Every name IsBloggerHost, IsWordPressComHost and kUploads accept holds one of these.
  static constexpr std::string_view kMarkers[] = {"blogspot.com", "googleusercontent.com",
                                                  "blogger.com", "wordpress.com",
                                                  "wp-content/uploads"};
  const auto same = [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; };
  return std::any_of(std::begin(kMarkers), std::end(kMarkers), [&](std::string_view marker) {
    return std::search(html.begin(), html.end(), marker.begin(), marker.end(), same) != html.end();
  });
}

std::vector<std::string> MediaUrlsIn(std::string_view html) {
  std::vector<std::string> out;
  for (Span& span : SpansOf(html)) {
    if (!span.srcset) {
      out.push_back(std::move(span.value));
      continue;
    }
    for (Candidate& candidate : Candidates(span.value)) out.push_back(std::move(candidate.url));
  }
  return out;
}

std::string ReplaceMediaUrls(std::string_view html,
                             const std::function<std::string(std::string_view)>& replace) {
  std::string out;
  std::size_t copied = 0;  // html[0, copied) is in `out`
  for (const Span& span : SpansOf(html)) {
    std::string value;
    if (!span.srcset) {
      value = replace(span.value);
      if (value.empty()) continue;
    } else {
      bool changed = false;
      for (Candidate& candidate : Candidates(span.value)) {
        if (std::string to = replace(candidate.url); !to.empty()) {
          candidate.url = std::move(to);
          changed = true;
        }
        if (!value.empty()) value += ", ";
        value += candidate.url;
        if (!candidate.descriptors.empty()) value += " " + candidate.descriptors;
      }
      if (!changed) continue;
    }
    out.append(html.substr(copied, span.offset - copied));
    out += '"' + text::EscapeHtml(value) + '"';
    copied = span.offset + span.length;
  }
  if (copied == 0) return std::string(html);
  out.append(html.substr(copied));
  return out;
}

}  // namespace samizdat::service
