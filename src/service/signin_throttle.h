// Sign-in throttling that slows an attacker without locking the owner out (OWASP ASVS 5.0
// level 2, and OWASP's "Slow Down Online Guessing Attacks with Device Cookies").
//
// Failed sign-ins are kept in the store (so every node sees them) per account (the email
// as typed, lowercased, known or not) and source: "ip:HASH" for the client's address, or
// "device:NONCE" for a browser that carries a valid device token of the account (a
// "known device": one where the account signed in before, auth/device_token.h).
//
// After n failures of one source for one account (since that source's last success,
// within `memory`), the source's next attempt waits, from its latest failure,
//
//     Delay(n) = 0                                                    if n < free
//     Delay(n) = min(max_delay, first_delay * 2^(n - free))           otherwise
//
// with free = free_failures: by default 1 s after the 3rd failure, 2 s after the 4th,
// 4 s, 8 s, ... and 15 minutes from the 13th on. An attempt from an address (no known
// device) also waits Delay(n) of all the account's failures from every source, with
// free = account_free_failures, so many addresses together get no more guesses than one.
// An attempt from a known device waits only for that device's own failures: whatever
// others do, the owner's browser gets in with the right password. Attempts that are made
// to wait are refused without checking the password and are not counted, so the delays
// never grow beyond max_delay and no attacker can keep anyone out for longer.
//
// Thread safety: a SignInThrottle may be used from many threads at once; two concurrent
// attempts of one source may both pass (the store counts, it does not lock).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace samizdat::service {

struct ThrottleSettings {
  int free_failures = 3;           // per source and account, before any delay
  int account_free_failures = 10;  // per account, for attempts not from a known device
  std::chrono::seconds first_delay{1};
  std::chrono::seconds max_delay{std::chrono::minutes(15)};
  std::chrono::seconds memory{std::chrono::hours(24)};  // older failures are forgotten
};

// Delay(n) above for `failures` failures with `free` free ones.
std::chrono::seconds ThrottleDelay(int failures, int free, const ThrottleSettings& settings);

// Where an attempt comes from.
struct SignInSource {
  std::string id;             // "ip:HASH" or "device:NONCE"
  bool known_device = false;  // id is a device's
};

// How long an attempt must still wait.
struct ThrottleWait {
  std::chrono::seconds left{0};  // 0: it may go ahead
  bool account_wide = false;     // held by the account's failures, not the source's own
};

class SignInThrottle {
 public:
  // `store` must outlive the throttle.
  SignInThrottle(store::Store& store, ThrottleSettings settings)
      : store_(&store), settings_(settings) {}

  // How long an attempt on `account` from `source` at `now` must wait (rounded up to
  // whole seconds).
  Result<ThrottleWait> WaitFor(std::string_view account, const SignInSource& source, Time now);
  // Counts a failed attempt.
  Status Failed(std::string_view account, const SignInSource& source, Time now);
  // Forgets the source's failures after a good sign-in (the account's others stay).
  Status Succeeded(std::string_view account, const SignInSource& source);
  // Forgets every failure of the account (after an administrator set its password).
  Status Forget(std::string_view account);

  const ThrottleSettings& settings() const { return settings_; }

 private:
  // Time left after `failures` with `free` free ones.
  std::chrono::seconds Left(const store::SignInFailures& failures, int free, Time now) const;

  store::Store* store_;
  ThrottleSettings settings_;
};

}  // namespace samizdat::service
