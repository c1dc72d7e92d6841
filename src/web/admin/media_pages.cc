// Admin pages: media — the blog's uploaded images with their addresses and ready
// Markdown and HTML snippets, the upload form, and deleting a file.
#include <algorithm>
#include <cstdio>
#include <string>

#include "core/strings.h"
#include "service/media.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"
#include "web/admin/session_cookie.h"

namespace samizdat::web::admin {
namespace media_pages {

constexpr int kPerPage = 60;

// "512 bytes", "12.3 KB", "4.0 MB".
std::string SizeText(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  char text[32];
  if (bytes < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
  }
  return text;
}

// The file's name without its extension: a first alt text.
std::string Stem(std::string_view filename) {
  return std::string(filename.substr(0, filename.rfind('.')));
}

std::string MediaListUrl(int page) {
  return page > 1 ? "/admin/media?page=" + std::to_string(page) : "/admin/media";
}

http::Response MediaPage(Context& c, int status, std::string_view error) {
  const int page = PageNumber(c.query);
  service::MediaService media(c.services.store);
  // One more than shown tells whether there is a next page.
  auto files = media.List(c.blog, kPerPage + 1, (page - 1) * kPerPage);
  if (!files.ok()) return c.Error("Cannot read the media", files.status());
  const bool more = static_cast<int>(files->size()) > kPerPage;
  if (more) files->pop_back();
  const std::string origin = Origin(c.request);
  boost::json::array rows;
  for (const Media& file : *files) {
    const std::string path = service::MediaPath(file);
    const std::string alt = Stem(file.filename);
    rows.push_back({{"hash", file.hash},
                    {"path", path},
                    {"url", origin + path},
                    {"name", file.filename},
                    {"size", SizeText(file.size)},
                    {"type", file.content_type},
                    {"markdown", "![" + alt + "](" + path + ")"},
                    {"html", "<img src=\"" + path + "\" alt=\"" + alt + "\">"}});
  }
  const bool empty = rows.empty();
  return c.Page(status, "Media", "media",
                {{"error", error.empty() ? boost::json::value() : boost::json::value(error)},
                 {"may_delete", service::AccountService::MayManageBlog(c.who->user, c.blog.id)},
                 {"files", std::move(rows)},
                 {"empty", empty},
                 {"max_mb", service::kMaxMediaBytes / (1024 * 1024)},
                 {"newer", page > 1 ? boost::json::value(MediaListUrl(page - 1)) : nullptr},
                 {"older", more ? boost::json::value(MediaListUrl(page + 1)) : nullptr}});
}

http::Response List(Context& c) { return MediaPage(c, 200, ""); }

http::Response Upload(Context& c) {
  const UploadedFile* file = c.form.File("file");
  if (file == nullptr) return MediaPage(c, 400, "Choose an image to upload.");
  const bool too_big = file->bytes.size() > service::kMaxMediaBytes;
  auto stored = service::MediaService(c.services.store).Upload(c.blog, file->filename, file->bytes);
  if (stored.status().IsInvalidArgument()) {
    return MediaPage(c, too_big ? 413 : 400, file->filename + ": " + stored.status().message());
  }
  if (!stored.ok()) return c.Error("Cannot store the upload", stored.status());
  return c.Redirect("/admin/media",
                    "Uploaded " + stored->filename + ": " + service::MediaPath(*stored));
}

http::Response Delete(Context& c) {
  Status removed = service::MediaService(c.services.store).Remove(c.blog, c.captures.hash);
  if (removed.IsNotFound()) return c.Error(404, "There is no such file.");
  if (!removed.ok()) return c.Error("Cannot delete the file", removed);
  return c.Redirect("/admin/media", "The file is deleted; posts that show it show a broken image.");
}

}  // namespace media_pages

}  // namespace samizdat::web::admin
