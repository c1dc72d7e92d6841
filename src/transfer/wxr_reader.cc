// ReadWxr: WordPress eXtended RSS (WXR 1.0-1.2) streamed with libxml2's xmlTextReader,
// one <item> expanded at a time, mapped to the neutral model of source.h.
//
// How WordPress's data is mapped (the decisions this reader makes):
// - Namespaces: the wp, excerpt, content and dc elements are known by their namespace
//   URI, http or https, WXR 1.0 to 1.2 (transfer/wxr_namespaces.h), whatever prefix the
//   file gives them, as WordPress's importer reads them (WordPress.com writes
//   "https://wordpress.org/export/1.2/"). The wfw namespace holds nothing imported.
// - Blog: the channel's title, description and <generator>; url is wp:base_blog_url
//   (the blog's home), else the channel's <link>. WXR does not say the site's time
//   zone, so time_zone stays "".
// - Items of wp:post_type post and page are read (an item with no post_type is a post);
//   attachments give their page's redirect (below); every other type (nav_menu_item,
//   wp_global_styles, custom types) and a trashed attachment is skipped, reported once
//   per type with a count. wp:status publish -> published,
//   future -> scheduled, draft, pending, private and anything unknown -> draft (none of
//   them was public; auto-draft is WordPress's unsaved draft), trash -> skipped (one
//   report per item, its comments go with it). A post with a wp:post_password is
//   imported as a draft (samizdat has no passwords, and publishing it would show it to
//   everyone), and reported ('post 12 "Title" is password-protected: imported as a
//   draft').
// - feed_id: the item's <guid>, the id WordPress's feeds gave the post, so a reader's
//   feed sees no post twice after the move.
// - Times: wp:post_date_gmt is UTC. When it is "0000-00-00 00:00:00" (drafts, some
//   imported posts) wp:post_date is used, read as UTC because WXR does not carry the
//   site's zone. updated: wp:post_modified_gmt, else wp:post_modified (as UTC).
// - content:encoded is kept as HTML, with WordPress's paragraphs made explicit: the
//   classic editor stores text without <p> and WordPress adds them when it shows the
//   post (wpautop). So the body is cut at blank lines (outside tags); a piece with no
//   block-level tag, and not inside an open <pre>, <div>, <ul>, <table>..., becomes a
//   <p> whose single newlines become <br />; other pieces are kept as they are. A body
//   with no block tag at all is therefore all paragraphs, and a body laid out in blocks
//   (the block editor's) is unchanged. Comment bodies get the same treatment (WordPress
//   shows them through wpautop too).
//   Before that, WordPress's own markup becomes the HTML WordPress showed for it
//   (wp_shortcodes.h): [caption], [gallery], [embed], [video], [audio], [youtube],
//   [vimeo], a video or audio page's URL alone on its line, <!--nextpage-->. Galleries
//   take their images from the file's attachment items (wp:attachment_url), which are
//   otherwise not imported.
//   A file samizdat wrote holds HTML already: its bodies are taken as they are.
// - Titles: samizdat's are text. WordPress 5.7 and later (the channel's <generator>
//   says the version) write the stored title, which is HTML: it becomes the text a
//   reader saw ("<em>Hi</em> &amp; bye" -> "Hi & bye"). Earlier versions stripped the
//   tags and escaped the rest, so their titles are that text already, as are the
//   titles of other programs' files and samizdat's.
// - Labels: <category domain="category"> and domain="post_tag" (and WXR 1.0's
//   domain-less <category> and domain="tag"), by name (HTML entities decoded: WordPress stores "&"
//   in term names as "&amp;"), file order, no exact duplicates. "Uncategorized" is a
//   label like any other (its /category/uncategorized/ page showed those posts). Other
//   taxonomies (post_format, wp_theme, ...) are ignored.
// - author: dc:creator is a login; it becomes the wp:author's display name when the
//   channel lists that login (exact, then case-insensitive), else the login itself.
// - permalink: <link> when it is an http(s) URL without a query and the item is
//   published or scheduled; "?p=N" style links and drafts give "". old_paths (published
//   and scheduled only, each under the blog's base path): "/?p=ID" for posts,
//   "/?page_id=ID" for pages, and the path of that permalink when it is on the blog's
//   host. slug: wp:post_name as in the file (WordPress percent-encodes non-ASCII ones).
//   A samizdat_path postmeta (samizdat's own WXR writer puts the post's path there) is
//   the permalink, on the blog's address, whatever <link> says; a file whose generator
//   is "samizdat" gives no old paths (its blog answered at those paths only).
// - Comments (wp:comment): approved 1 -> published, 0 -> pending, spam -> spam, trash
//   and post-trashed -> deleted, unknown -> pending. comment_type "" and comment are
//   comments, pingback and trackback are kept as such (SourceComment::kind: WordPress
//   listed them among the comments; dropping them would lose them on a round trip);
//   other types (WooCommerce order notes, ...) are skipped with a count. wp:comment_parent
//   "0" is top level. WXR nests every comment of a post inside its item, so a parent
//   that is not in the item is gone (WordPress does not export spam): such a reply is
//   handed over as top level, and reported.
// - Redirects (OnRedirect) for the old addresses that are no post's own (category, tag,
//   author and attachment pages): transfer/wxr_addresses.h, told each term, author and
//   attachment as the reader meets them.
// - samizdat's own exports carry what WXR cannot say in samizdat's extension namespace
//   (samizdat_extension.h): the channel's <samizdat:blog> and <samizdat:redirect>, an
//   item's <samizdat:post>, a comment's <samizdat:comment>; they win over the WXR fields.
// Streaming, positions and the wording of XML errors come from XmlStream; only one
// channel child (an <item> with its comments) is held in memory at a time.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "text/html_text.h"
#include "text/utf8.h"
#include "transfer/readers.h"
#include "transfer/samizdat_extension.h"
#include "transfer/wp_autop.h"
#include "transfer/wp_shortcodes.h"
#include "transfer/wxr_addresses.h"
#include "transfer/wxr_namespaces.h"
#include "transfer/xml_stream.h"

namespace samizdat::transfer {
namespace {

// ---------------------------------------------------------------------------------------
// Text helpers.

// Decodes the entities WordPress leaves in term names: &amp; &lt; &gt; &quot; &#NNN;
// &#xHH; (and &#039;). Anything else is copied as is.
std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    static constexpr std::pair<std::string_view, char32_t> kNamed[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    char32_t cp = 0;
    for (const auto& [entity, value] : kNamed) {
      if (name == entity) cp = value;
    }
    if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t value = 0;
      const auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
      if (ec == std::errc() && end == digits.data() + digits.size() && value > 0 &&
          value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF)) {
        cp = value;
      }
    }
    if (cp == 0) {
      out.push_back('&');
      continue;
    }
    text::AppendUtf8(cp, out);
    i = semi;
  }
  return out;
}

// "2012-02-04 03:17:33" read as UTC. No time for WordPress's "0000-00-00 00:00:00" and
// for an absent date; `malformed` for any other text that is not such a date.
struct ParsedDate {
  std::optional<Time> time;
  bool malformed = false;
};

ParsedDate ParseWpDate(std::string_view text) {
  text = TrimWhite(text);
  if (text.empty() || text.starts_with("0000-00-00")) return {};
  int fields[6] = {};
  const char separators[6] = {'-', '-', ' ', ':', ':', '\0'};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 6; ++i) {
    const auto [next, ec] = std::from_chars(p, end, fields[i]);
    if (ec != std::errc() || next == p) return {std::nullopt, true};
    p = next;
    if (i < 5) {
      if (p == end || (*p != separators[i] && !(i == 2 && *p == 'T'))) {
        return {std::nullopt, true};
      }
      ++p;
    }
  }
  if (p != end) return {std::nullopt, true};
  using namespace std::chrono;
  const year_month_day ymd{year{fields[0]}, month{static_cast<unsigned>(fields[1])},
                           day{static_cast<unsigned>(fields[2])}};
  if (!ymd.ok() || fields[3] > 23 || fields[4] > 59 || fields[5] > 60 || fields[3] < 0 ||
      fields[4] < 0 || fields[5] < 0) {
    return {std::nullopt, true};
  }
  return {Time(sys_days(ymd) + hours(fields[3]) + minutes(fields[4]) + seconds(fields[5])), false};
}

// ---------------------------------------------------------------------------------------
// The reader.

bool IsWp(const xmlNode* element, std::string_view local) {
  const ElementName name = NameOf(element);
  return name.local == local && wxr_ns::IsWp(name.ns);
}

// Whether the file's titles are HTML: WordPress 5.7 and later write a post's title as it
// is stored (HTML, shown as it is by WordPress's themes); earlier versions wrote it
// through the_title_rss (tags stripped, then escaped), so its XML text is the text a
// reader saw. `generator` is the channel's, "https://wordpress.org/?v=6.4.3".
bool WritesHtmlTitles(std::string_view generator) {
  constexpr std::string_view kWordPress = "wordpress.org/?v=";
  const size_t at = generator.find(kWordPress);
  if (at == std::string_view::npos) return false;
  const std::string_view version = generator.substr(at + kWordPress.size());
  int major = 0;
  int minor = 0;
  const char* end = version.data() + version.size();
  auto [dot, ec] = std::from_chars(version.data(), end, major);
  if (ec != std::errc()) return false;
  if (dot != end && *dot == '.') std::from_chars(dot + 1, end, minor);
  return major > 5 || (major == 5 && minor >= 7);
}

// A title written as HTML ("<em>Hello</em> &amp; bye") as the text a reader saw ("Hello
// & bye"): samizdat's titles are text.
std::string TitleText(std::string_view html) {
  std::string text = text::HtmlToText(html);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

struct SkipCount {
  SourceLocation first;
  int count = 0;
};

class WxrReader {
 public:
  WxrReader(XmlStream& stream, ImportSink& sink, WxrMedia* media)
      : stream_(stream),
        sink_(sink),
        media_(media != nullptr ? *media : own_media_),
        addresses_(sink) {}

  Status Read() {
    SAMIZDAT_RETURN_IF_ERROR(Walk());
    if (!blog_sent_) SAMIZDAT_RETURN_IF_ERROR(SendBlog());
    std::vector<std::pair<std::string, SkipCount>> skipped(skipped_types_.begin(),
                                                           skipped_types_.end());
    std::sort(skipped.begin(), skipped.end(), [](const auto& a, const auto& b) {
      return a.second.first.line < b.second.first.line;
    });
    for (const auto& [what, skip] : skipped) {
      sink_.OnSkipped(skip.first, what + ": " + std::to_string(skip.count) + " not imported");
    }
    return Status::Ok();
  }

 private:
  // <rss> at depth 0, its <channel> at depth 1, the channel's children at depth 2 (each
  // expanded whole: an <item> with its comments is the unit of memory).
  Status Walk() {
    bool saw_root = false;
    bool saw_channel = false;
    Result<bool> step = stream_.Read();
    while (step.ok() && *step) {
      if (!stream_.AtElement()) {
        step = stream_.Read();
        continue;
      }
      const xmlNode* node = stream_.node();
      const int depth = stream_.depth();
      if (depth == 0) {
        saw_root = true;
        root_ = stream_.Where();
        if (!Is(node, "", "rss")) {
          return stream_.ErrorAt(root_, "not a WordPress export: the document is <" +
                                            QualifiedName(node) + ">, not an RSS feed (<rss>)");
        }
        has_wp_ = DeclaresWp(node);
        step = stream_.Read();
      } else if (depth == 1 && Is(node, "", "channel")) {
        saw_channel = true;
        has_wp_ = has_wp_ || DeclaresWp(node);
        if (!has_wp_) {
          return stream_.ErrorAt(root_,
                                 "an RSS feed, not a WordPress export: it declares no wp "
                                 "namespace (http://wordpress.org/export/1.2/)");
        }
        step = stream_.Read();
      } else if (depth == 2) {
        SAMIZDAT_RETURN_IF_ERROR(ChannelChild(node));
        step = stream_.Next();
      } else {
        step = stream_.Next();
      }
    }
    if (!step.ok()) return step.status();
    if (!saw_root) return stream_.ErrorAt({stream_.path(), 1, 1}, "not XML: no element");
    if (!saw_channel) {
      return stream_.ErrorAt(root_, "an RSS feed with no <channel>: not a WordPress export");
    }
    return Status::Ok();
  }

  static bool DeclaresWp(const xmlNode* element) {
    for (const xmlNs* ns = element->nsDef; ns != nullptr; ns = ns->next) {
      if (ns->href != nullptr && wxr_ns::IsWp(reinterpret_cast<const char*>(ns->href))) {
        return true;
      }
    }
    return false;
  }

  Status ChannelChild(const xmlNode* node) {
    if (IsSamizdatExtension(node)) {  // samizdat's own: the blog's settings, a redirect
      Result<const xmlNode*> expanded = stream_.Expand();
      if (!expanded.ok()) return expanded.status();
      return ReadBlogExtension(stream_, *expanded, blog_, sink_);
    }
    const ElementName name = NameOf(node);
    const bool plain = name.ns.empty() && name.undeclared_prefix.empty();
    const bool wp = wxr_ns::IsWp(name.ns);
    if (plain && name.local == "item") {
      const SourceLocation where = stream_.Where();
      Result<const xmlNode*> item = stream_.Expand();
      if (!item.ok()) return item.status();
      if (!blog_sent_) SAMIZDAT_RETURN_IF_ERROR(SendBlog());
      return Item(*item, where);
    }
    if (!(plain && (name.local == "title" || name.local == "link" || name.local == "description" ||
                    name.local == "generator")) &&
        !(wp && (name.local == "base_blog_url" || name.local == "author" ||
                 name.local == "category" || name.local == "tag" || name.local == "term"))) {
      return Status::Ok();
    }
    const SourceLocation where = stream_.Where();
    Result<const xmlNode*> expanded = stream_.Expand();
    if (!expanded.ok()) return expanded.status();
    if (wp && name.local == "author") {
      std::string login;
      std::string display;
      std::string id;
      for (const xmlNode* c : ChildElements(*expanded)) {
        if (IsWp(c, "author_login")) login = TrimmedTextOf(c);
        if (IsWp(c, "author_display_name")) display = TrimmedTextOf(c);
        if (IsWp(c, "author_id")) id = TrimmedTextOf(c);
      }
      if (!login.empty() && !display.empty()) {
        authors_.emplace(login, display);
        authors_lower_.emplace(AsciiLower(login), display);
      }
      if (!login.empty()) return addresses_.AddAuthor(where, std::move(id), std::move(login));
      return Status::Ok();
    }
    if (wp && name.local != "base_blog_url") return ChannelTerm(*expanded, name.local, where);
    std::string text = TrimmedTextOf(*expanded);
    if (wp) {
      if (!text.empty()) blog_.url = std::move(text);
    } else if (name.local == "title") {
      blog_.title = std::move(text);
    } else if (name.local == "description") {
      blog_.description = std::move(text);
    } else if (name.local == "generator") {
      blog_.generator = std::move(text);
    } else if (name.local == "link" && blog_.url.empty()) {
      blog_.url = std::move(text);
    }
    return Status::Ok();
  }

  // A channel's wp:category, wp:tag or wp:term (taxonomies category and post_tag).
  Status ChannelTerm(const xmlNode* node, std::string_view local, const SourceLocation& where) {
    WxrTerm term{where, local == "tag" ? WxrTerm::kTag : WxrTerm::kCategory, "", "", "", ""};
    std::string taxonomy = local == "term" ? "" : "category";
    for (const xmlNode* c : ChildElements(node)) {
      const ElementName name = NameOf(c);
      if (!wxr_ns::IsWp(name.ns)) continue;
      const std::string_view field = name.local;
      if (field == "term_id") term.id = TrimmedTextOf(c);
      if (field == "category_nicename" || field == "tag_slug" || field == "term_slug") {
        term.slug = TrimmedTextOf(c);
      }
      if (field == "category_parent" || field == "term_parent") term.parent = TrimmedTextOf(c);
      if (field == "cat_name" || field == "tag_name" || field == "term_name") {
        term.name = DecodeEntities(TrimmedTextOf(c));
      }
      if (field == "term_taxonomy") taxonomy = TrimmedTextOf(c);
    }
    if (local == "term") {
      if (taxonomy != "category" && taxonomy != "post_tag") return Status::Ok();
      term.kind = taxonomy == "post_tag" ? WxrTerm::kTag : WxrTerm::kCategory;
    }
    return addresses_.AddChannelTerm(std::move(term));
  }

  Status SendBlog() {
    blog_sent_ = true;
    own_export_ = blog_.generator == "samizdat";
    html_titles_ = WritesHtmlTitles(blog_.generator);
    SAMIZDAT_RETURN_IF_ERROR(sink_.OnBlog(blog_));
    return addresses_.SetBlog(blog_.url, own_export_);
  }

  // The fields of one <item> this reader uses.
  struct ItemFields {
    std::string title, link, guid, creator, content, post_id, post_date, post_date_gmt,
        post_modified, post_modified_gmt, comment_status, post_name, status, post_type,
        post_password;
    std::string samizdat_path;  // the postmeta samizdat's own export writes
    // For attachments: wp:attachment_url, wp:post_parent, wp:menu_order, the caption
    // (excerpt:encoded) and the _wp_attachment_image_alt postmeta.
    std::string attachment_url, post_parent, menu_order, excerpt, image_alt;
    bool has_post_type = false;
    std::vector<std::string> labels;
    std::vector<WxrTerm> terms;  // the <category> elements with a nicename, for redirects
    std::vector<const xmlNode*> comments;
    const xmlNode* samizdat = nullptr;  // <samizdat:post>, in samizdat's own exports
  };

  Status Item(const xmlNode* item, const SourceLocation& where) {
    ItemFields f;
    for (const xmlNode* c : ChildElements(item)) {
      const ElementName name = NameOf(c);
      if (!name.undeclared_prefix.empty()) continue;
      if (name.ns.empty()) {
        if (name.local == "title") {
          f.title = TrimmedTextOf(c);
        } else if (name.local == "link") {
          f.link = TrimmedTextOf(c);
        } else if (name.local == "guid") {
          f.guid = TrimmedTextOf(c);
        } else if (name.local == "category") {
          Category(c, stream_.Where(c), f);
        }
      } else if (wxr_ns::IsContent(name.ns)) {
        if (name.local == "encoded") f.content = TextOf(c);
      } else if (wxr_ns::IsExcerpt(name.ns)) {
        if (name.local == "encoded") f.excerpt = TextOf(c);
      } else if (wxr_ns::IsDc(name.ns)) {
        if (name.local == "creator") f.creator = TrimmedTextOf(c);
      } else if (wxr_ns::IsWp(name.ns)) {
        const std::string_view local = name.local;
        std::string* field = local == "post_id"             ? &f.post_id
                             : local == "post_date"         ? &f.post_date
                             : local == "post_date_gmt"     ? &f.post_date_gmt
                             : local == "post_modified"     ? &f.post_modified
                             : local == "post_modified_gmt" ? &f.post_modified_gmt
                             : local == "comment_status"    ? &f.comment_status
                             : local == "post_name"         ? &f.post_name
                             : local == "status"            ? &f.status
                             : local == "post_type"         ? &f.post_type
                             : local == "post_password"     ? &f.post_password
                             : local == "attachment_url"    ? &f.attachment_url
                             : local == "post_parent"       ? &f.post_parent
                             : local == "menu_order"        ? &f.menu_order
                                                            : nullptr;
        if (field != nullptr) *field = TrimmedTextOf(c);
        if (local == "post_type") f.has_post_type = true;
        if (local == "postmeta") PostMeta(c, f);
        if (local == "comment") f.comments.push_back(c);
      } else if (IsSamizdatExtension(c)) {
        f.samizdat = c;
      }
    }

    const std::string type = f.has_post_type ? f.post_type : "post";
    if (type == "attachment" && IsAsciiDigits(f.post_id)) {
      media_.insert_or_assign(
          f.post_id, WxrAttachment{f.post_id, f.attachment_url, f.post_parent,
                                   ParseInteger(f.menu_order).value_or(0), f.excerpt, f.image_alt});
      // Not lost, so not listed: its page leads to its file, which the media import
      // brings home.
      if (f.status != "trash") {
        return addresses_.AddAttachment(where, f.post_id, f.link, f.attachment_url);
      }
    }
    if (type != "post" && type != "page") {
      Skip(where, "items of type " + (type.empty() ? std::string("\"\"") : type) +
                      " (only posts and pages are imported)");
      return Status::Ok();
    }
    if (f.post_id.empty()) {
      return stream_.ErrorAt(where, "an item of type " + type + " has no wp:post_id");
    }
    if (!IsAsciiDigits(f.post_id)) {
      return stream_.ErrorAt(
          where, "an item of type " + type + " has wp:post_id \"" + f.post_id + "\", not a number");
    }
    if (f.status == "trash") {
      std::string what = "trashed " + type + " " + f.post_id + " \"" + f.title + "\"";
      if (!f.comments.empty()) {
        what += " and its " + std::to_string(f.comments.size()) + " comment(s)";
      }
      sink_.OnSkipped(where, std::move(what));
      return Status::Ok();
    }

    SourcePost post;
    post.where = where;
    post.kind = type == "page" ? PostKind::kPage : PostKind::kPost;
    post.status = f.status == "publish"  ? PostStatus::kPublished
                  : f.status == "future" ? PostStatus::kScheduled
                                         : PostStatus::kDraft;
    if (!f.post_password.empty()) {
      post.status = PostStatus::kDraft;
      sink_.OnSkipped(where, type + " " + f.post_id + " \"" + f.title +
                                 "\" is password-protected: imported as a draft");
    }
    post.original_id = f.post_id;
    post.title = html_titles_ ? TitleText(f.title) : std::move(f.title);
    post.content_html =
        own_export_ ? std::string(f.content)
                    : WordPressParagraphs(ExpandWordPressMarkup(f.content, media_, f.post_id));
    post.labels = std::move(f.labels);
    post.author = AuthorName(f.creator);
    const std::string what = "item " + f.post_id + ": ";
    SAMIZDAT_RETURN_IF_ERROR(
        PickDate(where, what + "wp:post_date", f.post_date_gmt, f.post_date, post.published));
    SAMIZDAT_RETURN_IF_ERROR(PickDate(where, what + "wp:post_modified", f.post_modified_gmt,
                                      f.post_modified, post.updated));
    post.slug = std::move(f.post_name);
    post.feed_id = std::move(f.guid);
    post.comments_mode = f.comment_status == "closed" ? CommentsMode::kClosed : CommentsMode::kOpen;
    if (post.status != PostStatus::kDraft) Addresses(f, post);
    for (WxrTerm& term : f.terms) SAMIZDAT_RETURN_IF_ERROR(addresses_.AddItemTerm(std::move(term)));
    SAMIZDAT_RETURN_IF_ERROR(ApplyPostExtension(stream_, f.samizdat, post));
    SAMIZDAT_RETURN_IF_ERROR(sink_.OnPost(std::move(post)));
    return Comments(f.comments, f.post_id);
  }

  static void PostMeta(const xmlNode* meta, ItemFields& f) {
    std::string key;
    std::string value;
    for (const xmlNode* c : ChildElements(meta)) {
      if (IsWp(c, "meta_key")) key = TrimmedTextOf(c);
      if (IsWp(c, "meta_value")) value = TrimmedTextOf(c);
    }
    if (key == "samizdat_path" && value.starts_with('/')) f.samizdat_path = std::move(value);
    if (key == "_wp_attachment_image_alt") f.image_alt = std::move(value);
  }

  // The permalink and old paths of a published or scheduled item.
  void Addresses(const ItemFields& f, SourcePost& post) const {
    const UrlParts link = SplitUrl(f.link);
    const bool pretty = link.http && link.query.empty();
    if (!f.samizdat_path.empty()) {
      // Written by samizdat's WXR writer (maybe carried through WordPress since): the
      // exact path it had, on the blog's address.
      std::string_view base = blog_.url;
      while (base.ends_with('/')) base.remove_suffix(1);
      post.permalink = std::string(base) + f.samizdat_path;
    } else if (pretty) {
      post.permalink = f.link;
    }
    if (own_export_) return;  // a samizdat blog answered at its paths only
    post.old_paths.push_back(addresses_.base_path() +
                             (post.kind == PostKind::kPage ? "/?page_id=" : "/?p=") + f.post_id);
    if (pretty && link.path.size() > 1 &&
        (addresses_.host().empty() || link.host == addresses_.host()) &&
        link.path != f.samizdat_path) {
      post.old_paths.push_back(link.path);
    }
  }

  // One <category>: a label (and, with a nicename, its term's redirects), unless it is
  // another taxonomy.
  static void Category(const xmlNode* node, const SourceLocation& where, ItemFields& f) {
    const std::string domain = AttributeOf(node, "domain");
    const bool tag = domain == "post_tag" || domain == "tag";  // "tag": WXR 1.0
    if (!domain.empty() && domain != "category" && !tag) return;
    const std::string text = TrimmedTextOf(node);
    std::string name = DecodeEntities(text);
    if (name.empty()) return;
    if (std::string slug = AttributeOf(node, "nicename"); !slug.empty()) {
      f.terms.push_back(
          {where, tag ? WxrTerm::kTag : WxrTerm::kCategory, "", std::move(slug), "", name});
    }
    if (std::find(f.labels.begin(), f.labels.end(), name) == f.labels.end()) {
      f.labels.push_back(std::move(name));
    }
  }

  std::string AuthorName(const std::string& login) const {
    if (auto it = authors_.find(login); it != authors_.end()) return it->second;
    if (auto it = authors_lower_.find(AsciiLower(login)); it != authors_lower_.end()) {
      return it->second;
    }
    return login;
  }

  // `gmt` when it is a date, else `local` read as UTC (WXR does not give the zone).
  // `what`: "item 12: wp:post_date", named in the message for a malformed date.
  Status PickDate(const SourceLocation& where, const std::string& what, const std::string& gmt,
                  const std::string& local, std::optional<Time>& out) const {
    const ParsedDate from_gmt = ParseWpDate(gmt);
    if (from_gmt.malformed) {
      return stream_.ErrorAt(where, what + "_gmt \"" + gmt + "\" is not a date");
    }
    if (from_gmt.time) {
      out = from_gmt.time;
      return Status::Ok();
    }
    const ParsedDate from_local = ParseWpDate(local);
    if (from_local.malformed) {
      return stream_.ErrorAt(where, what + " \"" + local + "\" is not a date");
    }
    out = from_local.time;
    return Status::Ok();
  }

  Status Comments(const std::vector<const xmlNode*>& nodes, const std::string& post_id) {
    std::vector<SourceComment> comments;
    std::unordered_set<std::string> ids;
    for (const xmlNode* node : nodes) {
      SourceComment comment;
      comment.where = stream_.Where(node);
      comment.post_original_id = post_id;
      std::string content, approved, type, date, date_gmt, parent;
      const xmlNode* samizdat = nullptr;  // <samizdat:comment>, in samizdat's own exports
      for (const xmlNode* c : ChildElements(node)) {
        const ElementName name = NameOf(c);
        if (IsSamizdatExtension(c)) samizdat = c;
        if (!wxr_ns::IsWp(name.ns)) continue;
        const std::string_view local = name.local;
        std::string* field = local == "comment_id"           ? &comment.original_id
                             : local == "comment_author"     ? &comment.author_name
                             : local == "comment_author_url" ? &comment.author_url
                             : local == "comment_content"    ? &content
                             : local == "comment_approved"   ? &approved
                             : local == "comment_type"       ? &type
                             : local == "comment_date"       ? &date
                             : local == "comment_date_gmt"   ? &date_gmt
                             : local == "comment_parent"     ? &parent
                                                             : nullptr;
        if (field != nullptr) *field = local == "comment_content" ? TextOf(c) : TrimmedTextOf(c);
      }
      comment.content_html = own_export_ ? std::string(content) : WordPressParagraphs(content);
      if (comment.original_id.empty()) {
        return stream_.ErrorAt(comment.where,
                               "a comment on item " + post_id + " has no wp:comment_id");
      }
      if (!type.empty() && type != "comment" && type != "pingback" && type != "trackback") {
        Skip(comment.where, "comments of type " + type +
                                " (only comments, pingbacks and trackbacks are imported)");
        continue;
      }
      comment.kind = type == "pingback"    ? CommentKind::kPingback
                     : type == "trackback" ? CommentKind::kTrackback
                                           : CommentKind::kComment;
      comment.status = approved == "1"      ? CommentStatus::kPublished
                       : approved == "spam" ? CommentStatus::kSpam
                       : approved == "trash" || approved == "post-trashed"
                           ? CommentStatus::kDeleted
                           : CommentStatus::kPending;
      if (parent != "0") comment.parent_original_id = parent;
      SAMIZDAT_RETURN_IF_ERROR(
          PickDate(comment.where,
                   "item " + post_id + ", comment " + comment.original_id + ": wp:comment_date",
                   date_gmt, date, comment.published));
      SAMIZDAT_RETURN_IF_ERROR(ApplyCommentExtension(stream_, samizdat, comment));
      ids.insert(comment.original_id);
      comments.push_back(std::move(comment));
    }
    for (SourceComment& comment : comments) {
      if (!comment.parent_original_id.empty() && !ids.contains(comment.parent_original_id)) {
        sink_.OnSkipped(comment.where,
                        "comment " + comment.original_id + " replies to comment " +
                            comment.parent_original_id +
                            ", which is not in the file: imported as a top-level comment");
        comment.parent_original_id.clear();
      }
      SAMIZDAT_RETURN_IF_ERROR(sink_.OnComment(std::move(comment)));
    }
    return Status::Ok();
  }

  // Counted per kind; reported once per kind at the end, at the first one's place.
  void Skip(const SourceLocation& where, const std::string& what) {
    auto [it, inserted] = skipped_types_.try_emplace(what);
    if (inserted) it->second.first = where;
    ++it->second.count;
  }

  XmlStream& stream_;
  ImportSink& sink_;
  WxrMedia own_media_;  // when the caller keeps none
  WxrMedia& media_;     // the attachments known: the caller's or own_media_
  SourceLocation root_;
  bool has_wp_ = false;
  bool blog_sent_ = false;
  bool own_export_ = false;   // written by samizdat (<generator>samizdat</generator>)
  bool html_titles_ = false;  // written by WordPress 5.7 or later
  SourceBlog blog_;
  std::unordered_map<std::string, std::string> authors_;        // login -> display name
  std::unordered_map<std::string, std::string> authors_lower_;  // lower-case login -> name
  std::map<std::string, SkipCount> skipped_types_;              // what -> count, first place
  WxrOldAddresses addresses_;  // the redirects of the old addresses that are no post's own
};

}  // namespace

Status ReadWxr(const std::string& path, ImportSink& sink, WxrMedia* media) {
  Result<std::unique_ptr<XmlStream>> stream = XmlStream::Open(path);
  if (!stream.ok()) return stream.status();
  return WxrReader(**stream, sink, media).Read();
}

}  // namespace samizdat::transfer
