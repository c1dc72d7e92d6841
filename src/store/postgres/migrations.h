// Versioned schema migrations: the numbered SQL files of store/migrations/postgres/,
// embedded at build time, applied in order and recorded in the schema_version table.
// Their numbers follow the SQLite ones: version N is the same schema in both dialects.
#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "store/postgres/connection.h"

namespace samizdat::store::postgres {

struct Migration {
  int version;            // NNNN of NNNN_name.sql; versions run 1, 2, 3… without gaps
  std::string_view name;  // "initial"
  std::string_view sql;   // the file's text
};

// Every migration this binary knows, in version order (generated .cc).
std::span<const Migration> EmbeddedMigrations();

// Brings the database on `conn` up to the newest embedded version. Each pending migration
// runs in its own transaction together with its schema_version row, under an advisory
// lock, so nodes starting at the same moment apply each migration once.
// InvalidArgument, naming both versions, if the database was written by a newer
// samizdat; Internal if a migration fails; Unavailable if the server cannot be reached.
Status ApplyMigrations(Connection& conn, std::span<const Migration> migrations);

}  // namespace samizdat::store::postgres
