// SqliteStore: the engine of the Store over one SQLite file (the queries are
// sql::SqlStore's). Private to store/sqlite/; the rest of the program reaches it through
// OpenSqliteStore() and the Store interface.
//
// Connections: one writer, used under writer_mu_; a pool of readers, each read running in
// its own snapshot so it never waits for the writer. Writes are group-committed: they
// line up in a WriteQueue, and its leader runs every write waiting in one BEGIN IMMEDIATE
// … COMMIT (one fsync), each write in a savepoint of its own, so that one that fails is
// rolled back alone while the others commit.
// The change tracker's poll thread borrows the writer when it is idle; a store copy or
// import batch holds it (writer_mu_ locked) from BeginCopy() until it commits or is
// destroyed (bulk_load.cc). Full-text search is FTS5's (search.cc).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/sql/pool.h"
#include "store/sql/sql_store.h"
#include "store/sql/write_queue.h"
#include "store/sqlite/change_tracker.h"
#include "store/sqlite/connection.h"

namespace samizdat::store::sqlite {

class SqliteStore final : public sql::SqlStore {
 public:
  // kReadOnly: OpenSqliteStoreReadOnly (the "writer" only reads; writes fail).
  static Result<std::unique_ptr<Store>> Open(const std::string& path, Connection::Access access);

  SqliteStore(std::string path, Connection::Access access, std::unique_ptr<Connection> writer);

  Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query, int limit,
                                        int offset) override;
  Result<int> CountSearch(int64_t blog_id, std::string_view query) override;

  Result<std::unique_ptr<StoreCopy>> BeginCopy() override;

  uint64_t ChangeStamp() override { return tracker_.Stamp(); }

 private:
  // On a borrowed reader inside one read snapshot (BEGIN … ROLLBACK).
  Status RunRead(Body body) override;
  // Through the write queue: committed with the writes waiting beside it.
  Status RunWrite(Body body) override { return write_queue_.Submit(body); }
  // The write queue's committer: the group in one transaction on the writer, under
  // writer_mu_.
  void CommitGroup(std::span<sql::PendingWrite* const> group);

  // PRAGMA data_version on the writer if no write is running (the tracker's probe).
  std::optional<int64_t> WriterDataVersion();

  friend class SqliteBulkLoad;  // bulk_load.cc: holds writer_mu_ while it lives

  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mu_
  // The readers, so that reads never queue behind the writer (each reads its own WAL
  // snapshot); as many as the threads reading at once.
  sql::Pool readers_;
  sql::WriteQueue write_queue_{
      [this](std::span<sql::PendingWrite* const> group) { CommitGroup(group); }};
  ChangeTracker tracker_;  // last: its thread stops first
};

}  // namespace samizdat::store::sqlite
