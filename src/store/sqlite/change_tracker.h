// ChangeTracker: the Store's ChangeStamp(), a number that moves whenever the database
// may have changed, read without any SQL.
//
// The stamp mixes three sources:
//  - a counter bumped after every commit made through this Store;
//  - stat() of the "-wal" file (inode, size, mtime in ns): a commit by another process
//    appends frames to the WAL, so the size or the mtime moves at once, with no polling
//    delay. The file is named relative to its directory, kept open, so that the call
//    (one per request) does not walk the whole path;
//  - a background thread that polls PRAGMA data_version every 250 ms through a probe (the
//    store runs it on its writer connection, whose data_version moves only on commits of
//    OTHER connections, so this Store's own writes are not counted twice) and bumps the
//    counter when it moves. It closes the one gap stat() leaves:
//    after a checkpoint the WAL is rewritten from its start, and a commit that leaves the
//    file at the same size within one mtime tick of the previous write is invisible to
//    stat(); the poll catches it within 250 ms.
//
// Thread safety: Stamp() and NoteLocalWrite() may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

namespace samizdat::store::sqlite {

class ChangeTracker {
 public:
  // PRAGMA data_version of a connection that sees the other processes' commits, or
  // nullopt when it cannot be read right now (that tick is skipped). Called from the
  // poll thread only.
  using DataVersionProbe = std::function<std::optional<int64_t>()>;

  // Watches the database at `path`; starts the poll thread (stopped and joined by the
  // destructor). `probe` must stay callable until the tracker is destroyed.
  ChangeTracker(const std::string& path, DataVersionProbe probe);

  ChangeTracker(const ChangeTracker&) = delete;
  ChangeTracker& operator=(const ChangeTracker&) = delete;

  // Called after this Store commits.
  void NoteLocalWrite() { Bump(); }
  // One fstatat() call and an atomic load.
  uint64_t Stamp() const;

 private:
  // The WAL's directory, open (O_PATH) for fstatat; -1 when it could not be opened (the
  // full path is then stat'ed). Closed by the destructor.
  class Directory {
   public:
    explicit Directory(const std::string& path);
    ~Directory();
    Directory(const Directory&) = delete;
    Directory& operator=(const Directory&) = delete;
    int fd() const { return fd_; }

   private:
    int fd_;
  };

  void Bump() { counter_.fetch_add(1, std::memory_order_relaxed); }
  void Poll(std::stop_token stop);

  const Directory wal_dir_;     // of the database's "-wal" file
  const std::string wal_name_;  // that file, relative to wal_dir_ (its whole path without it)
  const DataVersionProbe probe_;
  std::atomic<uint64_t> counter_{0};
  std::mutex mu_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: started after, and joined before, everything above
};

}  // namespace samizdat::store::sqlite
