// ExpandWordPressMarkup: page breaks, embeds by URL and shortcodes of a WordPress post
// as the HTML WordPress showed (transfer/wp_shortcodes.h).
#include "transfer/wp_shortcodes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "text/escape.h"
#include "transfer/wp_embeds.h"
#include "transfer/wp_shortcode_syntax.h"

namespace samizdat::transfer {
namespace {

// ---------------------------------------------------------------------------------------
// Where the markup is.

// True when text[i] == '<' starts a tag or a comment: a letter, '/' or '!' follows.
bool OpensMarkup(std::string_view text, std::size_t i) {
  if (text[i] != '<' || i + 1 >= text.size()) return false;
  const unsigned char next = static_cast<unsigned char>(text[i + 1]);
  return std::isalpha(next) || next == '/' || next == '!';
}

// Past the tag or comment opening at text[i] (OpensMarkup), as WordPress's
// wp_html_split() cuts them: "<!--" to "-->", else '<' to the next '>'.
std::size_t PastMarkup(std::string_view text, std::size_t i) {
  const bool comment = text.substr(i, 4) == "<!--";
  const std::size_t end = comment ? text.find("-->", i + 4) : text.find('>', i + 1);
  if (end == std::string_view::npos) return text.size();
  return end + (comment ? 3 : 1);
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && AsciiLower(s.substr(0, prefix.size())) == prefix;
}

// An attribute value for HTML written here: `value` is HTML already (it comes from the
// post), so only the quote that would end it is escaped.
std::string Quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') {
      out += "&quot;";
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

// The lower-case extension of a URL's path: "jpg" for "…/a.JPG?w=300".
std::string ExtensionOf(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const std::size_t dot = url.rfind('.');
  const std::size_t slash = url.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  return AsciiLower(url.substr(dot + 1));
}

// ---------------------------------------------------------------------------------------
// <!--nextpage--> and URLs on their own line.

std::string PageBreaks(std::string_view content) {
  constexpr std::string_view kNextPage = "<!--nextpage-->";
  std::string out;
  out.reserve(content.size());
  std::size_t from = 0;
  for (std::size_t at = content.find(kNextPage); at != std::string_view::npos;
       at = content.find(kNextPage, from)) {
    out.append(content.substr(from, at - from));
    out += "<hr class=\"nextpage\">";
    from = at + kNextPage.size();
  }
  out.append(content.substr(from));
  return out;
}

// A line that is a provider's URL alone (or alone in a <p>), with its white space and
// <p> kept around the iframe; nullopt for any other line.
std::optional<std::string> EmbedLine(std::string_view line) {
  const std::string_view trimmed = TrimBlank(line);
  if (trimmed.empty()) return std::nullopt;
  std::string_view url = trimmed;
  std::string_view open, close;
  if (StartsWithNoCase(url, "<p") && url.size() > 2 && (url[2] == '>' || url[2] == ' ') &&
      AsciiLower(url).ends_with("</p>")) {
    const std::size_t gt = url.find('>');
    open = url.substr(0, gt + 1);
    close = url.substr(url.size() - 4);
    url = TrimBlank(url.substr(gt + 1, url.size() - 4 - gt - 1));
  }
  if (!StartsWithNoCase(url, "http://") && !StartsWithNoCase(url, "https://")) return std::nullopt;
  if (url.find_first_of(" \t\r\n<>\"") != std::string_view::npos) return std::nullopt;
  std::optional<std::string> iframe = ProviderEmbed(url);
  if (!iframe) return std::nullopt;
  const std::size_t lead = line.find(trimmed);
  return std::string(line.substr(0, lead)) + std::string(open) + *iframe + std::string(close) +
         std::string(line.substr(lead + trimmed.size()));
}

// WordPress's autoembed: lines outside tags that are a provider's URL.
std::string EmbedUrlLines(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < content.size()) {
    if (i == 0 || content[i - 1] == '\n') {
      const std::size_t eol = std::min(content.find('\n', i), content.size());
      if (std::optional<std::string> embedded = EmbedLine(content.substr(i, eol - i))) {
        out.append(content.substr(copied, i - copied));
        out += *embedded;
        copied = i = eol;
        continue;
      }
    }
    i = OpensMarkup(content, i) ? PastMarkup(content, i) : i + 1;
  }
  out.append(content.substr(copied));
  return out;
}

// ---------------------------------------------------------------------------------------
// The shortcodes.

bool KnownShortcode(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "caption", "wp_caption", "gallery", "embed", "youtube", "vimeo", "video", "audio"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

// img_caption_shortcode(): the image (with the link around it) and the caption after it.
std::optional<std::string> Caption(const ShortcodeAtts& atts, std::string_view content) {
  std::string caption = atts.Get("caption");
  std::string image(content);
  if (!atts.named.contains("caption")) {
    // #((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)#is
    const std::string lower = AsciiLower(content);
    const std::size_t img = lower.find("<img ");
    const std::size_t img_end = img == std::string::npos ? img : lower.find('>', img);
    if (img_end != std::string::npos) {
      std::size_t begin = img;
      const std::size_t before = lower.find_last_not_of(" \t\r\n\f\v", img == 0 ? 0 : img - 1);
      if (img > 0 && before != std::string::npos && lower[before] == '>') {
        const std::size_t a = lower.rfind('<', before);
        if (a != std::string::npos && lower.compare(a, 3, "<a ") == 0 &&
            lower.find('>', a) == before) {
          begin = a;
        }
      }
      std::size_t end = img_end + 1;
      const std::size_t after = lower.find_first_not_of(" \t\r\n\f\v", end);
      if (after != std::string::npos && lower.compare(after, 4, "</a>") == 0) end = after + 4;
      image = std::string(content.substr(begin, end - begin));
      caption = std::string(TrimBlank(content.substr(end)));
    }
  }
  const std::optional<int> width = ParseInteger(TrimBlank(atts.Get("width")));
  if (!width || *width < 1 || caption.empty()) return image;
  std::string classes = "wp-caption " + atts.Get("align", "alignnone");
  if (const std::string extra = atts.Get("class"); !extra.empty()) classes += " " + extra;
  return "<figure class=" + Quoted(classes) + " style=\"width: " + std::to_string(*width) +
         "px\">" + image + "<figcaption>" + caption + "</figcaption></figure>";
}

std::vector<std::string> IdList(const std::string& ids) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= ids.size()) {
    const std::size_t comma = std::min(ids.find(',', from), ids.size());
    const std::string_view id = TrimBlank(std::string_view(ids).substr(from, comma - from));
    if (IsAsciiDigits(id)) out.emplace_back(id);
    from = comma + 1;
  }
  return out;
}

bool IsImageUrl(std::string_view url) {
  static constexpr std::array<std::string_view, 9> kImages = {"jpg",  "jpeg", "jpe", "png", "gif",
                                                              "webp", "avif", "bmp", "svg"};
  const std::string ext = ExtensionOf(url);
  return std::find(kImages.begin(), kImages.end(), ext) != kImages.end();
}

// gallery_shortcode(), with the files themselves as the images (the file holds no
// thumbnails, and samizdat has no attachment pages to link to).
std::string Gallery(const ShortcodeAtts& atts, const WxrMedia& media, std::string_view post_id) {
  std::vector<const WxrAttachment*> shown;
  std::vector<std::string> ids = IdList(atts.Get("ids", atts.Get("include")));
  if (!ids.empty()) {
    for (const std::string& id : ids) {
      if (auto it = media.find(id); it != media.end()) shown.push_back(&it->second);
    }
  } else {
    for (const auto& [id, attachment] : media) {
      if (attachment.parent_id == post_id && IsImageUrl(attachment.url)) {
        shown.push_back(&attachment);
      }
    }
    const auto number = [](const WxrAttachment* a) {
      return ParseInteger<int64_t>(a->id).value_or(0);
    };
    std::sort(shown.begin(), shown.end(), [&](const WxrAttachment* a, const WxrAttachment* b) {
      return std::pair(a->menu_order, number(a)) < std::pair(b->menu_order, number(b));
    });
    if (AsciiLower(atts.Get("order")) == "desc") std::reverse(shown.begin(), shown.end());
  }
  const std::vector<std::string> excluded = IdList(atts.Get("exclude"));
  std::erase_if(shown, [&](const WxrAttachment* a) {
    return a->url.empty() || std::find(excluded.begin(), excluded.end(), a->id) != excluded.end();
  });
  if (shown.empty()) return "";
  const std::optional<int> asked = ParseInteger(TrimBlank(atts.Get("columns")));
  const int columns = asked && *asked >= 1 && *asked <= 9 ? *asked : 3;
  const bool linked = atts.Get("link") != "none";
  std::string out = "<div class=\"gallery gallery-columns-" + std::to_string(columns) + "\">";
  for (const WxrAttachment* a : shown) {
    const std::string url = text::EscapeHtml(a->url);
    std::string image = "<img src=\"" + url + "\" alt=\"" + text::EscapeHtml(a->alt) + "\">";
    if (linked) image = "<a href=\"" + url + "\">" + image + "</a>";
    out += "<figure class=\"gallery-item\">" + image;
    if (!TrimBlank(a->caption).empty()) out += "<figcaption>" + a->caption + "</figcaption>";
    out += "</figure>";
  }
  return out + "</div>";
}

EmbedSize SizeOf(const ShortcodeAtts& atts) {
  return {atts.Get("width", atts.Get("w")), atts.Get("height", atts.Get("h"))};
}

// [embed]: the provider's player, else a link (WordPress's maybe_make_link).
std::optional<std::string> Embed(const ShortcodeAtts& atts, std::string_view content) {
  std::string url(TrimBlank(content));
  if (url.empty()) url = TrimBlank(atts.Get("src"));
  if (!StartsWithNoCase(url, "http://") && !StartsWithNoCase(url, "https://")) return std::nullopt;
  if (std::optional<std::string> iframe = ProviderEmbed(url, SizeOf(atts))) return iframe;
  return "<a href=" + Quoted(url) + ">" + url + "</a>";
}

std::string FirstPositional(const ShortcodeAtts& atts, const std::string& named) {
  if (!atts.positional.empty()) return atts.positional.front();
  return atts.Get(named);
}

// wp_video_shortcode() and wp_audio_shortcode(): src first, then one attribute per
// format, each a source; one source is the element's src.
struct MediaKind {
  std::string_view element;
  std::vector<std::pair<std::string_view, std::string_view>> formats;  // attribute, type
};

const MediaKind& VideoKind() {
  static const MediaKind kVideo = {"video",
                                   {{"mp4", "video/mp4"},
                                    {"m4v", "video/mp4"},
                                    {"webm", "video/webm"},
                                    {"ogv", "video/ogg"},
                                    {"flv", "video/x-flv"},
                                    {"mov", "video/quicktime"}}};
  return kVideo;
}

const MediaKind& AudioKind() {
  static const MediaKind kAudio = {"audio",
                                   {{"mp3", "audio/mpeg"},
                                    {"ogg", "audio/ogg"},
                                    {"oga", "audio/ogg"},
                                    {"flac", "audio/flac"},
                                    {"m4a", "audio/mp4"},
                                    {"wav", "audio/wav"}}};
  return kAudio;
}

std::optional<std::string> MediaElement(const MediaKind& kind, const ShortcodeAtts& atts) {
  std::vector<std::pair<std::string, std::string_view>> sources;  // url, type
  const auto add = [&](std::string url, std::string_view type) {
    url = std::string(TrimBlank(url));
    if (url.empty()) return;
    for (const auto& [known, _] : sources) {
      if (known == url) return;
    }
    sources.emplace_back(std::move(url), type);
  };
  const std::string src = atts.Get("src");
  if (kind.element == "video") {
    if (std::optional<std::string> iframe = ProviderEmbed(src, SizeOf(atts))) return iframe;
  }
  std::string_view src_type;
  for (const auto& [format, type] : kind.formats) {
    if (ExtensionOf(src) == format) src_type = type;
  }
  add(src, src_type);
  for (const auto& [format, type] : kind.formats) add(atts.Get(std::string(format)), type);
  if (sources.empty()) return std::nullopt;

  std::string out = "<" + std::string(kind.element) + " controls";
  if (sources.size() == 1) out += " src=" + Quoted(sources.front().first);
  if (const std::string poster = atts.Get("poster");
      kind.element == "video" && !TrimBlank(poster).empty()) {
    out += " poster=" + Quoted(TrimBlank(poster));
  }
  for (const char* dimension : {"width", "height"}) {
    const std::string value(TrimBlank(atts.Get(dimension)));
    if (kind.element == "video" && IsAsciiDigits(value))
      out += " " + std::string(dimension) + "=" + Quoted(value);
  }
  const std::string loop = AsciiLower(atts.Get("loop"));
  if (loop == "on" || loop == "1" || loop == "true") out += " loop";
  out += ">";
  if (sources.size() > 1) {
    for (const auto& [url, type] : sources) {
      out += "<source src=" + Quoted(url);
      if (!type.empty()) out += " type=\"" + std::string(type) + "\"";
      out += ">";
    }
  }
  return out + "</" + std::string(kind.element) + ">";
}

// What one shortcode shows; nullopt: it stays as written.
std::optional<std::string> Expand(const Shortcode& code, const WxrMedia& media,
                                  std::string_view post_id) {
  const ShortcodeAtts atts = ParseShortcodeAtts(code.atts);
  const std::string_view content = code.content.value_or("");
  if (code.name == "caption" || code.name == "wp_caption") return Caption(atts, content);
  if (code.name == "gallery") return Gallery(atts, media, post_id);
  if (code.name == "embed") return Embed(atts, content);
  if (code.name == "youtube") return YouTubeEmbed(FirstPositional(atts, "url"));
  if (code.name == "vimeo") return VimeoEmbed(FirstPositional(atts, "id"), SizeOf(atts));
  if (code.name == "video") return MediaElement(VideoKind(), atts);
  if (code.name == "audio") return MediaElement(AudioKind(), atts);
  return std::nullopt;
}

// do_shortcode(): every known shortcode outside tags and comments, left to right.
std::string Shortcodes(std::string_view content, const WxrMedia& media, std::string_view post_id) {
  if (content.find('[') == std::string_view::npos) return std::string(content);
  std::string out;
  out.reserve(content.size());
  std::size_t i = 0;
  while (i < content.size()) {
    if (OpensMarkup(content, i)) {
      const std::size_t end = PastMarkup(content, i);
      out.append(content.substr(i, end - i));
      i = end;
      continue;
    }
    if (content[i] == '[') {
      if (std::optional<Shortcode> code = MatchShortcode(content, i, KnownShortcode)) {
        out.append(content.substr(i, code->begin - i));  // an escaping '[' that was not one
        std::optional<std::string> shown =
            code->escaped ? std::string(code->literal) : Expand(*code, media, post_id);
        out += shown ? *shown : std::string(content.substr(code->begin, code->end - code->begin));
        i = code->end;
        continue;
      }
    }
    out.push_back(content[i++]);
  }
  return out;
}

}  // namespace

std::string ExpandWordPressMarkup(std::string_view content, const WxrMedia& media,
                                  std::string_view post_id) {
  return Shortcodes(EmbedUrlLines(PageBreaks(content)), media, post_id);
}

}  // namespace samizdat::transfer
