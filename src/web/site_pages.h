// The page builders of the public site: from a blog, a decoded path and its checked
// query, the view a theme renders (or a redirect, or the 404 view). No HTTP here.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "render/view.h"
#include "service/blog_directory.h"
#include "store/store.h"
#include "web/query.h"

namespace samizdat::web {

struct PageOutcome {
  int status = 200;      // 200, 301 or 404
  std::string redirect;  // Location for 301
  render::PageView view;
  // The posts whose comments or comment counts the page shows (cache dependencies).
  std::vector<int64_t> comment_posts;
  bool has_comment_form = false;  // the page holds a form token (it ages)
};

// What an item page's comment form needs beyond the store.
struct CommentFormSource {
  // The form token for a post's form shown now.
  std::function<std::string(int64_t post_id)> token;
  // After a refused or held comment: what the form shows again (name, url, body,
  // parent_id, error or notice). Its post_id, token and open are set by the builder.
  std::optional<render::CommentFormView> refill;
};

// Gives the sidebar's HTML with `expanded_year` open (0: the newest year) and the search
// box holding `search_query`.
using SidebarSource = std::function<std::shared_ptr<const std::string>(
    int expanded_year, std::string_view search_query)>;

// Builds the page at `path` (decoded, e.g. "/search/label/A b") of `entry`'s blog.
// Errors are the store's; an unknown path is a 404 outcome, not an error.
Result<PageOutcome> BuildPage(store::Store& store, const service::BlogEntry& entry,
                              std::string_view path, const ListQuery& query,
                              const SidebarSource& sidebar, const CommentFormSource& form);

}  // namespace samizdat::web
