// DetectFormat and LocateExport: which export a file is, and which files a Google
// Takeout (folder or .zip) hands over for its blog.
//
// A file is told apart by its first elements: an Atom <feed> declaring Takeout's
// namespace (http://schemas.google.com/blogger/2018), or whose first entry has a
// <blogger:type>, is Takeout's; one whose <id> ends in ".archive" or whose first entry
// has a kind category is the classic export; an <rss> declaring WordPress's export
// namespace (http or https, WXR 1.0 to 1.2: transfer/wxr_namespaces.h) is WXR. Only the
// first 64 KiB are read.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "transfer/blogger_ids.h"
#include "transfer/readers.h"
#include "transfer/takeout_zip.h"
#include "transfer/wxr_namespaces.h"
#include "transfer/xml_stream.h"

namespace samizdat::transfer {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kDetectBytes = 64 * 1024;
constexpr std::string_view kBloggerNs = "http://schemas.google.com/blogger/2018";
constexpr std::string_view kKindScheme = "http://schemas.google.com/g/2005#kind";
// Whether `element` declares a namespace whose URI `matches`.
template <typename Matches>
bool Declares(const xmlNode* element, Matches matches) {
  for (const xmlNs* ns = element->nsDef; ns != nullptr; ns = ns->next) {
    if (ns->href != nullptr && matches(std::string_view(reinterpret_cast<const char*>(ns->href)))) {
      return true;
    }
  }
  return false;
}

bool IsBloggerNs(std::string_view uri) { return uri.starts_with(kBloggerNs); }

// What an Atom entry says about the schema; nullopt when nothing.
std::optional<ExportFormat> EntrySchema(const xmlNode* entry) {
  for (const xmlNode* child : ChildElements(entry)) {
    if (Is(child, kBloggerNs, "type")) return ExportFormat::kBloggerTakeout;
    if (Is(child, kAtomNs, "category") && AttributeOf(child, "scheme") == kKindScheme) {
      return ExportFormat::kBloggerClassic;
    }
  }
  return std::nullopt;
}

Result<ExportFormat> NotAnExport(const XmlStream& stream, const SourceLocation& where,
                                 std::string why) {
  return stream.ErrorAt(where, "not an export: " + why);
}

// The feed's own <id>, or "" when it has none before its first entry.
Result<std::string> FeedId(const std::string& path) {
  auto opened = XmlStream::Open(path);
  if (!opened.ok()) return opened.status();
  XmlStream& stream = **opened;
  auto more = stream.Read();
  while (more.ok() && *more) {
    if (stream.depth() == 1 && stream.AtElement()) {
      if (Is(stream.node(), kAtomNs, "entry")) return std::string();
      if (Is(stream.node(), kAtomNs, "id")) {
        auto id = stream.Expand();
        if (!id.ok()) return id.status();
        return TrimmedTextOf(*id);
      }
      more = stream.Next();
    } else {
      more = stream.Read();
    }
  }
  if (!more.ok()) return more.status();
  return std::string();
}

std::vector<fs::path> FeedsUnder(const fs::path& folder) {
  std::vector<fs::path> feeds;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(folder, ec)) {
    const fs::path feed = dir.path() / "feed.atom";
    if (dir.is_directory(ec) && fs::is_regular_file(feed, ec)) feeds.push_back(feed);
  }
  std::sort(feeds.begin(), feeds.end());
  return feeds;
}

// A Takeout blog's Layouts theme: the file beside its feed.atom; "" when there is none.
std::string ThemeBeside(const fs::path& feed) {
  std::error_code ec;
  for (const char* name : {"theme-layouts.xml", "Theme.xml"}) {
    const fs::path theme = feed.parent_path() / name;
    if (fs::is_regular_file(theme, ec)) return theme.string();
  }
  return "";
}

bool SameBlog(const std::string& a, const std::string& b) {
  const auto id_a = BlogIdOf(a);
  const auto id_b = BlogIdOf(b);
  if (id_a && id_b) return *id_a == *id_b;
  return !a.empty() && a == b;
}

// A Takeout folder: `root` is the Takeout folder, its parent, or the Blogger folder.
Result<ExportFiles> LocateTakeout(const fs::path& root, const std::string& shown) {
  std::error_code ec;
  fs::path blogger;
  for (const fs::path& candidate : {root / "Takeout" / "Blogger", root / "Blogger", root}) {
    if (fs::is_directory(candidate / "Blogs", ec)) {
      blogger = candidate;
      break;
    }
  }
  if (blogger.empty()) {
    return Status::InvalidArgument(shown +
                                   ": not an export: no Blogger/Blogs folder here (a Google "
                                   "Takeout of Blogger has Takeout/Blogger/Blogs/NAME/"
                                   "feed.atom)");
  }
  const std::vector<fs::path> blogs = FeedsUnder(blogger / "Blogs");
  if (blogs.empty()) {
    return Status::InvalidArgument(shown + ": not an export: " + (blogger / "Blogs").string() +
                                   " has no NAME/feed.atom");
  }
  if (blogs.size() > 1) {
    std::string names;
    for (const fs::path& b : blogs) {
      names += (names.empty() ? "'" : ", '") + b.parent_path().filename().string() + "'";
    }
    return Status::InvalidArgument(
        shown + ": this Takeout holds " + std::to_string(blogs.size()) + " blogs (" + names +
        "); import one at a time, by its feed.atom (" + blogs.front().string() + ")");
  }
  ExportFiles out;
  auto format = DetectFormat(blogs.front().string());
  if (!format.ok()) return format.status();
  out.format = *format;
  out.files.push_back(blogs.front().string());
  out.theme_file = ThemeBeside(blogs.front());
  auto blog_id = FeedId(blogs.front().string());
  if (!blog_id.ok()) return blog_id.status();
  // The comments feeds of the same blog, whatever their folders are called.
  for (const fs::path& feed : FeedsUnder(blogger / "Comments")) {
    auto id = FeedId(feed.string());
    if (!id.ok()) return id.status();
    if (SameBlog(*id, *blog_id)) out.files.push_back(feed.string());
  }
  return out;
}

}  // namespace

Result<ExportFormat> DetectFormat(const std::string& path) {
  auto opened = XmlStream::Open(path, kDetectBytes);
  if (!opened.ok()) return opened.status();
  XmlStream& stream = **opened;
  const SourceLocation file{path, 0, 0};
  const std::string too_far = "no sign of a Blogger or WordPress export in its first " +
                              std::to_string(kDetectBytes / 1024) + " KiB";

  auto more = stream.Read();
  while (more.ok() && *more && !stream.AtElement()) more = stream.Read();
  if (!more.ok()) return stream.cut_short() ? NotAnExport(stream, file, too_far) : more.status();
  if (!*more) return NotAnExport(stream, file, "the file has no XML element");

  const xmlNode* root = stream.node();
  const SourceLocation root_at = stream.Where();
  if (Is(root, "", "rss")) {
    if (Declares(root, wxr_ns::IsWp)) return ExportFormat::kWxr;
    return NotAnExport(stream, root_at,
                       "an RSS feed, but not a WordPress export (WXR declares "
                       "xmlns:wp=\"http://wordpress.org/export/1.2/\")");
  }
  if (!Is(root, kAtomNs, "feed")) {
    return NotAnExport(stream, root_at,
                       "the document is <" + QualifiedName(root) +
                           ">, neither a Blogger export (an Atom <feed>) nor a WordPress "
                           "export (<rss>)");
  }
  if (Declares(root, IsBloggerNs)) return ExportFormat::kBloggerTakeout;

  more = stream.Read();
  while (more.ok() && *more) {
    if (stream.depth() == 1 && stream.AtElement()) {
      auto element = stream.Expand();
      if (!element.ok()) {
        return stream.cut_short() ? NotAnExport(stream, file, too_far) : element.status();
      }
      if (Is(*element, kAtomNs, "id") && TrimmedTextOf(*element).ends_with(".archive")) {
        return ExportFormat::kBloggerClassic;
      }
      if (Is(*element, kAtomNs, "entry")) {
        if (auto schema = EntrySchema(*element)) return *schema;
        break;  // the first entry decides
      }
      more = stream.Next();
    } else {
      more = stream.Read();
    }
  }
  if (!more.ok() && !stream.cut_short()) return more.status();
  if (!more.ok()) return NotAnExport(stream, file, too_far);
  return NotAnExport(stream, root_at,
                     "an Atom feed, but not a Blogger export (its id does not end in "
                     "\".archive\" and its entries have no kind category or blogger:type)");
}

Result<ExportFiles> LocateExport(const std::string& path, const std::string& scratch_dir) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return Status::NotFound(path + ": no such file or folder");
  }
  if (fs::is_directory(status)) return LocateTakeout(path, path);
  if (LooksLikeZip(path)) {
    SAMIZDAT_RETURN_IF_ERROR(ExtractTakeoutFeeds(path, scratch_dir));
    return LocateTakeout(scratch_dir, path);
  }
  auto format = DetectFormat(path);
  if (!format.ok()) return format.status();
  ExportFiles out{*format, {path}, ""};
  if (*format == ExportFormat::kBloggerTakeout) out.theme_file = ThemeBeside(path);
  return out;
}

}  // namespace samizdat::transfer
