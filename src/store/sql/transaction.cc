// Transaction: the statements that begin and end one.
#include "store/sql/transaction.h"

#include <string>

namespace samizdat::store::sql {

Result<Transaction> Transaction::Begin(Connection& conn, std::string_view begin) {
  if (conn.InTransaction()) (void)conn.Run("ROLLBACK", Params());
  SAMIZDAT_RETURN_IF_ERROR(conn.Execute(begin, Params()));
  return Transaction(&conn);
}

Transaction::~Transaction() {
  // A failed ROLLBACK means the database rolled back already (SQLite does after some
  // errors), or the connection is gone (the PostgreSQL pool drops it).
  if (conn_ != nullptr && !conn_->Broken()) (void)conn_->Run("ROLLBACK", Params());
}

Status Transaction::Commit(std::string_view before_commit) {
  Status committed = before_commit.empty() ? conn_->Execute("COMMIT", Params())
                                           : conn_->Exec(std::string(before_commit) + "; COMMIT");
  if (committed.ok()) conn_ = nullptr;
  return committed;
}

}  // namespace samizdat::store::sql
