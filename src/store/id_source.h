// Random ids for new blogs, posts and comments: positive, below 2^63, like Blogger's large
// ids. Shared by the backends.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>

namespace samizdat::store {

class IdSource {
 public:
  IdSource();  // seeded from std::random_device
  // A uniformly random id in [1, 2^63 - 1]. Callers check it is free and draw again
  // on a clash.
  int64_t Next();

 private:
  std::mutex mu_;
  std::mt19937_64 rng_;  // guarded by mu_
};

}  // namespace samizdat::store
