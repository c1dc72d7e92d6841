// Internal: the parts of MakeBloggerData (render/blogger_data.h), split by subject —
// data:blog and data:view (blogger_view_data.cc), data:posts and a post's comments
// (blogger_post_data.cc), data:widgets and each widget's own data
// (blogger_widget_data.cc) — and the small value makers they share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "blogger/theme.h"
#include "blogger/value.h"
#include "render/blogger_data.h"

namespace samizdat::render::internal {

using blogger::Map;
using blogger::Value;

inline Value Text(std::string text) { return Value::String(std::move(text)); }
inline Value Text(std::string_view text) { return Value::String(std::string(text)); }
inline Value Text(const char* text) { return Value::String(std::string(text)); }
// Shared constants, made once: "" and the empty list (a page uses hundreds).
const Value& EmptyText();
const Value& EmptyList();
inline Value Bool(bool b) { return Value::Boolean(b); }
inline Value Num(double n) { return Value::Number(n); }

// `path` made absolute on `base_url` ("/x" -> "https://h/x"); an absolute URL or ""
// stays as it is.
std::string AbsoluteUrl(const std::string& base_url, const std::string& path);

// The page's values several parts read, made once per page.
struct PageParts {
  Value blog;      // data:blog
  Value view;      // data:view
  Value posts;     // data:posts
  Value messages;  // data:messages
};

Value BlogData(const BloggerPageInput& in);
Value ViewData(const BloggerPageInput& in);

// data:posts: the page's posts with Blogger's post.* fields; the item page's post also
// has its comments, comment HTML and the comment form.
Value PostsData(const BloggerPageInput& in);
// One post as a list page or a widget shows it (no comments), for FeaturedPost and
// PopularPosts.
Value PostData(const BloggerPageInput& in, const PostView& post, size_t index);
// Appends to a memo key (render/blogger_memo.h) everything PostData reads: the post's
// fields and the page inputs it uses (base URL, authors, language, zone, date format).
void AppendPostKey(std::string& key, const BloggerPageInput& in, const PostView& post);

// A widget's own data (data:title, data:widget, its settings and its type's fields).
Value WidgetData(const blogger::WidgetInfo& widget, const BloggerPageInput& in,
                 const PageParts& parts);

// The globals and the widget data for `sections` (what MakeBloggerData does with the
// theme's sections); every shown widget's data is made here, none during the render,
// and data:widgets (type -> that type's widgets in page order) holds the same values.
// Hidden widgets (visible='false') have none and are not listed.
blogger::RenderInput MakeBloggerDataFor(const std::vector<blogger::SectionInfo>& sections,
                                        const BloggerPageInput& in);

}  // namespace samizdat::render::internal
