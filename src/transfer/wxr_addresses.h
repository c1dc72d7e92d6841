// WxrOldAddresses: the redirects a WordPress export gives for the old addresses that are
// no post's own, handed to ImportSink::OnRedirect. Internal to transfer/ (ReadWxr's).
//
// The old addresses, each under the blog's base path and as WordPress writes it
// (trailing slash kept):
// - a category's /category/SLUG/ (a child's /category/PARENT/SLUG/ too) and /?cat=TERM_ID,
//   a tag's /tag/SLUG/ and /?tag=SLUG, from the channel's wp:category, wp:tag and wp:term
//   and from the items' <category nicename=...>, lead to the label's page
//   (/search/label/NAME, as text::LabelUrl writes it);
// - an author's /author/LOGIN/ (and its lower-case form, WordPress's nicename) and
//   /?author=ID (wp:author_id) lead to the home page;
// - an attachment's page (its <link>, when on the blog's host) and /?attachment_id=ID
//   lead to its file (wp:attachment_url, absolute).
// Each old path is handed over once. A file samizdat wrote gives none (its blog answered
// at its own paths only).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "transfer/source.h"

namespace samizdat::transfer {

// "https://example.com/blog/?x=1" -> host "example.com" (lower case), path "/blog/",
// query "x=1"; http false (and the rest "") for a URL that is not http(s). The fragment
// is dropped. Pure.
struct UrlParts {
  std::string host;
  std::string path;
  std::string query;
  bool http = false;
};
UrlParts SplitUrl(std::string_view url);

// A category, tag or author whose old addresses redirect.
struct WxrTerm {
  enum Kind { kCategory, kTag, kAuthor };
  SourceLocation where;
  Kind kind = kCategory;
  std::string id;      // wp:term_id; "" when unknown (an item's <category>)
  std::string slug;    // the nicename, or an author's login
  std::string parent;  // a category's parent's nicename (the channel's terms only); ""
  std::string name;    // the label, HTML entities decoded; "" for an author
};

// Told the blog's address and each term, author and attachment as the reader meets them;
// hands each old path to the sink once, in the order met (the channel's terms when the
// blog is known).
//
// Thread safety: none; one object per read, used by the reading thread.
// Ownership: keeps a reference to `sink`, which must outlive it.
// Errors: a non-OK Status from the sink is returned as is (the reader then stops);
// nothing else fails.
class WxrOldAddresses {
 public:
  explicit WxrOldAddresses(ImportSink& sink) : sink_(sink) {}
  WxrOldAddresses(const WxrOldAddresses&) = delete;
  WxrOldAddresses& operator=(const WxrOldAddresses&) = delete;

  // The blog is known: its address (wp:base_blog_url, else the channel's <link>), and
  // whether samizdat wrote the file (then nothing is handed over). Hands over the terms
  // that waited for it. Called once, after the sink's OnBlog.
  Status SetBlog(std::string_view url, bool own_export);

  // The blog's host ("example.com") and its path below it ("" or "/blog", no trailing
  // slash); "" until SetBlog.
  const std::string& host() const { return host_; }
  const std::string& base_path() const { return base_path_; }

  // A category or tag the channel lists (wp:category, wp:tag, wp:term): a category's
  // parent is remembered for the chains of those below it. Before SetBlog it waits.
  Status AddChannelTerm(WxrTerm term);
  // An item's <category nicename=...> (its parent is not said there). Before SetBlog it
  // waits.
  Status AddItemTerm(WxrTerm term);
  // A wp:author of the channel, by login. Before SetBlog it waits.
  Status AddAuthor(const SourceLocation& where, std::string id, std::string login);
  // An attachment item that is not trashed: its page (`link`) and /?attachment_id=ID lead
  // to `file_url`; nothing without a file_url or with an `id` that is not a number. After
  // SetBlog only.
  Status AddAttachment(const SourceLocation& where, const std::string& id, std::string_view link,
                       const std::string& file_url);

 private:
  Status Add(WxrTerm term);
  std::string CategoryChainPath(const std::string& slug) const;
  Status TermRedirects(const WxrTerm& term);
  Status Redirect(const SourceLocation& where, const std::string& old_path, std::string to);
  Status HandOver(const SourceLocation& where, std::string path, std::string to);

  ImportSink& sink_;
  bool blog_known_ = false;
  bool own_export_ = false;
  std::string host_;
  std::string base_path_;
  std::vector<WxrTerm> waiting_;                                   // until the blog is known
  std::unordered_map<std::string, std::string> category_parents_;  // nicename -> parent's
  std::unordered_set<std::string> handed_over_;                    // old paths
};

}  // namespace samizdat::transfer
