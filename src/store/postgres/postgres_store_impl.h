// PostgresStore: the Store over one PostgreSQL database. Private to store/postgres/; the
// rest of the program reaches it through OpenPostgresStore() and the Store interface.
//
// Connections: every call borrows one from the pool for its duration. A write runs in one
// READ COMMITTED transaction that ends with NOTIFY samizdat_changes; writes of one blog
// are serialized by locking the blog's row (UPDATE blogs … first, or SELECT … FOR
// UPDATE), so counters and checks cannot be raced by another node. A read is one
// statement outside any transaction (one snapshot): a post's labels come with it as a
// text[] column (kPostLabelsColumn), not from a second query.
// The methods are split by subject over blog_queries.cc, post_reads.cc, post_writes.cc,
// search.cc, comment_queries.cc, user_queries.cc, session_queries.cc, revision_queries.cc,
// media_queries.cc and bulk_writer.cc.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/id_source.h"
#include "store/postgres/change_listener.h"
#include "store/postgres/connection.h"
#include "store/postgres/pool.h"
#include "store/sql/sql_store.h"
#include "store/store.h"

namespace samizdat::store::postgres {

class PostgresStore final : public sql::SqlStore {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& url);

  explicit PostgresStore(const std::string& url);

  Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query, int limit,
                                        int offset) override;
  Result<int> CountSearch(int64_t blog_id, std::string_view query) override;

  Result<std::unique_ptr<StoreCopy>> BeginCopy() override;

  uint64_t ChangeStamp() override { return listener_.Stamp(); }

 private:
  // A transaction-scoped advisory lock per blog (pg_try_advisory_xact_lock): another node
  // publishing the blog holds it, and this one leaves the posts to it rather than wait.
  Result<bool> LockPublishing(sql::Connection& conn, int64_t blog_id) override;
  Status RunRead(Body body) override {
    return Read([&](Connection& conn) { return body(conn); });
  }
  Status RunWrite(Body body) override {
    return Write([&](Connection& conn) { return body(conn); });
  }

  // Runs fn(Connection&) -> Status or Result<T> on a borrowed connection inside one write
  // transaction; commits (with the NOTIFY) if fn succeeded, rolls back otherwise. After a
  // lost server the pooled connections are dead: when the first one borrowed fails its
  // BEGIN that way, the idle ones are dropped and one retry runs on a fresh connection.
  template <typename Fn>
  auto Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>()));
  // Runs fn(Connection&) on a borrowed connection, outside any transaction: every read is
  // one statement. Retries once, like Write(), on a connection that died with the server.
  template <typename Fn>
  auto Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>()));


  friend class PostgresBulkLoad;  // bulk_load.cc: holds bulk_mu_ exclusively

  ConnectionPool pool_;
  // Writes hold it shared; a BulkWriter holds it exclusively while it lives, so the other
  // writers of this store wait for the batch (as with SQLite's one writer).
  std::shared_mutex bulk_mu_;
  ChangeListener listener_;  // last: its thread stops first
};

template <typename Fn>
auto PostgresStore::Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  std::shared_lock batch(bulk_mu_);
  for (int attempt = 0;; ++attempt) {
    Result<ConnectionPool::Lease> lease = pool_.Borrow();
    if (!lease.ok()) return R(lease.status());
    Result<Transaction> tx = Transaction::Begin(**lease);
    if (!tx.ok()) {
      if (attempt == 0 && (*lease)->Broken()) {
        pool_.DropIdle();
        continue;
      }
      return R(tx.status());
    }
    R result = fn(**lease);
    if (!result.ok()) return result;  // ~Transaction rolls back
    Status committed = tx->Commit(std::string("NOTIFY ") + kChangeChannel);
    if (!committed.ok()) return R(committed);
    listener_.NoteLocalWrite();
    return result;
  }
}

template <typename Fn>
auto PostgresStore::Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  for (int attempt = 0;; ++attempt) {
    Result<ConnectionPool::Lease> lease = pool_.Borrow();
    if (!lease.ok()) return R(lease.status());
    R result = fn(**lease);
    // A pooled connection that died with the server: retry once on a fresh one.
    if (!result.ok() && attempt == 0 && (*lease)->Broken()) {
      pool_.DropIdle();
      continue;
    }
    return result;
  }
}

}  // namespace samizdat::store::postgres
