// Connection: the RAII layer over sqlite3 and sqlite3_stmt, the SQLite side of
// sql::Connection (translating, binding, the cursor), and SQLite's Dialect.
#include "store/sqlite/connection.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

namespace samizdat::store::sqlite {
namespace {

// A JSON array of `values` (strings escaped as JSON wants), for json_each().
template <typename T>
std::string JsonArray(const std::vector<T>& values) {
  std::string json = "[";
  for (const T& value : values) {
    if (json.size() > 1) json += ',';
    if constexpr (std::is_same_v<T, int64_t>) {
      json += std::to_string(value);
    } else {
      json += '"';
      for (char c : value) {
        if (c == '"' || c == '\\') {
          json += '\\';
          json += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          json += escaped;
        } else {
          json += c;
        }
      }
      json += '"';
    }
  }
  return json + "]";
}

constexpr sql::Dialect kDialect{
    .email_matches = "email = $1",
    .insert_labels =
        "INSERT INTO post_labels (post_id, blog_id, name, position, kind, status, "
        "published_ms) SELECT $1, $2, value, key, $4, $5, $6 FROM json_each($3)",
    .labels_carry_post = true,
    .post_labels = "",
    .like_ignoring_case = "LIKE",
    // NOCASE folds ASCII letters only.
    .label_counts =
        "SELECT name, count FROM label_counts WHERE blog_id = $1 "
        "ORDER BY name COLLATE NOCASE, name",
    .begin_migration = "BEGIN IMMEDIATE"};

// `path` as a SQLite URI with `query` ("mode=ro"): the characters a URI gives a meaning
// to are escaped.
std::string FileUri(const std::string& path, std::string_view query) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
      uri += escaped;
    } else {
      uri += c;
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

// Opens `uri` read-only and reads the schema, which is where a WAL file without its -shm
// fails. The SQLite result code on failure in `rc`.
Result<DbHandle> OpenReadOnly(const std::string& uri, const std::string& path, int& rc) {
  sqlite3* raw = nullptr;
  rc = sqlite3_open_v2(uri.c_str(), &raw,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);
  if (rc == SQLITE_OK) {
    sqlite3_extended_result_codes(db.get(), 1);
    sqlite3_busy_timeout(db.get(), 5000);
    rc = sqlite3_exec(db.get(), "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK) {
    return Status::InvalidArgument("cannot read " + path + ": " +
                                   (db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)));
  }
  return db;
}

Result<DbHandle> OpenReadOnly(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::InvalidArgument("there is no database at " + path);
  }
  int rc = SQLITE_OK;
  Result<DbHandle> db = OpenReadOnly(FileUri(path, "mode=ro"), path, rc);
  if (db.ok()) return db;
  const int primary = rc & 0xff;
  // A -wal file with commits in it must be read through the -shm: immutable would skip
  // them.
  const bool log_pending = std::filesystem::file_size(path + "-wal", ec) > 0 && !ec;
  if ((primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN) || log_pending) return db;
  return OpenReadOnly(FileUri(path, "immutable=1"), path, rc);
}

}  // namespace

const sql::Dialect& Connection::dialect() const { return kDialect; }

// One prepared statement of the cache, read through sql::Rows as its cursor.
class Connection::Cached final : public sql::Cursor {
 public:
  Cached(sqlite3* db, StmtHandle stmt) : db_(db), stmt_(std::move(stmt)) {}

  void Bind(const sql::Params& params);

  Result<bool> Next() override {
    if (bind_rc_ != SQLITE_OK) return SqliteError(db_, bind_rc_, "cannot bind a value");
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqliteError(db_, rc, sqlite3_sql(stmt_.get()));
  }
  int64_t Changed() const override { return sqlite3_changes64(db_); }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
  }
  int64_t Int64(int column) const override { return sqlite3_column_int64(stmt_.get(), column); }
  double Double(int column) const override { return sqlite3_column_double(stmt_.get(), column); }
  bool Bool(int column) const override { return sqlite3_column_int(stmt_.get(), column) != 0; }
  std::string_view TextView(int column) const override {
    const unsigned char* text = sqlite3_column_text(stmt_.get(), column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column))};
  }
  std::string Bytes(int column) const override {
    const void* bytes = sqlite3_column_blob(stmt_.get(), column);
    if (bytes == nullptr) return {};
    return {static_cast<const char*>(bytes),
            static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column))};
  }
  // Newline-joined (labels are typed on one line: a newline inside one would come back
  // as two labels).
  Result<std::vector<std::string>> List(int column) const override {
    std::vector<std::string> values;
    std::string_view joined = TextView(column);
    while (!joined.empty()) {
      const size_t end = joined.find('\n');
      std::string_view value = joined.substr(0, end);
      if (!value.empty()) values.emplace_back(value);
      if (end == std::string_view::npos) break;
      joined.remove_prefix(end + 1);
    }
    return values;
  }
  void Done() override {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
    bind_rc_ = SQLITE_OK;
  }

 private:
  sqlite3* db_;
  StmtHandle stmt_;
  int bind_rc_ = SQLITE_OK;  // the first failed bind's code
};

void Connection::Cached::Bind(const sql::Params& params) {
  using Kind = sql::Params::Kind;
  int index = 0;
  for (const sql::Params::Value& v : params.values()) {
    sqlite3_stmt* s = stmt_.get();
    ++index;
    int rc = SQLITE_OK;
    switch (v.kind) {
      case Kind::kInt: rc = sqlite3_bind_int64(s, index, v.number); break;
      case Kind::kNoLimit: rc = sqlite3_bind_int64(s, index, -1); break;
      case Kind::kDouble: rc = sqlite3_bind_double(s, index, v.real); break;
      case Kind::kText:  // a non-null pointer even when empty: NULL would bind SQL NULL
        rc = sqlite3_bind_text64(s, index, v.text.empty() ? "" : v.text.data(), v.text.size(),
                                 SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      case Kind::kBytes:
        rc = sqlite3_bind_blob64(s, index, v.text.empty() ? "" : v.text.data(), v.text.size(),
                                 SQLITE_TRANSIENT);
        break;
      case Kind::kColumnList: {
        std::string joined;
        for (const std::string& value : *v.texts) {
          if (!joined.empty()) joined += '\n';
          joined += value;
        }
        rc = sqlite3_bind_text64(s, index, joined.data(), joined.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
        break;
      }
      case Kind::kTextList:
      case Kind::kIntList: {
        std::string json = v.texts != nullptr ? JsonArray(*v.texts) : JsonArray(*v.ints);
        rc = sqlite3_bind_text64(s, index, json.data(), json.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      }
    }
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }
}

std::string TranslateSql(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 32);
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const std::string_view rest = sql.substr(i);
    if (sql[i] == '\'') quoted = !quoted;
    if (quoted) {
      out += sql[i];
    } else if (rest.starts_with("= ANY($")) {
      const size_t close = rest.find(')');
      out += "IN (SELECT value FROM json_each(?";
      out += rest.substr(7, close - 7);
      out += "))";
      i += close;
    } else if (rest.starts_with("unnest($")) {
      const size_t cast = rest.find("::text[]) AS ");
      size_t end = cast + 13;
      while (end < rest.size() &&
             (std::isalnum(static_cast<unsigned char>(rest[end])) || rest[end] == '_'))
        ++end;
      const std::string_view name = rest.substr(cast + 13, end - cast - 13);
      out += "(SELECT value AS ";
      out += name;
      out += " FROM json_each(?";
      out += rest.substr(8, cast - 8);
      out += ")) AS ";
      out += name;
      i += end - 1;
    } else if (rest.starts_with("GREATEST(")) {
      out += "MAX(";
      i += 8;
    } else if (rest.starts_with(" FOR UPDATE")) {
      i += 10;
    } else if (rest.starts_with("COLLATE \"C\"")) {
      out += "COLLATE BINARY";
      i += 10;
    } else {
      out += sql[i] == '$' ? '?' : sql[i];
    }
  }
  return out;
}

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Unavailable(std::move(message));
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return Status::Conflict(std::move(message));
    case SQLITE_CONSTRAINT_FOREIGNKEY: return Status::NotFound(std::move(message));
    default: return Status::Internal(std::move(message));
  }
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Access access) {
  if (access == Access::kReadOnly) {
    Result<DbHandle> db = OpenReadOnly(path);
    if (!db.ok()) return db.status();
    auto conn = std::make_unique<Connection>(std::move(*db));
    SAMIZDAT_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys = ON; PRAGMA mmap_size = 0;"));
    return conn;
  }
  sqlite3* raw = nullptr;
  // NOMUTEX: each connection is used by one thread at a time, so SQLite's own
  // per-connection mutex would only cost time.
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);  // sqlite3_open_v2 may allocate a handle even when it fails
  if (rc != SQLITE_OK) return SqliteError(db.get(), rc, "cannot open " + path);
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), 5000);

  auto conn = std::make_unique<Connection>(std::move(db));
  // synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss, and an
  // acknowledged write must survive a crash. journal_mode is persistent in the file;
  // setting it on every connection is harmless and makes a fresh file WAL at once.
  // No memory map: every page a scan touches (a migration building an index, a search)
  // would stay in the server's resident set; reads go through SQLite's page cache.
  Status st = conn->Exec(
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = FULL;"
      "PRAGMA foreign_keys = ON;"
      "PRAGMA mmap_size = 0;");
  if (!st.ok()) return st.WithContext("cannot open " + path);
  return conn;
}

Status Connection::Exec(const std::string& sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::unique_ptr<char, decltype(&sqlite3_free)> owned(error, &sqlite3_free);
  return SqliteError(db_.get(), rc, "SQL failed");
}

Connection::Connection(DbHandle db) : db_(std::move(db)) {}
Connection::~Connection() = default;

Result<sql::Rows> Connection::Query(std::string_view sql, const sql::Params& params) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    const std::string translated = TranslateSql(sql);
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), translated.data(), static_cast<int>(translated.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    StmtHandle stmt(raw);
    if (rc != SQLITE_OK) return SqliteError(db_.get(), rc, "cannot prepare SQL");
    it = cache_.emplace(std::string(sql), std::make_unique<Cached>(db_.get(), std::move(stmt)))
             .first;
  }
  it->second->Bind(params);
  return sql::Rows(it->second.get(), nullptr);
}

}  // namespace samizdat::store::sqlite
