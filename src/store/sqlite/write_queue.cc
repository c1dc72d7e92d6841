// WriteQueue: the leader election and hand-over of group commit.
#include "store/sqlite/write_queue.h"

#include <algorithm>
#include <vector>

namespace samizdat::store::sqlite {

Status WriteQueue::Submit(sql::FunctionRef<Status(sql::Connection&)> body) {
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

}  // namespace samizdat::store::sqlite
