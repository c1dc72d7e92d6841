// Internal: converts a PageView (or a Sidebar) into the Mustache data a theme renders
// (the names are documented in themes/default/README.md).
#pragma once

#include <string_view>

#include <kainjow/mustache.hpp>

#include "render/view.h"

namespace samizdat::render::internal {

// The page's data. The sidebar's keys are built under "sidebar" only when
// view.sidebar_html is empty (the template then renders the sidebar partial itself).
kainjow::mustache::data PageData(const PageView& view);

// What sidebar.mustache sees when rendered alone: the sidebar's keys and search_query.
kainjow::mustache::data SidebarData(const Sidebar& sidebar, std::string_view search_query);

}  // namespace samizdat::render::internal
