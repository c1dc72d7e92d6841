// Versioned schema migrations, for both engines: the numbered SQL files of
// store/migrations/<dialect>/, embedded at build time (each engine's EmbeddedMigrations(),
// below), applied in order and recorded in the schema_version table. Version N is the
// same schema in both dialects.
#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "store/sql/connection.h"

namespace samizdat::store::sql {

struct Migration {
  int version;            // NNNN of NNNN_name.sql; versions run 1, 2, 3… without gaps
  std::string_view name;  // "initial"
  std::string_view sql;   // the file's text
};

// Brings the database on `conn` up to the newest of `migrations` (in version order). Each
// pending migration runs in its own transaction together with its schema_version row,
// begun by Dialect::begin_migration (SQLite: the write lock; PostgreSQL: an advisory lock
// too), so a crash leaves the database at one version or the next, and processes or nodes
// starting at the same moment apply each migration once. InvalidArgument, naming both
// versions, if the database was written by a newer samizdat (its version is above every
// embedded one); Internal if a migration fails; Unavailable if the database is locked or
// cannot be reached.
Status ApplyMigrations(Connection& conn, std::span<const Migration> migrations);

// For a database that may only be read: OK when it is at the newest of `migrations`.
// InvalidArgument, naming both versions, when it is older (a process that may write it
// must upgrade it first) or newer; InvalidArgument when it holds no schema_version table.
Status CheckMigrated(Connection& conn, std::span<const Migration> migrations);

}  // namespace samizdat::store::sql

// Every migration this binary knows for each engine, in version order: the .cc files
// embed_migrations.cmake generates from store/migrations/sqlite/ and postgres/.
namespace samizdat::store::sqlite {
using sql::ApplyMigrations;
using sql::Migration;
std::span<const Migration> EmbeddedMigrations();
}  // namespace samizdat::store::sqlite

namespace samizdat::store::postgres {
using sql::ApplyMigrations;
using sql::Migration;
std::span<const Migration> EmbeddedMigrations();
}  // namespace samizdat::store::postgres
