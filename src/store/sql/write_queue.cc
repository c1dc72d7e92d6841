// WriteQueue: the leader election and hand-over of group commit, and a group's writes
// run in savepoints.
#include "store/sql/write_queue.h"

#include <algorithm>
#include <vector>

namespace samizdat::store::sql {

bool RunWrites(Connection& conn, std::span<PendingWrite* const> group) {
  auto fail_all = [&](const Status& error) {
    for (PendingWrite* write : group) write->status = error;
    return false;
  };
  if (group.size() == 1) {  // no savepoint needed: its failure rolls back the transaction
    group[0]->status = group[0]->body(conn);
    return group[0]->status.ok();
  }
  bool any_ok = false;
  for (PendingWrite* write : group) {
    // Deferred: on PostgreSQL they ride with the next statement, no round trip of their own.
    if (Status saved = conn.Defer("SAVEPOINT write"); !saved.ok()) return fail_all(saved);
    write->status = write->body(conn);
    Status ended = Status::Ok();
    if (!write->status.ok()) ended = conn.Execute("ROLLBACK TO SAVEPOINT write", Params());
    if (ended.ok()) ended = conn.Defer("RELEASE SAVEPOINT write");
    // An error the database answers by ending the whole transaction takes the group's
    // earlier writes with it.
    if (!ended.ok() || !conn.InTransaction()) return fail_all(ended.ok() ? write->status : ended);
    any_ok = any_ok || write->status.ok();
  }
  return any_ok;
}

void SetCommitOutcome(std::span<PendingWrite* const> group, const Status& committed) {
  if (committed.ok()) return;
  for (PendingWrite* write : group) {
    if (write->status.ok()) write->status = committed;
  }
}

Status WriteQueue::Submit(FunctionRef<Status(Connection&)> body) {
  PendingWrite write(body);
  std::unique_lock lock(mu_);
  waiting_.push_back(&write);
  // Wait until a leader has committed this write, or it is first in line.
  write.wake.wait(lock, [&] { return write.done || waiting_.front() == &write; });
  if (write.done) return std::move(write.status);

  // The leader: this write and every one queued behind it, up to kMaxGroup. Writes that
  // arrive meanwhile queue behind the group and form the next one.
  const std::size_t size = std::min(waiting_.size(), kMaxGroup);
  const std::vector<PendingWrite*> group(waiting_.begin(),
                                         waiting_.begin() + static_cast<std::ptrdiff_t>(size));
  lock.unlock();
  commit_(group);
  lock.lock();
  for (PendingWrite* member : group) {
    waiting_.pop_front();
    if (member == &write) continue;
    member->done = true;
    member->wake.notify_one();
  }
  if (!waiting_.empty()) waiting_.front()->wake.notify_one();  // the next leader
  return std::move(write.status);
}

}  // namespace samizdat::store::sql
