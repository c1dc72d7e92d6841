// Export readers: each streams one file with libxml2's xmlTextReader (never loading it
// whole, so memory does not grow with the file) and hands what it finds to an
// ImportSink, in file order.
//
// A file that is not what its reader takes (not XML, truncated, not an export, an entry
// missing what it cannot do without, such as a post with no id) is an InvalidArgument
// whose message starts "FILE:LINE:COLUMN: " and says why in plain words; the sink may
// then have received part of the file (the caller discards it: imports are all or
// nothing). What real exports do contain — unknown elements, templates, settings,
// trashed items, comments of posts that are not in the file — is no error.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "transfer/source.h"

namespace samizdat::transfer {

enum class ExportFormat {
  kBloggerClassic,  // "Back up content": Atom with kind categories (blogger.md §4.1)
  kBloggerTakeout,  // feed.atom in the 2018 schema (blogger.md §4.3)
  kWxr,             // WordPress eXtended RSS 1.1 / 1.2
};

// The files of the export at `path`: the file itself; or, for a Google Takeout folder
// (the "Takeout" folder or its parent) or the Takeout .zip as Google hands it over, the
// blog's posts feed (Blogger/Blogs/NAME/feed.atom) followed by the comments feeds of the
// same blog (Blogger/Comments/*/feed.atom whose feed <id> is the blog's: the folder
// names can differ). A .zip's members are extracted into `scratch_dir`, which must exist.
// InvalidArgument when nothing there is an export, or a Takeout holds several blogs
// (the message lists them).
struct ExportFiles {
  ExportFormat format = ExportFormat::kBloggerClassic;
  std::vector<std::string> files;  // read in this order
  // A Takeout's blog theme beside its feed.atom (theme-layouts.xml, else Theme.xml);
  // "" when there is none.
  std::string theme_file;
};
Result<ExportFiles> LocateExport(const std::string& path, const std::string& scratch_dir);

// Reads the start of an XML file (a few KiB) and says which export it is.
// InvalidArgument ("FILE: not an export …") when it is none of them.
Result<ExportFormat> DetectFormat(const std::string& path);

// Blogger's classic export and Takeout's feed.atom (both Atom; told apart inside).
// Lenient where real files need it: an undeclared "app:" prefix (drafts), entities in
// text titles, escaped HTML content, empty blogger:filename.
Status ReadBloggerAtom(const std::string& path, ImportSink& sink);

// An attachment item of a WordPress export (a file uploaded to the site), as a
// [gallery] shortcode shows it.
struct WxrAttachment {
  std::string id;         // wp:post_id
  std::string url;        // wp:attachment_url
  std::string parent_id;  // wp:post_parent: the post it was uploaded to ("0": none)
  int menu_order = 0;     // wp:menu_order: its place among that post's attachments
  std::string caption;    // excerpt:encoded (HTML)
  std::string alt;        // the _wp_attachment_image_alt postmeta
};
// A file's attachments, by wp:post_id.
using WxrMedia = std::map<std::string, WxrAttachment>;

// WordPress WXR: the channel's title and link, items of type post and page (statuses
// publish, future, draft, pending, private; trash is skipped), categories and tags as
// labels, wp:post_name, threaded comments (approved, hold, spam, trash); the shortcodes,
// embeds and page breaks of the posts' content as the HTML WordPress showed
// (transfer/wp_shortcodes.h).
// `media`, when not null, holds the attachments an earlier read of the same file found,
// and gets those this read finds. A [gallery] shows the attachments known when its post
// is read; WordPress writes them anywhere in the file (often after the posts showing
// them), so a caller that keeps the posts reads the file a second time with the media
// of the first (the import does: its first read checks the file).
Status ReadWxr(const std::string& path, ImportSink& sink, WxrMedia* media = nullptr);

}  // namespace samizdat::transfer
