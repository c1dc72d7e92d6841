// ConnectionPool: lending, opening on demand, dropping the broken.
#include "store/postgres/pool.h"

namespace samizdat::store::postgres {

Result<ConnectionPool::Lease> ConnectionPool::Borrow() {
  std::unique_lock lock(mu_);
  returned_.wait(lock, [&] { return !idle_.empty() || lent_ < max_connections_; });
  ++lent_;
  if (!idle_.empty()) {
    std::unique_ptr<Connection> conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  lock.unlock();  // connecting takes a round trip or more: others may borrow meanwhile
  Result<std::unique_ptr<Connection>> opened = Connection::Open(conninfo_);
  if (!opened.ok()) {
    lock.lock();
    --lent_;
    returned_.notify_one();
    return opened.status();
  }
  return Lease(this, std::move(*opened));
}

void ConnectionPool::GiveBack(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  --lent_;
  if (!conn->Broken()) idle_.push_back(std::move(conn));
  returned_.notify_one();
}

void ConnectionPool::DropIdle() {
  std::vector<std::unique_ptr<Connection>> dropped;
  {
    std::lock_guard lock(mu_);
    dropped.swap(idle_);
  }
}  // closed here, outside the lock

}  // namespace samizdat::store::postgres
