// Form tokens (HMAC-SHA-512-256 over "<post id>.<issued ms>") and keyed BLAKE2b hashes
// on libsodium, see form_token.h.
//
// Keys: crypto_auth wants exactly kSecretKeyBytes bytes. A key of any other length
// (shorter, longer, even empty) is first reduced to 32 bytes with unkeyed BLAKE2b-256,
// so every key gives well-defined, distinct MACs and no key bytes are ignored or read
// past. That adds no entropy: a short key is only as strong as its bytes, which is why
// callers should store and pass RandomSecretKey()'s output. KeyedHash uses the same
// 32-byte key for BLAKE2b (which accepts 16 to 64 key bytes).
//
// Clock skew: several nodes may issue and check tokens, so a token issued up to
// kClockSkew in the future counts as issued now (its age is 0); further in the future it
// is kExpired, like a token older than max_age.
#include "auth/form_token.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "auth/sodium_init.h"
#include "core/strings.h"

namespace samizdat::auth {
namespace {

static_assert(kSecretKeyBytes == crypto_auth_KEYBYTES);
static_assert(kSecretKeyBytes >= crypto_generichash_KEYBYTES_MIN &&
              kSecretKeyBytes <= crypto_generichash_KEYBYTES_MAX);

constexpr std::chrono::milliseconds kClockSkew = std::chrono::minutes(1);
// Longer than any token MakeFormToken makes ("-9223372036854775808." twice + 43): a
// cheap bound before any parsing.
constexpr std::size_t kMaxTokenChars = 128;
// KeyedHash output: 16 bytes, 32 hex digits.
constexpr std::size_t kKeyedHashBytes = 16;

using Key = std::array<unsigned char, kSecretKeyBytes>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// `key` as exactly kSecretKeyBytes bytes (see the file comment).
Key NormalizeKey(std::string_view key) {
  Key out;
  if (key.size() == out.size()) {
    std::copy(key.begin(), key.end(), out.begin());
  } else {
    crypto_generichash(out.data(), out.size(), Bytes(key), key.size(), nullptr, 0);
  }
  return out;
}

// The text the MAC covers: "<post id>.<issued epoch ms>".
std::string SignedPart(int64_t post_id, int64_t issued_ms) {
  return std::to_string(post_id) + "." + std::to_string(issued_ms);
}

}  // namespace

std::string RandomSecretKey() {
  InitSodiumOnce();
  std::string key(kSecretKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string MakeFormToken(std::string_view key, int64_t post_id, Time issued) {
  InitSodiumOnce();
  const Key k = NormalizeKey(key);
  std::string token = SignedPart(post_id, ToEpochMillis(issued));
  std::array<unsigned char, crypto_auth_BYTES> mac;
  crypto_auth(mac.data(), Bytes(token), token.size(), k.data());

  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(crypto_auth_BYTES, kVariant)> text;
  sodium_bin2base64(text.data(), text.size(), mac.data(), mac.size(), kVariant);
  token += '.';
  token += text.data();
  return token;
}

FormTokenCheck CheckFormToken(std::string_view key, std::string_view token, int64_t post_id,
                              Time now, std::chrono::milliseconds min_age,
                              std::chrono::milliseconds max_age) {
  InitSodiumOnce();
  if (token.empty()) return FormTokenCheck::kMissing;
  if (token.size() > kMaxTokenChars) return FormTokenCheck::kMalformed;

  // "<post id>.<issued ms>.<MAC>": exactly two dots (base64url has none).
  const std::size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return FormTokenCheck::kMalformed;
  const std::size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return FormTokenCheck::kMalformed;
  }
  const std::string_view signed_part = token.substr(0, dot2);
  const std::string_view mac_text = token.substr(dot2 + 1);
  const auto token_post = ParseInteger<int64_t>(token.substr(0, dot1));
  const auto issued_ms = ParseInteger<int64_t>(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!token_post || !issued_ms) return FormTokenCheck::kMalformed;

  std::array<unsigned char, crypto_auth_BYTES> mac;
  std::size_t mac_len = 0;
  // With no end pointer, libsodium refuses the text unless all of it is base64url.
  if (sodium_base642bin(mac.data(), mac.size(), mac_text.data(), mac_text.size(), nullptr, &mac_len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      mac_len != mac.size()) {
    return FormTokenCheck::kMalformed;
  }
  // The MAC covers the bytes as received, so only the canonical text MakeFormToken
  // wrote passes ("012" for "12" does not).
  const Key k = NormalizeKey(key);
  if (crypto_auth_verify(mac.data(), Bytes(signed_part), signed_part.size(), k.data()) != 0) {
    return FormTokenCheck::kMalformed;
  }
  if (*token_post != post_id) return FormTokenCheck::kMalformed;

  int64_t age_ms = 0;
  if (__builtin_sub_overflow(ToEpochMillis(now), *issued_ms, &age_ms)) {
    return FormTokenCheck::kExpired;
  }
  const std::chrono::milliseconds age(age_ms);
  if (age < -kClockSkew || age > max_age) return FormTokenCheck::kExpired;
  if (std::max(age, std::chrono::milliseconds(0)) < min_age) return FormTokenCheck::kTooFresh;
  return FormTokenCheck::kValid;
}

std::string KeyedHash(std::string_view key, std::string_view value) {
  InitSodiumOnce();
  const Key k = NormalizeKey(key);
  std::array<unsigned char, kKeyedHashBytes> hash;
  crypto_generichash(hash.data(), hash.size(), Bytes(value), value.size(), k.data(), k.size());
  std::array<char, kKeyedHashBytes * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data(), kKeyedHashBytes * 2);
}

std::string ContentHash(std::string_view bytes) {
  InitSodiumOnce();
  std::array<unsigned char, kKeyedHashBytes> hash;
  crypto_generichash(hash.data(), hash.size(), Bytes(bytes), bytes.size(), nullptr, 0);
  std::array<char, kKeyedHashBytes * 2 + 1> hex;
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return std::string(hex.data(), kKeyedHashBytes * 2);
}

}  // namespace samizdat::auth
