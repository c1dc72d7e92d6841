// Whole-file copies of a SQLite store (samizdat backup and restore), made with SQLite's
// online backup API, and the checks a file must pass to be restored.
#pragma once

#include <string>

#include "core/status.h"

namespace samizdat::store {

// Writes to `target` (a new file; nothing must exist there) a copy of the database at
// `source` as it was at one moment, while other connections and processes may keep
// writing to it: the copy is read in one read transaction (a WAL snapshot, so writers are
// not held up), media included (they live in the database). The copy is a single
// self-contained file in rollback-journal mode, synced to disk before this returns.
// `source` is only read; it must exist.
//
// Errors: NotFound when `source` does not exist; Internal (with SQLite's message and the
// path) when either file cannot be opened, read or written; Unavailable when the source
// stays locked past the busy timeout (5 s). On error `target` may hold a partial file:
// the caller writes to a temporary name and removes it.
Status CopySqliteDatabase(const std::string& source, const std::string& target);

// The schema version of a backup, and this binary's (newest) one.
struct BackupSchema {
  int found = 0;
  int current = 0;
};

// Checks that `path` is a samizdat database this binary can restore: a SQLite file
// holding samizdat's schema_version table (its first migration as this binary names it),
// at a schema version no newer than this binary's, that passes PRAGMA integrity_check.
// Only reads the file. Returns its schema version (an older one is upgraded when the
// restored copy is opened by OpenSqliteStore).
//
// Errors, each naming `path`: NotFound when there is no such file; InvalidArgument when
// it is not a SQLite database, holds no samizdat schema, was written by a newer samizdat,
// or fails the integrity check (with SQLite's first complaint).
Result<BackupSchema> CheckSqliteBackup(const std::string& path);

}  // namespace samizdat::store
