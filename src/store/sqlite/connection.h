// RAII over SQLite's C handles: a Connection owns one sqlite3* and a cache of prepared
// statements keyed by SQL text, and is the SQLite side of sql::Connection (queries in
// PostgreSQL's spelling, translated once when prepared; a statement is reset when its
// sql::Rows end).
//
// Thread safety: none. A Connection (and the Rows it returns) is used by one thread at a
// time; the store hands connections out under a mutex (writer) or through its sql::Pool.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/status.h"
#include "store/sql/connection.h"

namespace samizdat::store::sqlite {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// The Status for a failed SQLite call: Unavailable for BUSY/LOCKED (another process holds
// the lock past the busy timeout), Conflict for a UNIQUE or PRIMARY KEY violation,
// NotFound for a FOREIGN KEY violation (the row referred to does not exist), Internal
// otherwise. The message is `what` followed by SQLite's own message.
Status SqliteError(sqlite3* db, int rc, std::string_view what);

// The statement text SQLite runs for `sql` written in PostgreSQL's spelling
// (store/sql/connection.h): $n -> ?n, "= ANY($n)" -> "IN (SELECT value FROM json_each(?n))"
// and "unnest($n::text[]) AS x" -> "(SELECT value AS x FROM json_each(?n)) AS x" (list
// parameters travel as JSON arrays), GREATEST( -> MAX(, " FOR UPDATE" dropped (the
// writer's BEGIN IMMEDIATE already holds the lock), COLLATE "C" -> COLLATE BINARY. Quoted
// literals are left alone.
std::string TranslateSql(std::string_view sql);

class Connection final : public sql::Connection {
 public:
  enum class Access {
    kReadWrite,
    // Never writes, never creates: the file is opened read-only (mode=ro). When WAL
    // reading needs a -shm file this process cannot make (a directory it may only read)
    // and there is no -wal file with commits in it, the file is opened immutable instead
    // (no locks, no -shm: it must not change while the connection is open).
    kReadOnly,
  };

  // Opens `path` (creating the file) and sets what every connection of the store needs:
  // WAL journal, foreign keys, synchronous=FULL (an acknowledged commit survives power
  // loss), a 5 s busy timeout, no memory map. Internal on failure;
  // Unavailable if the database stays locked past the busy timeout. With kReadOnly (see
  // above), InvalidArgument when the file does not exist or cannot be read (naming it and
  // saying why); writes through the connection then fail (Internal).
  static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                  Access access = Access::kReadWrite);
  // Takes an open handle; Open() is the way to get one set up properly.
  explicit Connection(DbHandle db);

  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows (migrations, pragmas).
  Status Exec(const std::string& sql) override;
  const sql::Dialect& dialect() const override;
  bool InTransaction() const override { return sqlite3_get_autocommit(db_.get()) == 0; }
  // sql::Connection: `sql` is translated (TranslateSql) and prepared once.
  Result<sql::Rows> Query(std::string_view sql, const sql::Params& params) override;
  sqlite3* handle() const { return db_.get(); }

 private:
  class Cached;  // a prepared statement, and the cursor sql::Rows read it through

  DbHandle db_;
  // Declared after db_, so the statements are finalized before the connection closes.
  std::unordered_map<std::string, std::unique_ptr<Cached>, sql::TextHash, std::equal_to<>> cache_;
};

}  // namespace samizdat::store::sqlite
