// data:posts and post.*: each post of the page with Blogger's field names, and on item
// pages its comments (data:post.comments, the threads as Blogger writes them in
// data:post.commentHtml) and samizdat's comment form in place of Blogger's iframe
// (data:post.cmtfpIframe).
#include <string>
#include <string_view>

#include "core/time.h"
#include "render/blogger_data_parts.h"
#include "render/blogger_memo.h"
#include "text/escape.h"

namespace samizdat::render::internal {
namespace {

const AuthorView* FindAuthor(const WidgetSources& sources, const std::string& name) {
  for (const AuthorView& author : sources.authors) {
    if (author.name == name) return &author;
  }
  return nullptr;
}

Value PhotoValue(const std::string& url) {
  if (url.empty()) return Value();
  return Value::OfMap(
      Map{{"image", Text(url)}, {"url", Text(url)}, {"width", Num(80)}, {"height", Num(80)}});
}

// data:post.author: the name, answering .name, .profileUrl, .authorPhoto, .aboutMe.
Value AuthorValue(const std::string& name, const AuthorView* author) {
  return Value::String(
      name, Map{{"name", Text(name)},
                {"profileUrl", Text(author != nullptr ? author->profile_url : std::string())},
                {"authorPhoto", PhotoValue(author != nullptr ? author->image_url : std::string())},
                {"aboutMe", Text(author != nullptr ? author->about : std::string())}});
}

// A date as the date header writes it (`header` when the view has it made), answering
// .iso8601.
Value DateValue(const BloggerPageInput& in, const std::string& iso, std::string header) {
  if (header.empty() && !iso.empty()) {
    if (auto t = ParseRfc3339(iso); t.ok()) {
      header = in.locale.FormatDate(*t, in.zone, in.blog.date_format);
    }
  }
  return Value::String(std::move(header), Map{{"iso8601", Text(iso)}});
}

Value LabelsValue(const BloggerPageInput& in, const std::vector<LabelLink>& labels) {
  blogger::List list;
  list.reserve(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    list.push_back(Value::OfMap(Map{{"name", Text(labels[i].name)},
                                    {"url", Text(AbsoluteUrl(in.base_url, labels[i].url))},
                                    {"isLast", Bool(i + 1 == labels.size())}}));
  }
  return Value::OfList(std::move(list));
}

void AppendEscaped(std::string& out, std::string_view s) { text::AppendEscapedHtml(s, out); }

// One comment and its replies, as Blogger's threaded comments write them.
void AppendCommentHtml(std::string& out, const BloggerPageInput& in, const CommentView& c,
                       bool form_open) {
  out += "<li class=\"comment\" id=\"c";
  AppendEscaped(out, c.id);
  out += "\"><div class=\"comment-block\"><div class=\"comment-header\"><cite class=\"user\">";
  if (!c.author_url.empty()) {
    out += "<a href=\"";
    AppendEscaped(out, c.author_url);
    out += "\" rel=\"nofollow ugc\">";
    AppendEscaped(out, c.author);
    out += "</a>";
  } else {
    AppendEscaped(out, c.author);
  }
  out += "</cite><span class=\"datetime secondary-text\"><a rel=\"nofollow\" href=\"";
  AppendEscaped(out, c.permalink);
  out += "\"><time datetime=\"";
  AppendEscaped(out, c.iso_time);
  out += "\">";
  AppendEscaped(out, c.time_text);
  out += "</time></a></span></div><p class=\"comment-content\">";
  out += c.body_html;
  out += "</p>";
  if (form_open && !c.reply_url.empty()) {
    out += "<span class=\"comment-actions secondary-text\"><a class=\"comment-reply\" href=\"";
    AppendEscaped(out, c.reply_url);
    out += "\">";
    AppendEscaped(out, in.locale.Message("reply").empty() ? std::string_view("Reply")
                                                          : in.locale.Message("reply"));
    out += "</a></span>";
  }
  out += "</div>";
  if (!c.replies.empty()) {
    out += "<div class=\"comment-replies\"><div id=\"c";
    AppendEscaped(out, c.id);
    out += "-rt\" class=\"comment-thread inline-thread\"><ol id=\"c";
    AppendEscaped(out, c.id);
    out += "-ra\" class=\"thread-chrome thread-expanded\">";
    for (const CommentView& reply : c.replies) AppendCommentHtml(out, in, reply, form_open);
    out += "</ol></div></div>";
  }
  out += "</li>\n";
}

// data:post.commentHtml: the comment page's threads, with its pager.
std::string CommentHtml(const BloggerPageInput& in) {
  const PageView& view = in.view;
  std::string out;
  if (view.comments.empty()) return out;
  const CommentPagerView& pager = view.comment_pager;
  out += "<div class=\"comment-thread toplevel-thread\"><ol id=\"top-ra\">\n";
  for (const CommentView& c : view.comments) AppendCommentHtml(out, in, c, view.comment_form.open);
  out += "</ol></div>\n";
  if (!pager.more_url.empty()) {
    out += "<div class=\"loadmore\"><a href=\"";
    AppendEscaped(out, pager.more_url);
    out += "\">Load more...</a></div>\n";
  }
  return out;
}

void AppendHidden(std::string& out, std::string_view name, const std::string& value) {
  out += "<input type=\"hidden\" name=\"";
  out += name;
  out += "\" value=\"";
  AppendEscaped(out, value);
  out += "\">\n";
}

// data:post.cmtfpIframe: samizdat's comment form (the fields web/comment_post reads), with
// what a failed or held post left in it, where Blogger puts its comment iframe.
std::string CommentFormHtml(const CommentFormView& form) {
  std::string out;
  if (!form.error.empty()) {
    out += "<p class=\"comment-form-error\" role=\"alert\">";
    AppendEscaped(out, form.error);
    out += "</p>\n";
  }
  if (!form.notice.empty()) {
    out += "<p class=\"comment-form-notice\" role=\"status\">";
    AppendEscaped(out, form.notice);
    out += "</p>\n";
  }
  if (!form.open) return out;
  out += "<form method=\"post\" action=\"";
  AppendEscaped(out, form.action);
  out += "\" class=\"samizdat-comment-form\" id=\"comment-form\">\n";
  AppendHidden(out, "post_id", form.post_id);
  AppendHidden(out, "parent_id", form.parent_id);
  AppendHidden(out, "token", form.token);
  if (!form.parent_id.empty()) {
    out += "<p class=\"comment-form-replying\">Replying to ";
    AppendEscaped(out, form.parent_author);
    out += "</p>\n";
  }
  out +=
      "<p class=\"comment-form-field\"><label for=\"comment-body\">Comment</label>\n"
      "<textarea id=\"comment-body\" name=\"body\" rows=\"6\" maxlength=\"4096\" required>";
  AppendEscaped(out, form.body);
  out +=
      "</textarea></p>\n"
      "<p class=\"comment-form-field\"><label for=\"comment-name\">Name (optional)</label>\n"
      "<input type=\"text\" id=\"comment-name\" name=\"name\" maxlength=\"100\" "
      "autocomplete=\"name\" value=\"";
  AppendEscaped(out, form.name);
  out +=
      "\"></p>\n"
      "<p class=\"comment-form-field\"><label for=\"comment-url\">Website (optional)</label>\n"
      "<input type=\"text\" inputmode=\"url\" id=\"comment-url\" name=\"url\" maxlength=\"2000\" "
      "autocomplete=\"url\" placeholder=\"https://\" value=\"";
  AppendEscaped(out, form.url);
  out +=
      "\"></p>\n"
      "<p class=\"hp\" aria-hidden=\"true\" style=\"display:none\"><label "
      "for=\"comment-email\">Leave this field empty</label>\n"
      "<input type=\"text\" id=\"comment-email\" name=\"email\" value=\"\" tabindex=\"-1\" "
      "autocomplete=\"off\"></p>\n"
      "<p class=\"comment-form-submit\"><button type=\"submit\">Publish</button></p>\n"
      "</form>\n";
  return out;
}

// data:post.comments: every shown comment, threads flattened in reading order.
void AppendComments(blogger::List& list, const BloggerPageInput& in,
                    const std::vector<CommentView>& comments, const Value& parent_id) {
  const Value& empty = EmptyText();
  for (const CommentView& c : comments) {
    const Value id = Text(c.id);
    Map comment;
    comment.Set("id", id);
    comment.Set("author", Text(c.author));
    comment.Set("authorUrl", c.author_url.empty() ? empty : Text(c.author_url));
    comment.Set("body", Value::Html(c.body_html));
    comment.Set("timestamp", Text(c.time_text));
    comment.Set("timestampISO8601", Text(c.iso_time));
    comment.Set("url", Text(AbsoluteUrl(in.base_url, c.permalink)));
    comment.Set("anchorName", Text("c" + c.id));
    comment.Set("inReplyTo", parent_id);
    comment.Set("isDeleted", Bool(false));
    comment.Set("cmtBodyIdPostfix", Text("_cmt-" + c.id));
    comment.Set("adminClass", empty);
    comment.Set("authorClass", empty);
    comment.Set("deleteUrl", empty);
    comment.Set("favicon", empty);
    comment.Set("authorAvatarSrc", empty);
    list.push_back(Value::OfMap(std::move(comment)));
    AppendComments(list, in, c.replies, id);
  }
}

Value BacklinksValue(const BloggerPageInput& in) {
  blogger::List list;
  for (const BacklinkView& b : in.view.backlinks) {
    list.push_back(Value::OfMap(Map{{"id", Text(b.id)},
                                    {"title", Text(b.title)},
                                    {"url", Text(b.url)},
                                    {"author", Text(b.title)},
                                    {"snippet", Value::Html(b.excerpt_html)},
                                    {"timestamp", Text(b.time_text)},
                                    {"deleteUrl", EmptyText()},
                                    {"adminClass", EmptyText()}}));
  }
  return Value::OfList(std::move(list));
}

// The fields only the item page's post has: comments, their pager and the form.
void AddItemFields(Map& post, const BloggerPageInput& in) {
  const PageView& view = in.view;
  const CommentPagerView& pager = view.comment_pager;
  blogger::List comments;
  AppendComments(comments, in, view.comments, EmptyText());
  post.Set("comments", Value::OfList(std::move(comments)));
  post.Set("commentHtml", Value::Html(CommentHtml(in)));
  post.Set("cmtfpIframe", Value::Html(CommentFormHtml(view.comment_form)));
  post.Set("allowComments", Bool(view.show_comments));
  post.Set("allowNewComments", Bool(view.comment_form.open));
  post.Set("commentPagingRequired", Bool(!pager.range_text.empty()));
  post.Set("commentRangeText", Text(pager.range_text));
  post.Set("hasOlderLinks", Bool(!pager.older_url.empty()));
  post.Set("oldestLinkUrl",
           Text(AbsoluteUrl(in.base_url,
                            pager.oldest_url.empty() ? pager.older_url : pager.oldest_url)));
  post.Set("olderLinkUrl", Text(AbsoluteUrl(in.base_url, pager.older_url)));
  post.Set("hasNewerLinks", Bool(!pager.more_url.empty()));
  post.Set("newerLinkUrl", Text(AbsoluteUrl(in.base_url, pager.more_url)));
  post.Set("newestLinkUrl", Text(AbsoluteUrl(in.base_url, pager.more_url)));
  post.Set("showBacklinks", Bool(!view.backlinks.empty()));
  post.Set("numBacklinks", Num(static_cast<double>(view.backlinks.size())));
  post.Set("backlinks", BacklinksValue(in));
}

}  // namespace

namespace {

// Values every post shares, made once.
struct PostConstants {
  Value empty_json_list = Value::Html("[]");
  Value empty_json_object = Value::Html("{}");
  Value feed_name = Text("Post Comments");
  Value atom = Text("Atom");
  Value atom_type = Text("application/atom+xml");
};

const PostConstants& Constants() {
  static const PostConstants constants;
  return constants;
}

Map PostFields(const BloggerPageInput& in, const PostView& p, size_t index) {
  const PostConstants& k = Constants();
  const std::string absolute = AbsoluteUrl(in.base_url, p.url);
  const std::string image = AbsoluteUrl(in.base_url, p.first_image_url);
  const AuthorView* author = FindAuthor(in.sources, p.author);
  const Value url = Text(absolute);
  const Value date = DateValue(in, p.iso_time, p.date_header);
  // The same value when never edited, so that a theme's lastUpdated != date is false.
  const Value updated = p.iso_updated.empty() || p.iso_updated == p.iso_time
                            ? date
                            : DateValue(in, p.iso_updated, std::string());
  const Value comment_count = Num(p.comment_count);
  const Value image_url = Text(image);
  const Value snippet = Text(p.description);
  const Value form_url = Text(absolute + "#comment-form");
  const Value profile_url = author != nullptr ? Text(author->profile_url) : EmptyText();
  const Value& empty = EmptyText();
  // Set, not an initializer list: each name is made once and moved in.
  Map post;
  post.Set("id", Text(p.id));
  post.Set("title", Text(p.title));
  post.Set("body", Value::Html(p.body_html));
  post.Set("snippet", snippet);
  post.Set("snippets", Value::OfMap(Map{{"short", snippet}, {"long", snippet}}));
  post.Set("url", url);
  post.Set("href", url);
  post.Set("canonicalUrl", url);
  post.Set("shareUrl", url);
  post.Set("link", empty);
  post.Set("date", date);
  post.Set("lastUpdated", updated);
  post.Set("timestamp", Text(p.time_text));
  post.Set("timestampISO8601", Text(p.iso_time));
  post.Set("dateHeader", Text(p.date_header));
  post.Set("isDateStart", Bool(!p.date_header.empty()));
  post.Set("isFirstPost", Bool(index == 0));
  post.Set("author", AuthorValue(p.author, author));
  post.Set("authorProfileUrl", profile_url);
  post.Set("authorUrl", profile_url);
  post.Set("authorPhoto", PhotoValue(author != nullptr ? author->image_url : std::string()));
  post.Set("authorAboutMe", author != nullptr ? Text(author->about) : empty);
  post.Set("labels", LabelsValue(in, p.labels));
  post.Set("numberOfComments", comment_count);
  post.Set("numComments", comment_count);
  post.Set("commentLabelFull", Text(p.comment_count_text));
  post.Set("commentsUrl", Text(absolute + "#comments"));
  post.Set("addCommentUrl", form_url);
  post.Set("commentFormIframeSrc", form_url);
  post.Set("commentsUrlOnclick", empty);
  post.Set("addCommentOnclick", empty);
  post.Set("allowComments", Bool(true));
  post.Set("allowNewComments", Bool(false));
  post.Set("embedCommentForm", Bool(true));
  post.Set("showThreadedComments", Bool(true));
  post.Set("commentJso", k.empty_json_list);
  post.Set("commentMsgs", k.empty_json_object);
  post.Set("commentConfig", k.empty_json_object);
  post.Set("commentSrc", empty);
  post.Set("appRpcRelayPath", empty);
  post.Set("noNewCommentsText", empty);
  post.Set("hasJumpLink", Bool(!p.jump_url.empty()));
  post.Set("jumpText", Text(p.jump_text));
  post.Set("featuredImage", image.empty() ? empty
                                          : Value::String(image, Map{{"isResizable", Bool(true)},
                                                                     {"isYoutube", Bool(false)}}));
  post.Set("firstImageUrl", image_url);
  post.Set("thumbnailUrl", image_url);
  post.Set("thumbnail", image_url);
  post.Set("includeAd", Bool(false));
  post.Set("adNumber", Num(static_cast<double>(index)));
  post.Set("emailPostUrl", Text(p.share_email_url));
  post.Set("sharePostUrl", empty);
  post.Set("editUrl", empty);
  post.Set("adminClass", empty);
  post.Set(
      "feedLinks",
      Value::OfList({Value::OfMap(Map{{"url", Text(AbsoluteUrl(in.base_url, p.comments_feed_url))},
                                      {"name", k.feed_name},
                                      {"feedType", k.atom},
                                      {"mimeType", k.atom_type}})}));
  post.Set("isPage", Bool(p.is_page));
  return post;
}

}  // namespace

void AppendPostKey(std::string& key, const BloggerPageInput& in, const PostView& p) {
  AppendKeyField(key, in.base_url);
  AppendKeyField(key, in.locale.tag());
  AppendKeyField(key, in.zone.name());
  AppendKeyField(key, in.blog.date_format);
  if (const AuthorView* a = FindAuthor(in.sources, p.author)) {
    for (std::string_view field : {a->profile_url, a->image_url, a->about}) {
      AppendKeyField(key, field);
    }
  }
  for (std::string_view field :
       {p.id, p.title, p.url, p.date_header, p.body_html, p.description, p.first_image_url,
        p.time_text, p.iso_time, p.iso_updated, p.author, p.comment_count_text, p.comments_feed_url,
        p.jump_url, p.jump_text, p.share_email_url}) {
    AppendKeyField(key, field);
  }
  AppendKeyField(key, p.comment_count);
  AppendKeyField(key, p.is_page);
  for (const LabelLink& label : p.labels) {
    AppendKeyField(key, label.name);
    AppendKeyField(key, label.url);
  }
  AppendKeyField(key, static_cast<int64_t>(p.labels.size()));
}

Value PostData(const BloggerPageInput& in, const PostView& post, size_t index) {
  return Value::OfMap(PostFields(in, post, index));
}

Value PostsData(const BloggerPageInput& in) {
  const PageView& view = in.view;
  const bool single = view.kind == PageKind::kItem || view.kind == PageKind::kStaticPage;
  blogger::List posts;
  posts.reserve(view.posts.size());
  for (size_t i = 0; i < view.posts.size(); ++i) {
    Map fields = PostFields(in, view.posts[i], i);
    if (single && i == 0) AddItemFields(fields, in);
    posts.push_back(Value::OfMap(std::move(fields)));
  }
  return Value::OfList(std::move(posts));
}

}  // namespace samizdat::render::internal
