// The page builders of the public site: from a blog, a decoded path and its checked
// query, the view a theme renders (or a redirect, or the 404 view). No HTTP here.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "render/view.h"
#include "service/blog_directory.h"
#include "store/store.h"
#include "web/query.h"

namespace samizdat::web {

struct PageOutcome {
  int status = 200;            // 200, 301 or 404
  std::string redirect;        // Location for 301
  render::PageView view;
};

// Gives the sidebar's HTML with `expanded_year` open (0: the newest year) and the search
// box holding `search_query`.
using SidebarSource = std::function<std::shared_ptr<const std::string>(
    int expanded_year, std::string_view search_query)>;

// Builds the page at `path` (decoded, e.g. "/search/label/A b") of `entry`'s blog.
// Errors are the store's; an unknown path is a 404 outcome, not an error.
Result<PageOutcome> BuildPage(store::Store& store, const service::BlogEntry& entry,
                              std::string_view path, const ListQuery& query,
                              const SidebarSource& sidebar);

}  // namespace samizdat::web
