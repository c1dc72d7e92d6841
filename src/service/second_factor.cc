// SecondFactor: enrolment and checks of an account's TOTP codes, see second_factor.h.
#include "service/second_factor.h"

#include "auth/password.h"
#include "auth/secret_box.h"
#include "auth/totp.h"

namespace samizdat::service {

Result<TotpEnrolment> SecondFactor::EnrolmentOf(const User& user, std::string_view issuer) const {
  Result<std::string> secret = auth::Unseal(seal_key_, user.totp.sealed_secret);
  if (!secret.ok()) return secret.status();
  return TotpEnrolment{auth::TotpBase32(*secret), auth::TotpUri(issuer, user.email, *secret)};
}

Result<TotpEnrolment> SecondFactor::Start(const User& user, std::string_view issuer) {
  if (IsOn(user)) return Status::Conflict("two-step sign-in is already on");
  User waiting = user;
  waiting.totp = UserTotp{auth::Seal(seal_key_, auth::NewTotpSecret()), false, 0};
  SAMIZDAT_RETURN_IF_ERROR(store_->SetUserTotp(user.id, waiting.totp));
  return EnrolmentOf(waiting, issuer);
}

Result<std::optional<TotpEnrolment>> SecondFactor::Waiting(const User& user,
                                                           std::string_view issuer) const {
  if (IsOn(user) || user.totp.sealed_secret.empty()) return std::optional<TotpEnrolment>();
  Result<TotpEnrolment> enrolment = EnrolmentOf(user, issuer);
  if (!enrolment.ok()) return enrolment.status();
  return std::optional<TotpEnrolment>(std::move(*enrolment));
}

Status SecondFactor::Confirm(const User& user, std::string_view password, std::string_view code,
                             Time now) {
  if (IsOn(user) || user.totp.sealed_secret.empty()) {
    return Status::NotFound("no new secret waits for a code: turn two-step sign-in on first");
  }
  if (!auth::VerifyPassword(password, user.password_hash)) {
    return Status::PermissionDenied("the password is wrong");
  }
  Result<std::string> secret = auth::Unseal(seal_key_, user.totp.sealed_secret);
  if (!secret.ok()) return secret.status();
  const std::optional<int64_t> step = auth::MatchTotp(*secret, code, now);
  if (!step) {
    return Status::InvalidArgument(
        "that is not the app's current code: check that its clock is right, and try the next "
        "code");
  }
  return store_->SetUserTotp(user.id, UserTotp{user.totp.sealed_secret, true, *step});
}

Status SecondFactor::TurnOff(const User& user, std::string_view password, std::string_view code,
                             Time now) {
  if (!auth::VerifyPassword(password, user.password_hash)) {
    return Status::PermissionDenied("the password is wrong");
  }
  Result<bool> passed = Passes(user, code, now);
  if (!passed.ok()) return passed.status();
  if (!*passed) return Status::PermissionDenied("the code is wrong or was used already");
  return store_->SetUserTotp(user.id, UserTotp{});
}

Status SecondFactor::Remove(int64_t user_id) { return store_->SetUserTotp(user_id, UserTotp{}); }

Result<bool> SecondFactor::Passes(const User& user, std::string_view code, Time now) {
  if (!IsOn(user)) return true;
  Result<std::string> secret = auth::Unseal(seal_key_, user.totp.sealed_secret);
  if (!secret.ok()) return secret.status();
  const std::optional<int64_t> step = auth::MatchTotp(*secret, code, now);
  if (!step) return false;
  return store_->RecordTotpStep(user.id, *step);
}

}  // namespace samizdat::service
