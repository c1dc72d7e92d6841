// ReaderPool: a mutex-protected stack of idle reader connections.
#include "store/sqlite/reader_pool.h"

namespace samizdat::store::sqlite {

Result<ReaderPool::Lease> ReaderPool::Borrow() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
  }
  // Opened outside the lock: opening touches the file and may wait on a busy lock.
  Result<std::unique_ptr<Connection>> conn = Connection::Open(path_);
  if (!conn.ok()) return conn.status();
  SAMIZDAT_RETURN_IF_ERROR((*conn)->Exec("PRAGMA query_only = ON"));
  return Lease(this, std::move(*conn));
}

void ReaderPool::GiveBack(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(conn));
}

}  // namespace samizdat::store::sqlite
