// The PostgreSQL backend of Store, for several samizdat nodes sharing one database: a
// pool of libpq connections with prepared statements, the schema kept current by
// numbered migrations (store/migrations/postgres/NNNN_name.sql, embedded), full-text
// search over a tsvector column, and LISTEN/NOTIFY so each node sees the others' writes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace samizdat::store {

// Whether `location` names a PostgreSQL database ("postgresql://…" or "postgres://…").
bool IsPostgresUrl(std::string_view location);

// Connects to the database at `url` (a libpq connection URI), applying pending
// migrations. The store keeps up to 16 connections, opened as calls need them, and one
// more that listens for the changes of other nodes.
//
// When the server goes away, calls fail with Unavailable and nothing changes; the store
// reconnects by itself on later calls, and ChangeStamp() moves once it is back.
//
// Errors: Unavailable (with libpq's message) if the server cannot be reached;
// InvalidArgument, naming both versions, if the database was written by a newer
// samizdat; Internal if a migration fails (say, the role may not create tables).
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

// A read-only store over the database at `url` as it was at the store's first read
// (samizdat backup): every call runs on one connection inside one REPEATABLE READ, READ
// ONLY transaction, so a whole-store copy read from it is consistent while other nodes
// keep writing. Calls are serialized on that connection. Writes fail (InvalidArgument,
// nothing written); once the connection is lost every later call fails (Unavailable)
// rather than read a newer state. Opening: as OpenPostgresStore.
Result<std::unique_ptr<Store>> OpenPostgresSnapshot(const std::string& url);

}  // namespace samizdat::store
