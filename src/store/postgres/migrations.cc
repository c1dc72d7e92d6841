// The migration runner: schema_version bookkeeping, one transaction per migration.
#include "store/postgres/migrations.h"

#include <chrono>
#include <string>

namespace samizdat::store::postgres {
namespace {

// The advisory lock key migrations hold ("samizdat" in ASCII, as a number).
constexpr int64_t kMigrationLock = 0x73616d697a646174;

Status Refuse(int found, int known) {
  return Status::InvalidArgument("the database has schema version " + std::to_string(found) +
                                 ", newer than this samizdat understands (up to " +
                                 std::to_string(known) + "); run a newer samizdat on it");
}

// In one transaction: takes the lock, reads the version and applies the next migration
// if one is pending. Sets `done` when nothing is left to apply.
Status ApplyNext(Connection& conn, std::span<const Migration> migrations, bool& done) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  Result<Transaction> tx = Transaction::Begin(conn);
  if (!tx.ok()) return tx.status();
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Query("SELECT pg_advisory_xact_lock($1)", Params().Add(kMigrationLock)).status());
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Exec("CREATE TABLE IF NOT EXISTS schema_version ("
                "  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)"));
  Result<Rows> current = conn.Query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!current.ok()) return current.status();
  const int version = current->Int(0, 0);
  if (version > latest) return Refuse(version, latest);
  const Migration* next = nullptr;
  for (const Migration& m : migrations) {
    if (m.version > version) {
      next = &m;
      break;
    }
  }
  if (next == nullptr) {
    done = true;
    return tx->Commit();
  }
  Status st = conn.Exec(std::string(next->sql));
  if (!st.ok()) {
    return Status::Internal("migration " + std::to_string(next->version) + " (" +
                            std::string(next->name) + ") failed: " + st.message());
  }
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Query("INSERT INTO schema_version (version, name, applied_ms) VALUES ($1, $2, $3)",
                 Params().Add(next->version).Add(next->name).Add(now_ms))
          .status());
  return tx->Commit();
}

}  // namespace

Status ApplyMigrations(Connection& conn, std::span<const Migration> migrations) {
  bool done = false;
  while (!done) SAMIZDAT_RETURN_IF_ERROR(ApplyNext(conn, migrations, done));
  return Status::Ok();
}

}  // namespace samizdat::store::postgres
