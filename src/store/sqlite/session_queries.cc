// SqliteStore: sessions and failed sign-ins.
#include <string>
#include <string_view>

#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Status SqliteStore::CreateSession(const Session& session) {
  if (session.token_hash.empty()) return Status::InvalidArgument("a session needs a token hash");
  return Write([&](Connection& conn) -> Status {
    Result<Statement> insert = conn.Prepare(
        "INSERT INTO sessions (token_hash, user_id, created_ms, last_seen_ms) "
        "VALUES (?1, ?2, ?3, ?4)");
    if (!insert.ok()) return insert.status();
    // A taken hash fails on the primary key (Conflict), an absent user on the foreign
    // key (NotFound).
    return insert->Bind(1, session.token_hash)
        .Bind(2, session.user_id)
        .Bind(3, Millis(session.created))
        .Bind(4, Millis(session.last_seen))
        .Run();
  });
}

Result<Session> SqliteStore::GetSession(std::string_view token_hash) {
  return Read([&](Connection& conn) -> Result<Session> {
    Result<Statement> query = conn.Prepare(
        "SELECT user_id, created_ms, last_seen_ms FROM sessions WHERE token_hash = ?1");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, token_hash).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no such session");
    Session session;
    session.token_hash = std::string(token_hash);
    session.user_id = query->Int64(0);
    session.created = FromMillis(query->Int64(1));
    session.last_seen = FromMillis(query->Int64(2));
    return session;
  });
}

Status SqliteStore::TouchSession(std::string_view token_hash, Time last_seen) {
  return Write([&](Connection& conn) -> Status {
    Result<Statement> update =
        conn.Prepare("UPDATE sessions SET last_seen_ms = ?2 WHERE token_hash = ?1");
    if (!update.ok()) return update.status();
    SAMIZDAT_RETURN_IF_ERROR(update->Bind(1, token_hash).Bind(2, Millis(last_seen)).Run());
    if (conn.Changes() == 0) return Status::NotFound("no such session");
    return Status::Ok();
  });
}

Status SqliteStore::DeleteSession(std::string_view token_hash) {
  return Write([&](Connection& conn) -> Status {
    Result<Statement> remove = conn.Prepare("DELETE FROM sessions WHERE token_hash = ?1");
    if (!remove.ok()) return remove.status();
    return remove->Bind(1, token_hash).Run();
  });
}

Result<int> SqliteStore::DeleteUserSessions(int64_t user_id, std::string_view keep) {
  return Write([&](Connection& conn) -> Result<int> {
    Result<Statement> remove =
        conn.Prepare("DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2");
    if (!remove.ok()) return remove.status();
    SAMIZDAT_RETURN_IF_ERROR(remove->Bind(1, user_id).Bind(2, keep).Run());
    return static_cast<int>(conn.Changes());
  });
}

Result<int> SqliteStore::PurgeSessions(Time idle_before, Time created_before) {
  return Write([&](Connection& conn) -> Result<int> {
    Result<Statement> failures = conn.Prepare("DELETE FROM sign_in_failures WHERE at_ms < ?1");
    if (!failures.ok()) return failures.status();
    SAMIZDAT_RETURN_IF_ERROR(failures->Bind(1, Millis(idle_before)).Run());
    Result<Statement> remove =
        conn.Prepare("DELETE FROM sessions WHERE last_seen_ms < ?1 OR created_ms < ?2");
    if (!remove.ok()) return remove.status();
    SAMIZDAT_RETURN_IF_ERROR(
        remove->Bind(1, Millis(idle_before)).Bind(2, Millis(created_before)).Run());
    return static_cast<int>(conn.Changes());
  });
}

Status SqliteStore::RecordSignInFailure(std::string_view key, Time at) {
  return Write([&](Connection& conn) -> Status {
    Result<Statement> insert =
        conn.Prepare("INSERT INTO sign_in_failures (key, at_ms) VALUES (?1, ?2)");
    if (!insert.ok()) return insert.status();
    return insert->Bind(1, key).Bind(2, Millis(at)).Run();
  });
}

Result<int> SqliteStore::CountSignInFailures(std::string_view key, Time since) {
  return Read([&](Connection& conn) -> Result<int> {
    Result<Statement> query =
        conn.Prepare("SELECT COUNT(*) FROM sign_in_failures WHERE key = ?1 AND at_ms >= ?2");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, key).Bind(2, Millis(since)).Step();
    if (!row.ok()) return row.status();
    return query->Int(0);
  });
}

Status SqliteStore::ClearSignInFailures(std::string_view key) {
  return Write([&](Connection& conn) -> Status {
    Result<Statement> remove = conn.Prepare("DELETE FROM sign_in_failures WHERE key = ?1");
    if (!remove.ok()) return remove.status();
    return remove->Bind(1, key).Run();
  });
}

}  // namespace samizdat::store::sqlite
