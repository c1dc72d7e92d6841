// SecurityHeaders: the policies, built once from the embed providers and the theme's
// additions, and the choice of header set per answer.
#include "web/security_headers.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/strings.h"
#include "text/embed_providers.h"

namespace samizdat::web {
namespace {

struct Directive {
  std::string name;
  std::vector<std::string> sources;
};

// The HTML pages' policy before the theme's additions.
std::vector<Directive> PagePolicy() {
  std::vector<std::string> frames;
  for (const std::string& origin : text::EmbedOrigins()) frames.push_back(origin);
  return {
      {"default-src", {"'none'"}},
      {"img-src", {"'self'", "http:", "https:"}},
      {"media-src", {"'self'", "http:", "https:"}},
      {"style-src", {"'self'", "'unsafe-inline'"}},
      {"frame-src", std::move(frames)},
      {"form-action", {"'self'"}},
      {"frame-ancestors", {"'self'"}},
      {"base-uri", {"'self'"}},
  };
}

// The directives a theme may add sources to: what its scripts, styles and fonts fetch.
constexpr std::array<std::string_view, 15> kThemeDirectives = {
    "script-src",     "script-src-elem", "script-src-attr", "style-src",    "style-src-elem",
    "style-src-attr", "img-src",         "font-src",        "connect-src",  "media-src",
    "frame-src",      "child-src",       "worker-src",      "manifest-src", "form-action"};

// A CSP source expression: visible ASCII but ',' and ';' (CSP3 serialized-source-list).
bool IsSourceExpression(std::string_view source) {
  return !source.empty() && std::all_of(source.begin(), source.end(), [](char c) {
    return c > 0x20 && c < 0x7f && c != ',' && c != ';';
  });
}

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  while (true) {
    line = TrimBlank(line);
    if (line.empty()) return words;
    const auto end = line.find_first_of(" \t");
    words.push_back(line.substr(0, end));
    if (end == std::string_view::npos) return words;
    line.remove_prefix(end);
  }
}

Status AddTheme(std::string_view additions, std::vector<Directive>& policy) {
  int number = 0;
  while (!additions.empty()) {
    ++number;
    const auto end = additions.find('\n');
    std::string_view line = additions.substr(0, end);
    additions.remove_prefix(end == std::string_view::npos ? additions.size() : end + 1);
    line = line.substr(0, line.find('#'));
    const std::vector<std::string_view> words = Words(line);
    if (words.empty()) continue;
    const auto where = "the theme's content-security-policy.txt, line " + std::to_string(number);
    const std::string name = AsciiLower(words[0]);
    if (std::find(kThemeDirectives.begin(), kThemeDirectives.end(), name) ==
        kThemeDirectives.end()) {
      return Status::InvalidArgument(where + ": \"" + std::string(words[0]) +
                                     "\" is not a directive a theme may add sources to");
    }
    if (words.size() == 1) return Status::InvalidArgument(where + ": " + name + " names no source");
    auto directive = std::find_if(policy.begin(), policy.end(),
                                  [&](const Directive& d) { return d.name == name; });
    if (directive == policy.end()) {
      directive = policy.insert(policy.end(), Directive{name, {}});
    } else if (directive->sources == std::vector<std::string>{"'none'"}) {
      directive->sources.clear();
    }
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (!IsSourceExpression(words[i])) {
        return Status::InvalidArgument(where + ": \"" + std::string(words[i]) +
                                       "\" is not a source expression");
      }
      const std::string source(words[i]);
      if (std::find(directive->sources.begin(), directive->sources.end(), source) ==
          directive->sources.end()) {
        directive->sources.push_back(source);
      }
    }
  }
  return Status::Ok();
}

std::string Serialize(const std::vector<Directive>& policy) {
  std::string out;
  for (const Directive& directive : policy) {
    if (!out.empty()) out += "; ";
    out += directive.name;
    for (const std::string& source : directive.sources) out += " " + source;
  }
  return out;
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return LowerAscii(x) == LowerAscii(y);
         });
}

bool HasHeader(const http::Response& response, std::string_view name) {
  return std::any_of(
      response.headers.begin(), response.headers.end(),
      [&](const http::Header& header) { return EqualsIgnoreCase(header.name, name); });
}

bool IsHtml(const http::Response& response) {
  constexpr std::string_view kHtml = "text/html";
  for (const http::Header& header : response.headers) {
    if (EqualsIgnoreCase(header.name, "Content-Type")) {
      const std::string_view type = TrimBlank(header.value);
      return type.size() >= kHtml.size() && EqualsIgnoreCase(type.substr(0, kHtml.size()), kHtml);
    }
  }
  return false;
}

constexpr std::string_view kHsts = "max-age=31536000";
constexpr std::string_view kReferrer = "strict-origin-when-cross-origin";
// Nothing runs or loads in a document that is not an HTML page (an SVG, a feed opened in
// a tab); inline styles only for the browser's own viewers of images and XML.
constexpr std::string_view kOtherPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

std::shared_ptr<const std::vector<http::Header>> Set(std::string_view policy, bool secure) {
  std::vector<http::Header> headers;
  if (!policy.empty()) headers.push_back({"Content-Security-Policy", std::string(policy)});
  headers.push_back({"X-Content-Type-Options", "nosniff"});
  headers.push_back({"Referrer-Policy", std::string(kReferrer)});
  if (secure) headers.push_back({"Strict-Transport-Security", std::string(kHsts)});
  return std::make_shared<const std::vector<http::Header>>(std::move(headers));
}

}  // namespace

Result<SecurityHeaders> SecurityHeaders::Make(std::string_view theme_additions, bool hsts) {
  std::vector<Directive> policy = PagePolicy();
  if (Status added = AddTheme(theme_additions, policy); !added.ok()) return added;
  SecurityHeaders headers;
  headers.page_policy_ = Serialize(policy);
  for (const bool secure : {false, true}) {
    headers.page_[secure] = Set(headers.page_policy_, secure && hsts);
    headers.other_[secure] = Set(kOtherPolicy, secure && hsts);
    headers.not_modified_[secure] = Set("", secure && hsts);
  }
  if (hsts) {
    headers.admin_https_ = std::make_shared<const std::vector<http::Header>>(
        std::vector<http::Header>{{"Strict-Transport-Security", std::string(kHsts)}});
  }
  return headers;
}

void SecurityHeaders::Add(const http::Request* request, http::Response& response) const {
  const bool secure = request != nullptr && request->secure;
  if (HasHeader(response, "Content-Security-Policy")) {  // the admin's own set
    if (secure && admin_https_) response.shared_headers = admin_https_;
  } else if (response.status == 304 || response.status == 204) {
    response.shared_headers = not_modified_[secure];
  } else {
    response.shared_headers = IsHtml(response) ? page_[secure] : other_[secure];
  }
}

}  // namespace samizdat::web
