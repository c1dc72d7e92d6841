// Opening the PostgreSQL store: the first connection, migrations, the pool and the
// change listener; and the helpers every write shares.
#include "store/postgres/postgres_store.h"

#include "store/postgres/migrations.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store {

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  return postgres::PostgresStore::Open(url);
}

namespace postgres {
namespace {

// Connections a store keeps at most: enough for a server's threads and the CLI, well
// under PostgreSQL's default of 100 for a few nodes.
constexpr int kMaxConnections = 16;

}  // namespace

Result<std::unique_ptr<Store>> PostgresStore::Open(const std::string& url) {
  Result<std::unique_ptr<Connection>> first = Connection::Open(url);
  if (!first.ok()) return first.status();
  Status migrated = ApplyMigrations(**first, EmbeddedMigrations());
  if (!migrated.ok()) return migrated.WithContext("PostgreSQL");
  return std::unique_ptr<Store>(std::make_unique<PostgresStore>(url));
}

PostgresStore::PostgresStore(const std::string& url)
    : pool_(url, kMaxConnections), listener_(url) {}

}  // namespace postgres
}  // namespace samizdat::store
