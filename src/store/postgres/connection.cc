// libpq calls behind Connection and its cursor, and SQLSTATE -> Status.
#include "store/postgres/connection.h"

#include <charconv>
#include <cstdlib>
#include <memory>
#include <type_traits>
#include <vector>

#include "store/postgres/text_array.h"

namespace samizdat::store::postgres {
namespace {

// libpq's messages span lines ("…failed: …\n\tIs the server running…?\n"); ours are one.
std::string OneLine(const char* message) {
  std::string text;
  for (const char* c = message != nullptr ? message : ""; *c != '\0'; ++c) {
    const bool blank = *c == '\n' || *c == '\t' || *c == ' ';
    if (blank && (text.empty() || text.back() == ' ')) continue;
    text += blank ? ' ' : *c;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

Status PgError(PGconn* conn, const PGresult* result, std::string_view what) {
  std::string message = std::string(what) + ": ";
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = OneLine(result != nullptr ? PQresultErrorMessage(result) : "");
  if (detail.empty()) detail = OneLine(PQerrorMessage(conn));
  message += detail;
  const std::string_view code = state != nullptr ? state : "";
  // An error without SQLSTATE is libpq's own: the first query on a connection the server
  // dropped fails with "server closed the connection unexpectedly" while PQstatus still
  // says CONNECTION_OK (it turns bad on the next call).
  if (PQstatus(conn) != CONNECTION_OK || code.empty() || code.starts_with("08") ||
      code.starts_with("57P") || code == "40001" || code == "40P01" || code == "55P03") {
    return Status::Unavailable(message);
  }
  if (code == "23505") return Status::Conflict(message);
  if (code == "23503") return Status::NotFound(message);
  if (code.starts_with("22") || code == "23514") return Status::InvalidArgument(message);
  return Status::Internal(message);
}

// --- Connection --------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  // Defaults first, the operator's URL after: a setting the URL names wins. Without them
  // a node whose database host vanished would wait on the network for minutes (connect)
  // or hours (a dead peer of an idle connection) instead of answering 503.
  const char* keywords[] = {"connect_timeout",  "keepalives_idle", "keepalives_interval",
                            "keepalives_count", "dbname",          nullptr};
  const char* values[] = {"5", "10", "5", "3", conninfo.c_str(), nullptr};
  ConnHandle conn(PQconnectdbParams(keywords, values, /*expand_dbname=*/1));
  if (!conn) return Status::Unavailable("cannot reach PostgreSQL: out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Status::Unavailable("cannot reach PostgreSQL: " + OneLine(PQerrorMessage(conn.get())));
  }
  // Times are exchanged as epoch milliseconds and text as UTF-8 whatever the server's
  // defaults; notices (say, "relation already exists, skipping") are not printed.
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  auto opened = std::make_unique<Connection>(std::move(conn));
  SAMIZDAT_RETURN_IF_ERROR(opened->Exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"));
  return opened;
}

Status Connection::Exec(const std::string& sql) {
  // The simple protocol takes several statements at once: the deferred ones go first.
  std::string text;
  for (const std::string& statement : deferred_) text += statement + "; ";
  deferred_.clear();
  text += sql;
  ResultHandle result(PQexec(conn_.get(), text.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    return PgError(conn_.get(), result.get(), "PostgreSQL");
  }
  return Status::Ok();
}

namespace {

constexpr sql::Dialect kDialect{
    .email_matches = "lower(email) = lower($1)",
    .insert_labels =
        "INSERT INTO post_labels (post_id, blog_id, name, position) "
        "SELECT $1, $2, name, position - 1 FROM unnest($3::text[]) "
        "WITH ORDINALITY AS l(name, position)",
    .labels_carry_post = false,
    .post_labels =
        "(SELECT array_agg(l.name ORDER BY l.position) FROM post_labels l WHERE l.post_id = p.id)",
    .like_ignoring_case = "ILIKE",
    // Both read from their indexes (post_labels_listing, posts_listing: hence p.blog_id),
    // in byte order after folding case whatever the database's collation.
    .label_counts =
        "SELECT l.name, COUNT(*) FROM post_labels l JOIN posts p ON p.id = l.post_id "
        "WHERE l.blog_id = $1 AND p.blog_id = $1 AND p.kind = 'post' AND p.status = 'published' "
        "GROUP BY l.name ORDER BY lower(l.name) COLLATE \"C\", l.name COLLATE \"C\"",
    // The advisory lock key is "samizdat" in ASCII, as a number.
    .begin_migration = "BEGIN; SELECT pg_advisory_xact_lock(8314046686895038836)"};

// A whole PGresult, walked one row at a time.
class PgCursor final : public sql::Cursor {
 public:
  explicit PgCursor(ResultHandle result) : result_(std::move(result)) {}
  Result<bool> Next() override { return ++row_ < PQntuples(result_.get()); }
  int64_t Changed() const override { return Number<int64_t>(PQcmdTuples(result_.get())); }
  bool IsNull(int column) const override { return PQgetisnull(result_.get(), row_, column); }
  int64_t Int64(int column) const override { return Number<int64_t>(TextView(column)); }
  // from_chars for double is in GCC 12's libstdc++; strtod would depend on the locale.
  double Double(int column) const override { return Number<double>(TextView(column)); }
  bool Bool(int column) const override { return TextView(column) == "t"; }
  std::string_view TextView(int column) const override {
    return std::string_view(PQgetvalue(result_.get(), row_, column),
                            static_cast<size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::string Bytes(int column) const override {
    size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row_, column)), &length);
    if (bytes == nullptr) return {};
    std::string value(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return value;
  }
  Result<std::vector<std::string>> List(int column) const override {
    return DecodeTextArray(TextView(column));
  }

 private:
  template <typename T>
  static T Number(std::string_view text) {
    T value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }

  ResultHandle result_;
  int row_ = -1;
};

// '{"a","b"}' or '{1,2}': the array literal of `values`.
template <typename T>
std::string ArrayLiteral(const std::vector<T>& values) {
  std::string literal = "{";
  for (const T& value : values) {
    if (literal.size() > 1) literal += ',';
    if constexpr (std::is_same_v<T, int64_t>) {
      literal += std::to_string(value);
    } else {
      literal += '"';
      for (char c : value) {
        if (c == '"' || c == '\\') literal += '\\';
        literal += c;
      }
      literal += '"';
    }
  }
  return literal + "}";
}

}  // namespace

const sql::Dialect& Connection::dialect() const { return kDialect; }

Status Connection::Defer(std::string_view sql) {
  deferred_.emplace_back(sql);
  return Status::Ok();
}

Result<ResultHandle> Connection::ExecPipelined(const std::string& name, int n,
                                               const char* const* values, const int* lengths,
                                               const int* formats) {
  const std::vector<std::string> deferred = std::exchange(deferred_, {});
  PGconn* conn = conn_.get();
  if (PQenterPipelineMode(conn) != 1) return PgError(conn, nullptr, "PostgreSQL");
  bool sent = true;
  for (const std::string& statement : deferred) {
    sent = sent && PQsendQueryParams(conn, statement.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                                     0) == 1;
  }
  sent = sent && PQsendQueryPrepared(conn, name.c_str(), n, values, lengths, formats, 0) == 1 &&
         PQpipelineSync(conn) == 1;
  // Each statement's result, then a null; then the sync's. A statement after a failed
  // one is not run (PGRES_PIPELINE_ABORTED): the first error is the answer.
  Status error;
  ResultHandle last;
  for (std::size_t i = 0; sent && i <= deferred.size(); ++i) {
    ResultHandle result(PQgetResult(conn));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && error.ok()) {
      error = PgError(conn, result.get(), "PostgreSQL");
    }
    if (!result) break;
    while (ResultHandle extra{PQgetResult(conn)}) {
    }
    if (i == deferred.size()) last = std::move(result);
  }
  while (ResultHandle tail{PQgetResult(conn)}) {
    if (PQresultStatus(tail.get()) == PGRES_PIPELINE_SYNC) break;
  }
  PQexitPipelineMode(conn);
  if (!sent) return PgError(conn, nullptr, "PostgreSQL");
  if (!error.ok()) return error;
  return last;
}

Result<sql::Rows> Connection::Query(std::string_view sql, const sql::Params& params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    // Preparing is a round trip of its own; the deferred statements go before it.
    if (!deferred_.empty()) SAMIZDAT_RETURN_IF_ERROR(Exec(""));
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    std::string text(sql);
    ResultHandle prepared(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      return PgError(conn_.get(), prepared.get(), "preparing a statement");
    }
    found = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  // Every value as text, but bytes in binary; no LIMIT as NULL (a null pointer).
  using Kind = sql::Params::Kind;
  const int n = params.size();
  std::vector<std::string> texts(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0), formats(n, 0);
  for (int i = 0; i < n; ++i) {
    const sql::Params::Value& v = params.values()[i];
    switch (v.kind) {
      case Kind::kNoLimit: continue;
      case Kind::kInt: texts[i] = std::to_string(v.number); break;
      case Kind::kDouble: {
        char buffer[64];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v.real);
        texts[i].assign(buffer, end);
        break;
      }
      case Kind::kText: texts[i] = v.text; break;
      case Kind::kBytes:
        texts[i] = v.text;
        formats[i] = 1;
        break;
      case Kind::kTextList:
      case Kind::kColumnList: texts[i] = ArrayLiteral(*v.texts); break;
      case Kind::kIntList: texts[i] = ArrayLiteral(*v.ints); break;
    }
    values[i] = texts[i].c_str();
    lengths[i] = static_cast<int>(texts[i].size());
  }
  ResultHandle result;
  if (deferred_.empty()) {
    result.reset(PQexecPrepared(conn_.get(), found->second.c_str(), n, values.data(),
                                lengths.data(), formats.data(), 0));
  } else {
    Result<ResultHandle> pipelined =
        ExecPipelined(found->second, n, values.data(), lengths.data(), formats.data());
    if (!pipelined.ok()) return pipelined.status();
    result = std::move(*pipelined);
  }
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return PgError(conn_.get(), result.get(), "PostgreSQL");
  }
  auto cursor = std::make_unique<PgCursor>(std::move(result));
  sql::Cursor* raw = cursor.get();
  return sql::Rows(raw, std::move(cursor));
}

}  // namespace samizdat::store::postgres
