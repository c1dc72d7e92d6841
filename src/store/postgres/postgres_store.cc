// Opening the PostgreSQL store (the first connection, migrations, the pool and the change
// listener), and how its reads and writes run.
#include "store/postgres/postgres_store.h"

#include <memory>

#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"
#include "store/sql/migrations.h"

namespace samizdat::store {

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  return postgres::PostgresStore::Open(url, /*snapshot=*/false);
}

Result<std::unique_ptr<Store>> OpenPostgresSnapshot(const std::string& url) {
  return postgres::PostgresStore::Open(url, /*snapshot=*/true);
}

namespace postgres {
namespace {

// Connections a store keeps at most: enough for a server's threads and the CLI, well
// under PostgreSQL's default of 100 for a few nodes.
constexpr int kMaxConnections = 16;

// The pool's opener: a plain connection, or for a snapshot store its one connection with
// the snapshot's transaction begun (the snapshot is taken at its first query); a second
// one would see a newer state, so it is refused.
sql::Pool::Opener Opener(const std::string& url, bool snapshot) {
  auto opened_once = std::make_shared<bool>(false);
  return [url, snapshot, opened_once]() -> Result<std::unique_ptr<sql::Connection>> {
    if (snapshot && *opened_once) {
      return Status::Unavailable(
          "the PostgreSQL connection holding the snapshot was lost; start again");
    }
    Result<std::unique_ptr<Connection>> opened = Connection::Open(url);
    if (!opened.ok()) return opened.status();
    if (snapshot) {
      *opened_once = true;
      SAMIZDAT_RETURN_IF_ERROR((*opened)->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    }
    return std::unique_ptr<sql::Connection>(std::move(*opened));
  };
}

}  // namespace

Result<std::unique_ptr<Store>> PostgresStore::Open(const std::string& url, bool snapshot) {
  Result<std::unique_ptr<Connection>> first = Connection::Open(url);
  if (!first.ok()) return first.status();
  Status migrated = ApplyMigrations(**first, EmbeddedMigrations());
  if (!migrated.ok()) return migrated.WithContext("PostgreSQL");
  return std::unique_ptr<Store>(std::make_unique<PostgresStore>(url, snapshot));
}

PostgresStore::PostgresStore(const std::string& url, bool snapshot)
    : snapshot_(snapshot),
      pool_(Opener(url, snapshot), snapshot ? 1 : kMaxConnections),
      listener_(url) {}

Status PostgresStore::RunRead(Body body) {
  for (int attempt = 0;; ++attempt) {
    Result<sql::Pool::Lease> lease = pool_.Borrow();
    if (!lease.ok()) return lease.status();
    Status result = body(**lease);
    // A pooled connection that died with the server: retry once on a fresh one.
    if (!result.ok() && attempt == 0 && (*lease)->Broken()) {
      pool_.DropIdle();
      continue;
    }
    return result;
  }
}

Result<PostgresStore::Begun> PostgresStore::Begin() {
  if (snapshot_) return Status::InvalidArgument("a snapshot of the database is read-only");
  for (int attempt = 0;; ++attempt) {
    Result<sql::Pool::Lease> lease = pool_.Borrow();
    if (!lease.ok()) return lease.status();
    Result<sql::Transaction> tx = sql::Transaction::Begin(**lease);
    if (tx.ok()) return Begun{std::move(*lease), std::move(*tx)};
    if (attempt > 0 || !(*lease)->Broken()) return tx.status();
    pool_.DropIdle();
  }
}

Status PostgresStore::Commit(sql::Transaction& tx) {
  SAMIZDAT_RETURN_IF_ERROR(tx.Commit(std::string("NOTIFY ") + kChangeChannel));
  listener_.NoteLocalWrite();
  return Status::Ok();
}

void PostgresStore::CommitGroup(std::span<sql::PendingWrite* const> group) {
  std::shared_lock batch(bulk_mu_);
  Result<Begun> begun = Begin();
  if (!begun.ok()) {
    for (sql::PendingWrite* write : group) write->status = begun.status();
    return;
  }
  if (!sql::RunWrites(*begun->lease, group)) return;  // ~Transaction rolls back
  sql::SetCommitOutcome(group, Commit(begun->tx));
}

Result<bool> PostgresStore::LockPublishing(sql::Connection& conn, int64_t blog_id) {
  // Two int4 keys made of the blog id's halves: a key space apart from the single int8
  // keys (the migrations' lock).
  const uint64_t id = static_cast<uint64_t>(blog_id);
  bool found = false;
  Result<sql::Rows> locked =
      conn.First("SELECT pg_try_advisory_xact_lock($1::int4, $2::int4)",
                 sql::Params()
                     .Add(static_cast<int64_t>(static_cast<int32_t>(id >> 32)))
                     .Add(static_cast<int64_t>(static_cast<int32_t>(id & 0xffffffffu))),
                 &found);
  if (!locked.ok()) return locked.status();
  return found && locked->Bool(0);
}

}  // namespace postgres
}  // namespace samizdat::store
