// Admin pages: signing in and out (with a two-step code when the account asks for one),
// the account page: changing one's password (its two-step section: two_step_pages.cc),
// and one-time sign-in links.
#include <chrono>
#include <string>

#include "auth/form_token.h"
#include "core/strings.h"
#include "web/admin/context.h"
#include "web/admin/forms.h"
#include "web/admin/pages.h"
#include "web/admin/session_cookie.h"

namespace samizdat::web::admin {
namespace auth_pages {

// The sign-in form's token proves the form came from here (no login CSRF); it is valid
// for a day after the page was shown.
constexpr std::chrono::hours kSignInFormTtl{24};

// Where to go after signing in: an /admin path given by the sign-in page, else the posts.
std::string NextPage(std::string_view next) {
  if (next.starts_with("/admin") && !next.starts_with("//") &&
      next.find_first_of("\\\r\n") == std::string_view::npos) {
    return std::string(next);
  }
  return "/admin/posts";
}

http::Response SignInPage(Context& c, int status, std::string_view message,
                          std::string_view email) {
  return c.Page(status, "Sign in", "sign_in",
                {{"form_token", auth::MakeFormToken(c.services.sign_in_key, 0, Now())},
                 {"next", NextPage(c.query.Has("next") ? c.query.Get("next") : c.form.Get("next"))},
                 {"email", email},
                 {"error", message}});
}

http::Response Home(Context& c) { return c.Redirect("/admin/posts"); }

http::Response ShowSignIn(Context& c) {
  if (c.who != nullptr) return c.Redirect(NextPage(c.query.Get("next")));
  return SignInPage(c, 200, "", "");
}

http::Response SignIn(Context& c) {
  const std::string email(TrimBlank(c.form.Get("email")));
  const auto check = auth::CheckFormToken(c.services.sign_in_key, c.form.Get("form_token"), 0,
                                          Now(), std::chrono::milliseconds(0), kSignInFormTtl);
  if (check != auth::FormTokenCheck::kValid) {
    return SignInPage(c, 403, "The sign-in form was out of date. Please try again.", email);
  }
  const std::string device = AdminCookieValue(c.request, kDeviceCookie).value_or("");
  auto outcome = c.services.accounts.SignIn(email, c.form.Get("password"), c.form.Get("code"),
                                            c.request.remote_address, device, Now());
  if (!outcome.ok()) return c.Error("Cannot sign in now", outcome.status());
  switch (outcome->refusal) {
    case service::SignInRefusal::kWrongCredentials:
      return SignInPage(c, 401, outcome->message, email);
    case service::SignInRefusal::kThrottled: {
      http::Response response = SignInPage(c, 429, outcome->message, email);
      response.headers.push_back({"Retry-After", std::to_string(outcome->retry_after.count())});
      return response;
    }
    case service::SignInRefusal::kNone: break;
  }
  const User& user = outcome->signed_in->user;
  http::Response response =
      user.must_change_password
          ? c.Redirect("/admin/password", "Welcome. Choose a new password first.")
          : c.Redirect(NextPage(c.form.Get("next")));
  const service::AccountSettings& settings = c.services.accounts.settings();
  response.headers.push_back(
      {"Set-Cookie", AdminCookie(c.request, kSessionCookie, outcome->token, settings.absolute)});
  response.headers.push_back(
      {"Set-Cookie",
       AdminCookie(c.request, kDeviceCookie, outcome->device_token, settings.device_lifetime)});
  return response;
}

http::Response SignedOut(Context& c, std::string_view notice) {
  http::Response response = c.Redirect("/admin/sign-in", notice);
  response.headers.push_back(
      {"Set-Cookie", AdminCookie(c.request, kSessionCookie, "", std::chrono::seconds(0))});
  return response;
}

http::Response SignOut(Context& c) {
  auto token = AdminCookieValue(c.request, kSessionCookie);
  if (Status ended = c.services.accounts.SignOut(token.value_or("")); !ended.ok()) {
    return c.Error("Cannot sign out now", ended);
  }
  return SignedOut(c, "You are signed out.");
}

http::Response SignOutEverywhere(Context& c) {
  auto ended = c.services.accounts.SignOutEverywhere(c.who->user.id, "");
  if (!ended.ok()) return c.Error("Cannot sign out now", ended.status());
  return SignedOut(
      c, "You are signed out on every browser (" + std::to_string(*ended) + " session(s) ended).");
}

http::Response PasswordPage(Context& c, int status, std::string_view error,
                            std::string_view two_step_error) {
  auto values = two_step_pages::Section(c, two_step_error);
  if (!values.ok()) return c.Error("Cannot show two-step sign-in", values.status());
  values->insert({{"must_change", c.who->user.must_change_password},
                  {"min_length", c.services.accounts.settings().min_password_length},
                  {"error", error}});
  return c.Page(status, "Password", "password", std::move(*values));
}

http::Response ShowPassword(Context& c) { return PasswordPage(c, 200, "", ""); }

http::Response ChangePassword(Context& c) {
  const std::string fresh = c.form.Get("new_password");
  if (fresh != c.form.Get("confirm_password")) {
    return PasswordPage(c, 400, "The new password and its confirmation differ.", "");
  }
  Status changed =
      c.services.accounts.ChangePassword(*c.who, c.form.Get("current_password"), fresh);
  if (changed.code() == Status::Code::kPermissionDenied) {
    return PasswordPage(c, 403, changed.message(), "");
  }
  if (changed.IsInvalidArgument()) return PasswordPage(c, 400, changed.message(), "");
  if (!changed.ok()) return c.Error("Cannot change the password now", changed);
  return c.Redirect("/admin/posts", "Your password is changed; your other sessions are ended.");
}

constexpr std::string_view kBadLink =
    "This sign-in link is unknown, used or expired. An administrator can make a new one with "
    "samizdat user reset EMAIL.";

http::Response ResetPage(Context& c, int status, std::string_view token, const User* user,
                         std::string_view error) {
  return c.Page(status, "Set a new password", "reset",
                {{"valid", user != nullptr},
                 {"email", user != nullptr ? user->email : ""},
                 {"token", token},
                 {"min_length", c.services.accounts.settings().min_password_length},
                 {"error", user != nullptr ? error : kBadLink}});
}

http::Response ShowReset(Context& c) {
  const std::string token = c.query.Get("token");
  auto user = c.services.accounts.SignInLinkUser(token, Now());
  if (user.status().IsNotFound()) return ResetPage(c, 404, token, nullptr, "");
  if (!user.ok()) return c.Error("Cannot read the sign-in link now", user.status());
  return ResetPage(c, 200, token, &*user, "");
}

http::Response Reset(Context& c) {
  const std::string token = c.form.Get("token");
  auto user = c.services.accounts.SignInLinkUser(token, Now());
  if (user.status().IsNotFound()) return ResetPage(c, 404, token, nullptr, "");
  if (!user.ok()) return c.Error("Cannot read the sign-in link now", user.status());
  const std::string fresh = c.form.Get("new_password");
  if (fresh != c.form.Get("confirm_password")) {
    return ResetPage(c, 400, token, &*user, "The new password and its confirmation differ.");
  }
  auto reset = c.services.accounts.ResetPassword(token, fresh, Now());
  if (reset.status().IsInvalidArgument()) {
    return ResetPage(c, 400, token, &*user, reset.status().message());
  }
  if (reset.status().IsNotFound()) return ResetPage(c, 404, token, nullptr, "");
  if (!reset.ok()) return c.Error("Cannot set the password now", reset.status());
  return c.Redirect("/admin/sign-in", "Your new password is set: sign in with it.");
}

}  // namespace auth_pages

}  // namespace samizdat::web::admin
