// The page's globals (data:blog, data:view, data:posts, data:messages, data:widgets and
// the Blog widget's pager) and every widget's own data, made once per page render.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "render/blogger_data_parts.h"

namespace samizdat::render::internal {

blogger::RenderInput MakeBloggerDataFor(const std::vector<blogger::SectionInfo>& sections,
                                        const BloggerPageInput& in) {
  PageParts parts;
  parts.blog = BlogData(in);
  parts.view = ViewData(in);
  parts.posts = PostsData(in);
  parts.messages = in.locale.Messages();

  using WidgetValues = std::vector<std::pair<std::string, Value>>;
  auto widgets = std::make_shared<WidgetValues>();
  std::vector<std::pair<std::string, blogger::List>> by_type;
  for (const blogger::SectionInfo& section : sections) {
    for (const blogger::WidgetInfo& widget : section.widgets) {
      // A hidden widget is not on the page: no data, and not in data:widgets (where
      // Contempo would take a hidden FeaturedPost's post out of the home page's list).
      if (!widget.visible) continue;
      Value data = WidgetData(widget, in, parts);
      auto it = std::find_if(by_type.begin(), by_type.end(),
                             [&widget](const auto& entry) { return entry.first == widget.type; });
      if (it == by_type.end()) it = by_type.insert(by_type.end(), {widget.type, {}});
      it->second.push_back(data);
      widgets->emplace_back(widget.id, std::move(data));
    }
  }
  Map widgets_by_type;
  for (auto& [type, list] : by_type) widgets_by_type.Set(type, Value::OfList(std::move(list)));

  const Pager& pager = in.view.pager;
  const bool item = in.view.kind == PageKind::kItem;  // one post each way: "Older Post"
  Map globals{
      {"blog", parts.blog},
      {"view", parts.view},
      {"posts", parts.posts},
      {"messages", parts.messages},
      {"widgets", Value::OfMap(std::move(widgets_by_type))},
      {"olderPageUrl", Text(AbsoluteUrl(in.base_url, pager.older_url))},
      {"newerPageUrl", Text(AbsoluteUrl(in.base_url, pager.newer_url))},
      {"homePageUrl", Text(AbsoluteUrl(in.base_url, pager.home_url))},
      {"olderPageTitle", Text(in.locale.Message(item ? "olderPost" : "olderPosts"))},
      {"newerPageTitle", Text(in.locale.Message(item ? "newerPost" : "newerPosts"))},
      {"cmtIframeInitialHeight", Text("0")},
      {"showCmtPopup", Bool(false)},
  };
  blogger::RenderInput out;
  out.globals = Value::OfMap(std::move(globals));
  out.widget_data = [widgets](const blogger::WidgetInfo& widget) {
    for (const auto& [id, data] : *widgets) {
      if (id == widget.id) return data;
    }
    return Value::OfMap(Map{});
  };
  return out;
}

}  // namespace samizdat::render::internal
