// Opening the SQLite store (the writer connection, migrations, the change tracker), and
// how its reads and writes run.
#include "store/sqlite/sqlite_store.h"

#include "store/row_mapping.h"
#include "store/sql/migrations.h"
#include "store/sql/transaction.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  return sqlite::SqliteStore::Open(path, sqlite::Connection::Access::kReadWrite);
}

Result<std::unique_ptr<Store>> OpenSqliteStoreReadOnly(const std::string& path) {
  return sqlite::SqliteStore::Open(path, sqlite::Connection::Access::kReadOnly);
}

namespace sqlite {

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path,
                                                 Connection::Access access) {
  Result<std::unique_ptr<Connection>> writer = Connection::Open(path, access);
  if (!writer.ok()) return writer.status();
  Status migrated = access == Connection::Access::kReadOnly
                        ? sql::CheckMigrated(**writer, EmbeddedMigrations())
                        : ApplyMigrations(**writer, EmbeddedMigrations());
  if (!migrated.ok()) return migrated.WithContext(path);
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(path, access, std::move(*writer)));
}

SqliteStore::SqliteStore(std::string path, Connection::Access access,
                         std::unique_ptr<Connection> writer)
    : writer_(std::move(writer)),
      readers_(
          [path, access]() -> Result<std::unique_ptr<sql::Connection>> {
            Result<std::unique_ptr<Connection>> reader = Connection::Open(path, access);
            if (!reader.ok()) return reader.status();
            SAMIZDAT_RETURN_IF_ERROR((*reader)->Exec("PRAGMA query_only = ON"));
            return std::unique_ptr<sql::Connection>(std::move(*reader));
          },
          /*max_connections=*/0),
      tracker_(path, [this] { return WriterDataVersion(); }) {}

std::optional<int64_t> SqliteStore::WriterDataVersion() {
  // try_lock: a running write is never delayed by the poll; the next tick looks again.
  std::unique_lock lock(writer_mu_, std::try_to_lock);
  if (!lock.owns_lock()) return std::nullopt;
  Result<int64_t> version = writer_->Int64("PRAGMA data_version", sql::Params());
  if (!version.ok()) return std::nullopt;
  return *version;
}

Status SqliteStore::RunRead(Body body) {
  Result<sql::Pool::Lease> lease = readers_.Borrow();
  if (!lease.ok()) return lease.status();
  Result<sql::Transaction> tx = sql::Transaction::Begin(**lease);
  if (!tx.ok()) return tx.status();
  return body(**lease);  // ~Transaction ends the snapshot (nothing to commit)
}

void SqliteStore::CommitGroup(std::span<sql::PendingWrite* const> group) {
  std::lock_guard lock(writer_mu_);
  Result<sql::Transaction> tx = sql::Transaction::Begin(*writer_, "BEGIN IMMEDIATE");
  if (!tx.ok()) {
    for (sql::PendingWrite* write : group) write->status = tx.status();
    return;
  }
  if (!sql::RunWrites(*writer_, group)) return;  // ~Transaction rolls back
  const Status committed = tx->Commit();
  sql::SetCommitOutcome(group, committed);
  if (committed.ok()) tracker_.NoteLocalWrite();
}

}  // namespace sqlite
}  // namespace samizdat::store
