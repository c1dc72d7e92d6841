// AccountService: users, passwords, throttled sign-in and sessions, see accounts.h.
#include "service/accounts.h"

#include <algorithm>
#include <utility>

#include "auth/common_passwords.h"
#include "auth/device_token.h"
#include "auth/form_token.h"
#include "auth/password.h"
#include "auth/secret_box.h"
#include "auth/session_token.h"
#include "core/strings.h"
#include "text/utf8.h"

namespace samizdat::service {
namespace {

using std::chrono::seconds;

constexpr const char* kAccountKeyName = "account-key";
constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321's limit on a path
constexpr std::size_t kMaxNameBytes = 200;
// A password longer than this is refused rather than hashed: argon2id takes any length,
// but a megabyte-long "password" would only be a way to make the server work.
constexpr std::size_t kMaxPasswordBytes = 1024;
// Authenticate writes last_seen at most this often per session.
constexpr seconds kTouchEvery{60};
constexpr const char* kWrongCredentials = "Wrong email, password or code.";

}  // namespace

Status CheckEmail(std::string_view email) {
  if (email.empty()) return Status::InvalidArgument("an email address is needed");
  if (email.size() > kMaxEmailBytes)
    return Status::InvalidArgument("the email address is too long");
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) {
    return Status::InvalidArgument("\"" + std::string(email) +
                                   "\" is not an email address (name@example.com)");
  }
  for (unsigned char c : email) {
    if (c <= ' ' || c == 0x7f) {
      return Status::InvalidArgument("an email address may not contain blanks");
    }
  }
  if (!text::IsValidUtf8(email)) return Status::InvalidArgument("the email address is not UTF-8");
  return Status::Ok();
}

namespace {

// Characters, not bytes: a password of accented letters is as long as it looks.
std::size_t CountChars(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// "8 seconds", "1 minute", "15 minutes".
std::string WaitText(seconds wait) {
  if (wait < seconds(120)) {
    return std::to_string(wait.count()) + (wait == seconds(1) ? " second" : " seconds");
  }
  return std::to_string((wait.count() + 59) / 60) + " minutes";
}

// The account that failures are counted against: the email as typed, known or not.
std::string AccountName(std::string_view email) { return AsciiLower(TrimBlank(email)); }

}  // namespace

Result<AccountService> AccountService::Open(store::Store& store, AccountSettings settings) {
  Result<std::string> key = store.GetOrCreateSecret(kAccountKeyName, auth::RandomSecretKey());
  if (!key.ok()) return key.status();
  Result<std::string> totp_key = auth::DeriveSealKey(*key, "totp-key");
  if (!totp_key.ok()) return totp_key.status();
  SecondFactor second_factor(store, std::move(*totp_key));
  return AccountService(store, settings, std::move(*key), std::move(second_factor));
}

Status AccountService::CheckPassword(std::string_view password) const {
  if (CountChars(password) < settings_.min_password_length) {
    return Status::InvalidArgument("the password is too short: it needs at least " +
                                   std::to_string(settings_.min_password_length) + " characters");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidArgument("the password is too long: at most " +
                                   std::to_string(kMaxPasswordBytes) + " bytes");
  }
  if (auth::IsCommonPassword(password)) {
    return Status::InvalidArgument(
        "This password is among the " +
        WithThousands(static_cast<int64_t>(auth::CommonPasswordCount())) +
        " most common passwords; choose another.");
  }
  return Status::Ok();
}

Result<User> AccountService::AddUser(const NewUser& user, std::string_view password) {
  const std::string_view email = TrimBlank(user.email);
  SAMIZDAT_RETURN_IF_ERROR(CheckEmail(email));
  std::string name(TrimBlank(user.display_name));
  if (name.empty()) name = std::string(email.substr(0, email.find('@')));
  if (!text::IsValidUtf8(name)) return Status::InvalidArgument("the name is not UTF-8");
  if (name.size() > kMaxNameBytes) return Status::InvalidArgument("the name is too long");
  if (user.role == UserRole::kAdmin && user.blog_id != 0) {
    return Status::InvalidArgument("an admin runs every blog: give no blog for an admin");
  }
  SAMIZDAT_RETURN_IF_ERROR(CheckPassword(password));
  if (user.blog_id != 0) {
    Result<Blog> blog = store_->GetBlog(user.blog_id);
    if (!blog.ok()) return blog.status();
  }
  Result<std::string> hash = auth::HashPassword(password);
  if (!hash.ok()) return hash.status();

  User stored;
  stored.email = std::string(email);
  stored.display_name = std::move(name);
  stored.password_hash = std::move(*hash);
  stored.role = user.role;
  stored.blog_id = user.blog_id;
  stored.must_change_password = user.must_change_password;
  return store_->CreateUser(stored);
}

Result<User> AccountService::FindUser(std::string_view email) {
  Result<User> user = store_->GetUserByEmail(TrimBlank(email));
  if (user.status().IsNotFound()) {
    return Status::NotFound("no user with the email " + std::string(TrimBlank(email)));
  }
  return user;
}

Result<std::vector<User>> AccountService::ListUsers() { return store_->ListUsers(); }

Status AccountService::SetPassword(std::string_view email, std::string_view password,
                                   bool must_change) {
  SAMIZDAT_RETURN_IF_ERROR(CheckPassword(password));
  Result<User> user = FindUser(email);
  if (!user.ok()) return user.status();
  Result<std::string> hash = auth::HashPassword(password);
  if (!hash.ok()) return hash.status();
  user->password_hash = std::move(*hash);
  user->must_change_password = must_change;
  SAMIZDAT_RETURN_IF_ERROR(store_->UpdateUser(*user));
  SAMIZDAT_RETURN_IF_ERROR(throttle_.Forget(AccountName(user->email)));
  return store_->DeleteUserSessions(user->id, "").status();
}

Status AccountService::RemoveUser(std::string_view email) {
  Result<User> user = FindUser(email);
  if (!user.ok()) return user.status();
  if (user->role == UserRole::kAdmin) {
    Result<std::vector<User>> users = store_->ListUsers();
    if (!users.ok()) return users.status();
    const auto admins = std::count_if(users->begin(), users->end(),
                                      [](const User& u) { return u.role == UserRole::kAdmin; });
    if (admins <= 1) {
      return Status::PermissionDenied(user->email +
                                      " is the last admin: add another admin before removing it");
    }
  }
  return store_->DeleteUser(user->id);
}

Result<std::string> AccountService::IssueSignInLink(std::string_view email, Time now) {
  Result<User> user = FindUser(email);
  if (!user.ok()) return user.status();
  std::string token = auth::NewSessionToken();
  SAMIZDAT_RETURN_IF_ERROR(store_->CreateSignInLink(auth::SessionTokenHash(token), user->id,
                                                    now + settings_.link_lifetime));
  return token;
}

Result<User> AccountService::SignInLinkUser(std::string_view token, Time now) {
  Result<int64_t> user_id = store_->FindSignInLink(auth::SessionTokenHash(token), now);
  if (!user_id.ok()) return user_id.status();
  return store_->GetUser(*user_id);
}

Result<User> AccountService::ResetPassword(std::string_view token, std::string_view password,
                                           Time now) {
  SAMIZDAT_RETURN_IF_ERROR(CheckPassword(password));
  Result<int64_t> user_id = store_->TakeSignInLink(auth::SessionTokenHash(token), now);
  if (!user_id.ok()) return user_id.status();
  Result<User> user = store_->GetUser(*user_id);
  if (!user.ok()) return user.status();
  SAMIZDAT_RETURN_IF_ERROR(SetPassword(user->email, password));
  return user;
}

SignInSource AccountService::SourceOf(std::string_view account, std::string_view ip,
                                      std::string_view device_token) const {
  if (std::optional<std::string> nonce = auth::CheckDeviceToken(key_, account, device_token)) {
    return SignInSource{"device:" + *nonce, true};
  }
  return SignInSource{"ip:" + auth::KeyedHash(key_, ip), false};
}

Result<SignInOutcome> AccountService::SignIn(std::string_view email, std::string_view password,
                                             std::string_view code, std::string_view ip,
                                             std::string_view device_token, Time now) {
  SignInOutcome outcome;
  const std::string account = AccountName(email);
  const SignInSource source = SourceOf(account, ip, device_token);
  Result<ThrottleWait> wait = throttle_.WaitFor(account, source, now);
  if (!wait.ok()) return wait.status();
  if (wait->left > seconds(0)) {
    outcome.refusal = SignInRefusal::kThrottled;
    outcome.retry_after = wait->left;
    const char* whose = wait->account_wide    ? "for this account"
                        : source.known_device ? "from this browser"
                                              : "from your address";
    outcome.message = std::string("Too many failed sign-ins ") + whose + ". Try again in " +
                      WaitText(wait->left) + ".";
    return outcome;
  }

  Result<User> user = store_->GetUserByEmail(TrimBlank(email));
  if (!user.ok() && !user.status().IsNotFound()) return user.status();
  // An unknown email costs the same argon2id check as a known one, so the time taken
  // does not tell which emails have accounts.
  static const std::string kDecoyHash = [] {
    Result<std::string> hash = auth::HashPassword(auth::RandomPassword(24));
    return hash.ok() ? *hash : std::string();
  }();
  bool good =
      auth::VerifyPassword(password, user.ok() ? user->password_hash : kDecoyHash) && user.ok();
  // Two-step sign-in (second_factor.h): a missing, wrong or used code fails as a wrong
  // password does, and says no more.
  if (good) {
    Result<bool> passed = second_factor_.Passes(*user, code, now);
    if (!passed.ok()) return passed.status();
    good = *passed;
  }
  if (!good) {
    SAMIZDAT_RETURN_IF_ERROR(throttle_.Failed(account, source, now));
    outcome.refusal = SignInRefusal::kWrongCredentials;
    outcome.message = kWrongCredentials;
    return outcome;
  }

  SAMIZDAT_RETURN_IF_ERROR(throttle_.Succeeded(account, source));
  outcome.device_token = auth::MakeDeviceToken(key_, account);
  std::string token = auth::NewSessionToken();
  Session session{auth::SessionTokenHash(token), user->id, now, now};
  SAMIZDAT_RETURN_IF_ERROR(store_->CreateSession(session));
  std::string csrf = auth::CsrfToken(key_, session.token_hash);
  outcome.signed_in = SignedIn{std::move(*user), std::move(session), std::move(csrf)};
  outcome.token = std::move(token);
  return outcome;
}

Result<SignedIn> AccountService::Authenticate(std::string_view token, Time now) {
  if (token.empty()) return Status::NotFound("not signed in");
  const std::string hash = auth::SessionTokenHash(token);
  Result<Session> session = store_->GetSession(hash);
  if (!session.ok()) return session.status();
  if (now - session->last_seen > settings_.idle || now - session->created > settings_.absolute) {
    SAMIZDAT_RETURN_IF_ERROR(store_->DeleteSession(hash));
    return Status::NotFound("the session has expired");
  }
  Result<User> user = store_->GetUser(session->user_id);
  if (!user.ok()) return user.status();
  if (now - session->last_seen >= kTouchEvery) {
    Status touched = store_->TouchSession(hash, now);
    // Signed out (by another request) between the read and now.
    if (touched.IsNotFound()) return Status::NotFound("the session has ended");
    SAMIZDAT_RETURN_IF_ERROR(touched);
    session->last_seen = now;
  }
  std::string csrf = auth::CsrfToken(key_, hash);
  return SignedIn{std::move(*user), std::move(*session), std::move(csrf)};
}

Status AccountService::SignOut(std::string_view token) {
  if (token.empty()) return Status::Ok();
  return store_->DeleteSession(auth::SessionTokenHash(token));
}

Result<int> AccountService::SignOutEverywhere(int64_t user_id, std::string_view keep_token_hash) {
  return store_->DeleteUserSessions(user_id, keep_token_hash);
}

bool AccountService::CheckCsrf(const Session& session, std::string_view token) const {
  return auth::TokensEqual(auth::CsrfToken(key_, session.token_hash), token);
}

Status AccountService::ChangePassword(const SignedIn& who, std::string_view current,
                                      std::string_view new_password) {
  Result<User> user = store_->GetUser(who.user.id);
  if (!user.ok()) return user.status();
  if (!auth::VerifyPassword(current, user->password_hash)) {
    return Status::PermissionDenied("the current password is wrong");
  }
  SAMIZDAT_RETURN_IF_ERROR(CheckPassword(new_password));
  Result<std::string> hash = auth::HashPassword(new_password);
  if (!hash.ok()) return hash.status();
  user->password_hash = std::move(*hash);
  user->must_change_password = false;
  SAMIZDAT_RETURN_IF_ERROR(store_->UpdateUser(*user));
  return store_->DeleteUserSessions(user->id, who.session.token_hash).status();
}

Result<int> AccountService::PurgeExpired(Time now) {
  return store_->PurgeSessions(now - settings_.idle, now - settings_.absolute);
}

bool AccountService::MayUseBlog(const User& user, int64_t blog_id) {
  return user.role == UserRole::kAdmin || user.blog_id == 0 || user.blog_id == blog_id;
}

bool AccountService::MayManageBlog(const User& user, int64_t blog_id) {
  if (user.role == UserRole::kAdmin) return true;
  return user.role == UserRole::kOwner && MayUseBlog(user, blog_id);
}

bool AccountService::MayEditPost(const User& user, const Post& post) {
  if (MayManageBlog(user, post.blog_id)) return true;
  return user.role == UserRole::kAuthor && MayUseBlog(user, post.blog_id) && user.id != 0 &&
         post.author_id == user.id;
}

}  // namespace samizdat::service
