// Versioned schema migrations: the numbered SQL files of store/migrations/sqlite/,
// embedded at build time, applied in order and recorded in the schema_version table.
#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "store/sqlite/connection.h"

namespace samizdat::store::sqlite {

struct Migration {
  int version;            // NNNN of NNNN_name.sql; versions run 1, 2, 3… without gaps
  std::string_view name;  // "initial"
  std::string_view sql;   // the file's text
};

// Every migration this binary knows, in version order (generated .cc).
std::span<const Migration> EmbeddedMigrations();

// Brings the database on `conn` up to the newest embedded version: each pending migration
// runs in its own write transaction together with its schema_version row, so a crash
// leaves the database at one version or the next, never between. Safe when several
// processes open the same file at once (the version is re-read under the write lock).
// InvalidArgument, naming both versions, if the database was written by a newer
// samizdat (its version is above every embedded one); Internal if a migration fails.
Status ApplyMigrations(Connection& conn, std::span<const Migration> migrations);

}  // namespace samizdat::store::sqlite
