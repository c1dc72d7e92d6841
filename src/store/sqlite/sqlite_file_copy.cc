// CopySqliteDatabase (sqlite3_backup_*) and CheckSqliteBackup.
#include "store/sqlite/sqlite_file_copy.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>

#include "store/sql/migrations.h"
#include "store/sqlite/connection.h"

namespace samizdat::store {
namespace {

using sqlite::DbHandle;
using sqlite::SqliteError;
using sqlite::StmtHandle;

struct BackupFinisher {
  void operator()(sqlite3_backup* backup) const { sqlite3_backup_finish(backup); }
};
using BackupHandle = std::unique_ptr<sqlite3_backup, BackupFinisher>;

Result<DbHandle> OpenFile(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);  // allocated even when the open fails
  if (rc != SQLITE_OK) return SqliteError(db.get(), rc, "cannot open " + path);
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

Status Exec(sqlite3* db, const char* sql, const std::string& path) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : SqliteError(db, rc, path);
}

// The first column of the first row `sql` returns, as text; nullopt when it returns no
// row. SQLite's result code on failure, in `rc`.
std::optional<std::string> FirstText(sqlite3* db, const char* sql, int& rc) {
  sqlite3_stmt* raw = nullptr;
  rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  StmtHandle stmt(raw);
  if (rc != SQLITE_OK) return std::nullopt;
  rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_DONE) {
    rc = SQLITE_OK;
    return std::nullopt;
  }
  if (rc != SQLITE_ROW) return std::nullopt;
  rc = SQLITE_OK;
  const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
  return std::string(text != nullptr ? reinterpret_cast<const char*>(text) : "");
}

Status NotABackup(const std::string& path, const std::string& why) {
  return Status::InvalidArgument(path + " is not a samizdat backup: " + why);
}

}  // namespace

Status CopySqliteDatabase(const std::string& source, const std::string& target) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(source, ec)) {
    return Status::NotFound("there is no SQLite database at " + source);
  }
  // As a read-only command reads: a database in a directory this process may not write
  // can still be backed up.
  auto from = sqlite::Connection::Open(source, sqlite::Connection::Access::kReadOnly);
  if (!from.ok()) return from.status();
  Result<DbHandle> to = OpenFile(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to.ok()) return to.status();
  {
    BackupHandle backup(sqlite3_backup_init(to->get(), "main", (*from)->handle(), "main"));
    if (backup == nullptr) {
      return SqliteError(to->get(), sqlite3_errcode(to->get()), "cannot copy to " + target);
    }
    // Every page in one step: one read transaction on the source, hence one snapshot.
    const int rc = sqlite3_backup_step(backup.get(), -1);
    if (rc != SQLITE_DONE) {
      return SqliteError(nullptr, rc, "cannot copy " + source + " to " + target);
    }
  }
  // The pages carry the source's WAL mode; a backup is one file, with no -wal beside it.
  // synchronous=FULL (the default in this mode) syncs the file as the change commits.
  return Exec(to->get(), "PRAGMA journal_mode = DELETE", target);
}

Result<BackupSchema> CheckSqliteBackup(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound("there is no file " + path);
  }
  auto opened = sqlite::Connection::Open(path, sqlite::Connection::Access::kReadOnly);
  if (!opened.ok()) return NotABackup(path, opened.status().message());
  sqlite3* db = (*opened)->handle();
  int rc = SQLITE_OK;
  std::optional<std::string> first =
      FirstText(db, "SELECT name FROM schema_version WHERE version = 1", rc);
  const std::span<const sql::Migration> known = sqlite::EmbeddedMigrations();
  if (rc != SQLITE_OK || !first || known.empty() || *first != known.front().name) {
    return NotABackup(path, "it is a SQLite database without samizdat's tables");
  }
  std::optional<std::string> version = FirstText(db, "SELECT MAX(version) FROM schema_version", rc);
  if (rc != SQLITE_OK || !version) return SqliteError(db, rc, path);
  const int found = std::stoi(*version);
  if (found > known.back().version) {
    return Status::InvalidArgument(path + " was written by a newer samizdat (schema version " +
                                   *version + "; this one knows up to " +
                                   std::to_string(known.back().version) +
                                   "): restore it with a newer samizdat");
  }
  std::optional<std::string> integrity = FirstText(db, "PRAGMA integrity_check", rc);
  if (rc != SQLITE_OK || integrity != "ok") {
    return Status::InvalidArgument(path + " is damaged (PRAGMA integrity_check: " +
                                   (integrity ? *integrity : std::string(sqlite3_errstr(rc))) +
                                   ")");
  }
  return BackupSchema{.found = found, .current = known.back().version};
}

}  // namespace samizdat::store
