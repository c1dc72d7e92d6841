// Two-step sign-in: an account's optional TOTP second factor (RFC 6238, auth/totp.h) —
// turning it on (a new secret waits until the user's app proves it holds it by giving a
// current code), checking it at sign-in, and turning it off.
//
// The secret is kept sealed (auth/secret_box.h) under a key derived from the instance key
// (AccountService::Open), so the users table alone does not reveal it. A code is accepted
// once: the store keeps the last step whose code was accepted, and a code of that step or
// an earlier one is refused (Store::RecordTotpStep), on every node alike.
//
// Thread safety: a SecondFactor may be used from many threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

// What the user copies into an authenticator app.
struct TotpEnrolment {
  std::string secret_base32;  // to type in
  std::string uri;            // otpauth://totp/ISSUER:EMAIL?secret=…&issuer=… (for a QR code)
};

class SecondFactor {
 public:
  // `seal_key`: auth::DeriveSealKey's key for the secrets.
  SecondFactor(store::Store& store, std::string seal_key)
      : store_(&store), seal_key_(std::move(seal_key)) {}

  // Whether `user` must give a code to sign in.
  static bool IsOn(const User& user) { return user.totp.on; }

  // A new secret for `user`, waiting for Confirm (it replaces one already waiting);
  // `issuer` names the site in the app (no ':'). Conflict when two-step sign-in is on.
  Result<TotpEnrolment> Start(const User& user, std::string_view issuer);
  // The secret waiting for Confirm, to show it again; nullopt when none waits.
  Result<std::optional<TotpEnrolment>> Waiting(const User& user, std::string_view issuer) const;
  // Turns two-step sign-in on once `password` is the user's (a changed sign-in factor
  // asks for it again, ASVS 7.5.1) and `code` a current code of the waiting secret (that
  // code is then used). PermissionDenied for a wrong password; InvalidArgument for a
  // wrong code; NotFound when no secret waits.
  Status Confirm(const User& user, std::string_view password, std::string_view code, Time now);
  // Turns it off, or drops a waiting secret, once `password` is the user's and `code` a
  // current, unused code (when it is on). PermissionDenied for either being wrong.
  Status TurnOff(const User& user, std::string_view password, std::string_view code, Time now);
  // Turns it off without a check (the CLI, for a lost phone). NotFound for no such user.
  Status Remove(int64_t user_id);

  // The sign-in's second step, for a user whose password was right: true when two-step
  // sign-in is off, or `code` is a current code not accepted before (it is now).
  Result<bool> Passes(const User& user, std::string_view code, Time now);

 private:
  Result<TotpEnrolment> EnrolmentOf(const User& user, std::string_view issuer) const;
  store::Store* store_;
  std::string seal_key_;
};

}  // namespace samizdat::service
