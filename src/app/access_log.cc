// AccessLog: a mutex-guarded, buffered append-only file.
#include "app/access_log.h"

#include <cerrno>
#include <cstring>

namespace samizdat::app {

namespace {

Result<std::FILE*> OpenForAppending(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) {
    return Status::InvalidArgument("cannot open the access log " + path + ": " +
                                   std::strerror(errno));
  }
  return file;
}

}  // namespace

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path) {
  if (path == "-") return std::make_unique<AccessLog>(stdout, false, path);
  auto file = OpenForAppending(path);
  if (!file.ok()) return file.status();
  return std::make_unique<AccessLog>(*file, true, path);
}

Status AccessLog::Reopen() {
  if (!owned_) return Status::Ok();
  auto file = OpenForAppending(path_);
  if (!file.ok()) return file.status();
  std::lock_guard lock(mutex_);
  std::fclose(file_);  // flushes
  file_ = *file;
  return Status::Ok();
}

AccessLog::~AccessLog() {
  std::lock_guard lock(mutex_);
  std::fflush(file_);
  if (owned_) std::fclose(file_);
}

void AccessLog::Write(std::string_view line) {
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fputc('\n', file_);
}

void AccessLog::Flush() {
  std::lock_guard lock(mutex_);
  std::fflush(file_);
}

}  // namespace samizdat::app
