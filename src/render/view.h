// View models: what a theme template sees. Plain strings, already formatted for the
// blog's zone and language; a theme only places them. Built by render/build.h from the
// domain types, so that templates carry no logic.
#pragma once

#include <string>
#include <vector>

namespace samizdat::render {

struct LabelLink {
  std::string name;
  std::string url;    // "/search/label/Some%20Label"
  int count = 0;      // sidebar only
  bool last = false;  // no comma after the last label
};

struct PostView {
  std::string id;  // decimal post id
  std::string title;
  std::string url;  // "/2022/01/slug.html"
  std::string
      date_header;  // "Saturday, January 15, 2022"; empty when the previous post shares the day
  std::string body_html;     // trusted: sanitized at save time; on list pages, the part
                             // before the jump break when the post has one
  std::string snippet_html;  // search results: escaped text with <mark> around matches
  std::string author;
  std::string time_text;    // "4:18 PM"
  std::string iso_time;     // RFC 3339, for <time datetime>
  std::string iso_updated;  // RFC 3339: the last edit (JSON-LD's dateModified)
  int comment_count = 0;
  std::string comment_count_text;  // "No comments", "1 comment", "2 comments"
  std::vector<LabelLink> labels;
  std::string comments_feed_url;  // "/feeds/ID/comments/default"
  std::string share_email_url;    // share links with the post's absolute URL: mailto:,
                                  // Twitter's intent, Facebook's sharer, Pinterest's pin
  std::string share_twitter_url;
  std::string share_facebook_url;
  std::string share_pinterest_url;
  bool is_page = false;
  // List pages, a post with a jump break: the link to the rest ("Read more »").
  std::string jump_url;   // "/2022/01/slug.html#more"; empty: the body is whole
  std::string jump_text;  // the post's own text, else the blog's
  // For heads and Blogger themes: the body's text cut to about 150 characters, on a
  // word ("" when the body has no text), and the first image's absolute-or-root URL
  // ("" when none).
  std::string description;
  std::string first_image_url;
};

struct ArchiveMonth {
  std::string name;  // "January"
  std::string url;   // "/2022/01/"
  int count = 0;
};

struct ArchiveYear {
  int year = 0;
  std::string url;  // "/2022/"
  int count = 0;
  bool expanded = false;             // the year of the page being shown (or the newest)
  std::vector<ArchiveMonth> months;  // newest first
};

struct PageLink {
  std::string title;
  std::string url;
};

struct Sidebar {
  std::string lang = "en";           // the blog's language (render/locale.h), for its texts
  std::vector<ArchiveYear> archive;  // newest first
  std::vector<LabelLink> labels;     // by name
  std::vector<PageLink> pages;       // static pages
  std::string about;                 // the blog's description, plain text
};

struct Pager {
  std::string newer_url;  // empty: no link
  std::string older_url;
  std::string home_url;  // empty on the first home page
};

// One shown comment, with the replies shown under it.
struct CommentView {
  std::string id;          // decimal comment id; the anchor is "c" + id
  std::string author;      // "Anonymous" when none was given
  std::string author_url;  // http(s) only; empty: the name is not a link
  std::string body_html;   // trusted: sanitized (kComment) at save time
  std::string time_text;   // "July 13, 2015 at 2:39 AM" in the blog's zone
  std::string iso_time;    // RFC 3339, for <time datetime>
  std::string permalink;   // "/2022/01/x.html?showComment=1642263480000#c123"
  std::string reply_url;   // "/2022/01/x.html?reply=123#comment-form"
  std::vector<CommentView> replies;
};

// The links between an item page's comment pages (Blogger's ?commentPage=N), oldest
// comments first. All empty when the comments fit on one page.
struct CommentPagerView {
  std::string oldest_url;  // page 1 ("/2022/01/x.html#comments"); set from page 3 on
  std::string older_url;   // the page before ("?commentPage=N-1"); set from page 2 on
  std::string more_url;    // "Load more...": the page after; empty on the last page
  std::string range_text;  // "201–400 of 450": the comments this page shows
};

// A pingback or trackback: another page that links to the post, listed as Blogger lists
// backlinks ("Links to this post"), apart from the comments.
struct BacklinkView {
  std::string id;            // decimal comment id; the anchor is "c" + id
  std::string title;         // plain text: the linking page's title (the stored author
                             // name, HTML in WordPress, as the text it shows), else its URL
  std::string url;           // http(s) only; empty: the title is not a link
  std::string excerpt_html;  // trusted: sanitized (kComment) at save time
  std::string time_text;     // as CommentView's
  std::string iso_time;
};

// The "Post a Comment" form of an item page, and what a failed or held post left in it.
struct CommentFormView {
  bool open = false;  // the form is shown (comments open on the post)
  std::string action = "/comment";
  std::string post_id;
  std::string parent_id;      // replying to this comment ("" = top level)
  std::string parent_author;  // "Replying to NAME" text
  std::string token;          // the form token (hidden field)
  std::string name;           // refilled after an error
  std::string url;
  std::string body;
  std::string error;   // plain text, shown above the form
  std::string notice;  // plain text: "held for approval"
};

enum class PageKind { kIndex, kItem, kStaticPage, kArchive, kLabel, kSearch, kError };

struct BlogView {
  std::string id;
  std::string title;
  std::string description;
  std::string home_url = "/";
  std::string banner_url;
  std::string banner_alt;
  std::string posts_feed_url = "/feeds/posts/default";
};

struct PageView {
  PageKind kind = PageKind::kIndex;
  std::string lang = "en";  // the blog's language tag (render/locale.h): <html lang>, texts
  // The <head> tags every theme shares (render/head_content.h), trusted HTML.
  std::string head_html;
  BlogView blog;
  std::string title;          // <title>: "Blog" or "Blog: Post title"
  std::string canonical_url;  // path, e.g. "/2022/01/slug.html"
  // The filter line above the posts, escaped HTML made by build.h, e.g.
  // "Showing posts with label <b>Style</b>. <a href=\"/\">Show all posts</a>".
  std::string status_message_html;
  std::vector<PostView> posts;  // one on item and static pages
  Pager pager;
  std::string sidebar_html;    // trusted: from Theme::RenderSidebar
  std::string search_query;    // refills the search box
  std::string label_feed_url;  // label pages: "/feeds/posts/default/-/LABEL" (discovery)
  std::string error_title;     // error pages
  std::string error_message;
  // Item pages of posts and static pages: the comment threads (top level oldest first),
  // the form and the backlinks (oldest first).
  bool show_comments = false;         // false when the post hides its comments
  std::vector<CommentView> comments;  // the threads of the comment page shown
  CommentPagerView comment_pager;
  CommentFormView comment_form;
  std::vector<BacklinkView> backlinks;
};

}  // namespace samizdat::render
