// Session tokens, their stored hashes and CSRF tokens on libsodium, see session_token.h.
#include "auth/session_token.h"

#include <sodium.h>

#include <array>

#include "auth/sodium_init.h"

namespace samizdat::auth {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kHashBytes = crypto_generichash_BYTES;  // 32
// Separates CSRF tokens from any other keyed hash made with the same instance key.
constexpr std::string_view kCsrfContext = "samizdat csrf v1:";

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();  // the terminating NUL
  return out;
}

}  // namespace

std::string NewSessionToken() {
  InitSodiumOnce();
  std::array<unsigned char, kTokenBytes> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  return Hex(bytes.data(), bytes.size());
}

std::string SessionTokenHash(std::string_view token) {
  InitSodiumOnce();
  std::array<unsigned char, kHashBytes> hash;
  crypto_generichash(hash.data(), hash.size(), Bytes(token), token.size(), nullptr, 0);
  return Hex(hash.data(), hash.size());
}

std::string CsrfToken(std::string_view key, std::string_view token_hash) {
  InitSodiumOnce();
  // BLAKE2b takes 16 to 64 key bytes: the key is first reduced to 32 with unkeyed
  // BLAKE2b, so keys of any length work and none of their bytes is ignored.
  std::array<unsigned char, kHashBytes> k;
  crypto_generichash(k.data(), k.size(), Bytes(key), key.size(), nullptr, 0);
  crypto_generichash_state state;
  crypto_generichash_init(&state, k.data(), k.size(), kHashBytes);
  crypto_generichash_update(&state, Bytes(kCsrfContext), kCsrfContext.size());
  crypto_generichash_update(&state, Bytes(token_hash), token_hash.size());
  std::array<unsigned char, kHashBytes> mac;
  crypto_generichash_final(&state, mac.data(), mac.size());
  sodium_memzero(k.data(), k.size());
  return Hex(mac.data(), mac.size());
}

bool TokensEqual(std::string_view a, std::string_view b) {
  InitSodiumOnce();
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace samizdat::auth
