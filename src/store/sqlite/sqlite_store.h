// The SQLite backend of Store: one database file in WAL mode, foreign keys on, schema
// kept current by numbered migrations (store/migrations/sqlite/NNNN_name.sql, embedded).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace samizdat::store {

// Opens the database at `path`, creating the file and applying pending migrations (each
// in its own transaction; an older database is upgraded in place).
//
// Durability: synchronous=FULL, so a write that returned OK survives a crash or power
// loss; each write costs one fsync of the WAL. Concurrency: one writer connection under a
// mutex, a pool of reader connections (one per concurrently reading thread, kept until
// the Store is destroyed), and one background thread for ChangeStamp(), joined by the
// Store's destructor. Several processes may open the same file.
//
// Errors: InvalidArgument, naming both versions, if the file was written by a newer
// samizdat (its schema version is above every migration this binary holds; nothing is
// changed); Internal (with SQLite's message and the path) if the file cannot be opened
// or migrated; Unavailable if another process holds the write lock for longer than the
// busy timeout (5 s).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

// Opens the existing database at `path` read-only (sqlite::Connection::Access::kReadOnly),
// for commands that only read a file or directory this process may not write: nothing is
// created, migrated or locked for writing. Writes fail (Internal: SQLite's "attempt to
// write a readonly database"). Errors: InvalidArgument when there is no database at
// `path`, it cannot be read (with SQLite's reason), or its schema is not this binary's
// (an older one must first be upgraded by a process that may write it).
Result<std::unique_ptr<Store>> OpenSqliteStoreReadOnly(const std::string& path);

}  // namespace samizdat::store
