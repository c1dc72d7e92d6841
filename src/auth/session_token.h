// Sign-in session tokens and their CSRF tokens, through libsodium.
//
// The browser keeps a random token (its cookie); the server stores only its hash, so a
// copy of the database opens no session. Each session's CSRF token is a keyed hash of
// the stored hash under an instance key: any node holding the key recomputes it, and
// nobody without the key can forge one for a session they cannot read.
// All functions are pure (but for NewSessionToken's randomness) and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::auth {

// 32 random bytes as 64 lowercase hex digits.
std::string NewSessionToken();

// The hash the store keeps for `token`: BLAKE2b-256 as 64 lowercase hex digits.
std::string SessionTokenHash(std::string_view token);

// The CSRF token of the session whose hash is `token_hash`: a BLAKE2b-256 keyed with
// `key` (any length; RandomSecretKey()'s 32 bytes are meant), 64 lowercase hex digits.
std::string CsrfToken(std::string_view key, std::string_view token_hash);

// Whether `a` and `b` are the same bytes, in a time that depends only on their lengths.
bool TokensEqual(std::string_view a, std::string_view b);

}  // namespace samizdat::auth
