// ChangeTracker: a write counter, stat() of the WAL file, a data_version poller.
#include "store/sqlite/change_tracker.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

namespace samizdat::store::sqlite {
namespace {

constexpr std::chrono::milliseconds kPollInterval(250);

// Folds `value` into `h` (boost::hash_combine's step, then MurmurHash3's 64-bit finalizer).
uint64_t Mix(uint64_t h, uint64_t value) {
  h ^= value + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

// `path` is relative to the directory `dir_fd` (AT_FDCWD: the working directory).
uint64_t MixFile(uint64_t h, int dir_fd, const std::string& path) {
  struct stat st {};
  if (fstatat(dir_fd, path.c_str(), &st, 0) != 0) return Mix(h, 0);  // a missing WAL is a state too
  h = Mix(h, static_cast<uint64_t>(st.st_ino));
  h = Mix(h, static_cast<uint64_t>(st.st_size));
  h = Mix(h, static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000ULL +
                 static_cast<uint64_t>(st.st_mtim.tv_nsec));
  return h;
}

// The directory of the database at `path` ("." for a bare name).
std::string DirectoryOf(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

ChangeTracker::Directory::Directory(const std::string& path)
    : fd_(open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC)) {}

ChangeTracker::Directory::~Directory() {
  if (fd_ >= 0) close(fd_);
}

ChangeTracker::ChangeTracker(const std::string& path, DataVersionProbe probe)
    : wal_dir_(DirectoryOf(path)),
      wal_name_((wal_dir_.fd() >= 0 ? std::filesystem::path(path).filename().string() : path) +
                "-wal"),
      probe_(std::move(probe)),
      thread_([this](std::stop_token stop) { Poll(stop); }) {}

uint64_t ChangeTracker::Stamp() const {
  // Only the WAL: every commit, ours or another process's, appends to it while this
  // Store keeps its connections open (so the WAL is never deleted under it); the main
  // file changes only at checkpoints, which change no content.
  return MixFile(Mix(0, counter_.load(std::memory_order_relaxed)),
                 wal_dir_.fd() >= 0 ? wal_dir_.fd() : AT_FDCWD, wal_name_);
}

void ChangeTracker::Poll(std::stop_token stop) {
  int64_t last = -1;
  std::unique_lock lock(mu_);
  while (!stop.stop_requested()) {
    std::optional<int64_t> version = probe_();
    if (version) {
      if (last != -1 && *version != last) Bump();
      last = *version;
    }
    // Sleeps one interval; returns at once when stop is requested (by ~jthread).
    wake_.wait_for(lock, stop, kPollInterval, [] { return false; });
  }
}

}  // namespace samizdat::store::sqlite
