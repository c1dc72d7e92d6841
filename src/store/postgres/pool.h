// ConnectionPool: the connections a PostgreSQL store's calls borrow, one per call. It
// opens connections as they are needed, up to a limit, and keeps idle ones for the next
// call; a connection found broken when given back (the server went away) is dropped, so
// after PostgreSQL restarts the pool fills again with fresh connections by itself.
//
// Thread safety: Borrow() may be called from any thread. All leases must end before the
// pool is destroyed.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/postgres/connection.h"

namespace samizdat::store::postgres {

class ConnectionPool {
 public:
  ConnectionPool(std::string conninfo, int max_connections)
      : conninfo_(std::move(conninfo)), max_connections_(max_connections) {}

  // A connection lent to the holder until the Lease ends.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->GiveBack(std::move(conn_));
    }
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // An idle connection, or a newly opened one; waits while `max_connections` are lent.
  // Unavailable when a new connection cannot be opened.
  Result<Lease> Borrow();
  // Drops every idle connection (after a lost server, they are all dead).
  void DropIdle();

 private:
  void GiveBack(std::unique_ptr<Connection> conn);

  const std::string conninfo_;
  const int max_connections_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  int lent_ = 0;                                   // guarded by mu_
};

}  // namespace samizdat::store::postgres
