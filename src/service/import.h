// Import: a blog leaves Blogger (or WordPress) without breaking a link. Reads an export
// (transfer/readers.h) and stores its posts, pages, drafts and comments in one bulk
// transaction: all of it, or nothing.
//
// What is kept: Blogger's numeric ids as the post and comment ids, and Blogger's
// permalink paths as the paths, so URLs and feed entry ids do not change; for WordPress,
// ids derived from the site and WordPress's ids (stable, so a second import finds them),
// paths in Blogger's scheme, and the old addresses (/?p=12, /2020/01/05/slug/) as 301
// redirects. The blog keeps the file's address as Blog::imported_from (a new blog, or an
// existing one that had none), where the media import finds its old uploads. Bodies pass
// the sanitizer. Importing the same file twice changes nothing the second time: posts and
// comments already stored (by id) are left as they are.
//
// A Blogger file (classic or Takeout) is read once, as a pipeline over every core: a
// reader thread, workers making the bodies, and this thread storing them in file order
// into the batch; a broken file found mid-way rolls the batch back. A WordPress file (its
// galleries show attachments written anywhere in it), a Blogger file that describes its
// blog again after its first post, and --dry-run are read twice: once to check and count
// it, then to store it (or, dry, to decide what would be stored).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"
#include "text/sanitize.h"

namespace samizdat::service {

struct ImportProgress {
  int64_t posts_done = 0;  // posts and pages
  int64_t comments_done = 0;
  // From the first read; in a single read, estimated from the share of the file read
  // (they settle as the read goes, and equal the done counts at the end).
  int64_t posts_total = 0;
  int64_t comments_total = 0;
};

struct ImportOptions {
  // The blog to import into: an existing blog's host, or the host of a new blog.
  // Empty: the host of the blog's address in the file, else the only blog there is.
  std::string blog_host;
  bool dry_run = false;
  // Called now and then while storing (never more than ~10 times a second).
  std::function<void(const ImportProgress&)> progress;
};

struct ImportSummary {
  Blog blog;  // the blog imported into (dry run: as it would be)
  bool blog_created = false;
  std::string format;  // "Blogger export", "Blogger Takeout", "WordPress WXR"
  int posts = 0;       // stored (dry run: would be), pages and drafts included
  int pages = 0;
  int drafts = 0;
  int comments = 0;
  int redirects = 0;
  bool theme = false;  // the export's Blogger theme became the blog's (would, in a dry run)
  int posts_already_there = 0;  // same id already stored: left alone
  int comments_already_there = 0;
  // What the file holds that was not imported, in words ("56 settings entries",
  // "comment 123 (line 40): its post is not in the file").
  std::vector<std::string> skipped;
  // What the sanitizer took out of the bodies of the posts and pages stored (summed over
  // them, per kind), how many of them lost something, and the first few of their titles.
  // Comments are not counted: they keep only what the comment policy allows.
  static constexpr std::size_t kRemovalTitles = 5;
  text::SanitizeReport removed;
  int posts_with_removals = 0;
  std::vector<std::string> removal_titles;
};

class ImportService {
 public:
  explicit ImportService(store::Store& store) : store_(store) {}

  // Imports the export at `path` (a file, a Takeout folder or .zip). InvalidArgument
  // with "FILE:LINE:COLUMN: reason" for a broken file; Conflict when a post's path is
  // taken by another post of the blog. On any error nothing is stored.
  Result<ImportSummary> Import(const std::string& path, const ImportOptions& options);

 private:
  store::Store& store_;
};

}  // namespace samizdat::service
