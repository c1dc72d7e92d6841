// Opening the SQLite store: the writer connection, migrations, the change tracker; and
// the helpers every write shares.
#include "store/sqlite/sqlite_store.h"

#include "store/row_mapping.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  return sqlite::SqliteStore::Open(path);
}

namespace sqlite {

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path) {
  Result<std::unique_ptr<Connection>> writer = Connection::Open(path);
  if (!writer.ok()) return writer.status();
  Status migrated = ApplyMigrations(**writer, EmbeddedMigrations());
  if (!migrated.ok()) return migrated.WithContext(path);
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(path, std::move(*writer)));
}

SqliteStore::SqliteStore(std::string path, std::unique_ptr<Connection> writer)
    : writer_(std::move(writer)),
      readers_(path),
      tracker_(path, [this] { return WriterDataVersion(); }) {}

std::optional<int64_t> SqliteStore::WriterDataVersion() {
  // try_lock: a running write is never delayed by the poll; the next tick looks again.
  std::unique_lock lock(writer_mu_, std::try_to_lock);
  if (!lock.owns_lock()) return std::nullopt;
  Result<Statement> query = writer_->Prepare("PRAGMA data_version");
  if (!query.ok()) return std::nullopt;
  Result<bool> row = query->Step();
  if (!row.ok() || !*row) return std::nullopt;
  return query->Int64(0);
}

}  // namespace sqlite
}  // namespace samizdat::store
