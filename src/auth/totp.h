// TOTP codes (RFC 6238) as authenticator apps make them: HMAC-SHA-1, 30-second steps
// from the Unix epoch, 6 digits; the arithmetic is liboath's (the library of `oathtool`).
//
// A secret is raw bytes (kTotpSecretBytes of them from NewTotpSecret); users and apps
// see it in base32 (RFC 4648, as the otpauth:// key URI carries it).
// All functions are thread-safe; NewTotpSecret draws from libsodium's randomness.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace samizdat::auth {

inline constexpr std::size_t kTotpSecretBytes = 20;  // RFC 4226's recommended 160 bits
inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// kTotpSecretBytes random bytes.
std::string NewTotpSecret();

// The secret in base32, upper case, without padding (32 letters for 20 bytes).
std::string TotpBase32(std::string_view secret);

// The step `at` falls in: whole 30-second steps since the Unix epoch.
int64_t TotpStep(Time at);

// The code for `secret` at `at`: 6 digits.
std::string TotpCode(std::string_view secret, Time at);

// The step whose code `code` is, among the steps of `now`, the one before and the one
// after (clocks differ; a code typed as its step ends); nullopt for any other code.
// `code` is 6 ASCII digits; blanks in it (an app shows "123 456") are ignored, anything
// else makes it no code.
std::optional<int64_t> MatchTotp(std::string_view secret, std::string_view code, Time now);

// The key URI authenticator apps read (from a QR code or pasted):
// otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER, percent-encoded where the
// URI needs it (Boost.URL). `issuer` must not contain ':'.
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace samizdat::auth
