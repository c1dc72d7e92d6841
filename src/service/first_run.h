// First start of a server on an empty database: a first blog with a welcome post, and
// an admin account whose random password is shown once.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

struct FirstRunResult {
  bool created_blog = false;
  // Set when an admin account was created: its email and the one-time password.
  std::optional<std::string> admin_email;
  std::optional<std::string> admin_password;
};

// Creates what is missing: the blog "localhost" with a welcome post when there is no
// blog, the admin account admin@localhost when there is no user. Does nothing (and
// returns an empty result) on a database that has both. Several servers may start on
// one fresh database at once: what another creates meanwhile counts as there (only
// the one that created the admin account gets its password).
Result<FirstRunResult> EnsureFirstRun(store::Store& store);

}  // namespace samizdat::service
