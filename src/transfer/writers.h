// Export writers: a blog as Blogger's classic "Back up content" Atom file or as WordPress
// WXR 1.2, written as the caller hands over its parts, so that a blog of any size is
// written in bounded memory.
//
//   auto writer = MakeBloggerExportWriter(out);
//   writer->Begin(blog, "https://example.com");
//   for each redirect of the blog: writer->Redirect(old_path, new_path);
//   if the blog wears a Blogger theme: writer->Theme(xml);
//   for each post and page (drafts too): writer->Post(post);
//                                         for each of its comments, oldest first:
//                                         writer->Comment(c, post);
//   writer->End();
//
// Ids are written so that an import gives them back (Blogger: tag:blogger.com,1999:
// blog-B.post-P; WXR: wp:post_id, wp:comment_id and samizdat's own ids in postmeta /
// commentmeta), with the post's path, status, labels and the comments' threads and
// statuses. What a format has no place for (the blog's id, time zone and settings, its
// redirects, feed ids, a Markdown post's text, comment kinds, pending and spam comments,
// exact times) goes in
// samizdat's extension namespace (transfer/samizdat_extension.h), which other readers
// ignore: an import of the file into an empty store gives the same blog back. Media are
// not in the file (they travel with backups). Text is escaped once and characters XML
// forbids are dropped.
// Writers are not thread-safe; use one per output.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>

#include "core/model.h"

namespace samizdat::transfer {

class ExportWriter {
 public:
  virtual ~ExportWriter() = default;
  // `base_url`: "https://example.com", no trailing slash; permalinks are made from it.
  virtual void Begin(const Blog& blog, std::string_view base_url) = 0;
  // A redirect of the blog (`old_path` answers 301 to `to`); after Begin, before Post.
  virtual void Redirect(std::string_view old_path, std::string_view to) = 0;
  // The blog's Blogger theme (its XML); after Begin, before Post. Blogger's file gives it
  // as its template entry; WXR has no place for it and leaves it out.
  virtual void Theme(std::string_view xml) = 0;
  virtual void Post(const samizdat::Post& post) = 0;
  virtual void Comment(const samizdat::Comment& comment, const samizdat::Post& post) = 0;
  virtual void End() = 0;
};

std::unique_ptr<ExportWriter> MakeBloggerExportWriter(std::ostream& out);
std::unique_ptr<ExportWriter> MakeWxrExportWriter(std::ostream& out);

}  // namespace samizdat::transfer
