// CopyStore: a whole store copied into another (samizdat migrate, SQLite <-> PostgreSQL):
// the secrets, the users, and every blog with its settings, posts and pages of every
// status (with their authors' ids and their revisions), labels, comments of every status
// (IP hashes, digests, spam scores and training kept), redirects, uploaded files, spam
// classifier counts, the Blogger theme and the widgets' live data (each post's page views
// by day, the BlogList widgets' items, the contact form's messages). Ids, paths and
// times are kept (revisions get new ids); passwords stay as their hashes.
//
// The target is written in one bulk transaction: everything lands, or nothing. Its
// commit bumps each copied blog's generation and comment_seq (so the caches of servers
// already on the target drop their pages), and with them the blog's updated and
// comments_updated times and its posts' comment stamps; nothing else changes.
//
// The source is only read. Its writers (a server on it) should be stopped first: when a
// blog of the source changes during the copy (its generation or comment_seq moves),
// nothing is written and the copy fails (Unavailable).
#pragma once

#include <cstdint>

#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

struct CopyOptions {
  // Copy into a target that already holds blogs or users: only what it lacks is added.
  // What it has is left as it is and counted as already there: a blog, post, comment or
  // user with the same id, a secret with the same name, a redirect from the same old path
  // of the blog. The classifier counts, theme, BlogList items and contact messages of a
  // blog already there are left as they are; the page views of each post copied are added.
  bool allow_non_empty = false;
};

// How many of one kind of thing were copied, and how many the target already had.
struct CopyCount {
  int64_t copied = 0;
  int64_t already_there = 0;
};

struct CopyReport {
  CopyCount blogs;
  CopyCount posts;  // posts and pages
  CopyCount pages;  // of which pages
  CopyCount comments;
  CopyCount users;
  CopyCount redirects;
  CopyCount secrets;
  int64_t spam_tokens = 0;  // classifier token counts copied
  int64_t revisions = 0;    // revisions of the posts copied
  int64_t media = 0;        // uploaded files offered to the target (the same hash: kept)
  int64_t themes = 0;  // Blogger themes of the blogs copied (a blog already there keeps its own)
  int64_t page_views = 0;       // page views (summed over days) of the posts copied
  int64_t blog_list_items = 0;  // BlogList widgets' items of the blogs copied
  int64_t messages = 0;         // contact messages of the blogs copied
};

// Copies everything `from` holds into `to` (see above). Fills `report` (may be null)
// once the copy committed. Errors, with nothing written:
//  - InvalidArgument when the target holds any blog or user and not allow_non_empty;
//  - Conflict when the target holds a blog of another id with a copied blog's host, a
//    user of another id with a copied user's email, or, for a copied post, its id in
//    another blog or its path on another post;
//  - Unavailable when the source changed during the copy;
//  - the stores' own errors.
Status CopyStore(store::Store& from, store::Store& to, const CopyOptions& options,
                 CopyReport* report);

}  // namespace samizdat::service
