// SqliteStore: users.
#include <string>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

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
    if (Millis(stored.created) == 0) stored.created = FromMillis(NowMillis());
    Result<Statement> insert = conn.Prepare(
        "INSERT INTO users (email, display_name, password_hash, role, must_change_password, "
        "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert.ok()) return insert.status();
    SAMIZDAT_RETURN_IF_ERROR(insert->Bind(1, stored.email)
                                 .Bind(2, stored.display_name)
                                 .Bind(3, stored.password_hash)
                                 .Bind(4, RoleWord(stored.role))
                                 .Bind(5, stored.must_change_password ? 1 : 0)
                                 .Bind(6, Millis(stored.created))
                                 .Run());
    stored.id = sqlite3_last_insert_rowid(conn.handle());
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
    Result<Statement> query = conn.Prepare(
        "SELECT id, email, display_name, password_hash, role, must_change_password, "
        "created_ms FROM users ORDER BY id");
    if (!query.ok()) return query.status();
    std::vector<User> users;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return users;
      User user;
      user.id = query->Int64(0);
      user.email = query->Text(1);
      user.display_name = query->Text(2);
      user.password_hash = query->Text(3);
      user.role = RoleFromWord(query->TextView(4));
      user.must_change_password = query->Int(5) != 0;
      user.created = FromMillis(query->Int64(6));
      users.push_back(std::move(user));
    }
  });
}

}  // namespace samizdat::store::sqlite
