// Comment form tokens, keyed hashes and content hashes, through libsodium.
//
// A form token proves that a comment form was shown by this blog for this post, and
// when: "<post id>.<issued epoch ms>.<MAC>", the MAC (HMAC-SHA-512-256 under an
// instance secret) covering the post id and the time. It carries no state on the
// server, so any node holding the same secret checks it.
// All functions are pure and thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.h"

namespace samizdat::auth {

// The key size the functions below need (crypto_auth_KEYBYTES, 32 bytes).
inline constexpr std::size_t kSecretKeyBytes = 32;

// A new random key of kSecretKeyBytes bytes.
std::string RandomSecretKey();

std::string MakeFormToken(std::string_view key, int64_t post_id, Time issued);

enum class FormTokenCheck {
  kValid,
  kMissing,    // empty
  kMalformed,  // not a token, or a MAC that does not match (forged, other post)
  kTooFresh,   // posted sooner than min_age after the form was shown
  kExpired,    // older than max_age (or issued in the future beyond a small skew)
};

// Checks `token` for `post_id` at time `now`.
FormTokenCheck CheckFormToken(std::string_view key, std::string_view token, int64_t post_id,
                              Time now, std::chrono::milliseconds min_age,
                              std::chrono::milliseconds max_age);

// A keyed BLAKE2b hash of `value` as 32 lowercase hex digits: stores an IP address
// without storing it, so that it can only be compared, not read back.
std::string KeyedHash(std::string_view key, std::string_view value);

// A plain (unkeyed) BLAKE2b hash of `bytes` as 32 lowercase hex digits: names an
// uploaded file by its content.
std::string ContentHash(std::string_view bytes);

}  // namespace samizdat::auth
