// The PostgreSQL server the store tests run against, reached outside the Store: where
// to find it (the environment), a libpq session to run SQL on it directly, and a URL's
// database name swapped for another's.
//
// SAMIZDAT_TEST_PG: the URL of a database (say "postgres") of a role that may CREATE
// DATABASE. SAMIZDAT_TEST_PG_DIR: the directory of a cluster made by tests/pg_cluster.py,
// whose DIR/url names it; ctest sets this one (the "postgres" fixture of
// tests/CMakeLists.txt). The first wins when both are set.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace samizdat::store {

// `url` ("postgresql://[authority]/db?params") naming database `db` instead.
inline std::string WithDatabase(std::string_view url, std::string_view db) {
  const size_t scheme = url.find("://");
  const size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t query = url.find('?', authority);
  if (query == std::string_view::npos) query = url.size();
  size_t path = url.find('/', authority);
  if (path == std::string_view::npos || path > query) path = query;
  return std::string(url.substr(0, path)) + "/" + std::string(db) + std::string(url.substr(query));
}

inline constexpr const char* kHowToReachPostgres =
    "the PostgreSQL instances of the store tests need a server: ctest starts one by itself "
    "(the \"postgres\" fixture); by hand, run `python3 tests/pg_cluster.py start /tmp/pg` and "
    "set SAMIZDAT_TEST_PG_DIR=/tmp/pg, or set SAMIZDAT_TEST_PG to the URL of a database of "
    "a role that may CREATE DATABASE";

// The URL of the maintenance database to create test databases from, or nullopt when
// the environment names no server.
inline std::optional<std::string> TestServerUrl() {
  if (const char* url = std::getenv("SAMIZDAT_TEST_PG"); url != nullptr && *url != '\0') {
    return std::string(url);
  }
  const char* dir = std::getenv("SAMIZDAT_TEST_PG_DIR");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  std::ifstream in(std::string(dir) + "/url");
  std::string url;
  if (!std::getline(in, url) || url.empty()) return std::nullopt;
  return WithDatabase(url, "postgres");
}

// One libpq connection for a test's own SQL (setting up states the Store cannot make,
// or looking at what it left).
class PgSession {
 public:
  explicit PgSession(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (conn_)
      PQsetNoticeProcessor(
          conn_.get(), [](void*, const char*) {}, nullptr);
  }

  // Empty when connected, else libpq's message.
  std::string Error() const {
    if (!conn_) return "out of memory";
    return PQstatus(conn_.get()) == CONNECTION_OK ? "" : PQerrorMessage(conn_.get());
  }

  // Runs `sql` (one or more statements); empty when it succeeded, else the error.
  std::string Exec(const std::string& sql) {
    if (std::string error = Error(); !error.empty()) return error;
    ResultHandle result(PQexec(conn_.get(), sql.c_str()));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return "";
    return PQresultErrorMessage(result.get());
  }

  // The first column of the first row of `sql` as a number; nullopt if no row or an error.
  std::optional<int64_t> QueryInt(const std::string& sql) {
    if (!Error().empty()) return std::nullopt;
    ResultHandle result(PQexec(conn_.get(), sql.c_str()));
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) == 0 ||
        PQgetisnull(result.get(), 0, 0)) {
      return std::nullopt;
    }
    return std::strtoll(PQgetvalue(result.get(), 0, 0), nullptr, 10);
  }

 private:
  struct Finish {
    void operator()(PGconn* conn) const { PQfinish(conn); }
  };
  struct Clear {
    void operator()(PGresult* result) const { PQclear(result); }
  };
  using ResultHandle = std::unique_ptr<PGresult, Clear>;

  std::unique_ptr<PGconn, Finish> conn_;
};

}  // namespace samizdat::store
