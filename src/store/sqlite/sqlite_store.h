// The SQLite backend of Store: one database file in WAL mode, foreign keys on, schema
// kept current by numbered migrations (store/migrations/sqlite/NNNN_name.sql, embedded).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace samizdat::store {

// Opens the database at `path`, creating the file and applying pending migrations.
// Internal (with SQLite's message) if the file cannot be opened or migrated;
// Unavailable if another process holds a write lock for longer than the busy timeout.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace samizdat::store
