// `samizdat import PATH` (then the media import: files on the old blog's hosts come home;
// `--media-only` for that step alone, `--no-media` without it) and
// `samizdat export --format blogger|wxr`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "app/commands.h"
#include "core/strings.h"
#include "service/blogs.h"
#include "service/export.h"
#include "service/import.h"
#include "service/media_import.h"

namespace samizdat::app {
namespace {

struct ImportFlags {
  std::string path, blog;
  bool dry_run = false;
  bool media_only = false;
  bool no_media = false;
  int media_timeout = 60;  // seconds per file
};

// A one-line progress bar on a terminal: items done, the rate, the time left.
class ProgressBar {
 public:
  void Show(const service::ImportProgress& p) {
    const int64_t done = p.posts_done + p.comments_done;
    const int64_t total = std::max<int64_t>(1, p.posts_total + p.comments_total);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? done / seconds : 0;
    const int width = 30;
    const int filled = static_cast<int>(width * std::min<int64_t>(done, total) / total);
    std::string bar(filled, '#');
    bar.append(width - filled, '-');
    std::fprintf(stderr, "\r[%s] %s/%s posts, %s/%s comments, %s/s, %.0f s left ", bar.c_str(),
                 WithThousands(p.posts_done).c_str(), WithThousands(p.posts_total).c_str(),
                 WithThousands(p.comments_done).c_str(), WithThousands(p.comments_total).c_str(),
                 WithThousands(static_cast<int64_t>(rate)).c_str(),
                 rate > 0 ? (total - done) / rate : 0.0);
    shown_ = true;
  }
  ~ProgressBar() {
    if (shown_) std::fputc('\n', stderr);
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  bool shown_ = false;
};

// The media import's bar on a terminal: files done, bytes.
class MediaBar {
 public:
  void Show(const service::MediaProgress& p) {
    const int width = 30;
    const int filled = p.files_total > 0 ? width * p.files_done / p.files_total : width;
    std::string bar(filled, '#');
    bar.append(width - filled, '-');
    std::fprintf(stderr, "\r[%s] %s/%s files, %.1f MB ", bar.c_str(),
                 WithThousands(p.files_done).c_str(), WithThousands(p.files_total).c_str(),
                 static_cast<double>(p.bytes) / 1e6);
    shown_ = true;
  }
  ~MediaBar() {
    if (shown_) std::fputc('\n', stderr);
  }

 private:
  bool shown_ = false;
};

// Brings the blog's files home and prints the "media: …" line.
int ImportMedia(store::Store& store, const Blog& blog, const ImportFlags& flags) {
  service::MediaImportOptions options;
  options.fetch.timeout = std::chrono::seconds(flags.media_timeout);
  std::optional<MediaBar> bar;
  if (isatty(STDERR_FILENO)) {
    bar.emplace();
    options.progress = [&bar](const service::MediaProgress& p) { bar->Show(p); };
  }
  auto media = service::MediaImportService(store).Run(blog, options);
  bar.reset();
  if (!media.ok()) return Fail(media.status());
  std::cout << "media: " << service::DescribeMediaImport(*media) << "\n";
  return 0;
}

// `import --media-only [--blog HOST] [PATH]`: the blog is the one PATH was imported into
// (found as a dry run finds it), else the one --blog names.
int MediaOnly(store::Store& store, const ImportFlags& flags) {
  if (flags.dry_run || flags.no_media) {
    return Fail("--media-only cannot be combined with --dry-run or --no-media");
  }
  Blog blog;
  if (!flags.path.empty()) {
    service::ImportOptions options;
    options.blog_host = flags.blog;
    options.dry_run = true;
    auto summary = service::ImportService(store).Import(flags.path, options);
    if (!summary.ok()) return Fail(summary.status());
    if (summary->blog_created) {
      return Fail("there is no blog " + summary->blog.host + " yet: import " + flags.path +
                  " first");
    }
    blog = summary->blog;
  } else {
    auto found = service::BlogService(store).Resolve(flags.blog);
    if (!found.ok()) return Fail(found.status());
    blog = *found;
  }
  return ImportMedia(store, blog, flags);
}

int Import(const GlobalOptions& global, const ImportFlags& flags) {
  if (flags.path.empty() && !flags.media_only) return Fail("import: PATH is required");
  // A dry run, or an import that fails, leaves no database where there was none (the
  // import's one transaction already leaves an existing one as it was); so does
  // --media-only, which has nothing to do in a new one.
  FreshDatabaseGuard fresh(global);
  auto store = OpenStore(global);
  if (!store.ok()) return Fail(store.status());
  if (flags.media_only) return MediaOnly(**store, flags);
  service::ImportOptions options;
  options.blog_host = flags.blog;
  options.dry_run = flags.dry_run;
  const auto start = std::chrono::steady_clock::now();
  std::optional<ProgressBar> bar;
  if (isatty(STDERR_FILENO) && !flags.dry_run) {
    bar.emplace();
    options.progress = [&bar](const service::ImportProgress& p) { bar->Show(p); };
  }
  auto summary = service::ImportService(**store).Import(flags.path, options);
  bar.reset();
  if (!summary.ok()) return Fail(summary.status());
  if (!flags.dry_run) fresh.Keep();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const service::ImportSummary& s = *summary;
  std::cout << (flags.dry_run ? "would import " : "imported ") << s.format << " into "
            << s.blog.host << (s.blog_created ? " (new blog)" : "") << ": " << s.posts
            << " posts and pages (" << s.pages << " pages, " << s.drafts << " drafts), "
            << s.comments << " comments, " << s.redirects << " redirects";
  if (s.theme) std::cout << ", and its Blogger theme";
  if (s.posts_already_there + s.comments_already_there > 0) {
    std::cout << "; already there: " << s.posts_already_there << " posts, "
              << s.comments_already_there << " comments";
  }
  if (!flags.dry_run) {
    char took[32];
    std::snprintf(took, sizeof took, "%.2f", seconds);
    std::cout << " in " << took << " s";
  }
  std::cout << "\n";
  if (s.posts_with_removals > 0) {
    // "removed from 3 posts: 2 × <script> element, 1 × <iframe> from evil.example"
    std::cout << "removed from " << s.posts_with_removals
              << (s.posts_with_removals == 1 ? " post: " : " posts: ") << s.removed.Describe()
              << "\n  in:";
    for (std::size_t i = 0; i < s.removal_titles.size(); ++i) {
      std::cout << (i == 0 ? " \"" : ", \"") << s.removal_titles[i] << "\"";
    }
    if (static_cast<std::size_t>(s.posts_with_removals) > s.removal_titles.size()) {
      std::cout << " and " << s.posts_with_removals - s.removal_titles.size() << " more";
    }
    std::cout << "\n";
  }
  if (!s.skipped.empty()) {
    std::cout << "skipped " << s.skipped.size() << ":\n";
    for (const std::string& line : s.skipped) std::cout << "  " << line << "\n";
  }
  // After the import's transaction: a file that cannot be had never undoes the import.
  if (flags.dry_run || flags.no_media) return 0;
  return ImportMedia(**store, s.blog, flags);
}

struct ExportFlags {
  std::string format, blog, base_url;
};

int Export(const GlobalOptions& global, const ExportFlags& flags) {
  service::ExportFormat format;
  if (flags.format == "blogger") {
    format = service::ExportFormat::kBlogger;
  } else if (flags.format == "wxr") {
    format = service::ExportFormat::kWxr;
  } else {
    return Fail("--format must be blogger or wxr, not '" + flags.format + "'");
  }
  auto store = OpenStoreToRead(global);
  if (!store.ok()) return Fail(store.status());
  auto blog = service::BlogService(**store).Resolve(flags.blog);
  if (!blog.ok()) return Fail(blog.status());
  std::string base_url = flags.base_url.empty() ? "https://" + blog->host : flags.base_url;
  while (base_url.ends_with('/')) base_url.pop_back();
  Status exported = service::ExportService(**store).Export(*blog, format, base_url, std::cout);
  if (!exported.ok()) return Fail(exported);
  return 0;
}

}  // namespace

void RegisterTransfer(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto import_flags = std::make_shared<ImportFlags>();
  CLI::App* import = app.add_subcommand(
      "import", "Import a Blogger export, Google Takeout (folder or .zip) or WordPress WXR file");
  import->add_option("PATH", import_flags->path,
                     "The export file, Takeout folder or .zip (required but with --media-only)");
  import->add_option("--blog", import_flags->blog,
                     "Host of the blog to import into (created if new; default: the file's)");
  import->add_flag("--dry-run", import_flags->dry_run, "Say what would be imported; store nothing");
  import->add_flag("--no-media", import_flags->no_media,
                   "Leave images and files on the old blog's hosts (fetch none)");
  import->add_flag(
      "--media-only", import_flags->media_only,
      "Only fetch the files still on the old blog's hosts (of PATH's blog, or --blog)");
  import
      ->add_option("--media-timeout", import_flags->media_timeout,
                   "Seconds a file may take to download (default 60)")
      ->check(CLI::PositiveNumber);
  import->callback([&global, &exit_code, import_flags] {
    exit_code = Import(global, *import_flags);
});

auto export_flags = std::make_shared<ExportFlags>();
CLI::App* exporter = app.add_subcommand("export", "Write a whole blog to standard output (> FILE)");
exporter->add_option("--format", export_flags->format, "blogger (Blogger's export) or wxr")
    ->required();
exporter->add_option("--blog", export_flags->blog,
                     "Host of the blog (needed when there are several)");
exporter->add_option("--base-url", export_flags->base_url,
                     "Address the permalinks start with (default https://HOST)");
exporter->callback([&global, &exit_code, export_flags] {
  exit_code = Export(global, *export_flags);
});
}  // namespace samizdat::app

}  // namespace samizdat::app
