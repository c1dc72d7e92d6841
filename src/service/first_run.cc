// EnsureFirstRun: the welcome blog and the first admin account.
#include "service/first_run.h"

#include "auth/password.h"
#include "service/accounts.h"
#include "service/blogs.h"
#include "service/posts.h"

namespace samizdat::service {
namespace {

constexpr const char* kWelcomeMarkdown = R"(Welcome to your new blog, served by **samizdat**.

This post was written for you when the server started for the first time. A few things
to try next:

- sign in at `/admin` as `admin@localhost` with the password the server printed, choose
  your own, and write your first post in the browser;
- or from the command line: `samizdat post add --title "Hello" --body hello.md`;
- give the blog its own name in the admin's settings, or `samizdat blog set localhost --title "My notes"`;
- bring your old blog along (the admin's import, or `samizdat import`): posts keep their
  Blogger addresses, so links keep working.

By default everything lives in one SQLite database under `./data`. To back it up, even while
the server runs, use `samizdat backup blog-backup.db` (copying the file by hand misses the
latest writes); `samizdat restore blog-backup.db` brings it back into an empty data directory.
)";

// Creates the admin account unless a user exists, noting it in `result`. The password
// is random and printed once, so the admin must change it on first sign-in.
Result<FirstRunResult> AdminAccount(store::Store& store, FirstRunResult result) {
  auto users = store.CountUsers();
  if (!users.ok()) return users.status();
  if (*users == 0) {
    auto accounts = AccountService::Open(store);
    if (!accounts.ok()) return accounts.status();
    NewUser admin;
    admin.email = "admin@localhost";
    admin.display_name = "Admin";
    admin.role = UserRole::kAdmin;
    admin.must_change_password = true;
    std::string password = auth::RandomPassword(16);
    auto created = accounts->AddUser(admin, password);
    if (created.ok()) {
      result.admin_email = created->email;
      result.admin_password = std::move(password);
    } else if (!created.status().IsConflict()) {
      return created.status();
    }  // Conflict: another node starting on the same fresh database made it just now.
  }
  return result;
}

}  // namespace

Result<FirstRunResult> EnsureFirstRun(store::Store& store) {
  FirstRunResult result;
  auto blogs = store.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  if (blogs->empty()) {
    BlogService blog_service(store);
    BlogChanges changes;
    changes.host = "localhost";
    changes.title = "samizdat";
    changes.description = "A blog that publishes itself.";
    auto blog = blog_service.Create(changes);
    if (blog.ok()) {
      NewPost welcome;
      welcome.title = "Welcome to samizdat";
      welcome.source = kWelcomeMarkdown;
      welcome.format = BodyFormat::kMarkdown;
      welcome.labels = {"samizdat"};
      welcome.author = "samizdat";
      auto post = PostService(store).Add(*blog, welcome);
      if (!post.ok()) return post.status();
      result.created_blog = true;
    } else if (!blog.status().IsConflict()) {
      return blog.status();
    }  // Conflict: another node starting on the same fresh database made it just now.
  }
  return AdminAccount(store, result);
}

}  // namespace samizdat::service
