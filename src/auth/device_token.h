// Device tokens: the long-lived cookie that marks a browser where an account has signed in
// before (OWASP's "device cookie"), so that sign-in throttling can tell the owner's own
// browser from an attacker's guesses.
//
// A token is "<nonce>.<MAC>": 32 random bytes as 64 hex digits, and a keyed BLAKE2b hash
// (KeyedHash) under the instance key of the account and the nonce. The server stores
// nothing: any node holding the key checks a token, nobody without it makes one, and a
// token made for one account is no token for another. The nonce names the device when
// its own failures are counted.
// All functions are pure (but for MakeDeviceToken's randomness) and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::auth {

// A new token for `account` (the email, lowercased).
std::string MakeDeviceToken(std::string_view key, std::string_view account);

// The token's nonce when `token` is a token of `account` made with `key`; nullopt for
// anything else (empty, malformed, forged, another account's).
std::optional<std::string> CheckDeviceToken(std::string_view key, std::string_view account,
                                            std::string_view token);

}  // namespace samizdat::auth
