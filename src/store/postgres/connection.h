// RAII over libpq: a Connection owns one PGconn* and the statements it has prepared
// (keyed by SQL text, prepared once per connection), and is the PostgreSQL side of
// sql::Connection; Rows owns one PGresult*; Params carries one statement's parameters; a
// Transaction is BEGIN … COMMIT that rolls back unless committed.
//
// Parameters go as text (bytes as binary) and rows come back as text, so every value
// crosses in PostgreSQL's own spelling: an int8 as "123", a bool as "t", a bytea column
// as "\x…" (Rows::Bytes decodes it).
//
// Thread safety: none. A Connection is used by one thread at a time; the store hands
// connections out through ConnectionPool.
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

// One statement's parameters, $1, $2, … in the order added.
class Params {
 public:
  Params& Add(int64_t value);
  Params& Add(int value) { return Add(static_cast<int64_t>(value)); }
  Params& Add(bool value) = delete;  // say what is meant: Add(b ? 1 : 0) or AddBool
  Params& AddBool(bool value);
  Params& Add(double value);
  Params& Add(std::string_view text);  // must be valid UTF-8 without NUL (text columns)
  Params& Add(const std::string& text) { return Add(std::string_view(text)); }
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  // Any bytes, for a bytea parameter (sent in binary).
  Params& AddBytes(std::string_view bytes);
  // A text[] parameter ('{"a","b"}'), for "= ANY($n)".
  Params& AddTextArray(const std::vector<std::string>& values);
  // An int8[] parameter, for "= ANY($n)".
  Params& AddInt64Array(const std::vector<int64_t>& values);
  Params& AddNull();

  int size() const { return static_cast<int>(values_.size()); }
  // The arrays PQexecPrepared takes; valid while this Params lives and is not changed.
  std::vector<const char*> Values() const;
  const int* Lengths() const { return lengths_.data(); }
  const int* Formats() const { return formats_.data(); }

 private:
  void Push(std::string value, int format, bool is_null);

  std::vector<std::string> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;  // 0 text, 1 binary
  std::vector<bool> nulls_;
};

// The rows of one statement. Row and column indexes count from 0.
class Rows {
 public:
  explicit Rows(ResultHandle result) : result_(std::move(result)) {}

  int size() const { return PQntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column); }
  int64_t Int64(int row, int column) const;
  int Int(int row, int column) const { return static_cast<int>(Int64(row, column)); }
  double Double(int row, int column) const;
  bool Bool(int row, int column) const { return TextView(row, column) == "t"; }
  // The value as text; valid while the Rows live. "" for NULL.
  std::string_view TextView(int row, int column) const;
  std::string Text(int row, int column) const { return std::string(TextView(row, column)); }
  // A bytea column's bytes.
  std::string Bytes(int row, int column) const;
  // Rows changed by an INSERT, UPDATE or DELETE without RETURNING.
  int64_t Affected() const;

  // One row, read by column: what the readers of store/row_mapping.h take.
  class Row {
   public:
    Row(const Rows& rows, int row) : rows_(rows), row_(row) {}
    int64_t Int64(int column) const { return rows_.Int64(row_, column); }
    int Int(int column) const { return rows_.Int(row_, column); }
    double Double(int column) const { return rows_.Double(row_, column); }
    bool Bool(int column) const { return rows_.Bool(row_, column); }
    std::string_view TextView(int column) const { return rows_.TextView(row_, column); }
    std::string Text(int column) const { return rows_.Text(row_, column); }
    std::string Bytes(int column) const { return rows_.Bytes(row_, column); }

   private:
    const Rows& rows_;
    int row_;
  };
  Row At(int row) const { return Row(*this, row); }

 private:
  ResultHandle result_;
};

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
  // Runs one statement with parameters, preparing it on first use on this connection.
  Result<Rows> Query(std::string_view sql, const Params& params = {});
  // sql::Connection: the same, its rows read through a cursor over the whole result.
  Result<sql::Rows> Query(std::string_view sql, const sql::Params& params) override;
  // Whether the connection is gone (the server closed it or the network failed): the
  // pool then discards it instead of lending it again.
  bool Broken() const { return PQstatus(conn_.get()) != CONNECTION_OK; }
  PGconn* handle() const { return conn_.get(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  ConnHandle conn_;
  // SQL text -> the name it was prepared under on this connection ("s1", "s2", …).
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> prepared_;
};

// BEGIN (READ COMMITTED: rows are locked as they are written, so writers of one blog
// queue on its row) … COMMIT. Rolls back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Connection& conn);

  Transaction(Transaction&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // COMMIT, first running `before_commit` (say, a NOTIFY) in the same round trip.
  Status Commit(std::string_view before_commit = {});

 private:
  explicit Transaction(Connection* conn) : conn_(conn) {}
  Connection* conn_;  // null once committed, rolled back or moved from
};

}  // namespace samizdat::store::postgres
