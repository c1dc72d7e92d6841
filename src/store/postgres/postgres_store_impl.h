// PostgresStore: the engine of the Store over one PostgreSQL database (the queries are
// sql::SqlStore's). Private to store/postgres/; the rest of the program reaches it through
// OpenPostgresStore() and the Store interface.
//
// Connections: every call borrows one from the pool for its duration. A write runs in one
// READ COMMITTED transaction that ends with NOTIFY samizdat_changes; writes of one blog
// are serialized by locking the blog's row (UPDATE blogs … first, or SELECT … FOR
// UPDATE), so counters and checks cannot be raced by another node. A snapshot store
// (backups) has one connection, kept in one REPEATABLE READ transaction, and no writes. A read is
// one statement outside any transaction (one snapshot): a post's labels come with it as a text[]
// column (Dialect::post_labels), not from a second query. Full-text search is the posts' tsvector
// (search.cc); a store copy or import batch is bulk_load.cc.
#pragma once

#include <memory>
#include <shared_mutex>
#include <string>

#include "store/postgres/change_listener.h"
#include "store/postgres/connection.h"
#include "store/sql/pool.h"
#include "store/sql/sql_store.h"
#include "store/sql/transaction.h"
#include "store/sql/write_queue.h"

namespace samizdat::store::postgres {

class PostgresStore final : public sql::SqlStore {
 public:
  // A snapshot store (OpenPostgresSnapshot) when `snapshot`.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, bool snapshot);

  PostgresStore(const std::string& url, bool snapshot);

  Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query, int limit,
                                        int offset) override;
  Result<int> CountSearch(int64_t blog_id, std::string_view query) override;

  Result<std::unique_ptr<StoreCopy>> BeginCopy() override;

  uint64_t ChangeStamp() override { return listener_.Stamp(); }

 private:
  // A transaction-scoped advisory lock per blog (pg_try_advisory_xact_lock): another node
  // publishing the blog holds it, and this one leaves the posts to it rather than wait.
  Result<bool> LockPublishing(sql::Connection& conn, int64_t blog_id) override;
  // On a borrowed connection, outside any transaction: every read is one statement.
  // After a lost server the pooled connections are dead: when the first one borrowed
  // fails that way, the idle ones are dropped and one retry runs on a fresh connection.
  Status RunRead(Body body) override;
  // Through the write queue: committed with the writes waiting beside it, in one
  // transaction on a borrowed connection, with the NOTIFY (sql/write_queue.h says why).
  Status RunWrite(Body body) override { return write_queue_.Submit(body); }
  // The write queue's committer; the BEGIN is retried once as RunRead is when it fails on
  // a dead connection.
  void CommitGroup(std::span<sql::PendingWrite* const> group);

  // A pooled connection with a transaction begun on it (the transaction ends first).
  struct Begun {
    sql::Pool::Lease lease;
    sql::Transaction tx;
  };
  // Borrows a connection and begins a transaction, retried once as RunRead is.
  // InvalidArgument on a snapshot store, whose one connection stays in its snapshot.
  Result<Begun> Begin();
  // Commits `tx` with the NOTIFY that tells every node, and notes the write here.
  Status Commit(sql::Transaction& tx);

  friend class PostgresBulkLoad;  // bulk_load.cc: holds bulk_mu_ exclusively

  const bool snapshot_;
  // For a snapshot store: one connection, opened once, in its snapshot transaction.
  sql::Pool pool_;
  // Writes hold it shared; a store copy or import batch holds it exclusively while it
  // lives, so the other writers of this store wait for the batch (as with SQLite's one
  // writer).
  std::shared_mutex bulk_mu_;
  sql::WriteQueue write_queue_{
      [this](std::span<sql::PendingWrite* const> group) { CommitGroup(group); }};
  ChangeListener listener_;  // last: its thread stops first
};

}  // namespace samizdat::store::postgres
