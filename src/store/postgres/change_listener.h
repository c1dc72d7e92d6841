// ChangeListener: a PostgreSQL store's ChangeStamp(), a number that moves whenever the
// database may have changed, read without any query.
//
// Every write transaction of every node sends NOTIFY samizdat_changes as it commits. A
// background thread holds one connection that LISTENs on that channel and bumps the
// stamp for each notification, so another node's write is seen as soon as it commits
// (a few milliseconds), not at the next poll. When the connection is lost the thread
// reconnects (every 250 ms, then every second) and bumps the stamp once it listens
// again (and when it first listens), since notifications sent meanwhile were missed. While the
// database is away the stamp stands still, so a server keeps serving the pages it has cached.
//
// Thread safety: Stamp() and NoteLocalWrite() may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <stop_token>
#include <string>
#include <thread>

namespace samizdat::store::postgres {

// The channel every write notifies and every store listens on.
inline constexpr const char* kChangeChannel = "samizdat_changes";

class ChangeListener {
 public:
  // Starts the listening thread on its own connection to `conninfo` (stopped and joined
  // by the destructor).
  explicit ChangeListener(std::string conninfo);

  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  // Called after this store commits (its own NOTIFY also comes back, later).
  void NoteLocalWrite() { counter_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t Stamp() const { return counter_.load(std::memory_order_acquire); }

 private:
  void Run(std::stop_token stop);

  const std::string conninfo_;
  std::atomic<uint64_t> counter_{0};
  std::jthread thread_;  // last: started after, and joined before, everything above
};

}  // namespace samizdat::store::postgres
