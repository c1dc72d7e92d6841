// View builders: pure functions from the domain types (core/model.h) to the view models
// a theme renders (render/view.h), with the texts of the blog's language (Blog::locale,
// render/locale.h) and the blog's date formats. No I/O; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "render/locale.h"
#include "render/view.h"

namespace samizdat::render {

BlogView MakeBlogView(const Blog& blog);

// One post; date_header is always filled (the item page shows it). Dates use
// blog.date_format, the footer time blog.time_format, both in `zone` and the blog's
// language (a language other than English shows its own order for the formats left
// at their English defaults: "samedi 15 janvier 2022", "16:18"). The share links
// carry the post's absolute URL, `base_url` ("https://example.com") + its path. The
// description is post.body_text cut on a word (its first 400 characters suffice, as the
// item page reads them); the first image's src comes from the body, by gumbo.
PostView MakePostView(const Blog& blog, const TimeZone& zone, const Post& post,
                      std::string_view base_url);

// A list, in the given order: date_header only on the first post of each local day
// (days counted in `zone`). A post with a jump break (text/jump_break.h) shows the part
// before it, with jump_url (its URL + "#more") and jump_text (the post's own text, else
// blog.jump_link_text) set.
std::vector<PostView> MakePostViews(const Blog& blog, const TimeZone& zone,
                                    const std::vector<Post>& posts, std::string_view base_url);

// Search results: as MakePostViews, with each view's snippet_html set from its hit.
std::vector<PostView> MakeSearchPostViews(const Blog& blog, const TimeZone& zone,
                                          const std::vector<SearchHit>& hits,
                                          std::string_view base_url);

// The sidebar: the Blog Archive by year then month with counts, bucketed in `zone`,
// newest first (every year lists its months; the expanded one is shown open);
// labels with counts, sorted by name ignoring ASCII case; the static pages; About (the
// blog description). Month names are in the blog's language, whose tag `lang` holds.
// `expanded_year` is the year shown open (0: the newest).
Sidebar MakeSidebar(const Blog& blog, const TimeZone& zone,
                    const std::vector<Time>& published_times, const std::vector<LabelCount>& labels,
                    std::vector<PageLink> pages, int expanded_year);

// The comment threads of `post` from its published comments (any order; pingbacks and
// trackbacks are left out, see MakeBacklinks): top-level
// comments oldest first, each with its replies oldest first, nested up to
// blog.comment_depth levels; deeper replies are shown at the deepest level, in time
// order, and a reply whose parent is not shown is shown at top level. Times use
// the language's comment format (English: Blogger's "MMMM d, yyyy 'at' h:mm a") in
// `zone`; a comment without a name is the language's "Anonymous"; permalinks are
// post.path + "?showComment=<epoch ms>#c<id>".
std::vector<CommentView> MakeCommentThreads(const Blog& blog, const TimeZone& zone,
                                            const Post& post, const std::vector<Comment>& comments);

// The published pingbacks and trackbacks among `comments` (any order), oldest first:
// the title is the author name as text (WordPress stores a pingback's title as HTML:
// "A &amp; B" reads "A & B", which the theme escapes once), else the URL, else
// "Anonymous"; the excerpt is the body as stored; times as in MakeCommentThreads.
std::vector<BacklinkView> MakeBacklinks(const Blog& blog, const TimeZone& zone,
                                        const std::vector<Comment>& comments);

// The number of comments MakeCommentThreads shows of `comments` (backlinks do not count,
// as Blogger does not count them).
int CountShownComments(const std::vector<Comment>& comments);

// Status lines above filtered lists in `locale`'s words, as escaped HTML (the label /
// query is escaped):
// "Showing posts with label <b>X</b>. <a href="/">Show all posts</a>" (count > 0) or
// "No posts with label <b>X</b>. …" (count 0).
std::string LabelStatusHtml(const Locale& locale, std::string_view label, int count);
// "Showing posts sorted by relevance for query <b>X</b>. …" or
// "No posts matching the query: <b>X</b>. …".
std::string SearchStatusHtml(const Locale& locale, std::string_view query, int count);
// "Showing posts from <b>January 2022</b>. <a href="/">Show all posts</a>".
std::string ArchiveStatusHtml(const Locale& locale, std::string_view period_text);

}  // namespace samizdat::render
