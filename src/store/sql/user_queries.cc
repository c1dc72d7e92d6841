// SqlStore: users and the instance's secrets.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {
namespace {

// The columns ReadUser reads, in its order.
constexpr std::string_view kUserSelect =
    "SELECT id, email, display_name, password_hash, role, must_change_password, created_ms, "
    "blog_id, totp_secret, totp_on, totp_last_step FROM users";

User ReadUser(const Rows& row) {
  User user;
  user.id = row.Int64(0);
  user.email = row.Text(1);
  user.display_name = row.Text(2);
  user.password_hash = row.Text(3);
  user.role = RoleFromWord(row.TextView(4));
  user.must_change_password = row.Bool(5);
  user.created = FromMillis(row.Int64(6));
  user.blog_id = row.Int64(7);
  user.totp = UserTotp{row.Bytes(8), row.Bool(9), row.Int64(10)};
  return user;
}

// The user of the query's first row; NotFound with `missing` when there is none.
Result<User> SelectUser(Connection& conn, const std::string& sql, const Params& params,
                        const std::string& missing) {
  bool found = false;
  Result<Rows> row = conn.First(sql, params, &found);
  if (!row.ok()) return row.status();
  if (!found) return Status::NotFound(missing);
  return ReadUser(*row);
}

}  // namespace

Params UserFields(const User& user) {
  return Params()
      .Add(user.email)
      .Add(user.display_name)
      .Add(user.password_hash)
      .Add(RoleWord(user.role))
      .AddBool(user.must_change_password)
      .Add(Millis(user.created))
      .Add(user.blog_id)
      .AddBytes(user.totp.sealed_secret)
      .AddBool(user.totp.on)
      .Add(user.totp.last_step);
}

Result<User> SqlStore::CreateUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckUser(user));
  return Write([&](Connection& conn) -> Result<User> {
    User stored = user;
    if (Millis(stored.created) == 0) stored.created = FromMillis(NowMillis());
    // Emails compare ignoring case (the unique index is on lower(email) or the column is
    // COLLATE NOCASE); a taken one, even by a writer racing this one, inserts nothing.
    bool inserted = false;
    Result<Rows> row = conn.First(
        "INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
        "created_ms, blog_id, totp_secret, totp_on, totp_last_step) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "ON CONFLICT DO NOTHING RETURNING id",
        UserFields(stored), &inserted);
    if (!row.ok()) return row.status();
    if (!inserted) return Status::Conflict("the email " + user.email + " is already registered");
    stored.id = row->Int64(0);
    return stored;
  });
}

Result<int> SqlStore::CountUsers() {
  return Read([&](Connection& conn) -> Result<int> {
    return conn.Count("SELECT COUNT(*) FROM users", Params());
  });
}

Result<std::vector<User>> SqlStore::ListUsers() {
  return Read([&](Connection& conn) -> Result<std::vector<User>> {
    return conn.Collect(std::string(kUserSelect) + " ORDER BY id", Params(),
                        [](const Rows& row) { return ReadUser(row); });
  });
}

Result<User> SqlStore::GetUser(int64_t user_id) {
  return Read([&](Connection& conn) {
    return SelectUser(conn, std::string(kUserSelect) + " WHERE id = $1", Params().Add(user_id),
                      "no user with id " + std::to_string(user_id));
  });
}

Result<User> SqlStore::GetUserByEmail(std::string_view email) {
  return Read([&](Connection& conn) {
    return SelectUser(
        conn, std::string(kUserSelect) + " WHERE " + std::string(conn.dialect().email_matches),
        Params().Add(email), "no user with the email " + std::string(email));
  });
}

Status SqlStore::UpdateUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckUser(user));
  return Write([&](Connection& conn) -> Status {
    // A taken email fails on the unique index (Conflict).
    Result<int64_t> updated = conn.Run(
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
    if (*updated == 0) return Status::NotFound("no user with id " + std::to_string(user.id));
    return Status::Ok();
  });
}

Status SqlStore::SetUserTotp(int64_t user_id, const UserTotp& totp) {
  return Write([&](Connection& conn) -> Status {
    Result<int64_t> updated = conn.Run(
        "UPDATE users SET totp_secret = $2, totp_on = $3, totp_last_step = $4 WHERE id = $1",
        Params().Add(user_id).AddBytes(totp.sealed_secret).AddBool(totp.on).Add(totp.last_step));
    if (!updated.ok()) return updated.status();
    if (*updated == 0) return Status::NotFound("no user with id " + std::to_string(user_id));
    return Status::Ok();
  });
}

Result<bool> SqlStore::RecordTotpStep(int64_t user_id, int64_t step) {
  return Write([&](Connection& conn) -> Result<bool> {
    // One statement, so that of two requests with the same code only one moves the step.
    Result<int64_t> updated =
        conn.Run("UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2",
                 Params().Add(user_id).Add(step));
    if (!updated.ok()) return updated.status();
    return *updated == 1;
  });
}

Status SqlStore::DeleteUser(int64_t user_id) {
  return Write([&](Connection& conn) -> Status {
    // The user's sessions go with the row (ON DELETE CASCADE); posts keep author_id.
    Result<int64_t> removed = conn.Run("DELETE FROM users WHERE id = $1", Params().Add(user_id));
    if (!removed.ok()) return removed.status();
    if (*removed == 0) return Status::NotFound("no user with id " + std::to_string(user_id));
    return Status::Ok();
  });
}

Result<std::string> SqlStore::GetOrCreateSecret(std::string_view name, std::string_view candidate) {
  SAMIZDAT_RETURN_IF_ERROR(CheckSecret(name, candidate));
  auto select = [&](Connection& conn) -> Result<std::optional<std::string>> {
    bool found = false;
    Result<Rows> row =
        conn.First("SELECT value FROM secrets WHERE name = $1", Params().Add(name), &found);
    if (!row.ok()) return row.status();
    if (!found) return std::optional<std::string>();
    return std::optional<std::string>(row->Bytes(0));
  };
  // Usually the secret is there: a read, with no write transaction.
  Result<std::optional<std::string>> existing = Read(select);
  if (!existing.ok()) return existing.status();
  if (*existing) return std::move(**existing);
  return Write([&](Connection& conn) -> Result<std::string> {
    // Another process or node may store it at the same time: the first one committed
    // wins (PostgreSQL's INSERT waits for that commit, and the SELECT, a new statement,
    // sees the winner's bytes).
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Execute("INSERT INTO secrets (name, value) VALUES ($1, $2) "
                     "ON CONFLICT (name) DO NOTHING",
                     Params().Add(name).AddBytes(candidate)));
    Result<std::optional<std::string>> stored = select(conn);
    if (!stored.ok()) return stored.status();
    if (!*stored) return Status::Internal("the secret " + std::string(name) + " was not stored");
    return std::move(**stored);
  });
}

Result<std::vector<Secret>> SqlStore::ListSecrets() {
  return Read([&](Connection& conn) -> Result<std::vector<Secret>> {
    return conn.Collect("SELECT name, value FROM secrets ORDER BY name COLLATE \"C\"", Params(),
                        [](const Rows& row) {
                          return Secret{row.Text(0), row.Bytes(1)};
                        });
  });
}

}  // namespace samizdat::store::sql
