// Admin pages: import and export — uploading an export file (imported in the
// background by ImportJobs, with a progress page that refreshes itself while it runs),
// fetching again the files still on the old blog's hosts (the same kind of job and page)
// and downloading the blog as Blogger's export or WordPress WXR.
#include <sstream>
#include <string>

#include "core/strings.h"
#include "service/export.h"
#include "text/sanitize.h"
#include "web/admin/context.h"
#include "web/admin/import_jobs.h"
#include "web/admin/pages.h"
#include "web/admin/session_cookie.h"

namespace samizdat::web::admin {
namespace transfer_pages {

http::Response TransferPage(Context& c, int status, std::string_view error) {
  return c.Page(status, "Import & export", "transfer",
                {{"error", error.empty() ? boost::json::value() : boost::json::value(error)}});
}

http::Response Show(Context& c) { return TransferPage(c, 200, ""); }

http::Response Import(Context& c) {
  const UploadedFile* file = c.form.File("file");
  if (file == nullptr) return TransferPage(c, 400, "Choose an export file to import.");
  auto job = c.services.imports.Start(c.blog, file->filename, file->bytes);
  if (job.status().code() == Status::Code::kConflict) {
    return TransferPage(c, 409, job.status().message());
  }
  if (!job.ok()) return c.Error("Cannot start the import", job.status());
  return c.Redirect("/admin/import/" + *job);
}

http::Response FetchMedia(Context& c) {
  auto job = c.services.imports.StartFetch(c.blog);
  // Its only error: an import or fetch of the blog is running.
  if (!job.ok()) return TransferPage(c, 409, job.status().message());
  return c.Redirect("/admin/import/" + *job);
}

std::string Of(int64_t done, int64_t total) {
  return WithThousands(done) + " of " + WithThousands(total);
}

boost::json::object SummaryValues(const service::ImportSummary& s) {
  boost::json::array skipped;
  for (const std::string& what : s.skipped) skipped.push_back(boost::json::value(what));
  const bool has_skipped = !skipped.empty();
  boost::json::array removed;
  for (const text::SanitizeReport::Removed& r : s.removed.removed) {
    removed.push_back(boost::json::object{{"what", r.what}, {"count", r.count}});
  }
  boost::json::array removal_titles;
  for (const std::string& title : s.removal_titles)
    removal_titles.push_back(boost::json::value(title));
  const int more_titles = s.posts_with_removals - static_cast<int>(s.removal_titles.size());
  return {{"format", s.format},
          {"blog_created", s.blog_created},
          {"posts", s.posts - s.pages},
          {"pages", s.pages},
          {"drafts", s.drafts},
          {"comments", s.comments},
          {"redirects", s.redirects},
          {"posts_already_there", s.posts_already_there},
          {"comments_already_there", s.comments_already_there},
          {"skipped", std::move(skipped)},
          {"has_skipped", has_skipped},
          {"has_removed", s.posts_with_removals > 0},
          {"posts_with_removals", s.posts_with_removals},
          {"removed", std::move(removed)},
          {"removal_titles", std::move(removal_titles)},
          {"more_removal_titles",
           more_titles > 0 ? boost::json::value(more_titles) : boost::json::value()}};
}

http::Response Progress(Context& c) {
  const std::optional<ImportJob> job = c.services.imports.Get(c.blog.id, c.captures.job);
  if (!job) return c.Error(404, "There is no such import (the server may have restarted since).");
  const service::ImportProgress& p = job->progress;
  const int64_t total = p.posts_total + p.comments_total;
  const int64_t done = p.posts_done + p.comments_done;
  boost::json::object values = {
      {"filename", job->fetch_only ? boost::json::value() : boost::json::value(job->filename)},
      {"running", !job->done},
      {"checking", !job->done && total == 0 && !job->media_progress},
      {"storing", !job->done && total > 0 && !job->media_progress},
      {"fetching", !job->done && job->media_progress.has_value()},
      {"percent", total > 0 ? done * 100 / total : 0},
      {"posts", Of(p.posts_done, p.posts_total)},
      {"comments", Of(p.comments_done, p.comments_total)},
      {"failed", job->done && !job->error.empty()},
      {"error", job->error},
  };
  if (job->media_progress) {
    values["media_files"] = Of(job->media_progress->files_done, job->media_progress->files_total);
  }
  if (!job->media.empty()) values["media"] = job->media;
  // Shown once the whole job is done, the media step included.
  if (job->summary && job->done) values["summary"] = SummaryValues(*job->summary);
  values["fetched"] = job->fetch_only && job->done;
  const std::string title = job->fetch_only ? (job->done ? "Files fetched" : "Fetching files…")
                            : !job->done    ? "Importing…"
                            : job->error.empty() ? "Import done"
                                                 : "Import failed";
  return c.Page(200, title, "import", std::move(values));
}

http::Response Export(Context& c) {
  const std::string word = c.query.Has("format") ? c.query.Get("format") : "blogger";
  service::ExportFormat format;
  std::string suffix;
  if (word == "blogger") {
    format = service::ExportFormat::kBlogger;
    suffix = ".xml";
  } else if (word == "wxr") {
    format = service::ExportFormat::kWxr;
    suffix = ".wordpress.xml";
  } else {
    return c.Error(400, "The export format is blogger or wxr.");
  }
  std::ostringstream out;
  Status exported =
      service::ExportService(c.services.store).Export(c.blog, format, Origin(c.request), out);
  if (!exported.ok()) return c.Error("Cannot export the blog", exported);
  auto zone = TimeZone::Find(c.blog.time_zone);
  if (!zone.ok()) zone = TimeZone::Utc();
  // Blogger names its exports blog-MM-DD-YYYY.xml.
  const std::string filename = "blog-" + FormatPattern(Now(), *zone, "MM-dd-yyyy") + suffix;
  http::Response response;
  response.body = std::make_shared<const std::string>(std::move(out).str());
  response.headers.push_back({"Content-Type", "application/xml; charset=utf-8"});
  response.headers.push_back({"Content-Disposition", "attachment; filename=\"" + filename + "\""});
  AddAdminHeaders(response);
  return response;
}

}  // namespace transfer_pages

}  // namespace samizdat::web::admin
