// Device tokens from a random nonce and a keyed hash, see device_token.h.
#include "auth/device_token.h"

#include "auth/form_token.h"
#include "auth/session_token.h"

namespace samizdat::auth {
namespace {

// Separates device MACs from any other keyed hash made with the same instance key.
constexpr std::string_view kDeviceContext = "samizdat device v1:";
constexpr std::size_t kNonceChars = 64;  // NewSessionToken's 32 bytes in hex

std::string Mac(std::string_view key, std::string_view account, std::string_view nonce) {
  std::string signed_part(kDeviceContext);
  signed_part.append(account).append("\n").append(nonce);
  return KeyedHash(key, signed_part);
}

}  // namespace

std::string MakeDeviceToken(std::string_view key, std::string_view account) {
  std::string nonce = NewSessionToken();
  return nonce + "." + Mac(key, account, nonce);
}

std::optional<std::string> CheckDeviceToken(std::string_view key, std::string_view account,
                                            std::string_view token) {
  if (token.size() <= kNonceChars || token[kNonceChars] != '.') return std::nullopt;
  const std::string_view nonce = token.substr(0, kNonceChars);
  if (!TokensEqual(Mac(key, account, nonce), token.substr(kNonceChars + 1))) return std::nullopt;
  return std::string(nonce);
}

}  // namespace samizdat::auth
