// `samizdat backup FILE` and `samizdat restore FILE`: a whole store to one SQLite file
// and back, online, whichever backend --data or --db names (so a backup also moves a
// store between SQLite and PostgreSQL).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "app/commands.h"
#include "core/strings.h"
#include "service/store_copy.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_file_copy.h"
#include "store/sqlite/sqlite_store.h"

namespace samizdat::app {
namespace {

namespace fs = std::filesystem;

fs::path SqliteFile(const GlobalOptions& global) {
  return fs::path(global.data_dir) / "samizdat.db";
}

// A SQLite file written under a temporary name (FILE.partial-PID, beside FILE, so the
// rename stays on one file system) and renamed onto FILE only once complete: a failed or
// killed command leaves FILE as it was. Until Commit(), the destructor removes the
// temporary file and the -wal, -shm and -journal files SQLite may have made beside it.
class PartialFile {
 public:
  explicit PartialFile(fs::path target)
      : target_(std::move(target)),
        temp_(target_.string() + ".partial-" + std::to_string(::getpid())) {}
  ~PartialFile() {
    if (committed_) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      fs::remove(temp_.string() + suffix, ignored);
    }
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;

  const fs::path& temp() const { return temp_; }

  // Creates the temporary file, empty (SQLite takes an empty file as a new database), so
  // that a directory the process may not write is reported with the system's reason.
  Status Create() {
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return Status::InvalidArgument("cannot write " + target_.string() + ": " +
                                     std::strerror(errno));
    }
    ::close(fd);
    return Status::Ok();
  }

  // Renames the finished file onto the target and syncs the directory, so the name
  // survives a crash.
  Status Commit() {
    std::error_code ec;
    fs::rename(temp_, target_, ec);
    if (ec) return Status::Internal("cannot rename " + temp_.string() + ": " + ec.message());
    committed_ = true;
    fs::path dir = target_.parent_path();
    if (dir.empty()) dir = ".";
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
    return Status::Ok();
  }

 private:
  fs::path target_;
  fs::path temp_;
  bool committed_ = false;
};

fs::path Canonical(const fs::path& path) {
  std::error_code ec;
  fs::path full = fs::weakly_canonical(path, ec);
  return ec ? path : full;
}

std::string Seconds(std::chrono::steady_clock::time_point start) {
  char took[32];
  std::snprintf(took, sizeof took, "%.2f s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return took;
}

// The whole PostgreSQL database, as one REPEATABLE READ snapshot saw it, into `file`
// (a new SQLite store).
Status BackupPostgres(const std::string& url, const fs::path& file) {
  auto snapshot = store::OpenPostgresSnapshot(url);
  if (!snapshot.ok()) return snapshot.status().WithContext(RedactedUrl(url));
  auto target = store::OpenSqliteStore(file.string());
  if (!target.ok()) return target.status();
  return service::CopyStore(**snapshot, **target, service::CopyOptions(), nullptr);
}

int Backup(const GlobalOptions& global, const std::string& file) {
  const fs::path target(file);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    return Fail(file + " is a directory: name the file to write the backup to");
  }
  const bool postgres = !global.db_url.empty();
  const fs::path database = SqliteFile(global);
  if (!postgres) {
    if (!fs::is_regular_file(database, ec)) {
      return Fail("there is no database to back up at " + database.string() +
                  " (is --data right?)");
    }
    if (Canonical(target) == Canonical(database)) {
      return Fail(file + " is the database itself: write the backup to another file");
    }
  }
  const auto start = std::chrono::steady_clock::now();
  PartialFile partial(target);
  Status written = partial.Create();
  if (written.ok()) {
    written = postgres ? BackupPostgres(global.db_url, partial.temp())
                       : store::CopySqliteDatabase(database.string(), partial.temp().string());
  }
  if (written.ok()) written = partial.Commit();
  if (!written.ok()) return Fail(written.WithContext("no backup written"));
  std::cout << "backed up " << (postgres ? RedactedUrl(global.db_url) : database.string()) << " to "
            << file << " (" << WithThousands(static_cast<int64_t>(fs::file_size(target, ec)))
            << " bytes) in " << Seconds(start) << "\n";
  return 0;
}

// The backup's blogs and users, for the report.
std::string Holding(store::Store& store) {
  auto blogs = store.ListBlogs();
  auto users = store.ListUsers();
  if (!blogs.ok() || !users.ok()) return "";
  return " (" + std::to_string(blogs->size()) + (blogs->size() == 1 ? " blog, " : " blogs, ") +
         std::to_string(users->size()) + (users->size() == 1 ? " user)" : " users)");
}

// Fills the empty data directory: the backup copied beside DIR/samizdat.db, upgraded
// there to this binary's schema, then renamed into place.
Status RestoreSqlite(const GlobalOptions& global, const std::string& file, std::string& report) {
  const fs::path database = SqliteFile(global);
  std::error_code ec;
  if (fs::exists(database, ec) || fs::exists(database.string() + "-wal", ec)) {
    return Status::InvalidArgument(
        "the data directory " + global.data_dir + " already holds a database (" +
        database.string() +
        "); restore fills only an empty one: move that away, or choose another --data");
  }
  FreshDatabaseGuard guard(global);  // removes the directories made here, on failure
  fs::create_directories(global.data_dir, ec);
  if (ec) {
    return Status::InvalidArgument("cannot create the data directory " + global.data_dir + ": " +
                                   ec.message());
  }
  PartialFile partial(database);
  SAMIZDAT_RETURN_IF_ERROR(partial.Create());
  SAMIZDAT_RETURN_IF_ERROR(store::CopySqliteDatabase(file, partial.temp().string()));
  {
    auto restored = store::OpenSqliteStore(partial.temp().string());  // upgrades an older one
    if (!restored.ok()) return restored.status();
    report = Holding(**restored);
  }  // closed: its WAL folded into the file and removed
  SAMIZDAT_RETURN_IF_ERROR(partial.Commit());
  guard.Keep();
  report = "restored " + file + " into " + database.string() + report;
  return Status::Ok();
}

// Fills the empty PostgreSQL database: the backup copied to a scratch file (upgraded
// there, the backup itself is only read), then copied into the database in one
// transaction by CopyStore.
Status RestorePostgres(const std::string& url, const std::string& file, std::string& report) {
  auto target = store::OpenPostgresStore(url);
  if (!target.ok()) return target.status().WithContext(RedactedUrl(url));
  auto blogs = (*target)->ListBlogs();
  if (!blogs.ok()) return blogs.status();
  auto users = (*target)->ListUsers();
  if (!users.ok()) return users.status();
  if (!blogs->empty() || !users->empty()) {
    return Status::InvalidArgument("the database " + RedactedUrl(url) + " is not empty (it holds " +
                                   std::to_string(blogs->size()) + " blogs and " +
                                   std::to_string(users->size()) +
                                   " users); restore fills only an empty one");
  }
  PartialFile scratch(fs::temp_directory_path() / "samizdat-restore.db");  // never committed
  SAMIZDAT_RETURN_IF_ERROR(scratch.Create());
  SAMIZDAT_RETURN_IF_ERROR(store::CopySqliteDatabase(file, scratch.temp().string()));
  auto source = store::OpenSqliteStore(scratch.temp().string());
  if (!source.ok()) return source.status();
  SAMIZDAT_RETURN_IF_ERROR(service::CopyStore(**source, **target, service::CopyOptions(), nullptr));
  report = "restored " + file + " into " + RedactedUrl(url) + Holding(**source);
  return Status::Ok();
}

int Restore(const GlobalOptions& global, const std::string& file) {
  Result<store::BackupSchema> schema = store::CheckSqliteBackup(file);
  if (!schema.ok()) return Fail(schema.status().WithContext("nothing restored"));
  std::string report;
  Status restored = global.db_url.empty() ? RestoreSqlite(global, file, report)
                                          : RestorePostgres(global.db_url, file, report);
  if (!restored.ok()) return Fail(restored.WithContext("nothing restored"));
  if (schema->found < schema->current) {
    report += "; its schema was upgraded from version " + std::to_string(schema->found) + " to " +
              std::to_string(schema->current);
  }
  std::cout << report << "\n";
  return 0;
}

}  // namespace

void RegisterBackup(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* backup = app.add_subcommand(
      "backup",
      "Copy everything (blogs, posts, comments, files, users) to FILE, a SQLite file, while "
      "servers keep running; FILE is replaced only once the copy is complete");
  backup->add_option("FILE", *file, "The backup file to write")->required();
  backup->callback([&global, &exit_code, file] { exit_code = Backup(global, *file); });

  auto from = std::make_shared<std::string>();
  CLI::App* restore = app.add_subcommand(
      "restore",
      "Fill an empty data directory (or --db database) from a backup FILE, upgrading an older "
      "one; refuses a non-empty one");
  restore->add_option("FILE", *from, "The backup file to read (only read)")->required();
  restore->callback([&global, &exit_code, from] { exit_code = Restore(global, *from); });
}

}  // namespace samizdat::app
