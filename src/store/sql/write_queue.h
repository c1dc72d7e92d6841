// WriteQueue: group commit, after LevelDB's writer queue (db/db_impl.cc, DBImpl::Write).
// Threads that write line up; the first in line becomes the leader, takes every write
// waiting behind it (up to kMaxGroup) and hands them to the committer as one group, which
// runs them in one transaction with one fsync; each thread returns when its own write's
// outcome is known, so a write is answered only once it is durable (or has failed).
//
// The queue only decides who commits what; the committer, the engine's, begins and
// commits the transaction, and RunWrites runs the group's writes inside it, each in a
// savepoint of its own so that a failing write is rolled back alone. Both engines use
// it: SQLite has one writer anyway; on PostgreSQL every comment updates its blog's row
// (the comment_seq that tells the caches what changed), so concurrent transactions of a
// blog would wait for each other's commit, one flush each, where a group shares one.
//
// Thread safety: Submit() may be called from any number of threads at once. The
// committer is called by one thread at a time (the leader), never concurrently.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <span>

#include "core/status.h"
#include "store/sql/connection.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {

// One caller's write as the committer sees it: its body, and the outcome to set.
struct PendingWrite {
  explicit PendingWrite(FunctionRef<Status(Connection&)> write) : body(write) {}

  FunctionRef<Status(Connection&)> body;
  Status status;  // set by the committer: the body's error, or the commit's
  bool done = false;
  std::condition_variable wake;
};

// Runs each write of `group` on `conn`, inside a transaction the caller has begun (each
// in a savepoint of its own when the group holds more than one), and sets its status.
// False when nothing is left to commit: every write failed, or an error ended the
// whole transaction (a full disk, a lost connection) and so failed them all.
bool RunWrites(Connection& conn, std::span<PendingWrite* const> group);
// After the group's commit: its error becomes the outcome of every write that had
// succeeded.
void SetCommitOutcome(std::span<PendingWrite* const> group, const Status& committed);

class WriteQueue {
 public:
  // The most writes one group holds: a bound on one transaction's size (and on the wait
  // of the group's first writer), far above what a server's write threads send at once.
  static constexpr std::size_t kMaxGroup = 128;

  // Runs a group: sets every write's status. Called on the leader's thread, with no lock
  // of the queue held.
  using Committer = std::function<void(std::span<PendingWrite* const> group)>;

  explicit WriteQueue(Committer commit) : commit_(std::move(commit)) {}

  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Queues `body` and returns its outcome once its group has been committed (or
  // rolled back). The body may run on another caller's thread.
  Status Submit(FunctionRef<Status(Connection&)> body);

 private:
  const Committer commit_;
  std::mutex mu_;
  std::deque<PendingWrite*> waiting_;  // GUARDED_BY(mu_); front: the leader
};

}  // namespace samizdat::store::sql
