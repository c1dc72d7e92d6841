// The page builders of the public site: from a blog, a page's route captures and the
// checked query, the view a theme renders (or the 404 view). No HTTP here.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/server.h"
#include "render/view.h"
#include "service/blog_directory.h"
#include "store/store.h"
#include "web/query.h"

namespace samizdat::web {

struct PageOutcome {
  int status = 200;  // 200 or 404
  render::PageView view;
  // The posts whose comments or comment counts the page shows (cache dependencies).
  std::vector<int64_t> comment_posts;
  bool has_comment_form = false;  // the page holds a form token (it ages)
  // Item pages: the comment page shown (1-based) of how many (render/comment_pages.h).
  int64_t comment_page = 1;
  int64_t comment_pages = 1;
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

// What every page is built from; all must outlive the call.
struct PageInputs {
  store::Store& store;
  const service::BlogEntry& entry;
  const ListQuery& query;
  const SidebarSource& sidebar;
  const CommentFormSource& form;
  // "https://example.com" (BaseUrl): for the share links' and the head's absolute URLs.
  const std::string& base_url;
};

// "http://HOST" for absolute links in feeds and pages: the host the client asked for
// (when it is a plain host name), else the blog's; https when the client spoke HTTPS.
std::string BaseUrl(const http::Request& request, const Blog& blog);

// The builders, one per kind of page. Errors are the store's; a post that is not there
// (or not published) is a 404 outcome, not an error.
// The home page (/, /index.html; older pages with updated-max).
Result<PageOutcome> IndexPage(const PageInputs& in);
// /search: the posts matching the query's q; the home page when there is no q.
Result<PageOutcome> SearchPage(const PageInputs& in);
// /search/label/LABEL: the posts with `label`.
Result<PageOutcome> LabelPage(const PageInputs& in, std::string_view label);
// /YYYY/ (month 0) and /YYYY/MM/: the posts published then, in the blog's time zone.
Result<PageOutcome> ArchivePage(const PageInputs& in, int year, int month);
// /YYYY/MM/SLUG.html (a post, with its comments and form) and /p/SLUG.html (a page):
// the published post of that `kind` at the decoded `path`, with the comment page the
// query's commentPage names (404 past the last), else the one holding the comment its
// showComment or reply names (page 1 when no shown comment matches).
Result<PageOutcome> ItemPage(const PageInputs& in, std::string_view path, PostKind kind);
// The themed 404 page.
PageOutcome NotFoundPage(const PageInputs& in);

}  // namespace samizdat::web
