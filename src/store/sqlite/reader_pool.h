// ReaderPool: the connections readers use, so that reads never queue behind the writer
// (each reads its own WAL snapshot). A reader borrows a connection for one Store call
// and gives it back; the pool opens another when all are lent out.
//
// Thread safety: Borrow() may be called from any thread. All leases must end before the
// pool is destroyed (the Store's methods hold them only while they run).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sqlite/connection.h"

namespace samizdat::store::sqlite {

class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  // A connection lent to the holder until the Lease ends.
  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<Connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->GiveBack(std::move(conn_));
    }
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // An idle connection, or a newly opened one (Internal/Unavailable if that fails).
  Result<Lease> Borrow();

 private:
  void GiveBack(std::unique_ptr<Connection> conn);

  const std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
};

}  // namespace samizdat::store::sqlite
