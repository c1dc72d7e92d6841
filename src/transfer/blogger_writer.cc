// MakeBloggerExportWriter: a blog as Blogger's classic "Back up content" Atom file
// (blogger.md §4.1), entry by entry, with samizdat's extension namespace
// (samizdat_extension.h) for what the format cannot say.
//
// What Blogger's format cannot say, and where it goes:
// - The blog's settings beyond its name, description and time zone, its id (kept anyway
//   in the feed's id), its redirects: <samizdat:blog> and <samizdat:redirect>.
// - Comment status: the classic export has no field for it. Published comments are
//   written; deleted ones are written as Blogger writes removed comments (the
//   blogger.contentRemoved property, its body replaced by "This comment has been
//   removed.") so that replies keep their place in the thread, their own body in the
//   extension; pending and spam comments are written with samizdat's kHeldCommentKind
//   rather than Blogger's comment kind, so that other readers, which know an entry by
//   its kind, pass over them (Blogger keeps them out of its export) and none publishes
//   them. Each comment's status, kind (pingback, trackback), parent and
//   exact time are in its <samizdat:comment>.
// - Scheduled posts: Blogger's Atom only knows drafts and live posts; it lists scheduled
//   posts among the live ones, dated in the future, and so do we (ReadBloggerAtom reads
//   a live post dated after the read as scheduled).
// - The per-post comments switch (open, closed, hidden) and the feed id a post kept from
//   the blog it came from: in its <samizdat:post>.
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/time.h"
#include "text/utf8.h"
#include "text/xml_writer.h"
#include "transfer/blogger_ids.h"
#include "transfer/samizdat_extension.h"
#include "transfer/writers.h"

namespace samizdat::transfer {
namespace {

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kOpenSearchNs = "http://a9.com/-/spec/opensearchrss/1.0/";
constexpr std::string_view kGeoRssNs = "http://www.georss.org/georss";
constexpr std::string_view kAppNs = "http://purl.org/atom/app#";
constexpr std::string_view kAtomType = "application/atom+xml";
constexpr std::string_view kHtmlType = "text/html";
constexpr std::string_view kRemovedBody = "This comment has been removed.";
// Comment titles: this many code points of the text, then "..." (as Blogger does).
constexpr size_t kCommentTitleChars = 50;

std::string CommentTitle(std::string_view text) {
  size_t end = 0;
  for (size_t chars = 0; end < text.size() && chars < kCommentTitleChars; ++chars) {
    end += text::DecodeUtf8(text, end).length;
  }
  std::string title(text.substr(0, end));
  if (end < text.size()) title += "...";
  return title;
}

class BloggerExportWriter final : public ExportWriter {
 public:
  explicit BloggerExportWriter(std::ostream& out) : xml_(out) {}

  void Begin(const Blog& blog, std::string_view base_url) override {
    blog_id_ = std::to_string(blog.id);
    base_url_ = base_url;
    auto zone = TimeZone::Find(blog.time_zone);
    zone_ = zone.ok() ? *zone : TimeZone::Utc();
    const std::string tag = "tag:blogger.com,1999:blog-" + blog_id_;
    post_tag_prefix_ = tag + ".post-";

    xml_.Open("feed", {{"xmlns", kAtomNs},
                       {"xmlns:openSearch", kOpenSearchNs},
                       {"xmlns:gd", kGDataNs},
                       {"xmlns:thr", kThreadNs},
                       {"xmlns:georss", kGeoRssNs},
                       {"xmlns:app", kAppNs},
                       kSamizdatXmlns});
    xml_.Element("id", tag + ".archive");
    const std::string updated = FormatRfc3339(blog.updated, zone_);
    updated_ = updated;
    title_ = blog.title;
    xml_.Element("updated", updated);
    xml_.Element("title", blog.title, {{"type", "text"}});
    xml_.Empty("link", {{"rel", "alternate"}, {"type", kHtmlType}, {"href", base_url_ + "/"}});
    xml_.Open("author");
    xml_.Element("name", blog.title.empty() ? "Unknown" : blog.title);
    xml_.Close();
    xml_.Element("generator", "samizdat");
    xml_.Newline();
    WriteBlogExtension(xml_, blog);

    const std::string created = FormatRfc3339(blog.created, zone_);
    WriteSetting(tag, "BLOG_NAME", "The name of the blog", blog.title, created, updated);
    WriteSetting(tag, "BLOG_DESCRIPTION", "A description of the blog", blog.description, created,
                 updated);
    WriteSetting(tag, "BLOG_TIME_ZONE", "The time zone of the blog", zone_.name(), created,
                 updated);
  }

  void Redirect(std::string_view old_path, std::string_view to) override {
    WriteRedirectExtension(xml_, old_path, to);
  }

  void Theme(std::string_view xml) override {
    // As Blogger writes it: the template kind, the theme's text as the content.
    xml_.Open("entry");
    xml_.Element("id", "tag:blogger.com,1999:blog-" + blog_id_ + ".layout");
    xml_.Element("updated", updated_);
    WriteKind("template");
    xml_.Element("title", "Template: " + title_, {{"type", "text"}});
    xml_.Element("content", xml, {{"type", "text"}});
    xml_.Close();
    xml_.Newline();
  }

  void Post(const samizdat::Post& post) override {
    shown_comments_.clear();
    const std::string post_id = std::to_string(post.id);
    const bool is_page = post.kind == PostKind::kPage;
    const std::string url = post.path.empty() ? "" : base_url_ + post.path;

    xml_.Open("entry");
    xml_.Element(
        "id", "tag:blogger.com,1999:blog-" + blog_id_ + (is_page ? ".page-" : ".post-") + post_id);
    xml_.Element("published", FormatRfc3339(post.published, zone_));
    xml_.Element("updated", FormatRfc3339(post.updated, zone_));
    if (post.status == PostStatus::kDraft) {
      xml_.Open("app:control");
      xml_.Element("app:draft", "yes");
      xml_.Close();
    }
    WriteKind(is_page ? "page" : "post");
    for (const std::string& label : post.labels) {
      xml_.Empty("category", {{"scheme", kLabelScheme}, {"term", label}});
    }
    xml_.Element("title", post.title, {{"type", "text"}});
    xml_.Element("content", post.body_html, {{"type", "html"}});
    if (!url.empty()) {
      if (!is_page) {
        const std::string count = std::to_string(post.comment_count);
        xml_.Empty("link", {{"rel", "replies"},
                            {"type", kAtomType},
                            {"href", base_url_ + "/feeds/" + post_id + "/comments/default"},
                            {"title", "Post Comments"}});
        xml_.Empty("link",
                   {{"rel", "replies"},
                    {"type", kHtmlType},
                    {"href", url + "#comment-form"},
                    {"title", count + (post.comment_count == 1 ? " Comment" : " Comments")}});
      }
      xml_.Empty("link",
                 {{"rel", "alternate"}, {"type", kHtmlType}, {"href", url}, {"title", post.title}});
    }
    xml_.Open("author");
    xml_.Element("name", post.author);
    xml_.Close();
    if (!is_page) xml_.Element("thr:total", std::to_string(post.comment_count));
    WritePostExtension(xml_, post);
    xml_.Close();
    xml_.Newline();
  }

  void Comment(const samizdat::Comment& comment, const samizdat::Post& post) override {
    const bool removed = comment.status == CommentStatus::kDeleted;
    const bool held =
        comment.status == CommentStatus::kPending || comment.status == CommentStatus::kSpam;
    const std::string post_id = std::to_string(post.id);
    const std::string comment_id = std::to_string(comment.id);
    const std::string url = post.path.empty() ? "" : base_url_ + post.path;
    const std::string published = FormatRfc3339(comment.published, zone_);

    xml_.Open("entry");
    xml_.Element("id", post_tag_prefix_ + comment_id);
    xml_.Element("published", published);
    xml_.Element("updated", published);
    if (held) {
      xml_.Empty("category", {{"scheme", kKindScheme}, {"term", kHeldCommentKind}});
    } else {
      WriteKind("comment");
    }
    xml_.Element("title", removed ? std::string(kRemovedBody) : CommentTitle(comment.body_text),
                 {{"type", "text"}});
    xml_.Element("content", removed ? kRemovedBody : std::string_view(comment.body_html),
                 {{"type", "html"}});
    if (!url.empty()) {
      xml_.Empty(
          "link",
          {{"rel", "alternate"},
           {"type", kHtmlType},
           {"href", url + "?showComment=" + std::to_string(ToEpochMillis(comment.published)) +
                        "#c" + comment_id},
           {"title", ""}});
    }
    // A reply whose parent other readers do not see (held) is top level for them; its
    // <samizdat:comment> names the parent.
    if (comment.parent_id != 0 && shown_comments_.contains(comment.parent_id)) {
      xml_.Empty("link", {{"rel", "related"},
                          {"type", kAtomType},
                          {"href", base_url_ + "/feeds/" + post_id + "/comments/default/" +
                                       std::to_string(comment.parent_id)}});
    }
    xml_.Open("author");
    xml_.Element("name", comment.author_name);
    if (!comment.author_url.empty()) xml_.Element("uri", comment.author_url);
    xml_.Close();
    if (url.empty()) {
      xml_.Empty("thr:in-reply-to", {{"ref", post_tag_prefix_ + post_id},
                                     {"source", base_url_ + "/feeds/posts/default/" + post_id},
                                     {"type", kHtmlType}});
    } else {
      xml_.Empty("thr:in-reply-to", {{"href", url},
                                     {"ref", post_tag_prefix_ + post_id},
                                     {"source", base_url_ + "/feeds/posts/default/" + post_id},
                                     {"type", kHtmlType}});
    }
    if (removed) {
      xml_.Empty("gd:extendedProperty", {{"name", "blogger.contentRemoved"}, {"value", "true"}});
    }
    WriteCommentExtension(xml_, comment, removed);
    xml_.Close();
    xml_.Newline();
    if (!held) shown_comments_.insert(comment.id);
  }

  void End() override {
    xml_.Close();
    xml_.Newline();
    std::move(xml_).Finish();
  }

 private:
  void WriteKind(std::string_view kind) {
    const std::string term = std::string(kKindTermPrefix) + std::string(kind);
    xml_.Empty("category", {{"scheme", kKindScheme}, {"term", term}});
  }

  void WriteSetting(const std::string& tag, std::string_view name, std::string_view title,
                    std::string_view value, const std::string& published,
                    const std::string& updated) {
    xml_.Open("entry");
    xml_.Element("id", tag + ".settings." + std::string(name));
    xml_.Element("published", published);
    xml_.Element("updated", updated);
    WriteKind("settings");
    xml_.Element("title", title, {{"type", "text"}});
    xml_.Element("content", value, {{"type", "text"}});
    xml_.Close();
    xml_.Newline();
  }

  text::XmlWriter xml_;
  std::string blog_id_;
  std::string base_url_;
  std::string post_tag_prefix_;  // tag:blogger.com,1999:blog-B.post-
  std::string updated_;          // the blog's updated time, as written
  std::string title_;
  TimeZone zone_ = TimeZone::Utc();
  // The comments of the current post written so far that other readers see (not held): a
  // reply names its parent in Blogger's way only when the parent is one of them. Cleared at
  // each post, so memory follows one post's thread.
  std::unordered_set<int64_t> shown_comments_;
};

}  // namespace

std::unique_ptr<ExportWriter> MakeBloggerExportWriter(std::ostream& out) {
  return std::make_unique<BloggerExportWriter>(out);
}

}  // namespace samizdat::transfer
