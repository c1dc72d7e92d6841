// Random ids for new blogs, posts and comments: positive, below 2^63, like Blogger's large
// ids. Shared by the backends.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::store {

class IdSource {
 public:
  IdSource();  // seeded from std::random_device
  // A uniformly random id in [1, 2^63 - 1]. Callers check it is free and draw again
  // on a clash (DrawFree does both).
  int64_t Next();
  // A drawn id that `taken(id)` (returning Result<bool>) says is free. A clash is a 1 in
  // 2^63 chance, so after 8 in a row the source is broken: Internal, "could not draw a
  // free <kind> id". `taken`'s errors are returned as they are.
  template <typename Taken>
  Result<int64_t> DrawFree(std::string_view kind, Taken&& taken);

 private:
  std::mutex mu_;
  std::mt19937_64 rng_;  // guarded by mu_
};

template <typename Taken>
Result<int64_t> IdSource::DrawFree(std::string_view kind, Taken&& taken) {
  constexpr int kAttempts = 8;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const int64_t candidate = Next();
    Result<bool> clash = taken(candidate);
    if (!clash.ok()) return clash.status();
    if (!*clash) return candidate;
  }
  return Status::Internal("could not draw a free " + std::string(kind) + " id");
}

}  // namespace samizdat::store
