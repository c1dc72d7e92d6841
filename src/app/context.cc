// OpenStore and the CLI's error reporting.
#include "app/context.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/url.hpp>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "service/body_refresh.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace samizdat::app {

namespace {

std::filesystem::path SqliteFile(const GlobalOptions& options) {
  return std::filesystem::path(options.data_dir) / "samizdat.db";
}

// Whether the SQLite database exists and this process may not write it, or its directory
// (where SQLite makes its -wal, -shm and -journal files).
bool ReadOnlyDatabase(const GlobalOptions& options) {
  const std::filesystem::path file = SqliteFile(options);
  std::error_code ec;
  if (!options.db_url.empty() || !std::filesystem::exists(file, ec)) return false;
  const auto writable = [](const std::filesystem::path& path) {
    return ::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0;
  };
  return !writable(file) || !writable(options.data_dir);
}

Result<std::unique_ptr<store::Store>> OpenEngine(const GlobalOptions& options) {
  if (!options.db_url.empty()) return store::OpenPostgresStore(options.db_url);
  if (ReadOnlyDatabase(options)) {
    return Status::InvalidArgument(
        "the database " + SqliteFile(options).string() +
        " may only be read by this process, and this command changes it: run it as a user "
        "that may write the database and its directory");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    return Status::InvalidArgument("cannot create the data directory " + options.data_dir + ": " +
                                   ec.message());
  }
  return store::OpenSqliteStore(SqliteFile(options).string());
}

}  // namespace

Result<std::unique_ptr<store::Store>> OpenStore(const GlobalOptions& options) {
  Result<std::unique_ptr<store::Store>> store = OpenEngine(options);
  if (!store.ok()) return store;
  Result<int> refreshed = service::RefreshBodies(**store);
  if (!refreshed.ok()) return refreshed.status();
  if (*refreshed > 0) {
    std::cerr << "samizdat: " << *refreshed
              << " post bodies made anew from their sources with the current sanitizer\n";
  }
  return store;
}

Result<std::unique_ptr<store::Store>> OpenStoreToRead(const GlobalOptions& options) {
  if (!ReadOnlyDatabase(options)) return OpenStore(options);
  return store::OpenSqliteStoreReadOnly(SqliteFile(options).string());
}

FreshDatabaseGuard::FreshDatabaseGuard(const GlobalOptions& options) {
  if (!options.db_url.empty()) return;
  std::error_code ec;
  if (std::filesystem::exists(SqliteFile(options), ec) || ec) return;
  file_ = SqliteFile(options);
  // The directories OpenStore would make, innermost first.
  for (std::filesystem::path dir = std::filesystem::absolute(options.data_dir, ec);
       !ec && !dir.empty() && dir != dir.root_path() && !std::filesystem::exists(dir, ec);
       dir = dir.parent_path()) {
    dirs_.push_back(dir);
  }
}

FreshDatabaseGuard::~FreshDatabaseGuard() {
  if (keep_ || file_.empty()) return;
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(file_.string() + suffix, ignored);
  }
  for (const auto& dir : dirs_) std::filesystem::remove(dir, ignored);  // only when empty
}

std::string RedactedUrl(std::string_view url) {
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return "(a URL that does not parse)";
  boost::urls::url redacted = *parsed;
  if (redacted.has_password()) redacted.set_password("***");
  for (auto param : redacted.params()) {
    if (param.key == "password") {
      redacted.params().set("password", "***");
      break;
    }
  }
  return std::string(redacted.buffer());
}

int Fail(const std::string& message) {
  std::cerr << "samizdat: error: " << message << "\n";
  return 1;
}

int Fail(const Status& status) { return Fail(status.message()); }

}  // namespace samizdat::app
