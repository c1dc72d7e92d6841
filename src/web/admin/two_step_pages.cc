// Admin pages: two-step sign-in on the account page — turning it on (a new secret shown
// as text, as an otpauth:// URI and as a QR code), making it active with the app's first
// code, and turning it off with the password and a code (service/second_factor.h).
#include <string>

#include "web/admin/context.h"
#include "web/admin/pages.h"
#include "web/admin/qr_svg.h"
#include "web/http_status.h"

namespace samizdat::web::admin {
namespace two_step_pages {
namespace {

// A refusal the page explains (a wrong code or password, the wrong state) shown in the
// section with its status; any other failure, the error page.
http::Response Refused(Context& c, const Status& status, std::string_view what) {
  if (status.IsInvalidArgument() || status.IsNotFound() || status.IsConflict() ||
      status.code() == Status::Code::kPermissionDenied) {
    return auth_pages::PasswordPage(c, HttpStatusOf(status), "", status.message());
  }
  return c.Error(what, status);
}

// The other browsers signed in as this user: a changed sign-in factor ends them (as a
// changed password does).
Status EndOtherSessions(Context& c) {
  return c.services.accounts.SignOutEverywhere(c.who->user.id, c.who->session.token_hash).status();
}

}  // namespace

Result<boost::json::object> Section(Context& c, std::string_view error) {
  const User& user = c.who->user;
  boost::json::object values{{"two_step_on", service::SecondFactor::IsOn(user)}};
  if (!error.empty()) values["two_step_error"] = error;  // Mustache shows even "" as a section
  auto waiting = c.services.accounts.second_factor().Waiting(user, c.blog.host);
  if (!waiting.ok()) return waiting.status();
  if (*waiting) {
    values["two_step_waiting"] = boost::json::object{
        {"secret", (*waiting)->secret_base32},
        {"uri", (*waiting)->uri},
        {"qr_svg", QrSvg((*waiting)->uri, "QR code of the secret").value_or("")}};
  }
  return values;
}

http::Response Start(Context& c) {
  auto started = c.services.accounts.second_factor().Start(c.who->user, c.blog.host);
  if (!started.ok()) return Refused(c, started.status(), "Cannot turn two-step sign-in on now");
  return c.Redirect("/admin/password",
                    "Add the secret to your authenticator app, then enter the code it shows.");
}

http::Response Confirm(Context& c) {
  Status confirmed = c.services.accounts.second_factor().Confirm(
      c.who->user, c.form.Get("password"), c.form.Get("code"), Now());
  if (!confirmed.ok()) return Refused(c, confirmed, "Cannot turn two-step sign-in on now");
  if (Status ended = EndOtherSessions(c); !ended.ok()) return c.Error("Cannot sign out", ended);
  return c.Redirect("/admin/password",
                    "Two-step sign-in is on: signing in now asks for a code from your app. "
                    "Your other sessions are ended.");
}

http::Response TurnOff(Context& c) {
  Status off = c.services.accounts.second_factor().TurnOff(c.who->user, c.form.Get("password"),
                                                           c.form.Get("code"), Now());
  if (!off.ok()) return Refused(c, off, "Cannot turn two-step sign-in off now");
  if (Status ended = EndOtherSessions(c); !ended.ok()) return c.Error("Cannot sign out", ended);
  return c.Redirect("/admin/password",
                    "Two-step sign-in is off: your password alone signs you in. Your other "
                    "sessions are ended.");
}

}  // namespace two_step_pages
}  // namespace samizdat::web::admin
