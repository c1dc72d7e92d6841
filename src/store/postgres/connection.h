// RAII over libpq: a Connection owns one PGconn* and the statements it has prepared
// (keyed by SQL text, prepared once per connection), and is the PostgreSQL side of
// sql::Connection, its rows a cursor over one PGresult.
//
// Parameters go as text (bytes as binary) and rows come back as text, so every value
// crosses in PostgreSQL's own spelling: an int8 as "123", a bool as "t", a list as a
// text[] literal '{"a","b"}', a bytea column as "\x…" (decoded by the cursor).
//
// Thread safety: none. A Connection is used by one thread at a time; the store hands
// connections out through its sql::Pool.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/sql/connection.h"

namespace samizdat::store::postgres {

struct ConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ConnHandle = std::unique_ptr<PGconn, ConnCloser>;
using ResultHandle = std::unique_ptr<PGresult, ResultClearer>;

// The Status for a failed statement (`result` may be null when libpq returned none):
// Unavailable when the connection is lost or the server is shutting down, starting up
// or refusing connections (SQLSTATE class 08, 57P0x), and for serialization failures,
// deadlocks and lock timeouts (40001, 40P01, 55P03); Conflict for a unique violation
// (23505); NotFound for a foreign key violation (23503); InvalidArgument for data the
// column cannot hold (class 22, check violations 23514); Internal otherwise. The message
// is `what` followed by the server's message.
Status PgError(PGconn* conn, const PGresult* result, std::string_view what);

class Connection final : public sql::Connection {
 public:
  // Connects with `conninfo` (a postgresql:// URL or key=value pairs); unless it says
  // otherwise, giving up after 5 s and probing an idle connection's peer after 10 s.
  // Unavailable, with libpq's message, when the server cannot be reached or refuses.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);
  explicit Connection(ConnHandle conn) : conn_(std::move(conn)) {}

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements through the simple protocol (migrations, BEGIN, COMMIT,
  // NOTIFY); rows they return are ignored.
  Status Exec(const std::string& sql) override;
  const sql::Dialect& dialect() const override;
  // Runs one statement with parameters, preparing it on first use on this connection;
  // the Rows walk its whole result.
  Result<sql::Rows> Query(std::string_view sql, const sql::Params& params) override;
  // Kept until the next Query or Exec, which sends it first in the same round trip.
  Status Defer(std::string_view sql) override;
  bool Broken() const override { return PQstatus(conn_.get()) != CONNECTION_OK; }
  bool InTransaction() const override { return PQtransactionStatus(conn_.get()) != PQTRANS_IDLE; }
  PGconn* handle() const { return conn_.get(); }

 private:
  // Sends the deferred statements and the prepared statement `name` in one pipeline and
  // returns the statement's result, or the first error a deferred statement met.
  Result<ResultHandle> ExecPipelined(const std::string& name, int n, const char* const* values,
                                     const int* lengths, const int* formats);

  ConnHandle conn_;
  std::vector<std::string> deferred_;  // statements Defer() kept, to send first
  // SQL text -> the name it was prepared under on this connection ("s1", "s2", …).
  std::unordered_map<std::string, std::string, sql::TextHash, std::equal_to<>> prepared_;
};

}  // namespace samizdat::store::postgres
