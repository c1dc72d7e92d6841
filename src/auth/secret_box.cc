// Secrets sealed under a derived key with libsodium's secretbox, see secret_box.h.
#include "auth/secret_box.h"

#include <sodium.h>

#include <string>

#include "auth/sodium_init.h"

namespace samizdat::auth {
namespace {

unsigned char* Mutable(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Result<std::string> DeriveSealKey(std::string_view instance_key, std::string_view purpose) {
  if (instance_key.size() != crypto_kdf_KEYBYTES || purpose.size() != crypto_kdf_CONTEXTBYTES) {
    return Status::InvalidArgument("a seal key needs a 32-byte instance key and an 8-byte purpose");
  }
  InitSodiumOnce();
  const std::string context(purpose);  // crypto_kdf reads exactly 8 bytes, no NUL needed
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_kdf_derive_from_key(Mutable(key), key.size(), 1, context.data(), Bytes(instance_key));
  return key;
}

std::string Seal(std::string_view key, std::string_view plaintext) {
  InitSodiumOnce();
  std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(),
                     '\0');
  unsigned char* nonce = Mutable(sealed);
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, Bytes(plaintext), plaintext.size(),
                        nonce, Bytes(key));
  return sealed;
}

Result<std::string> Unseal(std::string_view key, std::string_view sealed) {
  InitSodiumOnce();
  constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (key.size() != crypto_secretbox_KEYBYTES || sealed.size() < kOverhead) {
    return Status::Internal("a sealed secret is damaged or was sealed under another key");
  }
  std::string plaintext(sealed.size() - kOverhead, '\0');
  const unsigned char* nonce = Bytes(sealed);
  if (crypto_secretbox_open_easy(Mutable(plaintext), nonce + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, nonce,
                                 Bytes(key)) != 0) {
    return Status::Internal("a sealed secret is damaged or was sealed under another key");
  }
  return plaintext;
}

}  // namespace samizdat::auth
