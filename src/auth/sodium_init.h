// Private to src/auth/: libsodium's one-time initialization, before any of its calls.
#pragma once

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace samizdat::auth {

inline void InitSodiumOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable randomness: nothing is safe
  });
}

}  // namespace samizdat::auth
