// Accounts: users with roles, their passwords, sign-in with throttling, and sessions.
//
// A session is a 256-bit random token that only the browser keeps (in a cookie); the
// store keeps its hash (auth::SessionTokenHash). It ends after `idle` without a request
// or `absolute` after sign-in, whichever comes first, or when its user signs out (one
// browser) or signs out everywhere (every browser). Each session has a CSRF token,
// derived from it with an instance key, that every state-changing form carries.
//
// An account may also ask for a code from an authenticator app (two-step sign-in,
// second_factor.h): SignIn then needs it as well as the password.
//
// Sign-in is throttled with growing delays per address (or known device) and account,
// never locked: service/signin_throttle.h. A good sign-in gives the browser a device
// token for the account (auth/device_token.h), so that the next attempt from that browser
// is held back only by its own failures. Passwords are at least min_password_length
// characters and not among the common passwords of auth/common_passwords.h.
//
// Who may do what (the roles of core/model.h): an admin, anything on any blog; an owner,
// anything on their blog (settings, comments, media, import and export, every post); an
// author, write posts and pages on their blog and edit or delete only their own.
//
// Thread safety: an AccountService may be used from many threads at once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "service/second_factor.h"
#include "service/signin_throttle.h"
#include "store/store.h"

namespace samizdat::service {

// OK when `email` looks like an address: name@host, no blanks, UTF-8, at most 254 bytes;
// else InvalidArgument saying what is wrong (accounts, the contact form).
Status CheckEmail(std::string_view email);

struct AccountSettings {
  std::chrono::seconds idle{std::chrono::hours(24)};
  std::chrono::seconds absolute{std::chrono::hours(24 * 14)};
  ThrottleSettings throttle;
  // How long a browser keeps its device token (its cookie's Max-Age).
  std::chrono::seconds device_lifetime{std::chrono::hours(24 * 365)};
  std::size_t min_password_length = 10;
  // How long a one-time sign-in link (IssueSignInLink) stays valid.
  std::chrono::seconds link_lifetime{std::chrono::hours(1)};
};

struct NewUser {
  std::string email;
  std::string display_name;  // default: the part of the email before '@'
  UserRole role = UserRole::kAuthor;
  int64_t blog_id = 0;  // owners and authors: their blog (0: every blog)
  bool must_change_password = false;
};

// A request's signed-in user.
struct SignedIn {
  User user;
  Session session;
  std::string csrf_token;  // for the forms of pages shown in this session
};

enum class SignInRefusal {
  kNone,
  kWrongCredentials,  // unknown email, wrong password, or a missing, wrong or used code
                      // when the account has two-step sign-in (the message does not say which)
  kThrottled,         // too many failures: retry_after says how long to wait
};

struct SignInOutcome {
  SignInRefusal refusal = SignInRefusal::kNone;
  std::string message;                  // for the sign-in page when refused
  std::chrono::seconds retry_after{0};  // kThrottled
  std::optional<SignedIn> signed_in;    // kNone
  std::string token;                    // kNone: the raw token, for the cookie only
  std::string device_token;             // kNone: the browser's new device token (cookie)
};

class AccountService {
 public:
  // Reads (or creates) the instance key behind CSRF tokens, IP hashes and the sealed
  // TOTP secrets.
  static Result<AccountService> Open(store::Store& store, AccountSettings settings = {});

  // --- users (the CLI's `samizdat user`, and the first run) ---------------------------
  // InvalidArgument for an email without '@' or with blanks, a name that is not UTF-8,
  // a password too short or too common (CheckPassword), an admin with a blog; Conflict for a
  // taken email; NotFound for a blog_id that is not a blog.
  Result<User> AddUser(const NewUser& user, std::string_view password);
  // The user with that email (ignoring case). NotFound.
  Result<User> FindUser(std::string_view email);
  Result<std::vector<User>> ListUsers();
  // Sets a new password, signs the user out everywhere and forgets the account's failed
  // sign-ins, so the new password works at once from anywhere. InvalidArgument, NotFound.
  Status SetPassword(std::string_view email, std::string_view password, bool must_change = false);
  // A one-time sign-in link's token for the user (the CLI's `user reset`): 32 random
  // bytes as hex, of which the store keeps only the hash; valid link_lifetime, once.
  // NotFound.
  Result<std::string> IssueSignInLink(std::string_view email, Time now);
  // The user whose link `token` is, while it is valid. NotFound (unknown, used, expired).
  Result<User> SignInLinkUser(std::string_view token, Time now);
  // Uses up the link to set the user's password (as SetPassword does, so the account's
  // sessions end and its failures are forgotten) and returns the user. InvalidArgument
  // for a refused password (the link stays valid); NotFound for an unknown, used or
  // expired link.
  Result<User> ResetPassword(std::string_view token, std::string_view password, Time now);
  // Removes the user and their sessions; their posts stay. NotFound. Refuses
  // (PermissionDenied) to remove the last admin.
  Status RemoveUser(std::string_view email);

  // --- sign-in and sessions ---------------------------------------------------------------
  // Checks the password (unless throttled), and `code` when the account has two-step
  // sign-in on, and on success opens a session. `ip` is the client's address (hashed
  // before it is stored); `device_token` the browser's device token ("" when it has
  // none; one of another account or forged counts as none).
  Result<SignInOutcome> SignIn(std::string_view email, std::string_view password,
                               std::string_view code, std::string_view ip,
                               std::string_view device_token, Time now);
  // The signed-in user of a cookie's token. NotFound for an unknown, expired or ended
  // session (an expired one is removed). Moves the session's last_seen (at most once a
  // minute, to spare the database a write per request).
  Result<SignedIn> Authenticate(std::string_view token, Time now);
  // Ends one session (signing out); an unknown token is not an error.
  Status SignOut(std::string_view token);
  // Ends every session of the user but `keep` (a token hash; "" for all). Returns how many.
  Result<int> SignOutEverywhere(int64_t user_id, std::string_view keep_token_hash);
  // Whether `token` is the CSRF token of `session` (constant time).
  bool CheckCsrf(const Session& session, std::string_view token) const;
  // Changes the signed-in user's own password: checks the current one (PermissionDenied
  // when wrong), the new one (CheckPassword: InvalidArgument), clears must_change_password
  // and ends the user's other sessions.
  Status ChangePassword(const SignedIn& who, std::string_view current,
                        std::string_view new_password);
  // Removes expired sessions and old failures (the server's hourly clean-up).
  Result<int> PurgeExpired(Time now);

  // --- roles ------------------------------------------------------------------------
  static bool MayUseBlog(const User& user, int64_t blog_id);
  // Settings, comments, import and export, every post.
  static bool MayManageBlog(const User& user, int64_t blog_id);
  // Edit, publish or delete this post or page.
  static bool MayEditPost(const User& user, const Post& post);

  const AccountSettings& settings() const { return settings_; }
  // Two-step sign-in: turning it on and off.
  SecondFactor& second_factor() { return second_factor_; }

 private:
  AccountService(store::Store& store, AccountSettings settings, std::string key,
                 SecondFactor second_factor)
      : store_(&store),
        settings_(settings),
        key_(std::move(key)),
        second_factor_(std::move(second_factor)),
        throttle_(store, settings.throttle) {}
  // InvalidArgument unless the password's length is within bounds and it is not a
  // common password.
  Status CheckPassword(std::string_view password) const;
  // The source of a sign-in attempt on `account`: its device, when the token is one of
  // the account's, else its address.
  SignInSource SourceOf(std::string_view account, std::string_view ip,
                        std::string_view device_token) const;
  store::Store* store_;
  AccountSettings settings_;
  std::string key_;
  SecondFactor second_factor_;
  SignInThrottle throttle_;
};

}  // namespace samizdat::service
