// Pool: the connections a store's calls borrow, one per call (SQLite's readers, each
// reading its own WAL snapshot; PostgreSQL's connections). It opens connections as they
// are needed, up to a limit, and keeps idle ones for the next call; a connection found
// broken when given back (the server went away) is dropped, so after PostgreSQL restarts
// the pool fills again with fresh connections by itself.
//
// Thread safety: Borrow() and DropIdle() may be called from any thread. All leases must
// end before the pool is destroyed (the Store's methods hold them only while they run).
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "store/sql/connection.h"

namespace samizdat::store::sql {

class Pool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Connection>>()>;
  // `open` opens one more connection; `max_connections` 0 is no limit.
  Pool(Opener open, int max_connections)
      : open_(std::move(open)), max_connections_(max_connections) {}

  // A connection lent to the holder until the Lease ends.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->GiveBack(std::move(conn_));
    }
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // An idle connection, or a newly opened one; waits while `max_connections` are lent.
  // The opener's error when a new connection cannot be opened.
  Result<Lease> Borrow();
  // Drops every idle connection (after a lost server, they are all dead).
  void DropIdle();

 private:
  void GiveBack(std::unique_ptr<Connection> conn);

  const Opener open_;
  const int max_connections_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  int lent_ = 0;                                   // guarded by mu_
};

}  // namespace samizdat::store::sql
