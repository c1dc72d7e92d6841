// SqliteStore: the Store over one SQLite file. Private to store/sqlite/; the rest of the
// program reaches it through OpenSqliteStore() and the Store interface.
//
// Connections: one writer, used under writer_mu_ inside BEGIN IMMEDIATE … COMMIT; a pool
// of readers, each read running in its own snapshot so it never waits for the writer.
// The change tracker's poll thread borrows the writer when it is idle; a BulkWriter holds
// it (writer_mu_ locked) from BeginBulk() until it commits or is destroyed. The methods
// are split by subject over blog_queries.cc, post_reads.cc, post_writes.cc, search.cc,
// comment_queries.cc, user_queries.cc, session_queries.cc, revision_queries.cc,
// media_queries.cc and bulk_writer.cc (imports, redirects).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/id_source.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/change_tracker.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/reader_pool.h"
#include "store/store.h"

namespace samizdat::store::sqlite {

class SqliteStore final : public sql::SqlStore {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& path);

  SqliteStore(std::string path, std::unique_ptr<Connection> writer);

  Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query, int limit,
                                        int offset) override;
  Result<int> CountSearch(int64_t blog_id, std::string_view query) override;

  Result<std::unique_ptr<StoreCopy>> BeginCopy() override;

  uint64_t ChangeStamp() override { return tracker_.Stamp(); }

 private:
  Status RunRead(Body body) override {
    return Read([&](Connection& conn) { return body(conn); });
  }
  Status RunWrite(Body body) override {
    return Write([&](Connection& conn) { return body(conn); });
  }

  // Runs fn(Connection&) -> Status or Result<T> on the writer inside one write
  // transaction; commits if fn succeeded, rolls back otherwise.
  template <typename Fn>
  auto Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>()));
  // Runs fn(Connection&) on a borrowed reader inside one read snapshot.
  template <typename Fn>
  auto Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>()));

  // PRAGMA data_version on the writer if no write is running (the tracker's probe).
  std::optional<int64_t> WriterDataVersion();

  friend class SqliteBulkLoad;  // bulk_load.cc: holds writer_mu_ while it lives

  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mu_
  ReaderPool readers_;
  ChangeTracker tracker_;  // last: its thread stops first
};

template <typename Fn>
auto SqliteStore::Write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  std::lock_guard lock(writer_mu_);
  Result<Transaction> tx = Transaction::Begin(*writer_, Transaction::Mode::kWrite);
  if (!tx.ok()) return R(tx.status());
  R result = fn(*writer_);
  if (!result.ok()) return result;  // ~Transaction rolls back
  Status committed = tx->Commit();
  if (!committed.ok()) return R(committed);
  tracker_.NoteLocalWrite();
  return result;
}

template <typename Fn>
auto SqliteStore::Read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  Result<ReaderPool::Lease> lease = readers_.Borrow();
  if (!lease.ok()) return R(lease.status());
  Result<Transaction> tx = Transaction::Begin(**lease, Transaction::Mode::kRead);
  if (!tx.ok()) return R(tx.status());
  return fn(**lease);  // ~Transaction ends the snapshot (nothing to commit)
}

}  // namespace samizdat::store::sqlite
