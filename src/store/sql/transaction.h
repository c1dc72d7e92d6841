// Transaction: BEGIN … COMMIT on one sql::Connection, rolled back on destruction unless
// committed. Thread safety: none (as its Connection's).
#pragma once

#include <string_view>
#include <utility>

#include "core/status.h"
#include "store/sql/connection.h"

namespace samizdat::store::sql {

class Transaction {
 public:
  // Runs `begin` ("BEGIN"; SQLite's "BEGIN IMMEDIATE" takes the write lock at once, so
  // checks made inside cannot be raced). A transaction left open on the connection (a
  // ROLLBACK that failed) is rolled back first.
  static Result<Transaction> Begin(Connection& conn, std::string_view begin = "BEGIN");

  Transaction(Transaction&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // COMMIT, first running `before_commit` (say, a NOTIFY) in the same round trip. On
  // failure the destructor rolls back.
  Status Commit(std::string_view before_commit = {});

 private:
  explicit Transaction(Connection* conn) : conn_(conn) {}
  Connection* conn_;  // null once committed or moved from
};

}  // namespace samizdat::store::sql
