// View models: what a theme template sees. Plain strings, already formatted for the
// blog's zone and language; a theme only places them. Built by render/build.h from the
// domain types, so that templates carry no logic.
#pragma once

#include <string>
#include <vector>

namespace samizdat::render {

struct LabelLink {
  std::string name;
  std::string url;       // "/search/label/Some%20Label"
  int count = 0;         // sidebar only
  bool last = false;     // no comma after the last label
};

struct PostView {
  std::string id;                 // decimal post id
  std::string title;
  std::string url;                // "/2022/01/slug.html"
  std::string date_header;        // "Saturday, January 15, 2022"; empty when the previous post shares the day
  std::string body_html;          // trusted: sanitized at save time
  std::string snippet_html;       // search results: escaped text with <mark> around matches
  std::string author;
  std::string time_text;          // "4:18 PM"
  std::string iso_time;           // RFC 3339, for <time datetime>
  int comment_count = 0;
  std::string comment_count_text; // "No comments", "1 comment", "2 comments"
  std::vector<LabelLink> labels;
  std::string comments_feed_url;  // "/feeds/ID/comments/default"
  std::string share_email_url;    // share links, Blogger's targets
  std::string share_twitter_url;
  std::string share_facebook_url;
  std::string share_pinterest_url;
  bool is_page = false;
};

struct ArchiveMonth {
  std::string name;   // "January"
  std::string url;    // "/2022/01/"
  int count = 0;
};

struct ArchiveYear {
  int year = 0;
  std::string url;    // "/2022/"
  int count = 0;
  bool expanded = false;   // the year of the page being shown (or the newest)
  std::vector<ArchiveMonth> months;  // newest first
};

struct PageLink {
  std::string title;
  std::string url;
};

struct Sidebar {
  std::vector<ArchiveYear> archive;  // newest first
  std::vector<LabelLink> labels;     // by name
  std::vector<PageLink> pages;       // static pages
  std::string about;                 // the blog's description, plain text
};

struct Pager {
  std::string newer_url;   // empty: no link
  std::string older_url;
  std::string home_url;    // empty on the first home page
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
  BlogView blog;
  std::string title;               // <title>: "Blog" or "Blog: Post title"
  std::string canonical_url;       // path, e.g. "/2022/01/slug.html"
  // The filter line above the posts, escaped HTML made by build.h, e.g.
  // "Showing posts with label <b>Style</b>. <a href=\"/\">Show all posts</a>".
  std::string status_message_html;
  std::vector<PostView> posts;     // one on item and static pages
  Pager pager;
  std::string sidebar_html;        // trusted: from Theme::RenderSidebar
  std::string search_query;        // refills the search box
  std::string label_feed_url;      // label pages: "/feeds/posts/default/-/LABEL" (discovery)
  std::string error_title;         // error pages
  std::string error_message;
};

}  // namespace samizdat::render
