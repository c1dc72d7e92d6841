// View builders: pure functions from the domain types (core/model.h) to the view models
// a theme renders (render/view.h), with Blogger's English texts and the blog's date
// formats. No I/O; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "render/view.h"

namespace samizdat::render {

// "No comments", "1 comment", "2 comments" (a negative count reads as none).
std::string CommentCountText(int n);

BlogView MakeBlogView(const Blog& blog);

// One post; date_header is always filled (the item page shows it). Dates use
// blog.date_format, the footer time blog.time_format, both in `zone`.
PostView MakePostView(const Blog& blog, const TimeZone& zone, const Post& post);

// A list, in the given order: date_header only on the first post of each local day
// (days counted in `zone`). A post with a jump break (text/jump_break.h) shows the part
// before it, with jump_url (its URL + "#more") and jump_text (the post's own text, else
// blog.jump_link_text) set.
std::vector<PostView> MakePostViews(const Blog& blog, const TimeZone& zone,
                                    const std::vector<Post>& posts);

// Search results: as MakePostViews, with each view's snippet_html set from its hit.
std::vector<PostView> MakeSearchPostViews(const Blog& blog, const TimeZone& zone,
                                          const std::vector<SearchHit>& hits);

// The sidebar: the Blog Archive by year then month with counts, bucketed in `zone`,
// newest first (every year lists its months; the expanded one is shown open);
// labels with counts, sorted by name ignoring ASCII case; the static pages; About (the
// blog description). `expanded_year` is the year shown open (0: the newest).
Sidebar MakeSidebar(const Blog& blog, const TimeZone& zone,
                    const std::vector<Time>& published_times, const std::vector<LabelCount>& labels,
                    std::vector<PageLink> pages, int expanded_year);

// The comment threads of `post` from its published comments (any order): top-level
// comments oldest first, each with its replies oldest first, nested up to
// blog.comment_depth levels; deeper replies are shown at the deepest level, in time
// order, and a reply whose parent is not shown is shown at top level. Times use
// Blogger's comment format "MMMM d, yyyy 'at' h:mm a" in `zone`; permalinks are
// post.path + "?showComment=<epoch ms>#c<id>".
std::vector<CommentView> MakeCommentThreads(const Blog& blog, const TimeZone& zone,
                                            const Post& post, const std::vector<Comment>& comments);

// Status lines above filtered lists, as escaped HTML (the label / query is escaped):
// "Showing posts with label <b>X</b>. <a href="/">Show all posts</a>" (count > 0) or
// "No posts with label <b>X</b>. …" (count 0).
std::string LabelStatusHtml(std::string_view label, int count);
// "Showing posts sorted by relevance for query <b>X</b>. …" or
// "No posts matching the query: <b>X</b>. …".
std::string SearchStatusHtml(std::string_view query, int count);
// "Showing posts from <b>January 2022</b>. <a href="/">Show all posts</a>".
std::string ArchiveStatusHtml(std::string_view period_text);

}  // namespace samizdat::render
