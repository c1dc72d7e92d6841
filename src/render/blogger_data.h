// The data a Blogger theme reads (data:blog, data:view, data:posts and post.*,
// data:messages, data:widgets, and each widget's own data), made from the same view
// models the default theme renders, with Blogger's names and shapes as its
// documentation and the real themes use them. Pure: no I/O; what needs the store
// comes in BloggerPageInput.
//
// Thread safety: thread-compatible; the returned RenderInput owns or shares everything
// it refers to except `input`'s callbacks, which must outlive its rendering.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "blogger/theme.h"
#include "core/model.h"
#include "core/time.h"
#include "render/locale.h"
#include "render/view.h"

namespace samizdat::render {

// A blog's author, for data:post.author's profile and the Profile widget.
struct AuthorView {
  std::string name;
  std::string profile_url;  // "" when the author has no public page
  std::string image_url;    // "" when none
  std::string about;        // plain text
};

// One item of a BlogList widget: the newest post of a followed blog (from its feed).
struct BlogListItem {
  std::string blog_title;
  std::string blog_url;
  std::string item_title;
  std::string item_url;
  std::string snippet;  // plain text
  std::string thumbnail_url;
  Time updated{};
};

// What the widgets need from the store, gathered by the caller.
struct WidgetSources {
  // PopularPosts: the blog's most viewed posts, most viewed first.
  std::vector<PostView> popular_posts;
  // FeaturedPost: the post with this id (its postId setting), nullopt when not
  // published; asked for id 0 when the setting is empty, 0 or useMostRecentPost (then
  // the newest post is featured, as on Blogger; the first home page's first post is
  // used without asking). May be empty: no featured post off the home page.
  std::function<std::optional<PostView>(int64_t post_id)> post_by_id;
  // BlogList: the items for the widget with this id, newest first.
  std::function<std::vector<BlogListItem>(const std::string& widget_id)> blog_list;
  std::vector<AuthorView> authors;  // the blog's authors (Profile)
  // ContactForm: the form token (service/contact.h) for its hidden field `token`; the
  // form posts name, email, email-message and token to /contact-form.
  std::string contact_form_token;
};

struct BloggerPageInput {
  const Blog& blog;
  const TimeZone& zone;
  const Locale& locale;
  const PageView& view;    // as web/site_pages built it for the default theme
  const Sidebar& sidebar;  // archive, labels and pages, for the widgets
  // "https://example.com": Blogger's data: URLs are absolute.
  std::string base_url;
  // The path and query asked for ("/search?q=x"), for data:view.url.
  std::string request_target;
  // The head every theme gets (render/head_content.h), for all-head-content.
  std::string head_html;
  const WidgetSources& sources;
};

// The globals and the widget data callback for rendering `view` with `theme`.
blogger::RenderInput MakeBloggerData(const blogger::Theme& theme, const BloggerPageInput& input);

}  // namespace samizdat::render
