// Pool: lending, opening on demand, dropping the broken.
#include "store/sql/pool.h"

namespace samizdat::store::sql {

Result<Pool::Lease> Pool::Borrow() {
  std::unique_lock lock(mu_);
  returned_.wait(
      lock, [&] { return !idle_.empty() || max_connections_ == 0 || lent_ < max_connections_; });
  ++lent_;
  if (!idle_.empty()) {
    std::unique_ptr<Connection> conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  // Opening takes a round trip or touches the file: others may borrow meanwhile.
  lock.unlock();
  Result<std::unique_ptr<Connection>> opened = open_();
  if (!opened.ok()) {
    lock.lock();
    --lent_;
    returned_.notify_one();
    return opened.status();
  }
  return Lease(this, std::move(*opened));
}

void Pool::GiveBack(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  --lent_;
  if (!conn->Broken()) idle_.push_back(std::move(conn));
  returned_.notify_one();
}

void Pool::DropIdle() {
  std::vector<std::unique_ptr<Connection>> dropped;
  {
    std::lock_guard lock(mu_);
    dropped.swap(idle_);
  }
}  // closed here, outside the lock

}  // namespace samizdat::store::sql
