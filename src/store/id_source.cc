// IdSource: a seeded 64-bit Mersenne Twister behind a mutex.
#include "store/id_source.h"

#include <limits>

namespace samizdat::store {

IdSource::IdSource() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device()};
  rng_.seed(seed);
}

int64_t IdSource::Next() {
  std::uniform_int_distribution<int64_t> ids(1, std::numeric_limits<int64_t>::max());
  std::lock_guard lock(mu_);
  return ids(rng_);
}

}  // namespace samizdat::store
