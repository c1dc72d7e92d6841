// data:blog and data:view: the blog and the page being shown, with Blogger's names.
#include <string>
#include <string_view>

#include "render/blogger_data_parts.h"
#include "text/escape.h"
#include "text/html_text.h"

namespace samizdat::render::internal {
namespace {

std::string_view PageType(PageKind kind) {
  switch (kind) {
    case PageKind::kItem: return "item";
    case PageKind::kStaticPage: return "static_page";
    case PageKind::kArchive: return "archive";
    case PageKind::kError: return "error_page";
    // Blogger's label and search pages are index pages with searchLabel/searchQuery set.
    case PageKind::kIndex:
    case PageKind::kLabel:
    case PageKind::kSearch: return "index";
  }
  return "index";
}

std::string_view ViewType(PageKind kind) {
  switch (kind) {
    case PageKind::kItem: return "Item";
    case PageKind::kStaticPage: return "Page";
    case PageKind::kArchive: return "Archive";
    case PageKind::kError: return "Error";
    case PageKind::kLabel:
    case PageKind::kSearch: return "SearchResults";
    case PageKind::kIndex: return "Index";
  }
  return "Index";
}

bool IsSingleItem(PageKind kind) {
  return kind == PageKind::kItem || kind == PageKind::kStaticPage;
}

// The shown post of an item page, else nullptr.
const PostView* ItemPost(const PageView& view) {
  return IsSingleItem(view.kind) && !view.posts.empty() ? &view.posts.front() : nullptr;
}

// What follows "Blog title: " in the page's <title> (the label on label pages, the
// period on archive pages), "" when the title is the blog's own.
std::string TitleTail(const PageView& view) {
  const std::string prefix = view.blog.title + ": ";
  if (view.title.size() > prefix.size() && view.title.starts_with(prefix)) {
    return view.title.substr(prefix.size());
  }
  return "";
}

// The label of a label page.
std::string SearchLabel(const PageView& view) {
  return view.kind == PageKind::kLabel ? TitleTail(view) : std::string();
}

void AppendFeedLink(std::string& out, std::string_view type, const std::string& title,
                    const std::string& href) {
  out += "<link rel=\"alternate\" type=\"";
  out += type;
  out += "\" title=\"";
  text::AppendEscapedHtml(title, out);
  out += "\" href=\"";
  text::AppendEscapedHtml(href, out);
  out += "\" />\n";
}

// The <link rel=alternate> tags Blogger writes in data:blog.feedLinks.
std::string FeedLinksHtml(const BloggerPageInput& in) {
  const std::string feed = AbsoluteUrl(in.base_url, in.view.blog.posts_feed_url);
  std::string out;
  AppendFeedLink(out, "application/atom+xml", in.view.blog.title + " - Atom", feed);
  AppendFeedLink(out, "application/rss+xml", in.view.blog.title + " - RSS", feed + "?alt=rss");
  if (const PostView* post = ItemPost(in.view);
      post != nullptr && in.view.show_comments && !post->comments_feed_url.empty()) {
    AppendFeedLink(out, "application/atom+xml", in.view.blog.title + " - Atom",
                   AbsoluteUrl(in.base_url, post->comments_feed_url));
  }
  return out;
}

Value LocaleValue(const Locale& locale) {
  const std::string& tag = locale.tag();
  const size_t dash = tag.find('-');
  const bool rtl = locale.direction() == "rtl";
  return Value::String(
      tag, Map{{"language", Text(tag.substr(0, dash))},
               {"country", Text(dash == std::string::npos ? std::string() : tag.substr(dash + 1))},
               {"languageAlignment", Text(rtl ? "right" : "left")}});
}

}  // namespace

std::string AbsoluteUrl(const std::string& base_url, const std::string& path) {
  if (path.empty() || path.front() != '/' || path.starts_with("//")) return path;
  return base_url + path;
}

const Value& EmptyText() {
  static const Value empty = Value::String("");
  return empty;
}

const Value& EmptyList() {
  static const Value empty = Value::OfList({});
  return empty;
}

Value BlogData(const BloggerPageInput& in) {
  const PageView& view = in.view;
  const PostView* item = ItemPost(view);
  const std::string home = in.base_url + "/";
  const std::string page_url =
      AbsoluteUrl(in.base_url, in.request_target.empty() ? std::string("/") : in.request_target);
  const std::string canonical =
      view.canonical_url.empty() ? page_url : AbsoluteUrl(in.base_url, view.canonical_url);
  std::string tag_underscored = in.locale.tag();
  for (char& c : tag_underscored) {
    if (c == '-') c = '_';
  }
  const std::string description =
      item != nullptr && !item->description.empty() ? item->description : view.blog.description;
  Map blog{
      {"title", Text(view.blog.title)},
      {"blogId", Text(view.blog.id)},
      {"url", Value::String(page_url, Map{{"canonical", Text(canonical)}})},
      {"homepageUrl", Text(home)},
      {"canonicalUrl", Text(canonical)},
      {"canonicalHomepageUrl", Text(home)},
      {"searchUrl", Text(in.base_url + "/search")},
      {"pageType", Text(PageType(view.kind))},
      {"pageName", Text(item != nullptr ? item->title : TitleTail(view))},
      {"pageTitle", Text(view.title)},
      {"metaDescription", Text(description)},
      {"encoding", Text("UTF-8")},
      {"languageDirection", Text(in.locale.direction())},
      {"locale", LocaleValue(in.locale)},
      {"localeUnderscoreDelimited", Text(tag_underscored)},
      {"feedLinks", Value::Html(FeedLinksHtml(in))},
      {"samizdatHead", Value::Html(in.head_html)},
      {"searchLabel", Text(SearchLabel(view))},
      {"searchQuery", Text(view.kind == PageKind::kSearch ? view.search_query : std::string())},
      {"jumpLinkMessage", Text(in.blog.jump_link_text)},
      {"dateHeader", Text(item != nullptr ? item->date_header : std::string())},
      {"postId", item != nullptr && view.kind == PageKind::kItem ? Text(item->id) : Value()},
      {"pageId", item != nullptr && view.kind == PageKind::kStaticPage ? Text(item->id) : Value()},
      {"postImageUrl",
       Text(item != nullptr ? AbsoluteUrl(in.base_url, item->first_image_url) : std::string())},
      {"httpsEnabled", Bool(in.base_url.starts_with("https:"))},
      {"adultContent", Bool(false)},
      {"isMobile", Bool(false)},
      {"isMobileRequest", Bool(false)},
      {"mobileClass", EmptyText()},
      {"isPrivate", Bool(false)},
      {"isPrivateBlog", Bool(false)},
      {"enabledCommentProfileImages", Bool(false)},
      {"bloggerUrl", EmptyText()},
      {"view", EmptyText()},
  };
  return Value::OfMap(std::move(blog));
}

Value ViewData(const BloggerPageInput& in) {
  const PageView& view = in.view;
  const PageKind k = view.kind;
  const PostView* item = ItemPost(view);
  const bool multiple = k == PageKind::kIndex || k == PageKind::kArchive || k == PageKind::kLabel ||
                        k == PageKind::kSearch;
  const std::string page_url =
      AbsoluteUrl(in.base_url, in.request_target.empty() ? std::string("/") : in.request_target);
  const std::string canonical =
      view.canonical_url.empty() ? page_url : AbsoluteUrl(in.base_url, view.canonical_url);
  std::string title = view.blog.title;
  if (item != nullptr) {
    title = item->title;
  } else if (k == PageKind::kLabel || k == PageKind::kArchive) {
    title = TitleTail(view);
  } else if (k == PageKind::kSearch) {
    title = view.search_query;
  } else if (k == PageKind::kError) {
    title = view.error_title;
  }
  const bool searched = k == PageKind::kLabel || k == PageKind::kSearch;
  Map search{
      {"label", k == PageKind::kLabel ? Text(SearchLabel(view)) : Value()},
      {"query", k == PageKind::kSearch ? Text(view.search_query) : Value()},
      {"resultsMessage", Text(searched ? text::HtmlToText(view.status_message_html) : "")},
      {"resultsMessageHtml", Value::Html(searched ? view.status_message_html : std::string())},
  };
  Map archive{{"rangeMessage", Text(k == PageKind::kArchive && !TitleTail(view).empty()
                                        ? "Showing posts from " + TitleTail(view)
                                        : std::string())}};
  const std::string featured =
      item != nullptr ? AbsoluteUrl(in.base_url, item->first_image_url) : std::string();
  Map data{
      {"isHomepage", Bool(k == PageKind::kIndex && view.pager.home_url.empty())},
      {"isPost", Bool(k == PageKind::kItem)},
      {"isPage", Bool(k == PageKind::kStaticPage)},
      {"isSingleItem", Bool(IsSingleItem(k))},
      {"isMultipleItems", Bool(multiple)},
      {"isSearch", Bool(k == PageKind::kLabel || k == PageKind::kSearch)},
      {"isLabelSearch", Bool(k == PageKind::kLabel)},
      {"isArchive", Bool(k == PageKind::kArchive)},
      {"isError", Bool(k == PageKind::kError)},
      {"isPreview", Bool(false)},
      {"isLayoutMode", Bool(false)},
      {"isMobile", Bool(false)},
      {"title", Text(title)},
      {"description", Text(item != nullptr && !item->description.empty() ? item->description
                                                                         : view.blog.description)},
      {"url", Value::String(page_url, Map{{"canonical", Text(canonical)}})},
      {"type", Text(ViewType(k))},
      {"postId", item != nullptr && k == PageKind::kItem ? Text(item->id) : Value()},
      {"pageId", item != nullptr && k == PageKind::kStaticPage ? Text(item->id) : Value()},
      {"search", Value::OfMap(std::move(search))},
      {"archive", Value::OfMap(std::move(archive))},
      {"featuredImage", Text(featured)},
      {"hostName", Text(in.blog.host)},
  };
  return Value::OfMap(std::move(data));
}

}  // namespace samizdat::render::internal
