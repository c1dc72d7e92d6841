// ChangeTracker: the Store's ChangeStamp(), a number that moves whenever the database
// may have changed, read without any SQL.
//
// The stamp mixes three sources:
//  - a counter bumped after every commit made through this Store;
//  - stat() of the database file and of its "-wal" file (inode, size, mtime in ns): a
//    commit by another process appends frames to the WAL, so the size or the mtime moves
//    at once, with no polling delay;
//  - a background thread that polls PRAGMA data_version every 250 ms on a connection of
//    its own and bumps the counter when it moves. It closes the one gap stat() leaves:
//    after a checkpoint the WAL is rewritten from its start, and a commit that leaves the
//    file at the same size within one mtime tick of the previous write is invisible to
//    stat(); the poll catches it within 250 ms.
//
// Thread safety: Stamp() and NoteLocalWrite() may be called from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "store/sqlite/connection.h"

namespace samizdat::store::sqlite {

class ChangeTracker {
 public:
  // Watches the database at `path`; `poll` is a connection used only by the poll thread.
  ChangeTracker(std::string path, std::unique_ptr<Connection> poll);
  ~ChangeTracker();  // stops and joins the poll thread

  ChangeTracker(const ChangeTracker&) = delete;
  ChangeTracker& operator=(const ChangeTracker&) = delete;

  // Called after this Store commits.
  void NoteLocalWrite() { Bump(); }
  // Two stat() calls and an atomic load.
  uint64_t Stamp() const;

 private:
  void Bump() { counter_.fetch_add(1, std::memory_order_relaxed); }
  Result<int64_t> DataVersion();  // PRAGMA data_version on poll_
  void Poll(std::stop_token stop);

  const std::string path_;
  const std::string wal_path_;
  std::unique_ptr<Connection> poll_;  // used only by thread_
  std::atomic<uint64_t> counter_{0};
  std::mutex mu_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: started after, and joined before, everything above
};

}  // namespace samizdat::store::sqlite
