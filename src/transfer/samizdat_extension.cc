// samizdat's extension namespace (samizdat_extension.h): one table of the blog's settings
// for both directions, and the post and comment attributes.
#include "transfer/samizdat_extension.h"

#include <optional>
#include <string>

#include "core/strings.h"
#include "core/time.h"
#include "transfer/xml_stream.h"

namespace samizdat::transfer {
namespace {

// The blog's settings written as text, by name; numbers and the moderation word below.
struct TextSetting {
  std::string_view name;
  std::string Blog::*field;
};
constexpr TextSetting kTextSettings[] = {
    {"title", &Blog::title},
    {"description", &Blog::description},
    {"banner_url", &Blog::banner_url},
    {"banner_alt", &Blog::banner_alt},
    {"time_zone", &Blog::time_zone},
    {"locale", &Blog::locale},
    {"date_format", &Blog::date_format},
    {"time_format", &Blog::time_format},
    {"jump_link_text", &Blog::jump_link_text},
    {"imported_from", &Blog::imported_from},
};
struct NumberSetting {
  std::string_view name;
  int Blog::*field;
};
constexpr NumberSetting kNumberSettings[] = {
    {"posts_per_page", &Blog::posts_per_page},
    {"moderation_days", &Blog::moderation_days},
    {"comment_depth", &Blog::comment_depth},
};

std::string Prefixed(std::string_view local) { return "samizdat:" + std::string(local); }

// The attribute's value, or nullopt when the element does not have it.
std::optional<std::string> OptionalAttribute(const xmlNode* element, const char* name) {
  if (xmlHasNsProp(element, reinterpret_cast<const xmlChar*>(name), nullptr) == nullptr) {
    return std::nullopt;
  }
  return AttributeOf(element, name);
}

Status Invalid(const XmlStream& stream, const xmlNode* element, const std::string& reason) {
  return stream.ErrorAt(stream.Where(element), "<" + QualifiedName(element) + "> " + reason);
}

// An RFC 3339 attribute into `out`; absent leaves it.
Status ReadTime(const XmlStream& stream, const xmlNode* element, const char* name,
                std::optional<Time>& out) {
  const std::optional<std::string> text = OptionalAttribute(element, name);
  if (!text) return Status::Ok();
  auto time = ParseRfc3339(TrimWhite(*text));
  if (!time.ok()) {
    return Invalid(stream, element, std::string(name) + " '" + *text + "' is not a date and time");
  }
  out = *time;
  return Status::Ok();
}

std::optional<ModerationMode> ModerationOf(std::string_view word) {
  for (ModerationMode mode :
       {ModerationMode::kNever, ModerationMode::kAlways, ModerationMode::kOlderPosts}) {
    if (ModerationModeName(mode) == word) return mode;
  }
  return std::nullopt;
}

std::optional<CommentsMode> CommentsModeOf(std::string_view word) {
  for (CommentsMode mode : {CommentsMode::kOpen, CommentsMode::kClosed, CommentsMode::kHidden}) {
    if (CommentsModeName(mode) == word) return mode;
  }
  return std::nullopt;
}

std::optional<CommentStatus> CommentStatusOf(std::string_view word) {
  for (CommentStatus status : {CommentStatus::kPending, CommentStatus::kPublished,
                               CommentStatus::kSpam, CommentStatus::kDeleted}) {
    if (CommentStatusName(status) == word) return status;
  }
  return std::nullopt;
}

std::optional<CommentKind> CommentKindOf(std::string_view word) {
  for (CommentKind kind :
       {CommentKind::kComment, CommentKind::kPingback, CommentKind::kTrackback}) {
    if (CommentKindName(kind) == word) return kind;
  }
  return std::nullopt;
}

// One child of <samizdat:blog> into `blog`.
Status ReadSetting(const XmlStream& stream, const xmlNode* element, Blog& blog) {
  const std::string_view name = NameOf(element).local;
  for (const TextSetting& setting : kTextSettings) {
    if (setting.name == name) {
      blog.*setting.field = TextOf(element);
      return Status::Ok();
    }
  }
  const std::string text = TrimmedTextOf(element);
  for (const NumberSetting& setting : kNumberSettings) {
    if (setting.name != name) continue;
    auto number = ParseInteger<int>(text);
    if (!number) return Invalid(stream, element, "'" + text + "' is not a number");
    blog.*setting.field = *number;
    return Status::Ok();
  }
  if (name == "id") {
    auto id = ParseInteger<int64_t>(text);
    if (!id || *id <= 0) return Invalid(stream, element, "'" + text + "' is not a blog id");
    blog.id = *id;
  } else if (name == "comment_moderation") {
    auto mode = ModerationOf(text);
    if (!mode) return Invalid(stream, element, "'" + text + "' is not never, always or older");
    blog.comment_moderation = *mode;
  } else if (name == "created") {
    auto created = ParseRfc3339(text);
    if (!created.ok()) return Invalid(stream, element, "'" + text + "' is not a date and time");
    blog.created = *created;
  }
  return Status::Ok();
}

}  // namespace

void WriteBlogExtension(text::XmlWriter& xml, const Blog& blog) {
  xml.Open("samizdat:blog");
  xml.Element("samizdat:id", std::to_string(blog.id));
  for (const TextSetting& setting : kTextSettings) {
    xml.Element(Prefixed(setting.name), blog.*setting.field);
  }
  for (const NumberSetting& setting : kNumberSettings) {
    xml.Element(Prefixed(setting.name), std::to_string(blog.*setting.field));
  }
  xml.Element("samizdat:comment_moderation", ModerationModeName(blog.comment_moderation));
  xml.Element("samizdat:created", FormatRfc3339(blog.created, TimeZone::Utc()));
  xml.Close();
  xml.Newline();
}

void WriteRedirectExtension(text::XmlWriter& xml, std::string_view old_path, std::string_view to) {
  xml.Empty("samizdat:redirect", {{"from", old_path}, {"to", to}});
  xml.Newline();
}

void WritePostExtension(text::XmlWriter& xml, const Post& post) {
  const std::string published = FormatRfc3339(post.published, TimeZone::Utc());
  const std::string updated = FormatRfc3339(post.updated, TimeZone::Utc());
  xml.Open("samizdat:post", {{"path", post.path},
                             {"feed-id", post.feed_id},
                             {"comments", CommentsModeName(post.comments_mode)},
                             {"published", published},
                             {"updated", updated}});
  if (post.format != BodyFormat::kHtml || post.source != post.body_html) {
    xml.Element("samizdat:source", post.source,
                {{"format", post.format == BodyFormat::kMarkdown ? "markdown" : "html"}});
  }
  xml.Close();
}

void WriteCommentExtension(text::XmlWriter& xml, const Comment& comment, bool body) {
  const std::string parent = comment.parent_id == 0 ? "" : std::to_string(comment.parent_id);
  const std::string published = FormatRfc3339(comment.published, TimeZone::Utc());
  xml.Open("samizdat:comment", {{"status", CommentStatusName(comment.status)},
                                {"kind", CommentKindName(comment.kind)},
                                {"parent", parent},
                                {"published", published}});
  if (body) xml.Element("samizdat:content", comment.body_html);
  xml.Close();
}

bool IsSamizdatExtension(const xmlNode* element) { return NameOf(element).ns == kSamizdatNs; }

Status ReadBlogExtension(const XmlStream& stream, const xmlNode* element, SourceBlog& blog,
                         ImportSink& sink) {
  const std::string_view local = NameOf(element).local;
  if (local == "blog") {
    Blog settings;
    for (const xmlNode* child : ChildElements(element)) {
      if (IsSamizdatExtension(child))
        SAMIZDAT_RETURN_IF_ERROR(ReadSetting(stream, child, settings));
    }
    // The id is the file's blog id, which an import keeps when it is free.
    if (settings.id != 0) blog.original_id = std::to_string(settings.id);
    blog.settings = std::move(settings);
    return Status::Ok();
  }
  if (local == "redirect") {
    SourceRedirect redirect;
    redirect.where = stream.Where(element);
    redirect.old_path = TrimWhite(AttributeOf(element, "from"));
    redirect.to = TrimWhite(AttributeOf(element, "to"));
    if (!redirect.old_path.starts_with('/')) {
      return Invalid(stream, element, "from '" + redirect.old_path + "' is not a path");
    }
    if (redirect.to.empty()) return Invalid(stream, element, "has no to");
    return sink.OnRedirect(std::move(redirect));
  }
  return Status::Ok();
}

Status ApplyPostExtension(const XmlStream& stream, const xmlNode* element, SourcePost& post) {
  if (element == nullptr) return Status::Ok();
  if (auto path = OptionalAttribute(element, "path"); path && !path->empty()) {
    if (!path->starts_with('/')) {
      return Invalid(stream, element, "path '" + *path + "' is not a path");
    }
    if (post.permalink.empty()) post.permalink = std::move(*path);  // a draft's
  }
  if (auto feed_id = OptionalAttribute(element, "feed-id")) post.feed_id = std::move(*feed_id);
  if (auto comments = OptionalAttribute(element, "comments")) {
    auto mode = CommentsModeOf(*comments);
    if (!mode) {
      return Invalid(stream, element, "comments '" + *comments + "' is not open, closed or hidden");
    }
    post.comments_mode = *mode;
  }
  SAMIZDAT_RETURN_IF_ERROR(ReadTime(stream, element, "published", post.published));
  SAMIZDAT_RETURN_IF_ERROR(ReadTime(stream, element, "updated", post.updated));
  for (const xmlNode* child : ChildElements(element)) {
    if (!IsSamizdatExtension(child) || NameOf(child).local != "source") continue;
    const std::string format = AttributeOf(child, "format");
    if (format != "html" && format != "markdown") {
      return Invalid(stream, child, "format '" + format + "' is not html or markdown");
    }
    post.format = format == "markdown" ? BodyFormat::kMarkdown : BodyFormat::kHtml;
    post.source = TextOf(child);
  }
  return Status::Ok();
}

Status ApplyCommentExtension(const XmlStream& stream, const xmlNode* element,
                             SourceComment& comment) {
  if (element == nullptr) return Status::Ok();
  if (auto status = OptionalAttribute(element, "status")) {
    auto known = CommentStatusOf(*status);
    if (!known) return Invalid(stream, element, "status '" + *status + "' is not a comment status");
    comment.status = *known;
  }
  if (auto kind = OptionalAttribute(element, "kind")) {
    auto known = CommentKindOf(*kind);
    if (!known) return Invalid(stream, element, "kind '" + *kind + "' is not a comment kind");
    comment.kind = *known;
  }
  if (auto parent = OptionalAttribute(element, "parent")) comment.parent_original_id = *parent;
  SAMIZDAT_RETURN_IF_ERROR(ReadTime(stream, element, "published", comment.published));
  for (const xmlNode* child : ChildElements(element)) {
    if (IsSamizdatExtension(child) && NameOf(child).local == "content") {
      comment.content_html = TextOf(child);
    }
  }
  return Status::Ok();
}

}  // namespace samizdat::transfer
