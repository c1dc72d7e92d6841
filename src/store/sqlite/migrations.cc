// The migration runner: schema_version bookkeeping and one transaction per migration.
#include "store/sqlite/migrations.h"

#include <chrono>
#include <string>

namespace samizdat::store::sqlite {
namespace {

// The highest applied version, 0 for a new database.
Result<int> CurrentVersion(Connection& conn) {
  Result<Statement> query = conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Step();
  if (!row.ok()) return row.status();
  return *row ? query->Int(0) : 0;
}

Status Refuse(int found, int known) {
  return Status::InvalidArgument("the database has schema version " + std::to_string(found) +
                                 ", newer than this samizdat understands (up to " +
                                 std::to_string(known) + "); run a newer samizdat on it");
}

Status Apply(Connection& conn, const Migration& m, int latest) {
  Result<Transaction> tx = Transaction::Begin(conn, Transaction::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  Result<int> current = CurrentVersion(conn);  // another process may have got here first
  if (!current.ok()) return current.status();
  if (*current > latest) return Refuse(*current, latest);
  if (*current >= m.version) return Status::Ok();
  Status st = conn.Exec(std::string(m.sql));
  if (!st.ok()) {
    return Status::Internal("migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                            ") failed: " + st.message());
  }
  Result<Statement> record =
      conn.Prepare("INSERT INTO schema_version (version, name, applied_ms) VALUES (?1, ?2, ?3)");
  if (!record.ok()) return record.status();
  int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  SAMIZDAT_RETURN_IF_ERROR(record->Bind(1, m.version).Bind(2, m.name).Bind(3, now_ms).Run());
  return tx->Commit();
}

}  // namespace

Status ApplyMigrations(Connection& conn, std::span<const Migration> migrations) {
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Exec("CREATE TABLE IF NOT EXISTS schema_version ("
                "  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)"));
  int latest = migrations.empty() ? 0 : migrations.back().version;
  Result<int> current = CurrentVersion(conn);
  if (!current.ok()) return current.status();
  if (*current > latest) return Refuse(*current, latest);
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    SAMIZDAT_RETURN_IF_ERROR(Apply(conn, m, latest));
  }
  return Status::Ok();
}

}  // namespace samizdat::store::sqlite
