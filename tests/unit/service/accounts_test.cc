// AccountService: users and passwords, throttled sign-in, sessions and their expiry,
// CSRF tokens, and what each role may do.
#include "service/accounts.h"

#include "auth/password.h"
#include "service/blogs.h"
#include "service/first_run.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kPassword = "correct horse battery";
constexpr const char* kIp = "192.0.2.7";
const Time kT0 = FromEpochMillis(1'700'000'000'000);

class AccountServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    settings_.idle = hours(1);
    settings_.absolute = hours(10);
    settings_.throttle.free_failures = 3;
    settings_.throttle.account_free_failures = 6;
    settings_.throttle.first_delay = seconds(1);
    settings_.throttle.max_delay = minutes(15);
    ReopenService();
  }

  void ReopenService() {
    auto opened = AccountService::Open(*store_, settings_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    accounts_.emplace(std::move(*opened));
  }

  User Add(const std::string& email, UserRole role = UserRole::kAuthor, int64_t blog_id = 0,
           bool must_change = false) {
    NewUser user;
    user.email = email;
    user.role = role;
    user.blog_id = blog_id;
    user.must_change_password = must_change;
    auto added = accounts_->AddUser(user, kPassword);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : User{};
  }

  SignInOutcome SignIn(const std::string& email, const std::string& password, Time now,
                       const std::string& ip = kIp, const std::string& device = "") {
    auto outcome = accounts_->SignIn(email, password, "", ip, device, now);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.ok() ? *outcome : SignInOutcome{};
  }

  // Signs in with the right password and expects it to work.
  SignedIn MustSignIn(const std::string& email, Time now) {
    SignInOutcome outcome = SignIn(email, kPassword, now);
    EXPECT_EQ(outcome.refusal, SignInRefusal::kNone) << outcome.message;
    EXPECT_FALSE(outcome.token.empty());
    token_ = outcome.token;
    device_ = outcome.device_token;
    return outcome.signed_in.value_or(SignedIn{});
  }

  Blog NewBlog(const std::string& host) {
    BlogChanges changes;
    changes.host = host;
    changes.title = host;
    auto blog = BlogService(*store_).Create(changes);
    EXPECT_TRUE(blog.ok()) << blog.status().ToString();
    return blog.ok() ? *blog : Blog{};
  }

  AccountSettings settings_;
  std::optional<AccountService> accounts_;
  std::string token_;   // of the last MustSignIn
  std::string device_;  // the device token of the last MustSignIn
};

// --- users ---------------------------------------------------------------------------

TEST_F(AccountServiceTest, AddFindListUsers) {
  Blog blog = NewBlog("a.test");
  User admin = Add("admin@example.com", UserRole::kAdmin);
  User owner = Add("Owner@Example.com", UserRole::kOwner, blog.id);
  EXPECT_EQ(admin.display_name, "admin");  // the email before '@' by default
  EXPECT_EQ(owner.blog_id, blog.id);

  auto found = accounts_->FindUser("owner@example.COM");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->id, owner.id);
  EXPECT_EQ(found->email, "Owner@Example.com");
  EXPECT_EQ(found->role, UserRole::kOwner);
  EXPECT_TRUE(accounts_->FindUser("nobody@example.com").status().IsNotFound());

  auto users = accounts_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].email, "admin@example.com");
  EXPECT_EQ((*users)[1].email, "Owner@Example.com");
}

TEST_F(AccountServiceTest, AddRefusesBadUsers) {
  NewUser user;
  user.email = "ann@example.com";
  EXPECT_TRUE(accounts_->AddUser(user, "short").status().IsInvalidArgument());
  EXPECT_TRUE(accounts_->AddUser(user, "123456789").status().IsInvalidArgument());
  for (const char* bad : {"", "ann", "@example.com", "ann@", "a nn@example.com"}) {
    NewUser bad_user = user;
    bad_user.email = bad;
    EXPECT_TRUE(accounts_->AddUser(bad_user, kPassword).status().IsInvalidArgument()) << bad;
  }
  NewUser admin_with_blog = user;
  admin_with_blog.role = UserRole::kAdmin;
  admin_with_blog.blog_id = 5;
  EXPECT_TRUE(accounts_->AddUser(admin_with_blog, kPassword).status().IsInvalidArgument());
  NewUser absent_blog = user;
  absent_blog.blog_id = 424242;
  EXPECT_TRUE(accounts_->AddUser(absent_blog, kPassword).status().IsNotFound());
  auto users = accounts_->ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_TRUE(users->empty());

  Add("ann@example.com");
  NewUser again;
  again.email = "ANN@example.com";
  Status taken = accounts_->AddUser(again, kPassword).status();
  EXPECT_TRUE(taken.IsConflict()) << taken.ToString();
}

TEST_F(AccountServiceTest, PasswordsAreStoredHashed) {
  User user = Add("ann@example.com");
  auto stored = store_->GetUser(user.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->password_hash.find(kPassword), std::string::npos);
  EXPECT_EQ(stored->password_hash.rfind("$argon2id$", 0), 0u) << stored->password_hash;
  EXPECT_TRUE(auth::VerifyPassword(kPassword, stored->password_hash));
}

TEST_F(AccountServiceTest, RemoveUserButNotTheLastAdmin) {
  Add("admin@example.com", UserRole::kAdmin);
  Add("ann@example.com");
  EXPECT_TRUE(accounts_->RemoveUser("ANN@example.com").ok());
  EXPECT_TRUE(accounts_->FindUser("ann@example.com").status().IsNotFound());
  EXPECT_TRUE(accounts_->RemoveUser("ann@example.com").IsNotFound());

  Status last = accounts_->RemoveUser("admin@example.com");
  EXPECT_EQ(last.code(), Status::Code::kPermissionDenied) << last.ToString();
  EXPECT_NE(last.message().find("last admin"), std::string::npos) << last.message();
  EXPECT_TRUE(accounts_->FindUser("admin@example.com").ok());

  Add("second@example.com", UserRole::kAdmin);
  EXPECT_TRUE(accounts_->RemoveUser("admin@example.com").ok());
}

TEST_F(AccountServiceTest, SetPasswordEndsSessionsAndMayAskForAChange) {
  Add("ann@example.com");
  MustSignIn("ann@example.com", kT0);
  ASSERT_TRUE(accounts_->SetPassword("ann@example.com", "a whole new password", true).ok());
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0).status().IsNotFound());
  EXPECT_EQ(SignIn("ann@example.com", kPassword, kT0).refusal, SignInRefusal::kWrongCredentials);
  SignInOutcome outcome = SignIn("ann@example.com", "a whole new password", kT0);
  ASSERT_EQ(outcome.refusal, SignInRefusal::kNone);
  EXPECT_TRUE(outcome.signed_in->user.must_change_password);
  EXPECT_TRUE(accounts_->SetPassword("ann@example.com", "short").IsInvalidArgument());
  EXPECT_TRUE(accounts_->SetPassword("nobody@example.com", kPassword).IsNotFound());
}

TEST_F(AccountServiceTest, FirstRunAdminMustChangeItsPassword) {
  auto first = EnsureFirstRun(*store_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->admin_email && first->admin_password);
  auto admin = accounts_->FindUser(*first->admin_email);
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(admin->role, UserRole::kAdmin);
  EXPECT_TRUE(admin->must_change_password);
  SignInOutcome outcome = SignIn(*first->admin_email, *first->admin_password, kT0);
  EXPECT_EQ(outcome.refusal, SignInRefusal::kNone) << outcome.message;
}

// --- sign-in ------------------------------------------------------------------------------

TEST_F(AccountServiceTest, SignInOpensASessionStoredByHash) {
  User ann = Add("ann@example.com");
  SignedIn who = MustSignIn(" Ann@Example.com ", kT0);
  EXPECT_EQ(who.user.id, ann.id);
  EXPECT_EQ(token_.size(), 64u);
  EXPECT_NE(who.session.token_hash, token_);
  EXPECT_TRUE(store_->GetSession(token_).status().IsNotFound());  // the raw token is not kept
  auto stored = store_->GetSession(who.session.token_hash);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->user_id, ann.id);
  EXPECT_EQ(stored->created, kT0);

  auto again = accounts_->Authenticate(token_, kT0 + minutes(5));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->user.email, "ann@example.com");
  EXPECT_EQ(again->csrf_token, who.csrf_token);
  EXPECT_TRUE(accounts_->Authenticate("not-a-token", kT0).status().IsNotFound());
  EXPECT_TRUE(accounts_->Authenticate("", kT0).status().IsNotFound());
}

TEST_F(AccountServiceTest, WrongPasswordAndUnknownEmailSayTheSame) {
  Add("ann@example.com");
  SignInOutcome wrong = SignIn("ann@example.com", "not the password", kT0);
  EXPECT_EQ(wrong.refusal, SignInRefusal::kWrongCredentials);
  EXPECT_EQ(wrong.message, "Wrong email, password or code.");
  EXPECT_TRUE(wrong.token.empty());
  EXPECT_FALSE(wrong.signed_in.has_value());
  SignInOutcome unknown = SignIn("nobody@example.com", kPassword, kT0);
  EXPECT_EQ(unknown.refusal, SignInRefusal::kWrongCredentials);
  EXPECT_EQ(unknown.message, wrong.message);
}

TEST_F(AccountServiceTest, FailuresFromOneAddressGrowItsDelay) {
  Add("ann@example.com");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(SignIn("ann@example.com", "wrong", kT0).refusal, SignInRefusal::kWrongCredentials);
  }
  // The right password, from that address, is not checked now: the 3rd failure costs 1 s.
  SignInOutcome throttled = SignIn("ANN@example.com", kPassword, kT0);
  EXPECT_EQ(throttled.refusal, SignInRefusal::kThrottled);
  EXPECT_FALSE(throttled.signed_in.has_value());
  EXPECT_TRUE(throttled.token.empty());
  EXPECT_EQ(throttled.retry_after, seconds(1));
  EXPECT_EQ(throttled.message,
            "Too many failed sign-ins from your address. Try again in 1 second.");
  // Throttled attempts are not counted; the next failure doubles the delay.
  EXPECT_EQ(SignIn("ann@example.com", "wrong", kT0 + seconds(1)).refusal,
            SignInRefusal::kWrongCredentials);
  throttled = SignIn("ann@example.com", kPassword, kT0 + seconds(1));
  EXPECT_EQ(throttled.retry_after, seconds(2));
  EXPECT_EQ(throttled.message,
            "Too many failed sign-ins from your address. Try again in 2 seconds.");
  EXPECT_EQ(SignIn("ann@example.com", "wrong", kT0 + seconds(3)).refusal,
            SignInRefusal::kWrongCredentials);
  EXPECT_EQ(SignIn("ann@example.com", kPassword, kT0 + seconds(4)).retry_after, seconds(3));
  // Another address, and another account from this one, are not held back.
  EXPECT_EQ(SignIn("bob@example.com", "wrong", kT0 + seconds(4)).refusal,
            SignInRefusal::kWrongCredentials);
  EXPECT_EQ(SignIn("ann@example.com", kPassword, kT0 + seconds(4), "203.0.113.9").refusal,
            SignInRefusal::kNone);
  // Once the delay has passed the right password gets in, and forgets the failures.
  EXPECT_EQ(SignIn("ann@example.com", kPassword, kT0 + seconds(7)).refusal, SignInRefusal::kNone);
  EXPECT_EQ(SignIn("ann@example.com", "wrong", kT0 + seconds(7)).refusal,
            SignInRefusal::kWrongCredentials);
  EXPECT_EQ(SignIn("ann@example.com", kPassword, kT0 + seconds(7)).refusal, SignInRefusal::kNone);
}

TEST_F(AccountServiceTest, ManyAddressesTogetherSlowTheAccountButNotAKnownDevice) {
  Add("ann@example.com");
  Add("bob@example.com");
  MustSignIn("ann@example.com", kT0);
  const std::string ann_device = device_;
  ASSERT_FALSE(ann_device.empty());
  MustSignIn("bob@example.com", kT0);
  const std::string bob_device = device_;
  // Twenty addresses, one guess each, a quarter of an hour apart: no address is held
  // back by its own failures, but the account is.
  Time now = kT0;
  for (int i = 0; i < 20; ++i) {
    now = kT0 + minutes(15 * i);
    const std::string ip = "198.51.100." + std::to_string(i);
    EXPECT_EQ(SignIn("ann@example.com", "guess", now, ip).refusal, SignInRefusal::kWrongCredentials)
        << i;
  }
  SignInOutcome stranger = SignIn("ann@example.com", kPassword, now, "203.0.113.5");
  EXPECT_EQ(stranger.refusal, SignInRefusal::kThrottled);
  EXPECT_EQ(stranger.retry_after, minutes(15));  // 20 failures: the cap
  EXPECT_EQ(stranger.message,
            "Too many failed sign-ins for this account. Try again in 15 minutes.");
  // Another account's device token, or a forged one, is no device of Ann's.
  EXPECT_EQ(SignIn("ann@example.com", kPassword, now, "203.0.113.5", bob_device).refusal,
            SignInRefusal::kThrottled);
  EXPECT_EQ(SignIn("ann@example.com", kPassword, now, "203.0.113.5", ann_device + "0").refusal,
            SignInRefusal::kThrottled);
  // Ann's own browser gets in at once, from any address.
  SignInOutcome owner = SignIn("ann@example.com", kPassword, now, "203.0.113.5", ann_device);
  EXPECT_EQ(owner.refusal, SignInRefusal::kNone) << owner.message;
  EXPECT_FALSE(owner.device_token.empty());
  // ... and the delays are capped: a quarter of an hour later, a stranger may try.
  EXPECT_EQ(SignIn("ann@example.com", kPassword, now + minutes(15), "203.0.113.5").refusal,
            SignInRefusal::kNone);
}

TEST_F(AccountServiceTest, AKnownDeviceIsHeldBackByItsOwnFailures) {
  Add("ann@example.com");
  MustSignIn("ann@example.com", kT0);
  const std::string device = device_;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(SignIn("ann@example.com", "wrong", kT0, kIp, device).refusal,
              SignInRefusal::kWrongCredentials);
  }
  SignInOutcome throttled = SignIn("ann@example.com", kPassword, kT0, "203.0.113.5", device);
  EXPECT_EQ(throttled.refusal, SignInRefusal::kThrottled);
  EXPECT_EQ(throttled.message,
            "Too many failed sign-ins from this browser. Try again in 1 second.");
  // The address, without the device, has no failures of its own.
  EXPECT_EQ(SignIn("ann@example.com", kPassword, kT0, kIp).refusal, SignInRefusal::kNone);
}

TEST_F(AccountServiceTest, SetPasswordForgetsTheAccountsFailures) {
  Add("ann@example.com");
  for (int i = 0; i < 20; ++i) {
    SignIn("ann@example.com", "guess", kT0 + seconds(i * 60), "198.51.100." + std::to_string(i));
  }
  ASSERT_EQ(SignIn("ann@example.com", kPassword, kT0 + minutes(20)).refusal,
            SignInRefusal::kThrottled);
  ASSERT_TRUE(accounts_->SetPassword("ann@example.com", "a whole new password").ok());
  EXPECT_EQ(
      SignIn("ann@example.com", "a whole new password", kT0 + minutes(20), "198.51.100.19").refusal,
      SignInRefusal::kNone);
}

TEST_F(AccountServiceTest, CommonPasswordsAreRefusedEverywhere) {
  const std::string message =
      "This password is among the 30,000 most common passwords; choose another.";
  NewUser user;
  user.email = "ann@example.com";
  for (const char* common : {"password12", "Password12", "1qaz2wsx3edc"}) {
    Status refused = accounts_->AddUser(user, common).status();
    EXPECT_TRUE(refused.IsInvalidArgument()) << common;
    EXPECT_EQ(refused.message(), message);
  }
  EXPECT_TRUE(accounts_->FindUser("ann@example.com").status().IsNotFound());

  Add("ann@example.com");
  Status set = accounts_->SetPassword("ann@example.com", "password12");
  EXPECT_TRUE(set.IsInvalidArgument());
  EXPECT_EQ(set.message(), message);
  SignedIn who = MustSignIn("ann@example.com", kT0);
  Status changed = accounts_->ChangePassword(who, kPassword, "PASSWORD12");
  EXPECT_TRUE(changed.IsInvalidArgument());
  EXPECT_EQ(changed.message(), message);
  // Nothing changed: the old password still works, the session is still open.
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0).ok());
  MustSignIn("ann@example.com", kT0);
}

TEST_F(AccountServiceTest, ASignInLinkSetsANewPasswordOnceWithinAnHour) {
  Add("ann@example.com");
  MustSignIn("ann@example.com", kT0);
  for (int i = 0; i < 20; ++i) {
    SignIn("ann@example.com", "guess", kT0 + seconds(i * 60), "198.51.100." + std::to_string(i));
  }
  auto token = accounts_->IssueSignInLink("ANN@example.com", kT0 + minutes(20));
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->size(), 64u);
  EXPECT_TRUE(accounts_->IssueSignInLink("nobody@example.com", kT0).status().IsNotFound());
  auto user = accounts_->SignInLinkUser(*token, kT0 + minutes(20));
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->email, "ann@example.com");
  EXPECT_TRUE(accounts_->SignInLinkUser(*token, kT0 + minutes(80)).status().IsNotFound());
  // A refused password leaves the link as it was.
  EXPECT_TRUE(accounts_->ResetPassword(*token, "password12", kT0 + minutes(21))
                  .status()
                  .IsInvalidArgument());
  auto reset = accounts_->ResetPassword(*token, "a whole new password", kT0 + minutes(21));
  ASSERT_TRUE(reset.ok()) << reset.status().ToString();
  // Used up; the sessions ended; the failures forgotten, so the new password works at once.
  EXPECT_TRUE(accounts_->ResetPassword(*token, "another new password", kT0 + minutes(21))
                  .status()
                  .IsNotFound());
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(21)).status().IsNotFound());
  EXPECT_EQ(
      SignIn("ann@example.com", "a whole new password", kT0 + minutes(21), "198.51.100.3").refusal,
      SignInRefusal::kNone);
}

// --- sessions -----------------------------------------------------------------------------

TEST_F(AccountServiceTest, IdleSessionsExpireAndAreRemoved) {
  Add("ann@example.com");
  SignedIn who = MustSignIn("ann@example.com", kT0);
  // Each request moves last_seen, so a session in use stays open past `idle`.
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(50)).ok());
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(100)).ok());
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(160)).ok());
  // An hour and a minute without a request ends it.
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(221)).status().IsNotFound());
  EXPECT_TRUE(store_->GetSession(who.session.token_hash).status().IsNotFound());
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(160)).status().IsNotFound());
}

TEST_F(AccountServiceTest, SessionsEndAfterTheAbsoluteLimit) {
  Add("ann@example.com");
  MustSignIn("ann@example.com", kT0);
  for (int m = 50; m <= 600; m += 50) {
    ASSERT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(m)).ok()) << m;
  }
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0 + minutes(601)).status().IsNotFound());
}

TEST_F(AccountServiceTest, PurgeExpiredRemovesOldSessions) {
  Add("ann@example.com");
  SignedIn old_one = MustSignIn("ann@example.com", kT0);
  SignedIn fresh = MustSignIn("ann@example.com", kT0 + minutes(90));
  auto purged = accounts_->PurgeExpired(kT0 + minutes(100));
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 1);
  EXPECT_TRUE(store_->GetSession(old_one.session.token_hash).status().IsNotFound());
  EXPECT_TRUE(store_->GetSession(fresh.session.token_hash).ok());
}

TEST_F(AccountServiceTest, SignOutEndsOneSession) {
  Add("ann@example.com");
  MustSignIn("ann@example.com", kT0);
  const std::string first = token_;
  MustSignIn("ann@example.com", kT0);
  ASSERT_TRUE(accounts_->SignOut(first).ok());
  EXPECT_TRUE(accounts_->Authenticate(first, kT0).status().IsNotFound());
  EXPECT_TRUE(accounts_->Authenticate(token_, kT0).ok());
  EXPECT_TRUE(accounts_->SignOut(first).ok());  // twice
}

TEST_F(AccountServiceTest, SignOutEverywhereKeepsOne) {
  User ann = Add("ann@example.com");
  Add("bob@example.com");
  MustSignIn("ann@example.com", kT0);
  const std::string a1 = token_;
  SignedIn kept = MustSignIn("ann@example.com", kT0);
  const std::string a2 = token_;
  MustSignIn("ann@example.com", kT0);
  const std::string a3 = token_;
  MustSignIn("bob@example.com", kT0);
  const std::string b1 = token_;
  auto ended = accounts_->SignOutEverywhere(ann.id, kept.session.token_hash);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 2);
  EXPECT_TRUE(accounts_->Authenticate(a1, kT0).status().IsNotFound());
  EXPECT_TRUE(accounts_->Authenticate(a2, kT0).ok());
  EXPECT_TRUE(accounts_->Authenticate(a3, kT0).status().IsNotFound());
  EXPECT_TRUE(accounts_->Authenticate(b1, kT0).ok());
  EXPECT_EQ(*accounts_->SignOutEverywhere(ann.id, ""), 1);
  EXPECT_TRUE(accounts_->Authenticate(a2, kT0).status().IsNotFound());
}

TEST_F(AccountServiceTest, CsrfTokensBelongToOneSession) {
  Add("ann@example.com");
  SignedIn first = MustSignIn("ann@example.com", kT0);
  SignedIn second = MustSignIn("ann@example.com", kT0);
  EXPECT_EQ(first.csrf_token.size(), 64u);
  EXPECT_TRUE(accounts_->CheckCsrf(first.session, first.csrf_token));
  EXPECT_FALSE(accounts_->CheckCsrf(first.session, second.csrf_token));
  EXPECT_FALSE(accounts_->CheckCsrf(first.session, ""));
  EXPECT_FALSE(accounts_->CheckCsrf(first.session, first.csrf_token.substr(1)));
  EXPECT_FALSE(accounts_->CheckCsrf(first.session, first.session.token_hash));
  // Another service on the same database (another node) agrees: the key is shared.
  ReopenService();
  EXPECT_TRUE(accounts_->CheckCsrf(first.session, first.csrf_token));
}

TEST_F(AccountServiceTest, ChangePassword) {
  Add("ann@example.com", UserRole::kAuthor, 0, /*must_change=*/true);
  MustSignIn("ann@example.com", kT0);
  const std::string other = token_;
  SignedIn who = MustSignIn("ann@example.com", kT0);
  const std::string mine = token_;
  EXPECT_TRUE(who.user.must_change_password);

  Status wrong = accounts_->ChangePassword(who, "not my password", "a brand new secret");
  EXPECT_EQ(wrong.code(), Status::Code::kPermissionDenied) << wrong.ToString();
  EXPECT_TRUE(accounts_->ChangePassword(who, kPassword, "short").IsInvalidArgument());
  EXPECT_TRUE(accounts_->Authenticate(other, kT0).ok());  // nothing changed yet

  ASSERT_TRUE(accounts_->ChangePassword(who, kPassword, "a brand new secret").ok());
  EXPECT_FALSE(accounts_->FindUser("ann@example.com")->must_change_password);
  EXPECT_TRUE(accounts_->Authenticate(other, kT0).status().IsNotFound());
  EXPECT_TRUE(accounts_->Authenticate(mine, kT0).ok());
  EXPECT_EQ(SignIn("ann@example.com", kPassword, kT0).refusal, SignInRefusal::kWrongCredentials);
  EXPECT_EQ(SignIn("ann@example.com", "a brand new secret", kT0).refusal, SignInRefusal::kNone);
}

// --- roles ----------------------------------------------------------------------------

User WithRole(int64_t id, UserRole role, int64_t blog_id) {
  User user;
  user.id = id;
  user.role = role;
  user.blog_id = blog_id;
  return user;
}

Post ByAuthor(int64_t blog_id, int64_t author_id) {
  Post post;
  post.blog_id = blog_id;
  post.author_id = author_id;
  return post;
}

TEST(AccountRolesTest, WhoMayDoWhat) {
  const User admin = WithRole(1, UserRole::kAdmin, 0);
  const User owner = WithRole(2, UserRole::kOwner, 10);
  const User owner_all = WithRole(3, UserRole::kOwner, 0);
  const User author = WithRole(4, UserRole::kAuthor, 10);

  EXPECT_TRUE(AccountService::MayUseBlog(admin, 10));
  EXPECT_TRUE(AccountService::MayUseBlog(owner, 10));
  EXPECT_FALSE(AccountService::MayUseBlog(owner, 11));
  EXPECT_TRUE(AccountService::MayUseBlog(owner_all, 11));
  EXPECT_TRUE(AccountService::MayUseBlog(author, 10));
  EXPECT_FALSE(AccountService::MayUseBlog(author, 11));

  EXPECT_TRUE(AccountService::MayManageBlog(admin, 11));
  EXPECT_TRUE(AccountService::MayManageBlog(owner, 10));
  EXPECT_FALSE(AccountService::MayManageBlog(owner, 11));
  EXPECT_TRUE(AccountService::MayManageBlog(owner_all, 11));
  EXPECT_FALSE(AccountService::MayManageBlog(author, 10));

  const Post own = ByAuthor(10, 4);
  const Post others = ByAuthor(10, 2);
  const Post imported = ByAuthor(10, 0);
  const Post elsewhere = ByAuthor(11, 4);
  EXPECT_TRUE(AccountService::MayEditPost(author, own));
  EXPECT_FALSE(AccountService::MayEditPost(author, others));
  EXPECT_FALSE(AccountService::MayEditPost(author, imported));
  EXPECT_FALSE(AccountService::MayEditPost(author, elsewhere));
  EXPECT_TRUE(AccountService::MayEditPost(owner, others));
  EXPECT_TRUE(AccountService::MayEditPost(owner, imported));
  EXPECT_FALSE(AccountService::MayEditPost(owner, elsewhere));
  EXPECT_TRUE(AccountService::MayEditPost(admin, elsewhere));
}

}  // namespace
}  // namespace samizdat::service
