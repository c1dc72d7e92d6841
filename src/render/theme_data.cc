// Internal: PageView (or Sidebar) -> kainjow Mustache data, built once per render. Every key a
// template may test is always set (false or empty), so a lookup inside a section never
// falls through to an outer value of the same name.
#include "render/theme_data.h"

#include <span>
#include <string>
#include <string_view>

#include "render/locale.h"

namespace samizdat::render::internal {
namespace {

using kainjow::mustache::data;
using List = kainjow::mustache::list;

// Makes `slot` an empty list with room for `size` items and returns it for filling in
// place. kainjow offers only a const view of a list; the list here is ours and not
// const, so writing through it is sound. The room matters: kainjow's data has no
// noexcept move, so a vector of it that grows deep-copies every item it already holds.
List& NewList(data& slot, size_t size) {
  slot = data(data::type::list);
  List& list = const_cast<List&>(slot.list_value());
  list.reserve(size);
  return list;
}

// Appends an empty object to `list` and returns it for filling in place (no copy of
// what is put in it afterwards, such as a post body).
data& Append(List& list) { return list.emplace_back(data::type::object); }

void Put(data& obj, const char* key, const std::string& value) { obj[key] = data(value); }
// set(), unlike operator[], does not first make an empty object to overwrite; for a
// string it would copy the value twice, for a flag it copies nothing.
void Put(data& obj, const char* key, bool value) { obj.set(key, data(value)); }
void Put(data& obj, const char* key, int value) { obj[key] = data(std::to_string(value)); }

void FillLabels(data& obj, const std::vector<LabelLink>& labels) {
  List& list = NewList(obj["labels"], labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    data& item = Append(list);
    Put(item, "name", labels[i].name);
    Put(item, "url", labels[i].url);
    Put(item, "count", labels[i].count);
    Put(item, "last", i + 1 == labels.size());
  }
  Put(obj, "has_labels", !labels.empty());
}

void FillPost(data& obj, const PostView& post) {
  Put(obj, "id", post.id);
  Put(obj, "title", post.title);
  Put(obj, "has_title", !post.title.empty());
  Put(obj, "url", post.url);
  Put(obj, "date_header", post.date_header);
  Put(obj, "has_date_header", !post.date_header.empty());
  Put(obj, "body_html", post.body_html);
  Put(obj, "snippet_html", post.snippet_html);
  Put(obj, "has_snippet", !post.snippet_html.empty());
  Put(obj, "author", post.author);
  Put(obj, "has_author", !post.author.empty());
  Put(obj, "time_text", post.time_text);
  Put(obj, "iso_time", post.iso_time);
  Put(obj, "comment_count", post.comment_count);
  Put(obj, "comment_count_text", post.comment_count_text);
  FillLabels(obj, post.labels);
  Put(obj, "comments_feed_url", post.comments_feed_url);
  Put(obj, "share_email_url", post.share_email_url);
  Put(obj, "share_twitter_url", post.share_twitter_url);
  Put(obj, "share_facebook_url", post.share_facebook_url);
  Put(obj, "share_pinterest_url", post.share_pinterest_url);
  Put(obj, "is_page", post.is_page);
  Put(obj, "jump_url", post.jump_url);
  Put(obj, "jump_text", post.jump_text);
  Put(obj, "has_jump", !post.jump_url.empty());
}

void FillBlog(data& obj, const BlogView& blog) {
  Put(obj, "id", blog.id);
  Put(obj, "title", blog.title);
  Put(obj, "description", blog.description);
  Put(obj, "has_description", !blog.description.empty());
  Put(obj, "home_url", blog.home_url);
  Put(obj, "banner_url", blog.banner_url);
  Put(obj, "has_banner", !blog.banner_url.empty());
  Put(obj, "banner_alt", blog.banner_alt);
  Put(obj, "posts_feed_url", blog.posts_feed_url);
  Put(obj, "rss_feed_url", blog.posts_feed_url + "?alt=rss");
}

void FillPager(data& obj, const Pager& pager) {
  Put(obj, "newer_url", pager.newer_url);
  Put(obj, "has_newer", !pager.newer_url.empty());
  Put(obj, "older_url", pager.older_url);
  Put(obj, "has_older", !pager.older_url.empty());
  Put(obj, "home_url", pager.home_url);
  Put(obj, "has_home", !pager.home_url.empty());
  Put(obj, "has_links",
      !pager.newer_url.empty() || !pager.older_url.empty() || !pager.home_url.empty());
}

void FillCommentPager(data& obj, const CommentPagerView& pager) {
  Put(obj, "oldest_url", pager.oldest_url);
  Put(obj, "has_oldest", !pager.oldest_url.empty());
  Put(obj, "older_url", pager.older_url);
  Put(obj, "has_older", !pager.older_url.empty());
  Put(obj, "more_url", pager.more_url);
  Put(obj, "has_more", !pager.more_url.empty());
  Put(obj, "range_text", pager.range_text);
  Put(obj, "is_paged", !pager.range_text.empty());
}

void FillSidebar(data& obj, const Sidebar& sidebar) {
  List& archive = NewList(obj["archive"], sidebar.archive.size());
  for (const ArchiveYear& year : sidebar.archive) {
    data& y = Append(archive);
    Put(y, "year", year.year);
    Put(y, "url", year.url);
    Put(y, "count", year.count);
    Put(y, "expanded", year.expanded);
    List& months = NewList(y["months"], year.months.size());
    for (const ArchiveMonth& month : year.months) {
      data& m = Append(months);
      Put(m, "name", month.name);
      Put(m, "url", month.url);
      Put(m, "count", month.count);
    }
    Put(y, "has_months", !year.months.empty());
  }
  Put(obj, "has_archive", !sidebar.archive.empty());
  FillLabels(obj, sidebar.labels);
  List& pages = NewList(obj["pages"], sidebar.pages.size());
  for (const PageLink& page : sidebar.pages) {
    data& p = Append(pages);
    Put(p, "title", page.title);
    Put(p, "url", page.url);
  }
  Put(obj, "has_pages", !sidebar.pages.empty());
  Put(obj, "about", sidebar.about);
  Put(obj, "has_about", !sidebar.about.empty());
}

// One comment and, first, the replies under it: `replies` (the same keys, for themes
// that nest in the template) and `replies_html` (rendered by `render`, if set). The
// comment's own HTML is then appended to `html`.
void FillComment(data& obj, const CommentView& comment, bool form_open, const Locale& locale,
                 const CommentRenderer& render, std::string* html) {
  Put(obj, "id", comment.id);
  Put(obj, "author", comment.author);
  Put(obj, "author_url", comment.author_url);
  Put(obj, "has_author_url", !comment.author_url.empty());
  Put(obj, "body_html", comment.body_html);
  Put(obj, "time_text", comment.time_text);
  Put(obj, "iso_time", comment.iso_time);
  Put(obj, "permalink", comment.permalink);
  Put(obj, "reply_url", comment.reply_url);
  // A Reply link leads to the form, so it shows only while the form does.
  Put(obj, "has_reply_url", form_open && !comment.reply_url.empty());
  Put(obj, "reply_text", std::string(locale.Message("reply")));
  List& replies = NewList(obj["replies"], comment.replies.size());
  std::string replies_html;
  for (const CommentView& reply : comment.replies) {
    FillComment(Append(replies), reply, form_open, locale, render, &replies_html);
  }
  Put(obj, "has_replies", !comment.replies.empty());
  Put(obj, "replies_html", replies_html);
  if (render) render(obj, html);
}

void FillBacklinks(data& obj, const std::vector<BacklinkView>& backlinks) {
  List& list = NewList(obj["backlinks"], backlinks.size());
  for (const BacklinkView& backlink : backlinks) {
    data& item = Append(list);
    Put(item, "id", backlink.id);
    Put(item, "title", backlink.title);
    Put(item, "url", backlink.url);
    Put(item, "has_url", !backlink.url.empty());
    Put(item, "excerpt_html", backlink.excerpt_html);
    Put(item, "time_text", backlink.time_text);
    Put(item, "iso_time", backlink.iso_time);
  }
  Put(obj, "has_backlinks", !backlinks.empty());
}

// The texts the default theme's templates show, as msg.NAME (Blogger's message names).
constexpr std::string_view kPageMessages[] = {
    "postedBy",         "at",           "emailThis",       "shareToTwitter", "shareToFacebook",
    "shareToPinterest", "labelsColon",  "newerPost",       "newerPosts",     "olderPost",
    "olderPosts",       "home",         "subscribeTo",     "postComments",   "postsAtom",
    "oldest",           "older",        "loadMore",        "postAComment",   "cancel",
    "comment",          "nameOptional", "websiteOptional", "leaveEmpty",     "publish",
    "linksToThisPost"};
constexpr std::string_view kSidebarMessages[] = {"searchThisBlog", "search", "pages",
                                                 "blogArchive",    "labels", "about"};

void FillMessages(data& obj, const Locale& locale, std::span<const std::string_view> names) {
  data messages(data::type::object);
  for (std::string_view name : names) {
    messages.set(std::string(name), data(std::string(locale.Message(name))));
  }
  obj.set("msg", std::move(messages));
}

void FillCommentForm(data& obj, const CommentFormView& form, const Locale& locale) {
  Put(obj, "open", form.open);
  Put(obj, "action", form.action);
  Put(obj, "post_id", form.post_id);
  Put(obj, "parent_id", form.parent_id);
  Put(obj, "parent_author", form.parent_author);
  std::string replying(locale.Message("replyingTo"));
  if (const size_t at = replying.find("{0}"); at != std::string::npos) {
    replying.replace(at, 3, form.parent_author);
  }
  Put(obj, "replying_to_text", replying);
  Put(obj, "is_reply", !form.parent_id.empty());
  Put(obj, "token", form.token);
  Put(obj, "name", form.name);
  Put(obj, "url", form.url);
  Put(obj, "body", form.body);
  Put(obj, "error", form.error);
  Put(obj, "has_error", !form.error.empty());
  Put(obj, "notice", form.notice);
  Put(obj, "has_notice", !form.notice.empty());
  Put(obj, "has_message", !form.error.empty() || !form.notice.empty());
}

}  // namespace

data PageData(const PageView& view, const CommentRenderer& render_comment) {
  const Locale& locale = Locale::For(view.lang);
  data page(data::type::object);
  Put(page, "lang", locale.tag());
  Put(page, "dir", std::string(locale.direction()));
  Put(page, "head_html", view.head_html);
  FillMessages(page, locale, kPageMessages);
  const PageKind k = view.kind;
  Put(page, "is_index", k == PageKind::kIndex);
  Put(page, "is_item", k == PageKind::kItem);
  Put(page, "is_static_page", k == PageKind::kStaticPage);
  // A post's own comments feed; a static page's too when it shows its comments.
  Put(page, "has_post_comments_feed",
      k == PageKind::kItem || (k == PageKind::kStaticPage && view.show_comments));
  Put(page, "is_archive", k == PageKind::kArchive);
  Put(page, "is_label", k == PageKind::kLabel);
  Put(page, "is_search", k == PageKind::kSearch);
  Put(page, "is_error", k == PageKind::kError);
  Put(page, "is_list",
      k == PageKind::kIndex || k == PageKind::kArchive || k == PageKind::kLabel ||
          k == PageKind::kSearch);
  Put(page, "is_home", k == PageKind::kIndex && view.pager.home_url.empty());
  // Blogger's data:blog.pageType, as a body class.
  Put(page, "page_class",
      std::string(k == PageKind::kItem         ? "item"
                  : k == PageKind::kStaticPage ? "static_page"
                  : k == PageKind::kArchive    ? "archive"
                  : k == PageKind::kError      ? "error_page"
                                               : "index"));
  FillBlog(page["blog"] = data(data::type::object), view.blog);
  Put(page, "page_title", view.title);
  Put(page, "canonical_url", view.canonical_url);
  Put(page, "has_canonical_url", !view.canonical_url.empty());  // none on error pages
  // The comments' headings rank below the post title: h3 on a post, h2 on a static page.
  Put(page, "comment_heading", std::string(k == PageKind::kStaticPage ? "h3" : "h4"));
  Put(page, "status_message_html", view.status_message_html);
  Put(page, "has_status_message", !view.status_message_html.empty());
  List& posts = NewList(page["posts"], view.posts.size());
  for (const PostView& post : view.posts) FillPost(Append(posts), post);
  Put(page, "has_posts", !view.posts.empty());
  FillPager(page["pager"] = data(data::type::object), view.pager);
  Put(page, "sidebar_html", view.sidebar_html);
  Put(page, "search_query", view.search_query);
  Put(page, "label_feed_url", view.label_feed_url);
  Put(page, "has_label_feed", !view.label_feed_url.empty());
  Put(page, "error_title", view.error_title);
  Put(page, "error_message", view.error_message);
  Put(page, "show_comments", view.show_comments);
  List& comments = NewList(page["comments"], view.comments.size());
  std::string comments_html;
  for (const CommentView& comment : view.comments) {
    FillComment(Append(comments), comment, view.comment_form.open, locale, render_comment,
                &comments_html);
  }
  Put(page, "has_comments", !view.comments.empty());
  Put(page, "comments_html", comments_html);
  FillCommentPager(page["comment_pager"] = data(data::type::object), view.comment_pager);
  FillCommentForm(page["comment_form"] = data(data::type::object), view.comment_form, locale);
  FillBacklinks(page, view.backlinks);
  return page;
}

data SidebarData(const Sidebar& sidebar, std::string_view search_query) {
  data obj(data::type::object);
  FillSidebar(obj, sidebar);
  FillMessages(obj, Locale::For(sidebar.lang), kSidebarMessages);
  Put(obj, "search_query", std::string(search_query));
  return obj;
}

}  // namespace samizdat::render::internal
