// What every CLI command shares: the global options and the opened store. The
// composition root: the only place that names a Store backend.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace samizdat::app {

struct GlobalOptions {
  std::string data_dir = "./data";
  std::string db_url;     // postgresql://…: the shared database instead of DIR/samizdat.db
  std::string theme_dir;  // empty: the theme compiled into the binary
};

// Opens the PostgreSQL database at --db when one is given; otherwise creates
// the data directory if needed and opens DIR/samizdat.db. Either way the schema is
// migrated and then the post bodies (service::RefreshBodies), as the renderer needs.
// InvalidArgument, with nothing opened, when the SQLite database exists but this process
// may not write it or its directory (file modes, a read-only mount): the command would
// change it.
Result<std::unique_ptr<store::Store>> OpenStore(const GlobalOptions& options);

// For the commands that only read (blog list, post list, comment list, user list,
// export): OpenStore, unless the SQLite database exists and this process may not write
// it or its directory; then the database is opened read-only
// (store::OpenSqliteStoreReadOnly: nothing created, migrated or refreshed, post bodies as
// stored; an older schema is an error saying to upgrade it first).
Result<std::unique_ptr<store::Store>> OpenStoreToRead(const GlobalOptions& options);

// For a command that must leave nothing behind when it fails or only looks (import,
// import --dry-run): made before the store is opened, and destroyed after it is closed.
// When the SQLite database (DIR/samizdat.db) does not exist yet, the destructor removes
// the one the command made (its -wal, -shm and -journal files too, and the data
// directories the command made), unless Keep() was called. Does nothing for
// PostgreSQL (--db) or a database that existed.
class FreshDatabaseGuard {
 public:
  explicit FreshDatabaseGuard(const GlobalOptions& options);
  ~FreshDatabaseGuard();
  FreshDatabaseGuard(const FreshDatabaseGuard&) = delete;
  FreshDatabaseGuard& operator=(const FreshDatabaseGuard&) = delete;
  void Keep() { keep_ = true; }

 private:
  std::filesystem::path file_;               // empty: nothing to remove
  std::vector<std::filesystem::path> dirs_;  // the directories it did not find, innermost first
  bool keep_ = false;
};

// `url` as it may be shown (logs, messages): a password in it, as user:PASSWORD@ or as
// a password= parameter, replaced by "***". A URL that does not parse is not shown.
std::string RedactedUrl(std::string_view url);

// Prints "samizdat: error: <message>" on stderr; returns the process exit code (1).
int Fail(const Status& status);
int Fail(const std::string& message);

}  // namespace samizdat::app
