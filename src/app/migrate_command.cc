// `samizdat migrate --from LOCATION --to LOCATION`: a whole store copied between SQLite
// and PostgreSQL (either way) by service::CopyStore. Ignores --data and --db.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "app/commands.h"
#include "core/strings.h"
#include "service/store_copy.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace samizdat::app {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";

struct MigrateFlags {
  std::string from, to;
  bool allow_non_empty = false;
};

// A parsed LOCATION: a SQLite file or a PostgreSQL URL.
struct Location {
  std::string sqlite_path;  // empty for PostgreSQL
  std::string url;          // empty for SQLite
  std::string shown;        // for messages: the file, or the URL without its password
};

// `sqlite:PATH` (a database file, or a directory meaning DIR/samizdat.db) or a
// postgresql:// URL. `option` names the flag in errors.
Result<Location> ParseLocation(const std::string& text, std::string_view option) {
  Location location;
  if (store::IsPostgresUrl(text)) {
    location.url = text;
    location.shown = RedactedUrl(text);
    return location;
  }
  if (!text.starts_with(kSqlitePrefix) || text.size() == kSqlitePrefix.size()) {
    return Status::InvalidArgument(
        std::string(option) +
        " takes sqlite:PATH (a database file, or a data directory holding samizdat.db) or a "
        "postgresql:// URL, not '" +
        text + "'");
  }
  std::filesystem::path path(text.substr(kSqlitePrefix.size()));
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) path /= "samizdat.db";
  location.sqlite_path = path.string();
  location.shown = location.sqlite_path;
  return location;
}

bool SameDatabase(const Location& a, const Location& b) {
  if (a.url.empty() != b.url.empty()) return false;
  if (!a.url.empty()) return a.url == b.url;
  const auto canonical = [](const std::string& path) {
    std::error_code ec;
    std::filesystem::path full = std::filesystem::weakly_canonical(path, ec);
    return ec ? std::filesystem::path(path) : full;
  };
  return canonical(a.sqlite_path) == canonical(b.sqlite_path);
}

Result<std::unique_ptr<store::Store>> OpenSource(const Location& location) {
  if (!location.url.empty()) return store::OpenPostgresStore(location.url);
  return store::OpenSqliteStore(location.sqlite_path);
}

Result<std::unique_ptr<store::Store>> OpenTarget(const Location& location) {
  if (!location.url.empty()) return store::OpenPostgresStore(location.url);
  const std::filesystem::path parent = std::filesystem::path(location.sqlite_path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Status::InvalidArgument("--to: cannot create the directory " + parent.string() + ": " +
                                   ec.message());
  }
  return store::OpenSqliteStore(location.sqlite_path);
}

std::string Count(int64_t n, const char* one, const char* many) {
  return WithThousands(n) + " " + (n == 1 ? one : many);
}

// "2 blogs, 137 posts, 3 pages, …": how many of each kind `pick` reads from the report.
template <typename Pick>
std::string Counts(const service::CopyReport& r, Pick pick) {
  return Count(pick(r.blogs), "blog", "blogs") + ", " +
         Count(pick(r.posts) - pick(r.pages), "post", "posts") + ", " +
         Count(pick(r.pages), "page", "pages") + ", " +
         Count(pick(r.comments), "comment", "comments") + ", " +
         Count(pick(r.users), "user", "users") + ", " +
         Count(pick(r.redirects), "redirect", "redirects") + ", " +
         Count(pick(r.secrets), "secret", "secrets");
}

int Migrate(const MigrateFlags& flags) {
  auto from = ParseLocation(flags.from, "--from");
  if (!from.ok()) return Fail(from.status());
  auto to = ParseLocation(flags.to, "--to");
  if (!to.ok()) return Fail(to.status());
  if (SameDatabase(*from, *to)) {
    return Fail("--from and --to name the same database (" + from->shown + ")");
  }
  // Opening a missing SQLite file would create an empty one.
  std::error_code ec;
  if (from->url.empty() && !std::filesystem::is_regular_file(from->sqlite_path, ec)) {
    return Fail("--from: there is no SQLite database at " + from->sqlite_path);
  }
  auto source = OpenSource(*from);
  if (!source.ok()) return Fail(source.status().WithContext(from->shown));
  auto target = OpenTarget(*to);
  if (!target.ok()) return Fail(target.status().WithContext(to->shown));

  const auto start = std::chrono::steady_clock::now();
  service::CopyOptions options;
  options.allow_non_empty = flags.allow_non_empty;
  service::CopyReport report;
  Status copied = service::CopyStore(**source, **target, options, &report);
  if (!copied.ok()) return Fail(copied.WithContext("nothing copied"));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cout << "copied " << Counts(report, [](const service::CopyCount& c) { return c.copied; });
  if (report.revisions > 0) {
    std::cout << ", " << Count(report.revisions, "revision", "revisions");
  }
  if (report.media > 0) std::cout << ", " << Count(report.media, "file", "files");
  if (report.themes > 0) std::cout << ", " << Count(report.themes, "theme", "themes");
  if (report.page_views > 0) {
    std::cout << ", " << Count(report.page_views, "page view", "page views");
  }
  if (report.blog_list_items > 0) {
    std::cout << ", " << Count(report.blog_list_items, "blog list item", "blog list items");
  }
  if (report.messages > 0) {
    std::cout << ", " << Count(report.messages, "contact message", "contact messages");
  }
  if (report.spam_tokens > 0) {
    std::cout << ", " << Count(report.spam_tokens, "classifier token", "classifier tokens");
  }
  std::cout << " from " << from->shown << " to " << to->shown;
  char took[32];
  std::snprintf(took, sizeof took, "%.2f", seconds);
  std::cout << " in " << took << " s";
  const service::CopyReport& r = report;
  if (r.blogs.already_there + r.posts.already_there + r.comments.already_there +
          r.users.already_there + r.redirects.already_there + r.secrets.already_there >
      0) {
    std::cout << "; already there: "
              << Counts(report, [](const service::CopyCount& c) { return c.already_there; });
  }
  std::cout << "\n";
  return 0;
}

}  // namespace

void RegisterMigrate(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<MigrateFlags>();
  CLI::App* migrate = app.add_subcommand(
      "migrate",
      "Copy every blog, with its posts, comments, redirects, users and secrets, from one "
      "database to another (SQLite <-> PostgreSQL), all or nothing. Ignores --data and --db");
  migrate
      ->add_option("--from", flags->from,
                   "The database to copy: sqlite:PATH (a .db file, or a data directory, "
                   "meaning DIR/samizdat.db; it must exist) or a postgresql:// URL")
      ->required();
  migrate
      ->add_option("--to", flags->to,
                   "The database to copy into, as --from (a SQLite file is created if "
                   "missing); it must hold no blog and no user unless --allow-non-empty")
      ->required();
  migrate->add_flag("--allow-non-empty", flags->allow_non_empty,
                    "Copy into a database that already holds blogs or users: add only what it "
                    "lacks, leave what it has (same ids) as it is");
  migrate->callback([&exit_code, flags] { exit_code = Migrate(*flags); });
}

}  // namespace samizdat::app
