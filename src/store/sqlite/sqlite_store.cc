// Opening the SQLite store: the writer connection, migrations, the change tracker; and
// the helpers every write shares.
#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/migrations.h"
#include "store/sqlite/rows.h"
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
  if (!migrated.ok()) return WithContext(migrated, path);
  Result<std::unique_ptr<Connection>> poll = Connection::Open(path);
  if (!poll.ok()) return poll.status();
  return std::unique_ptr<Store>(
      std::make_unique<SqliteStore>(path, std::move(*writer), std::move(*poll)));
}

SqliteStore::SqliteStore(std::string path, std::unique_ptr<Connection> writer,
                         std::unique_ptr<Connection> poll)
    : writer_(std::move(writer)), readers_(path), tracker_(path, std::move(poll)) {}

Status SqliteStore::BumpGeneration(Connection& conn, int64_t blog_id) {
  Result<Statement> bump = conn.Prepare(
      "UPDATE blogs SET generation = generation + 1, updated_ms = ?2 WHERE id = ?1");
  if (!bump.ok()) return bump.status();
  SAMIZDAT_RETURN_IF_ERROR(bump->Bind(1, blog_id).Bind(2, NowMillis()).Run());
  if (conn.Changes() == 0) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  return Status::Ok();
}

}  // namespace sqlite
}  // namespace samizdat::store
