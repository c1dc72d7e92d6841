// `samizdat user add|passwd|reset|list|rm|totp`: the accounts that sign in to the web admin.
//
// Passwords never come from the command line (where `ps` and shell histories show
// them): they are asked on the terminal with echo off, twice, or read as one line from
// standard input with --password-stdin.
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/commands.h"
#include "service/accounts.h"
#include "service/blogs.h"

namespace samizdat::app {
namespace {

// Turns the terminal's echo off while it lives.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

// One line of standard input without its line ending; InvalidArgument at end of input.
Result<std::string> ReadLine() {
  std::string line;
  if (!std::getline(std::cin, line)) {
    return Status::InvalidArgument("no password on standard input");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> AskOnTerminal(const char* prompt) {
  std::cerr << prompt << std::flush;
  Result<std::string> line = [] {
    EchoOff quiet;
    return ReadLine();
  }();
  std::cerr << "\n";
  return line;
}

// The new password: from standard input, or asked twice on the terminal.
Result<std::string> ReadNewPassword(bool from_stdin) {
  if (from_stdin) return ReadLine();
  if (!isatty(STDIN_FILENO)) {
    return Status::InvalidArgument(
        "standard input is not a terminal: give the password on it with --password-stdin");
  }
  Result<std::string> first = AskOnTerminal("New password: ");
  if (!first.ok()) return first.status();
  Result<std::string> second = AskOnTerminal("Repeat the password: ");
  if (!second.ok()) return second.status();
  if (*first != *second) return Status::InvalidArgument("the two passwords differ");
  return first;
}

Result<UserRole> ParseRole(const std::string& word) {
  for (UserRole role : {UserRole::kAdmin, UserRole::kOwner, UserRole::kAuthor}) {
    if (word == UserRoleName(role)) return role;
  }
  return Status::InvalidArgument("--role must be admin, owner or author, not " + word);
}

struct AddFlags {
  std::string email, name, role = "author", blog;
  bool password_stdin = false;
  bool must_change = false;
};

struct PasswdFlags {
  std::string email;
  bool password_stdin = false;
  bool must_change = false;
};

int AddUser(store::Store& store, const AddFlags& flags) {
  Result<UserRole> role = ParseRole(flags.role);
  if (!role.ok()) return Fail(role.status());
  service::NewUser user;
  user.email = flags.email;
  user.display_name = flags.name;
  user.role = *role;
  user.must_change_password = flags.must_change;
  std::string blog_host = "all blogs";
  if (!flags.blog.empty()) {
    Result<Blog> blog = service::BlogService(store).Resolve(flags.blog);
    if (!blog.ok()) return Fail(blog.status());
    user.blog_id = blog->id;
    blog_host = blog->host;
  }
  Result<service::AccountService> accounts = service::AccountService::Open(store);
  if (!accounts.ok()) return Fail(accounts.status());
  // Said before asking, so a taken email does not cost typing a password twice.
  Result<User> existing = accounts->FindUser(flags.email);
  if (existing.ok()) return Fail("the email " + flags.email + " is already registered");
  Result<std::string> password = ReadNewPassword(flags.password_stdin);
  if (!password.ok()) return Fail(password.status());
  Result<User> added = accounts->AddUser(user, *password);
  if (!added.ok()) return Fail(added.status());
  std::cout << "added user " << added->id << " " << added->email << " ("
            << UserRoleName(added->role) << ", " << blog_host << ")\n";
  return 0;
}

int ChangePassword(store::Store& store, const PasswdFlags& flags) {
  Result<service::AccountService> accounts = service::AccountService::Open(store);
  if (!accounts.ok()) return Fail(accounts.status());
  // Known before asking, so a typo in the email does not cost typing a password twice.
  Result<User> user = accounts->FindUser(flags.email);
  if (!user.ok()) return Fail(user.status());
  Result<std::string> password = ReadNewPassword(flags.password_stdin);
  if (!password.ok()) return Fail(password.status());
  Status set = accounts->SetPassword(user->email, *password, flags.must_change);
  if (!set.ok()) return Fail(set);
  std::cout << "changed the password of " << user->email << " (signed out everywhere)\n";
  return 0;
}

// A one-time sign-in link on the user's blog's host (or the first blog's): samizdat sends
// no email, so the administrator passes it on.
int ResetLink(store::Store& store, const std::string& email) {
  Result<service::AccountService> accounts = service::AccountService::Open(store);
  if (!accounts.ok()) return Fail(accounts.status());
  Result<User> user = accounts->FindUser(email);
  if (!user.ok()) return Fail(user.status());
  Result<std::vector<Blog>> blogs = store.ListBlogs();
  if (!blogs.ok()) return Fail(blogs.status());
  std::string host = "HOST";
  for (const Blog& blog : *blogs) {
    if (host == "HOST" || blog.id == user->blog_id) host = blog.host;
  }
  Result<std::string> token = accounts->IssueSignInLink(user->email, Now());
  if (!token.ok()) return Fail(token.status());
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(accounts->settings().link_lifetime);
  std::cout << "sign-in link for " << user->email << " (valid " << minutes.count()
            << " minutes, once): http://" << host << "/admin/reset?token=" << *token << "\n";
  return 0;
}

int ListUsers(store::Store& store) {
  Result<std::vector<Blog>> blogs = store.ListBlogs();
  if (!blogs.ok()) return Fail(blogs.status());
  std::unordered_map<int64_t, std::string> hosts;
  for (const Blog& blog : *blogs) hosts[blog.id] = blog.host;
  Result<std::vector<User>> users = store.ListUsers();
  if (!users.ok()) return Fail(users.status());
  for (const User& u : *users) {
    std::string blog = "all";
    if (u.blog_id != 0) {
      auto host = hosts.find(u.blog_id);
      blog = host != hosts.end() ? host->second : "blog " + std::to_string(u.blog_id);
    }
    std::cout << u.id << "\t" << u.email << "\t" << u.display_name << "\t" << UserRoleName(u.role)
              << "\t" << blog << (u.must_change_password ? "\tmust change password" : "")
              << (service::SecondFactor::IsOn(u) ? "\ttwo-step sign-in" : "") << "\n";
  }
  return 0;
}

// Says whether the account has two-step sign-in; with `off`, turns it off (a lost phone)
// and signs the account out everywhere.
int Totp(store::Store& store, const std::string& email, bool off) {
  Result<service::AccountService> accounts = service::AccountService::Open(store);
  if (!accounts.ok()) return Fail(accounts.status());
  Result<User> user = accounts->FindUser(email);
  if (!user.ok()) return Fail(user.status());
  if (!off) {
    std::cout << user->email << ": two-step sign-in is "
              << (service::SecondFactor::IsOn(*user) ? "on" : "off") << "\n";
    return 0;
  }
  Status removed = accounts->second_factor().Remove(user->id);
  if (!removed.ok()) return Fail(removed);
  Result<int> ended = accounts->SignOutEverywhere(user->id, "");
  if (!ended.ok()) return Fail(ended.status());
  std::cout << "turned two-step sign-in off for " << user->email
            << ": the password alone signs in (signed out everywhere)\n";
  return 0;
}

}  // namespace

void RegisterUsers(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* user = app.add_subcommand("user", "Add, list and remove the admin's accounts");
  user->require_subcommand(1);

  auto add_flags = std::make_shared<AddFlags>();
  CLI::App* add = user->add_subcommand(
      "add", "Add an account; its password is asked on the terminal (or --password-stdin)");
  add->add_option("--email", add_flags->email, "Email address, the sign-in name")->required();
  add->add_option("--name", add_flags->name, "Display name (default: the email before '@')");
  add->add_option("--role", add_flags->role,
                  "admin (every blog), owner (runs a blog) or author (writes posts)");
  add->add_option("--blog", add_flags->blog,
                  "Host of the one blog an owner or author works on (default: every blog)");
  add->add_flag("--password-stdin", add_flags->password_stdin,
                "Read the password as one line from standard input");
  add->add_flag("--must-change", add_flags->must_change,
                "Make the user choose a new password on first sign-in");
  add->callback([&global, &exit_code, add_flags] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    exit_code = AddUser(**store, *add_flags);
  });

  auto passwd_flags = std::make_shared<PasswdFlags>();
  CLI::App* passwd =
      user->add_subcommand("passwd", "Set an account's password and sign it out everywhere");
  passwd->add_option("EMAIL", passwd_flags->email, "Email address of the account")->required();
  passwd->add_flag("--password-stdin", passwd_flags->password_stdin,
                   "Read the password as one line from standard input");
  passwd->add_flag("--must-change", passwd_flags->must_change,
                   "Make the user choose a new password on next sign-in");
  passwd->callback([&global, &exit_code, passwd_flags] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    exit_code = ChangePassword(**store, *passwd_flags);
  });

  auto reset_email = std::make_shared<std::string>();
  CLI::App* reset = user->add_subcommand(
      "reset", "Print a one-time link (valid an hour) to set a new password without the old one");
  reset->add_option("EMAIL", *reset_email, "Email address of the account")->required();
  reset->callback([&global, &exit_code, reset_email] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    exit_code = ResetLink(**store, *reset_email);
  });

  CLI::App* list = user->add_subcommand(
      "list", "List the accounts: id, email, name, role, blog, and which have two-step sign-in");
  list->callback([&global, &exit_code] {
    auto store = OpenStoreToRead(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    exit_code = ListUsers(**store);
  });

  auto rm_email = std::make_shared<std::string>();
  CLI::App* rm = user->add_subcommand("rm", "Remove an account (its posts stay)");
  rm->add_option("EMAIL", *rm_email, "Email address of the account")->required();
  rm->callback([&global, &exit_code, rm_email] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto accounts = service::AccountService::Open(**store);
    if (!accounts.ok()) return void(exit_code = Fail(accounts.status()));
    Status removed = accounts->RemoveUser(*rm_email);
    if (!removed.ok()) return void(exit_code = Fail(removed));
    std::cout << "removed user " << *rm_email << "\n";
  });

  auto totp_email = std::make_shared<std::string>();
  auto totp_off = std::make_shared<bool>(false);
  CLI::App* totp = user->add_subcommand(
      "totp", "Say whether an account has two-step sign-in (TOTP); --off turns it off");
  totp->add_option("EMAIL", *totp_email, "Email address of the account")->required();
  totp->add_flag("--off", *totp_off,
                 "Turn two-step sign-in off (a lost phone) and sign the account out everywhere");
  totp->callback([&global, &exit_code, totp_email, totp_off] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    exit_code = Totp(**store, *totp_email, *totp_off);
  });
}

}  // namespace samizdat::app
