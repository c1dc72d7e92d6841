// ImportJobs: a thread per browser import (its upload in a temporary file) or fetch of
// the old blog's files, its progress and outcome kept for the progress page.
#include "web/admin/import_jobs.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "auth/session_token.h"

namespace samizdat::web::admin {

// The upload on disk, removed with this object.
class ImportJobs::TempFile {
 public:
  // Writes `bytes` to a new file in the system's temporary directory.
  static Result<std::unique_ptr<TempFile>> Write(std::string_view bytes) {
    std::string path = (std::filesystem::temp_directory_path() / "samizdat-upload-XXXXXX").string();
    const int fd = mkstemp(path.data());
    if (fd < 0) return Status::Internal("cannot create a temporary file: " + Errno());
    auto file = std::unique_ptr<TempFile>(new TempFile(path));
    for (std::string_view rest = bytes; !rest.empty();) {
      const ssize_t written = ::write(fd, rest.data(), rest.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        const std::string why = Errno();
        ::close(fd);
        return Status::Internal("cannot write the upload to " + path + ": " + why);
      }
      rest.remove_prefix(static_cast<size_t>(written));
    }
    if (::close(fd) != 0) return Status::Internal("cannot write " + path + ": " + Errno());
    return file;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  static std::string Errno() { return std::strerror(errno); }
  std::string path_;
};

namespace {

// `message` with every mention of the temporary file's path given as `name`.
std::string Renamed(std::string message, const std::string& path, std::string_view name) {
  for (size_t at = message.find(path); at != std::string::npos;
       at = message.find(path, at + name.size())) {
    message.replace(at, path.size(), name);
  }
  return message;
}

}  // namespace

ImportJobs::~ImportJobs() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, entry] : jobs_) threads.push_back(std::move(entry.thread));
  }
  for (std::thread& thread : threads) {
    if (thread.joinable()) thread.join();
  }
}

Result<std::string> ImportJobs::Start(const Blog& blog, std::string_view filename,
                                      std::string_view bytes) {
  auto written = TempFile::Write(bytes);
  if (!written.ok()) return written.status();
  std::shared_ptr<const TempFile> file = std::move(*written);
  ImportJob job;
  job.blog_id = blog.id;
  job.filename = filename.empty() ? "the upload" : std::string(filename);
  return Add(std::move(job),
             [this, host = blog.host, file](const std::string& id) { Import(id, host, *file); });
}

Result<std::string> ImportJobs::StartFetch(const Blog& blog) {
  ImportJob job;
  job.blog_id = blog.id;
  job.fetch_only = true;
  job.media_progress = service::MediaProgress{};
  return Add(std::move(job), [this, blog](const std::string& id) { FetchMedia(id, blog); });
}

Result<std::string> ImportJobs::Add(ImportJob job, std::function<void(const std::string&)> body) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, entry] : jobs_) {
    if (entry.job.blog_id == job.blog_id && !entry.job.done) {
      return Status::Conflict(
          "An import into this blog, or a fetch of its images, is running; start the next "
          "one when it is done.");
    }
  }
  const std::string id = auth::NewSessionToken().substr(0, 32);
  Entry& entry = jobs_[id];
  entry.job = std::move(job);
  entry.job.id = id;
  entry.job.started = Now();
  entry.order = ++started_;
  // The thread touches the entry only under this lock: it is complete by then.
  entry.thread = std::thread([id, body = std::move(body)] { body(id); });
  Forget();
  return id;
}

void ImportJobs::Import(const std::string& id, const std::string& host, const TempFile& file) {
  std::string filename;
  {
    std::lock_guard lock(mutex_);
    filename = jobs_.at(id).job.filename;
  }
  service::ImportOptions options;
  options.blog_host = host;
  // A running job is never forgotten, so its entry stays while the import reports.
  options.progress = [this, &id](const service::ImportProgress& progress) {
    std::lock_guard lock(mutex_);
    jobs_.at(id).job.progress = progress;
  };
  auto summary = service::ImportService(store_).Import(file.path(), options);
  if (!summary.ok()) {
    std::lock_guard lock(mutex_);
    ImportJob& job = jobs_.at(id).job;
    job.error = Renamed(summary.status().message(), file.path(), filename);
    job.done = true;  // the thread touches nothing of the entry after this
    return;
  }
  const Blog blog = summary->blog;
  {
    std::lock_guard lock(mutex_);
    ImportJob& job = jobs_.at(id).job;
    for (std::string& skipped : summary->skipped) skipped = Renamed(skipped, file.path(), filename);
    job.summary = std::move(*summary);
    job.media_progress = service::MediaProgress{};
  }
  // After the import's transaction: a file that cannot be had never undoes the import.
  FetchMedia(id, blog);
}

void ImportJobs::FetchMedia(const std::string& id, const Blog& blog) {
  service::MediaImportOptions options;
  options.progress = [this, &id](const service::MediaProgress& progress) {
    std::lock_guard lock(mutex_);
    jobs_.at(id).job.media_progress = progress;
  };
  auto media = service::MediaImportService(store_).Run(blog, options);

  std::lock_guard lock(mutex_);
  ImportJob& job = jobs_.at(id).job;
  job.media = media.ok() ? service::DescribeMediaImport(*media)
                         : "the files could not be fetched: " + media.status().message();
  job.done = true;  // the thread touches nothing of the entry after this
}

void ImportJobs::Forget() {
  while (jobs_.size() > kKeptJobs) {
    auto oldest = jobs_.end();
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
      if (it->second.job.done &&
          (oldest == jobs_.end() || it->second.order < oldest->second.order)) {
        oldest = it;
      }
    }
    if (oldest == jobs_.end()) return;  // all running: kept until they end
    // Done means the thread is at its end: this join waits at most for it to return.
    if (oldest->second.thread.joinable()) oldest->second.thread.join();
    jobs_.erase(oldest);
  }
}

std::optional<ImportJob> ImportJobs::Get(int64_t blog_id, std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.job.blog_id != blog_id) return std::nullopt;
  return it->second.job;
}

}  // namespace samizdat::web::admin
