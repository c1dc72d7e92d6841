// Internal: converts a PageView (or a Sidebar) into the Mustache data a theme renders
// (the names are documented in themes/default/README.md).
#pragma once

#include <functional>
#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

#include "render/view.h"

namespace samizdat::render::internal {

// Appends the HTML of one comment to `out`, given the comment's data (its keys and its
// replies' HTML under `replies_html`).
using CommentRenderer =
    std::function<void(const kainjow::mustache::data& comment, std::string* out)>;

// The page's data. When `render_comment` is set, each comment's `replies_html` and the
// page's `comments_html` hold the threads rendered by it, replies first (bottom up), so
// that a theme shows threads of any depth without a recursive template; when it is
// empty, both are "".
kainjow::mustache::data PageData(const PageView& view, const CommentRenderer& render_comment);

// What sidebar.mustache sees when rendered alone: the sidebar's keys and search_query.
kainjow::mustache::data SidebarData(const Sidebar& sidebar, std::string_view search_query);

}  // namespace samizdat::render::internal
