// The migrations of store/migrations/postgres/, embedded at build time (the runner is
// store/sql/migrations.h's ApplyMigrations).
#pragma once

#include <span>

#include "store/sql/migrations.h"

namespace samizdat::store::postgres {

using sql::ApplyMigrations;
using sql::Migration;

// Every migration this binary knows, in version order (generated .cc).
std::span<const Migration> EmbeddedMigrations();

}  // namespace samizdat::store::postgres
