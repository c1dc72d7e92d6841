// PostgresStore: users and the instance's secrets.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {
namespace {

// The columns ReadUser reads, in its order.
constexpr std::string_view kUserSelect =
    "SELECT id, email, display_name, password_hash, role, must_change_password, created_ms, "
    "blog_id FROM users";

User ReadUser(const Rows::Row& row) {
  User user;
  user.id = row.Int64(0);
  user.email = row.Text(1);
  user.display_name = row.Text(2);
  user.password_hash = row.Text(3);
  user.role = RoleFromWord(row.TextView(4));
  user.must_change_password = row.Bool(5);
  user.created = FromMillis(row.Int64(6));
  user.blog_id = row.Int64(7);
  return user;
}

}  // namespace

Params UserFields(const User& user) {
  Params params;
  params.Add(user.email)
      .Add(user.display_name)
      .Add(user.password_hash)
      .Add(RoleWord(user.role))
      .AddBool(user.must_change_password)
      .Add(Millis(user.created))
      .Add(user.blog_id);
  return params;
}

Result<User> PostgresStore::CreateUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckUser(user));
  return Write([&](Connection& conn) -> Result<User> {
    User stored = user;
    if (Millis(stored.created) == 0) stored.created = FromMillis(NowMillis());
    // Emails compare case-insensitively (the unique index is on lower(email)); a taken
    // one, even by a writer racing this one, inserts nothing.
    Result<Rows> inserted = conn.Query(
        "INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
        "created_ms, blog_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT DO NOTHING RETURNING id",
        UserFields(stored));
    if (!inserted.ok()) return inserted.status();
    if (inserted->empty()) {
      return Status::Conflict("the email " + user.email + " is already registered");
    }
    stored.id = inserted->Int64(0, 0);
    return stored;
  });
}

Result<int> PostgresStore::CountUsers() {
  return Read([&](Connection& conn) -> Result<int> {
    Result<Rows> rows = conn.Query("SELECT COUNT(*) FROM users");
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

Result<std::vector<User>> PostgresStore::ListUsers() {
  return Read([&](Connection& conn) -> Result<std::vector<User>> {
    Result<Rows> rows = conn.Query(std::string(kUserSelect) + " ORDER BY id");
    if (!rows.ok()) return rows.status();
    std::vector<User> users;
    users.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) users.push_back(ReadUser(rows->At(i)));
    return users;
  });
}

Result<User> PostgresStore::GetUser(int64_t user_id) {
  return Read([&](Connection& conn) -> Result<User> {
    Result<Rows> rows =
        conn.Query(std::string(kUserSelect) + " WHERE id = $1", Params().Add(user_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("no user with id " + std::to_string(user_id));
    return ReadUser(rows->At(0));
  });
}

Result<User> PostgresStore::GetUserByEmail(std::string_view email) {
  return Read([&](Connection& conn) -> Result<User> {
    // lower(email) is what the unique index holds: the lookup uses it.
    Result<Rows> rows = conn.Query(std::string(kUserSelect) + " WHERE lower(email) = lower($1)",
                                   Params().Add(email));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("no user with the email " + std::string(email));
    return ReadUser(rows->At(0));
  });
}

Status PostgresStore::UpdateUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckUser(user));
  return Write([&](Connection& conn) -> Status {
    // A taken email fails on the unique index on lower(email) (Conflict).
    Result<Rows> updated = conn.Query(
        "UPDATE users SET email = $2, display_name = $3, password_hash = $4, role = $5, "
        "must_change_password = $6, blog_id = $7 WHERE id = $1",
        Params()
            .Add(user.id)
            .Add(user.email)
            .Add(user.display_name)
            .Add(user.password_hash)
            .Add(RoleWord(user.role))
            .AddBool(user.must_change_password)
            .Add(user.blog_id));
    if (updated.status().IsConflict()) {
      return Status::Conflict("the email " + user.email + " is already registered");
    }
    if (!updated.ok()) return updated.status();
    if (updated->Affected() == 0) {
      return Status::NotFound("no user with id " + std::to_string(user.id));
    }
    return Status::Ok();
  });
}

Status PostgresStore::DeleteUser(int64_t user_id) {
  return Write([&](Connection& conn) -> Status {
    // The user's sessions go with the row (ON DELETE CASCADE); posts keep author_id.
    Result<Rows> removed = conn.Query("DELETE FROM users WHERE id = $1", Params().Add(user_id));
    if (!removed.ok()) return removed.status();
    if (removed->Affected() == 0) {
      return Status::NotFound("no user with id " + std::to_string(user_id));
    }
    return Status::Ok();
  });
}

Result<std::string> PostgresStore::GetOrCreateSecret(std::string_view name,
                                                     std::string_view candidate) {
  SAMIZDAT_RETURN_IF_ERROR(CheckSecret(name, candidate));
  auto select = [&](Connection& conn) -> Result<std::optional<std::string>> {
    Result<Rows> rows = conn.Query("SELECT value FROM secrets WHERE name = $1", Params().Add(name));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows->Bytes(0, 0));
  };
  // Usually the secret is there: a read, with no write transaction and no NOTIFY.
  Result<std::optional<std::string>> existing = Read(select);
  if (!existing.ok()) return existing.status();
  if (*existing) return std::move(**existing);
  return Write([&](Connection& conn) -> Result<std::string> {
    // Another node may store it at the same time: the first one committed wins. The
    // INSERT waits for that commit, and the SELECT (a new statement, a new snapshot
    // under READ COMMITTED) then sees the winner's bytes.
    SAMIZDAT_RETURN_IF_ERROR(conn.Query("INSERT INTO secrets (name, value) VALUES ($1, $2) "
                                        "ON CONFLICT (name) DO NOTHING",
                                        Params().Add(name).AddBytes(candidate))
                                 .status());
    Result<std::optional<std::string>> stored = select(conn);
    if (!stored.ok()) return stored.status();
    if (!*stored) return Status::Internal("the secret " + std::string(name) + " was not stored");
    return std::move(**stored);
  });
}

Result<std::vector<Secret>> PostgresStore::ListSecrets() {
  return Read([&](Connection& conn) -> Result<std::vector<Secret>> {
    Result<Rows> rows = conn.Query("SELECT name, value FROM secrets ORDER BY name COLLATE \"C\"");
    if (!rows.ok()) return rows.status();
    std::vector<Secret> secrets;
    secrets.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) {
      secrets.push_back(Secret{rows->Text(i, 0), rows->Bytes(i, 1)});
    }
    return secrets;
  });
}

}  // namespace samizdat::store::postgres
