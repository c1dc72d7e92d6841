// MakeWxrExportWriter: a blog as WordPress eXtended RSS 1.2, one item per post or page
// with its comments nested in it.
//
// Ids are samizdat's own (wp:post_id, wp:comment_id: 64-bit numbers, which WXR takes),
// and the channel's generator is "samizdat", so that an import keeps them. The post's
// path goes in <link> and again in the samizdat_path postmeta, so that an import keeps
// the exact path even where WordPress's rules would build another. A post's <guid> is
// the entry id its feeds give (the one it kept from the blog it came from, else
// Blogger's tag: id). What WXR has no place for goes in samizdat's extension namespace
// (samizdat_extension.h): the blog's id, time zone and settings, its redirects, each
// post's feed id, hidden comments switch and exact times (wp:post_date has no
// milliseconds), each comment's kind, status and exact time.
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "core/time.h"
#include "text/xml_writer.h"
#include "transfer/samizdat_extension.h"
#include "transfer/writers.h"

namespace samizdat::transfer {
namespace {

constexpr std::string_view kDateTime = "yyyy-MM-dd HH:mm:ss";

// WordPress's nicename for a term (sanitize_title): lower case, white space to '-', bytes
// outside ASCII percent-encoded in lower-case hex, other punctuation dropped, runs of '-'
// folded and trimmed.
std::string Nicename(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x80) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == '.' || c == '/') {
      if (!out.empty() && out.back() != '-') out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// The slug in a samizdat path: "/2020/01/hello.html" and "/p/hello.html" give "hello".
std::string_view SlugOfPath(std::string_view path) {
  if (const size_t slash = path.rfind('/'); slash != std::string_view::npos) {
    path.remove_prefix(slash + 1);
  }
  if (path.ends_with(".html")) path.remove_suffix(5);
  return path;
}

std::string_view WxrStatus(PostStatus status) {
  switch (status) {
    case PostStatus::kDraft: return "draft";
    case PostStatus::kScheduled: return "future";
    case PostStatus::kPublished: return "publish";
  }
  return "draft";
}

std::string_view WxrApproved(CommentStatus status) {
  switch (status) {
    case CommentStatus::kPending: return "0";
    case CommentStatus::kPublished: return "1";
    case CommentStatus::kSpam: return "spam";
    case CommentStatus::kDeleted: return "trash";
  }
  return "0";
}

class WxrExportWriter final : public ExportWriter {
 public:
  explicit WxrExportWriter(std::ostream& out) : xml_(out) {}

  void Begin(const Blog& blog, std::string_view base_url) override {
    blog_id_ = std::to_string(blog.id);
    base_url_ = base_url;
    auto zone = TimeZone::Find(blog.time_zone);
    zone_ = zone.ok() ? *zone : TimeZone::Utc();

    xml_.Open("rss", {{"version", "2.0"},
                      {"xmlns:excerpt", "http://wordpress.org/export/1.2/excerpt/"},
                      {"xmlns:content", "http://purl.org/rss/1.0/modules/content/"},
                      {"xmlns:wfw", "http://wellformedweb.org/CommentAPI/"},
                      {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
                      {"xmlns:wp", "http://wordpress.org/export/1.2/"},
                      kSamizdatXmlns});
    xml_.Open("channel");
    xml_.Element("title", blog.title);
    xml_.Element("link", base_url_);
    xml_.Element("description", blog.description);
    xml_.Element("pubDate", RssDate(blog.updated));
    xml_.Element("language", blog.locale);
    xml_.Element("wp:wxr_version", "1.2");
    xml_.Element("wp:base_site_url", base_url_);
    xml_.Element("wp:base_blog_url", base_url_);
    xml_.Element("generator", "samizdat");
    xml_.Newline();
    WriteBlogExtension(xml_, blog);
  }

  void Theme(std::string_view) override {}  // WordPress has no place for a Blogger theme

  void Redirect(std::string_view old_path, std::string_view to) override {
    WriteRedirectExtension(xml_, old_path, to);
  }

  void Post(const samizdat::Post& post) override {
    CloseItem();
    const bool is_page = post.kind == PostKind::kPage;
    xml_.Open("item");
    item_open_ = true;
    xml_.Element("title", post.title);
    xml_.Element("link", post.path.empty() ? "" : base_url_ + post.path);
    xml_.Element("pubDate", RssDate(post.published));
    xml_.Element("dc:creator", post.author);
    xml_.Element("guid",
                 !post.feed_id.empty()
                     ? post.feed_id
                     : "tag:blogger.com,1999:blog-" + blog_id_ + (is_page ? ".page-" : ".post-") +
                           std::to_string(post.id),
                 {{"isPermaLink", "false"}});
    xml_.Element("description", "");
    xml_.CData("content:encoded", post.body_html);
    xml_.CData("excerpt:encoded", "");
    xml_.Element("wp:post_id", std::to_string(post.id));
    xml_.Element("wp:post_date", FormatPattern(post.published, zone_, kDateTime));
    xml_.Element("wp:post_date_gmt", FormatPattern(post.published, TimeZone::Utc(), kDateTime));
    xml_.Element("wp:post_modified", FormatPattern(post.updated, zone_, kDateTime));
    xml_.Element("wp:post_modified_gmt", FormatPattern(post.updated, TimeZone::Utc(), kDateTime));
    xml_.Element("wp:comment_status",
                 post.comments_mode == CommentsMode::kOpen ? "open" : "closed");
    xml_.Element("wp:ping_status", "closed");
    xml_.Element("wp:post_name", SlugOfPath(post.path));
    xml_.Element("wp:status", WxrStatus(post.status));
    xml_.Element("wp:post_parent", "0");
    xml_.Element("wp:menu_order", "0");
    xml_.Element("wp:post_type", is_page ? "page" : "post");
    xml_.Element("wp:post_password", "");
    xml_.Element("wp:is_sticky", "0");
    for (const std::string& label : post.labels) {
      xml_.Element("category", label, {{"domain", "category"}, {"nicename", Nicename(label)}});
    }
    if (!post.path.empty()) {
      xml_.Open("wp:postmeta");
      xml_.Element("wp:meta_key", "samizdat_path");
      xml_.Element("wp:meta_value", post.path);
      xml_.Close();
    }
    WritePostExtension(xml_, post);
  }

  void Comment(const samizdat::Comment& comment, const samizdat::Post&) override {
    xml_.Open("wp:comment");
    xml_.Element("wp:comment_id", std::to_string(comment.id));
    xml_.Element("wp:comment_author", comment.author_name);
    xml_.Element("wp:comment_author_email", "");
    xml_.Element("wp:comment_author_url", comment.author_url);
    xml_.Element("wp:comment_author_IP", "");
    xml_.Element("wp:comment_date", FormatPattern(comment.published, zone_, kDateTime));
    xml_.Element("wp:comment_date_gmt",
                 FormatPattern(comment.published, TimeZone::Utc(), kDateTime));
    xml_.CData("wp:comment_content", comment.body_html);
    xml_.Element("wp:comment_approved", WxrApproved(comment.status));
    xml_.Element("wp:comment_type", CommentKindName(comment.kind));
    xml_.Element("wp:comment_parent", std::to_string(comment.parent_id));
    xml_.Element("wp:comment_user_id", "0");
    WriteCommentExtension(xml_, comment, false);
    xml_.Close();
  }

  void End() override {
    CloseItem();
    xml_.Close();  // channel
    xml_.Close();  // rss
    xml_.Newline();
    std::move(xml_).Finish();
  }

 private:
  // RFC 822, as WordPress writes it: "Sun, 05 Jan 2020 10:00:00 +0000".
  static std::string RssDate(Time t) {
    return FormatPattern(t, TimeZone::Utc(), "EEE, dd MMM yyyy HH:mm:ss '+0000'");
  }

  void CloseItem() {
    if (!item_open_) return;
    xml_.Close();
    xml_.Newline();
    item_open_ = false;
  }

  text::XmlWriter xml_;
  std::string blog_id_;
  std::string base_url_;
  TimeZone zone_ = TimeZone::Utc();
  bool item_open_ = false;
};

}  // namespace

std::unique_ptr<ExportWriter> MakeWxrExportWriter(std::ostream& out) {
  return std::make_unique<WxrExportWriter>(out);
}

}  // namespace samizdat::transfer
