// PostgresStore: sessions and failed sign-ins.
#include <string>
#include <string_view>

#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Status PostgresStore::CreateSession(const Session& session) {
  if (session.token_hash.empty()) return Status::InvalidArgument("a session needs a token hash");
  return Write([&](Connection& conn) -> Status {
    // A taken hash fails on the primary key (Conflict), an absent user on the foreign
    // key (NotFound).
    return conn
        .Query(
            "INSERT INTO sessions (token_hash, user_id, created_ms, last_seen_ms) "
            "VALUES ($1, $2, $3, $4)",
            Params()
                .Add(session.token_hash)
                .Add(session.user_id)
                .Add(Millis(session.created))
                .Add(Millis(session.last_seen)))
        .status();
  });
}

Result<Session> PostgresStore::GetSession(std::string_view token_hash) {
  return Read([&](Connection& conn) -> Result<Session> {
    Result<Rows> rows =
        conn.Query("SELECT user_id, created_ms, last_seen_ms FROM sessions WHERE token_hash = $1",
                   Params().Add(token_hash));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("no such session");
    Session session;
    session.token_hash = std::string(token_hash);
    session.user_id = rows->Int64(0, 0);
    session.created = FromMillis(rows->Int64(0, 1));
    session.last_seen = FromMillis(rows->Int64(0, 2));
    return session;
  });
}

Status PostgresStore::TouchSession(std::string_view token_hash, Time last_seen) {
  return Write([&](Connection& conn) -> Status {
    Result<Rows> updated = conn.Query("UPDATE sessions SET last_seen_ms = $2 WHERE token_hash = $1",
                                      Params().Add(token_hash).Add(Millis(last_seen)));
    if (!updated.ok()) return updated.status();
    if (updated->Affected() == 0) return Status::NotFound("no such session");
    return Status::Ok();
  });
}

Status PostgresStore::DeleteSession(std::string_view token_hash) {
  return Write([&](Connection& conn) -> Status {
    return conn.Query("DELETE FROM sessions WHERE token_hash = $1", Params().Add(token_hash))
        .status();
  });
}

Result<int> PostgresStore::DeleteUserSessions(int64_t user_id, std::string_view keep) {
  return Write([&](Connection& conn) -> Result<int> {
    Result<Rows> removed =
        conn.Query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                   Params().Add(user_id).Add(keep));
    if (!removed.ok()) return removed.status();
    return static_cast<int>(removed->Affected());
  });
}

Result<int> PostgresStore::PurgeSessions(Time idle_before, Time created_before) {
  return Write([&](Connection& conn) -> Result<int> {
    SAMIZDAT_RETURN_IF_ERROR(conn.Query("DELETE FROM sign_in_failures WHERE at_ms < $1",
                                        Params().Add(Millis(idle_before)))
                                 .status());
    Result<Rows> removed =
        conn.Query("DELETE FROM sessions WHERE last_seen_ms < $1 OR created_ms < $2",
                   Params().Add(Millis(idle_before)).Add(Millis(created_before)));
    if (!removed.ok()) return removed.status();
    return static_cast<int>(removed->Affected());
  });
}

Status PostgresStore::RecordSignInFailure(std::string_view key, Time at) {
  return Write([&](Connection& conn) -> Status {
    return conn
        .Query("INSERT INTO sign_in_failures (key, at_ms) VALUES ($1, $2)",
               Params().Add(key).Add(Millis(at)))
        .status();
  });
}

Result<int> PostgresStore::CountSignInFailures(std::string_view key, Time since) {
  return Read([&](Connection& conn) -> Result<int> {
    Result<Rows> rows =
        conn.Query("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at_ms >= $2",
                   Params().Add(key).Add(Millis(since)));
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

Status PostgresStore::ClearSignInFailures(std::string_view key) {
  return Write([&](Connection& conn) -> Status {
    return conn.Query("DELETE FROM sign_in_failures WHERE key = $1", Params().Add(key)).status();
  });
}

}  // namespace samizdat::store::postgres
