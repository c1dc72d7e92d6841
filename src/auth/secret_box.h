// Secrets kept encrypted at rest (libsodium's crypto_secretbox: XSalsa20-Poly1305), under
// a key derived from an instance key, so that a copy of the database alone (without its
// secrets table) or a leaked column reveals nothing.
// All functions are pure (but for Seal's random nonce) and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::auth {

// The key for sealing with `purpose` (8 characters, e.g. "totp-key"): derived from
// `instance_key` with libsodium's crypto_kdf, so that no two purposes share a key and the
// instance key itself encrypts nothing. InvalidArgument unless `instance_key` has 32
// bytes (RandomSecretKey()'s) and `purpose` 8.
Result<std::string> DeriveSealKey(std::string_view instance_key, std::string_view purpose);

// `plaintext` encrypted and authenticated under `key`, which must be DeriveSealKey's (32
// bytes): a random nonce followed by the ciphertext.
std::string Seal(std::string_view key, std::string_view plaintext);

// The plaintext of Seal's output. DataLoss when `sealed` was not made under `key` or was
// altered.
Result<std::string> Unseal(std::string_view key, std::string_view sealed);

}  // namespace samizdat::auth
