// The migration runner: schema_version bookkeeping, one transaction per migration.
#include "store/sql/migrations.h"

#include <algorithm>
#include <string>

#include "store/row_mapping.h"

namespace samizdat::store::sql {
namespace {

Status Refuse(int found, int known) {
  return Status::InvalidArgument("the database has schema version " + std::to_string(found) +
                                 ", newer than this samizdat understands (up to " +
                                 std::to_string(known) + "); run a newer samizdat on it");
}

// Within the transaction: reads the version and applies the next migration if one is
// pending. Sets `done` when nothing is left to apply.
Status ApplyNext(Connection& conn, std::span<const Migration> migrations, bool& done) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  SAMIZDAT_RETURN_IF_ERROR(
      conn.Exec("CREATE TABLE IF NOT EXISTS schema_version ("
                "  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)"));
  Result<int64_t> current =
      conn.Int64("SELECT COALESCE(MAX(version), 0) FROM schema_version", Params());
  if (!current.ok()) return current.status();
  const int version = static_cast<int>(*current);
  if (version > latest) return Refuse(version, latest);
  auto next = std::find_if(migrations.begin(), migrations.end(),
                           [&](const Migration& m) { return m.version > version; });
  if (next == migrations.end()) {
    done = true;
    return Status::Ok();
  }
  Status st = conn.Exec(std::string(next->sql));
  if (!st.ok()) {
    return Status::Internal("migration " + std::to_string(next->version) + " (" +
                            std::string(next->name) + ") failed: " + st.message());
  }
  return conn.Execute("INSERT INTO schema_version (version, name, applied_ms) VALUES ($1, $2, $3)",
                      Params().Add(next->version).Add(next->name).Add(NowMillis()));
}

}  // namespace

Status CheckMigrated(Connection& conn, std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  Result<int64_t> current =
      conn.Int64("SELECT COALESCE(MAX(version), 0) FROM schema_version", Params());
  if (!current.ok()) {
    return Status::InvalidArgument("it holds no samizdat schema (" + current.status().message() +
                                   ")");
  }
  const int version = static_cast<int>(*current);
  if (version > latest) return Refuse(version, latest);
  if (version < latest) {
    return Status::InvalidArgument(
        "the database has schema version " + std::to_string(version) +
        ", older than this "
        "samizdat's " +
        std::to_string(latest) +
        ", and may only be read here: upgrade it first by running samizdat on it as a user "
        "that may write it");
  }
  return Status::Ok();
}

Status ApplyMigrations(Connection& conn, std::span<const Migration> migrations) {
  bool done = false;
  while (!done) {
    SAMIZDAT_RETURN_IF_ERROR(conn.Exec(std::string(conn.dialect().begin_migration)));
    Status st = ApplyNext(conn, migrations, done);
    if (st.ok()) st = conn.Exec("COMMIT");
    if (!st.ok()) {
      (void)conn.Exec("ROLLBACK");  // fails harmlessly when the COMMIT or the server went
      return st;
    }
  }
  return Status::Ok();
}

}  // namespace samizdat::store::sql
