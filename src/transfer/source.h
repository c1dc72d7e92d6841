// What an export file holds, as the readers hand it over: a blog's details, its posts
// and pages, and its comments, each as the file says it, before any decision about ids,
// paths or what to keep (that is the import service's job). One model for every format
// (Blogger's classic export, Google Takeout, WordPress WXR).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/time.h"

namespace samizdat::transfer {

// Where in the file an item starts, for messages ("feed.atom:120:3").
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

struct SourceBlog {
  std::string original_id;  // Blogger's blog id ("4018409750605546395"); "" for WXR
  std::string title;
  std::string description;
  std::string url;        // the blog's address in the file ("https://x.blogspot.com/"), if any
  std::string time_zone;  // IANA, when the file says
  // The program that wrote the file, when it says (Atom <generator>, RSS <generator>):
  // "samizdat" marks ids that are samizdat's own and are kept as they are.
  std::string generator;
  // The blog as samizdat keeps it (id, time zone, settings), in a file samizdat wrote
  // (its extension namespace, transfer/writers.h); other files have none.
  std::optional<Blog> settings;
};

struct SourcePost {
  SourceLocation where;
  PostKind kind = PostKind::kPost;
  // kDraft, kScheduled or kPublished; trashed items are not handed over (Skipped).
  PostStatus status = PostStatus::kPublished;
  std::string original_id;  // Blogger's numeric id, or WXR's wp:post_id
  std::string title;
  std::string content_html;  // as in the file (unsanitized)
  // What the author wrote, when the file says and it is not content_html (samizdat's own
  // exports: a Markdown post's text, HTML the sanitizer changed); nullopt = content_html.
  std::optional<std::string> source;
  BodyFormat format = BodyFormat::kHtml;  // the format of `source`
  std::vector<std::string> labels;        // labels, WXR categories and tags; file order
  std::string author;
  std::optional<Time> published;
  std::optional<Time> updated;
  // The permalink as the file gives it: an absolute URL ("https://x.blogspot.com/2011/02/
  // a.html", "https://example.com/2020/01/05/hello/") or a path ("/2011/02/a.html");
  // "" for a draft that was never published.
  std::string permalink;
  std::string slug;  // WXR's wp:post_name; "" for Blogger
  // Other addresses the post answered at (WXR: "/?p=123", "/?page_id=4"), to redirect.
  std::vector<std::string> old_paths;
  CommentsMode comments_mode = CommentsMode::kOpen;
  // The entry id the old blog's feeds gave the post (WXR's guid; samizdat's own exports
  // write Post::feed_id); "" = the feeds' ids follow from the ids (Blogger).
  std::string feed_id;
};

struct SourceComment {
  SourceLocation where;
  std::string original_id;
  std::string post_original_id;                      // the post it is on
  std::string parent_original_id;                    // the comment it replies to; "" = top level
  CommentStatus status = CommentStatus::kPublished;  // spam and deleted are kept marked
  std::string author_name;
  std::string author_url;
  std::string content_html;  // as in the file (unsanitized)
  std::optional<Time> published;
  CommentKind kind = CommentKind::kComment;  // WXR's wp:comment_type
};

// An old address of the blog that is no post's own (a WordPress category, tag, author
// or attachment page; a redirect samizdat's own export carries) and where it leads: a
// path of the blog ("/search/label/News", "/2020/01/hello.html") or an absolute URL (an
// attachment's file, until the media import brings it home).
struct SourceRedirect {
  SourceLocation where;
  std::string old_path;  // "/category/news/", "/?cat=5", "/?attachment_id=12"
  std::string to;
};

// The blog's Blogger Layouts theme, as the export holds it (a classic export's template
// entry, a Takeout's theme-layouts.xml): the XML text, not checked here.
struct SourceTheme {
  SourceLocation where;
  std::string xml;
  // What the positions in `xml` are named after (its errors' FILE): the theme's own file,
  // or "template.xml" for an entry's text, whose lines are not the export's.
  std::string name;
};

// Receives what a reader finds, in file order. A non-OK Status from the sink stops the
// reader, which returns it.
class ImportSink {
 public:
  virtual ~ImportSink() = default;
  virtual Status OnBlog(const SourceBlog& blog) = 0;
  virtual Status OnPost(SourcePost post) = 0;
  virtual Status OnComment(SourceComment comment) = 0;
  virtual Status OnRedirect(SourceRedirect redirect) = 0;
  virtual Status OnTheme(SourceTheme theme) = 0;
  // Something the file holds that is deliberately not imported (a settings entry we do
  // not map, a trashed post, an unknown element), with why.
  virtual void OnSkipped(const SourceLocation& where, std::string what) = 0;
  // Now and then (after each entry of a Blogger file): how many bytes of `file` have been
  // read, for progress. Ignored unless the sink wants it.
  virtual void OnProgress(const std::string& /*file*/, std::size_t /*bytes_read*/) {}
};

}  // namespace samizdat::transfer
