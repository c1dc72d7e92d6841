// SqliteStore: users.
#include <string>
#include <string_view>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {

// The columns ReadUser reads, in its order.
constexpr std::string_view kUserSelect =
    "SELECT id, email, display_name, password_hash, role, must_change_password, created_ms, "
    "blog_id FROM users";

User ReadUser(const Statement& row) {
  User user;
  user.id = row.Int64(0);
  user.email = row.Text(1);
  user.display_name = row.Text(2);
  user.password_hash = row.Text(3);
  user.role = RoleFromWord(row.TextView(4));
  user.must_change_password = row.Int(5) != 0;
  user.created = FromMillis(row.Int64(6));
  user.blog_id = row.Int64(7);
  return user;
}

}  // namespace

Result<int64_t> SqliteStore::InsertUser(Connection& conn, const User& user) {
  // An id of NULL in an INTEGER PRIMARY KEY column is a new one.
  Result<Statement> insert = conn.Prepare(
      "INSERT INTO users (id, email, display_name, password_hash, role, must_change_password, "
      "created_ms, blog_id) VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!insert.ok()) return insert.status();
  SAMIZDAT_RETURN_IF_ERROR(insert->Bind(1, user.id)
                               .Bind(2, user.email)
                               .Bind(3, user.display_name)
                               .Bind(4, user.password_hash)
                               .Bind(5, RoleWord(user.role))
                               .Bind(6, user.must_change_password ? 1 : 0)
                               .Bind(7, Millis(user.created))
                               .Bind(8, user.blog_id)
                               .Run());
  return sqlite3_last_insert_rowid(conn.handle());
}

Result<User> SqliteStore::CreateUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckUser(user));
  return Write([&](Connection& conn) -> Result<User> {
    // Emails compare case-insensitively (the column is COLLATE NOCASE).
    Result<Statement> taken = conn.Prepare("SELECT 1 FROM users WHERE email = ?1");
    if (!taken.ok()) return taken.status();
    Result<bool> row = taken->Bind(1, user.email).Step();
    if (!row.ok()) return row.status();
    if (*row) return Status::Conflict("the email " + user.email + " is already registered");

    User stored = user;
    stored.id = 0;  // a new one
    if (Millis(stored.created) == 0) stored.created = FromMillis(NowMillis());
    Result<int64_t> id = InsertUser(conn, stored);
    if (!id.ok()) return id.status();
    stored.id = *id;
    return stored;
  });
}

Result<int> SqliteStore::CountUsers() {
  return Read([&](Connection& conn) -> Result<int> {
    Result<Statement> query = conn.Prepare("SELECT COUNT(*) FROM users");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    return query->Int(0);
  });
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  return Read([&](Connection& conn) -> Result<std::vector<User>> {
    Result<Statement> query = conn.Prepare(std::string(kUserSelect) + " ORDER BY id");
    if (!query.ok()) return query.status();
    std::vector<User> users;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return users;
      users.push_back(ReadUser(*query));
    }
  });
}

Result<User> SqliteStore::GetUser(int64_t user_id) {
  return Read([&](Connection& conn) -> Result<User> {
    Result<Statement> query = conn.Prepare(std::string(kUserSelect) + " WHERE id = ?1");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, user_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no user with id " + std::to_string(user_id));
    return ReadUser(*query);
  });
}

Result<User> SqliteStore::GetUserByEmail(std::string_view email) {
  return Read([&](Connection& conn) -> Result<User> {
    // The column is COLLATE NOCASE: the comparison ignores (ASCII) case.
    Result<Statement> query = conn.Prepare(std::string(kUserSelect) + " WHERE email = ?1");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, email).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no user with the email " + std::string(email));
    return ReadUser(*query);
  });
}

Status SqliteStore::UpdateUser(const User& user) {
  SAMIZDAT_RETURN_IF_ERROR(CheckUser(user));
  return Write([&](Connection& conn) -> Status {
    Result<Statement> taken = conn.Prepare("SELECT 1 FROM users WHERE email = ?1 AND id <> ?2");
    if (!taken.ok()) return taken.status();
    Result<bool> row = taken->Bind(1, user.email).Bind(2, user.id).Step();
    if (!row.ok()) return row.status();
    if (*row) return Status::Conflict("the email " + user.email + " is already registered");
    Result<Statement> update = conn.Prepare(
        "UPDATE users SET email = ?2, display_name = ?3, password_hash = ?4, role = ?5, "
        "must_change_password = ?6, blog_id = ?7 WHERE id = ?1");
    if (!update.ok()) return update.status();
    SAMIZDAT_RETURN_IF_ERROR(update->Bind(1, user.id)
                                 .Bind(2, user.email)
                                 .Bind(3, user.display_name)
                                 .Bind(4, user.password_hash)
                                 .Bind(5, RoleWord(user.role))
                                 .Bind(6, user.must_change_password ? 1 : 0)
                                 .Bind(7, user.blog_id)
                                 .Run());
    if (conn.Changes() == 0) return Status::NotFound("no user with id " + std::to_string(user.id));
    return Status::Ok();
  });
}

Status SqliteStore::DeleteUser(int64_t user_id) {
  return Write([&](Connection& conn) -> Status {
    // The user's sessions go with the row (ON DELETE CASCADE); posts keep author_id.
    Result<Statement> remove = conn.Prepare("DELETE FROM users WHERE id = ?1");
    if (!remove.ok()) return remove.status();
    SAMIZDAT_RETURN_IF_ERROR(remove->Bind(1, user_id).Run());
    if (conn.Changes() == 0) return Status::NotFound("no user with id " + std::to_string(user_id));
    return Status::Ok();
  });
}

}  // namespace samizdat::store::sqlite
