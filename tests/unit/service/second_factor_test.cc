// Two-step sign-in: turning TOTP on (only with a current code), signing in with and
// without a code, codes refused when used again, turning it off.
#include "service/second_factor.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <memory>

#include "auth/totp.h"
#include "service/accounts.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

using std::chrono::seconds;

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kIp = "192.0.2.7";
const Time kT0 = FromEpochMillis(1'700'000'000'000);

// The raw secret behind what the page shows (liboath's decoder, as an app reads it).
std::string Decode(const std::string& base32) {
  char* out = nullptr;
  std::size_t size = 0;
  EXPECT_EQ(oath_base32_decode(base32.data(), base32.size(), &out, &size), OATH_OK);
  const std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
  return std::string(out, size);
}

class SecondFactorTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    settings_.throttle.free_failures = 4;
    auto opened = AccountService::Open(*store_, settings_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    accounts_.emplace(std::move(*opened));
    NewUser user;
    user.email = "ann@example.com";
    ASSERT_TRUE(accounts_->AddUser(user, kPassword).ok());
  }

  User Ann() { return *store_->GetUserByEmail("ann@example.com"); }
  SecondFactor& factor() { return accounts_->second_factor(); }

  // Turns two-step sign-in on at kT0 and returns the secret.
  std::string TurnOn() {
    auto enrolment = factor().Start(Ann(), "blog.example.com");
    EXPECT_TRUE(enrolment.ok()) << enrolment.status().ToString();
    const std::string secret = Decode(enrolment->secret_base32);
    Status confirmed = factor().Confirm(Ann(), kPassword, auth::TotpCode(secret, kT0), kT0);
    EXPECT_TRUE(confirmed.ok()) << confirmed.ToString();
    return secret;
  }

  SignInRefusal SignIn(std::string_view code, Time now, std::string_view password = kPassword) {
    auto outcome = accounts_->SignIn("ann@example.com", password, code, kIp, "", now);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.ok() ? outcome->refusal : SignInRefusal::kNone;
  }

  AccountSettings settings_;
  std::optional<AccountService> accounts_;
};

TEST_F(SecondFactorTest, StartShowsASecretThatWaitsForACode) {
  auto enrolment = factor().Start(Ann(), "blog.example.com");
  ASSERT_TRUE(enrolment.ok()) << enrolment.status().ToString();
  EXPECT_EQ(enrolment->secret_base32.size(), 32u);
  EXPECT_EQ(enrolment->uri, "otpauth://totp/blog.example.com:ann@example.com?secret=" +
                                enrolment->secret_base32 + "&issuer=blog.example.com");
  // Stored sealed, not on yet: the password alone still signs in, and the page can show
  // the same secret again.
  const User ann = Ann();
  EXPECT_FALSE(ann.totp.on);
  EXPECT_EQ(ann.totp.sealed_secret.find(Decode(enrolment->secret_base32)), std::string::npos);
  EXPECT_EQ(SignIn("", kT0), SignInRefusal::kNone);
  auto waiting = factor().Waiting(ann, "blog.example.com");
  ASSERT_TRUE(waiting.ok() && *waiting);
  EXPECT_EQ((*waiting)->secret_base32, enrolment->secret_base32);
}

TEST_F(SecondFactorTest, AWrongCodeOrPasswordDoesNotTurnItOn) {
  auto enrolment = factor().Start(Ann(), "blog.example.com");
  ASSERT_TRUE(enrolment.ok());
  const std::string secret = Decode(enrolment->secret_base32);
  EXPECT_TRUE(factor().Confirm(Ann(), kPassword, "000000", kT0).IsInvalidArgument());
  EXPECT_TRUE(factor()
                  .Confirm(Ann(), kPassword, auth::TotpCode(secret, kT0 - seconds(90)), kT0)
                  .IsInvalidArgument());
  // The right code with a wrong password: changing a sign-in factor asks for it again.
  EXPECT_EQ(factor().Confirm(Ann(), "not the password", auth::TotpCode(secret, kT0), kT0).code(),
            Status::Code::kPermissionDenied);
  EXPECT_FALSE(Ann().totp.on);
  EXPECT_EQ(SignIn("", kT0), SignInRefusal::kNone);
}

TEST_F(SecondFactorTest, SignInNeedsACurrentCodeOnceOn) {
  const std::string secret = TurnOn();
  EXPECT_TRUE(Ann().totp.on);
  EXPECT_TRUE(factor().Start(Ann(), "blog.example.com").status().IsConflict());
  const Time later = kT0 + seconds(300);
  EXPECT_EQ(SignIn("", later), SignInRefusal::kWrongCredentials);
  EXPECT_EQ(SignIn("123456", later), SignInRefusal::kWrongCredentials);
  // A right code with a wrong password is no way in, and does not use up the code.
  EXPECT_EQ(SignIn(auth::TotpCode(secret, later), later, "not the password"),
            SignInRefusal::kWrongCredentials);
  EXPECT_EQ(SignIn(auth::TotpCode(secret, later), later), SignInRefusal::kNone);
}

TEST_F(SecondFactorTest, ACodeIsAcceptedOnce) {
  const std::string secret = TurnOn();
  // The code that turned it on does not sign in.
  EXPECT_EQ(SignIn(auth::TotpCode(secret, kT0), kT0 + seconds(5)),
            SignInRefusal::kWrongCredentials);
  const Time later = kT0 + seconds(300);
  const std::string code = auth::TotpCode(secret, later);
  EXPECT_EQ(SignIn(code, later), SignInRefusal::kNone);
  EXPECT_EQ(SignIn(code, later + seconds(10)), SignInRefusal::kWrongCredentials);
  // Nor does the step before, still within the window: the next step's code does.
  EXPECT_EQ(SignIn(auth::TotpCode(secret, later - seconds(30)), later + seconds(30)),
            SignInRefusal::kWrongCredentials);
  EXPECT_EQ(SignIn(auth::TotpCode(secret, later + seconds(30)), later + seconds(30)),
            SignInRefusal::kNone);
}

TEST_F(SecondFactorTest, MissingCodesCountAsFailedSignIns) {
  const std::string secret = TurnOn();
  const Time later = kT0 + seconds(300);
  for (int i = 0; i < settings_.throttle.free_failures; ++i) {
    EXPECT_EQ(SignIn("", later), SignInRefusal::kWrongCredentials);
  }
  EXPECT_EQ(SignIn(auth::TotpCode(secret, later), later), SignInRefusal::kThrottled);
}

TEST_F(SecondFactorTest, TurningOffNeedsThePasswordAndACode) {
  const std::string secret = TurnOn();
  const Time later = kT0 + seconds(300);
  const std::string code = auth::TotpCode(secret, later);
  EXPECT_EQ(factor().TurnOff(Ann(), "not the password", code, later).code(),
            Status::Code::kPermissionDenied);
  EXPECT_EQ(factor().TurnOff(Ann(), kPassword, "000000", later).code(),
            Status::Code::kPermissionDenied);
  EXPECT_TRUE(Ann().totp.on);
  ASSERT_TRUE(factor().TurnOff(Ann(), kPassword, code, later).ok());
  EXPECT_EQ(Ann().totp.sealed_secret, "");
  EXPECT_EQ(SignIn("", later), SignInRefusal::kNone);
}

TEST_F(SecondFactorTest, RemoveTurnsItOffWithoutACode) {
  TurnOn();
  ASSERT_TRUE(factor().Remove(Ann().id).ok());
  EXPECT_FALSE(Ann().totp.on);
  EXPECT_EQ(SignIn("", kT0 + seconds(300)), SignInRefusal::kNone);
  EXPECT_TRUE(factor().Remove(999).IsNotFound());
}

TEST_F(SecondFactorTest, SecretsNeedTheInstanceKey) {
  TurnOn();
  // Another instance's key (a users table copied without its secrets) opens nothing, and
  // the sign-in fails rather than letting the password alone in.
  SecondFactor other(*store_, std::string(32, 'k'));
  EXPECT_FALSE(other.Passes(Ann(), "123456", kT0 + seconds(300)).ok());
}

}  // namespace
}  // namespace samizdat::service
