// SignInThrottle: growing delays per account and source, see signin_throttle.h.
#include "service/signin_throttle.h"

#include <algorithm>

namespace samizdat::service {

using std::chrono::ceil;
using std::chrono::seconds;

seconds ThrottleDelay(int failures, int free, const ThrottleSettings& settings) {
  if (failures < free) return seconds(0);
  seconds delay = settings.first_delay;
  // Doubling until the cap, so large counts cannot overflow.
  for (int n = free; n < failures && delay < settings.max_delay; ++n) delay *= 2;
  return std::min(delay, settings.max_delay);
}

seconds SignInThrottle::Left(const store::SignInFailures& failures, int free, Time now) const {
  const Time allowed = failures.last + ThrottleDelay(failures.count, free, settings_);
  return allowed > now ? ceil<seconds>(allowed - now) : seconds(0);
}

Result<ThrottleWait> SignInThrottle::WaitFor(std::string_view account, const SignInSource& source,
                                             Time now) {
  const Time since = now - settings_.memory;
  Result<store::SignInFailures> own = store_->CountSignInFailures(account, source.id, since);
  if (!own.ok()) return own.status();
  ThrottleWait wait;
  wait.left = Left(*own, settings_.free_failures, now);
  if (source.known_device) return wait;
  Result<store::SignInFailures> all = store_->CountSignInFailures(account, "", since);
  if (!all.ok()) return all.status();
  const seconds account_left = Left(*all, settings_.account_free_failures, now);
  if (account_left > wait.left) wait = ThrottleWait{account_left, true};
  return wait;
}

Status SignInThrottle::Failed(std::string_view account, const SignInSource& source, Time now) {
  return store_->RecordSignInFailure(account, source.id, now);
}

Status SignInThrottle::Succeeded(std::string_view account, const SignInSource& source) {
  return store_->ClearSignInFailures(account, source.id);
}

Status SignInThrottle::Forget(std::string_view account) {
  return store_->ClearSignInFailures(account, "");
}

}  // namespace samizdat::service
