// TOTP codes over liboath, the otpauth:// URI over Boost.URL, see totp.h.
#include "auth/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <array>
#include <boost/url/url.hpp>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "auth/session_token.h"
#include "auth/sodium_init.h"

namespace samizdat::auth {
namespace {

constexpr std::size_t kWindow = 1;  // steps either side of now

void InitOathOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) std::abort();  // no HMAC: nothing can be checked
  });
}

time_t Seconds(Time at) {
  return static_cast<time_t>(
      std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count());
}

// liboath's comparison of a candidate code with the given one (`handle`, a std::string):
// 0 when equal, in constant time (auth::TokensEqual), 1 when not.
int SameCode(void* handle, const char* candidate) {
  return TokensEqual(*static_cast<const std::string*>(handle), candidate) ? 0 : 1;
}

// `code` without its blanks, when that is kTotpDigits ASCII digits.
std::optional<std::string> CodeDigits(std::string_view code) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || digits.size() == kTotpDigits) return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() != kTotpDigits) return std::nullopt;
  return digits;
}

}  // namespace

std::string NewTotpSecret() {
  InitSodiumOnce();
  std::string secret(kTotpSecretBytes, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string TotpBase32(std::string_view secret) {
  InitOathOnce();
  char* out = nullptr;
  std::size_t size = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &out, &size) != OATH_OK) std::abort();
  const std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
  std::string text(out, size);
  while (!text.empty() && text.back() == '=') text.pop_back();  // apps take it unpadded
  return text;
}

int64_t TotpStep(Time at) { return Seconds(at) / kTotpStepSeconds; }

std::string TotpCode(std::string_view secret, Time at) {
  InitOathOnce();
  std::array<char, kTotpDigits + 1> code{};
  if (oath_totp_generate(secret.data(), secret.size(), Seconds(at), kTotpStepSeconds,
                         OATH_TOTP_DEFAULT_START_TIME, kTotpDigits, code.data()) != OATH_OK) {
    std::abort();  // only for an unsupported digit count, which kTotpDigits is not
  }
  return std::string(code.data(), kTotpDigits);
}

std::optional<int64_t> MatchTotp(std::string_view secret, std::string_view code, Time now) {
  // Only 6 digits get to liboath, which compares them with each step's code through
  // SameCode, in constant time.
  std::optional<std::string> digits = CodeDigits(code);
  if (!digits) return std::nullopt;
  InitOathOnce();
  int position = 0;
  uint64_t step = 0;
  const int found = oath_totp_validate3_callback(
      secret.data(), secret.size(), Seconds(now), kTotpStepSeconds, OATH_TOTP_DEFAULT_START_TIME,
      kTotpDigits, kWindow, &position, &step, &SameCode, &*digits);
  if (found < 0) return std::nullopt;
  return static_cast<int64_t>(step);
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  boost::urls::url uri;
  uri.set_scheme("otpauth");
  uri.set_host("totp");
  uri.set_path("/" + std::string(issuer) + ":" + std::string(account));
  uri.params().append({"secret", TotpBase32(secret)});
  uri.params().append({"issuer", issuer});
  return std::string(uri.buffer());
}

}  // namespace samizdat::auth
