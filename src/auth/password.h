// Passwords and random secrets, through libsodium: argon2id hashes, constant-time
// verification, and random tokens for first-run passwords and (later) sessions.
// All functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::auth {

// An argon2id hash in libsodium's encoded form (salt and parameters included).
// Internal if libsodium cannot allocate the memory argon2id asks for.
Result<std::string> HashPassword(std::string_view password);

// True if `password` matches `encoded_hash`; false for a wrong password or a malformed
// hash. Takes the same time whatever the answer.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

// `length` characters drawn uniformly from [A-Za-z0-9] by a CSPRNG.
std::string RandomPassword(std::size_t length);

}  // namespace samizdat::auth
