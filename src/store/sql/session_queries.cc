// SqlStore: sessions and failed sign-ins.
#include <string>
#include <string_view>

#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {

Status SqlStore::CreateSession(const Session& session) {
  if (session.token_hash.empty()) return Status::InvalidArgument("a session needs a token hash");
  return Write([&](Connection& conn) -> Status {
    // A taken hash fails on the primary key (Conflict), an absent user on the foreign
    // key (NotFound).
    return conn.Execute(
        "INSERT INTO sessions (token_hash, user_id, created_ms, last_seen_ms) "
        "VALUES ($1, $2, $3, $4)",
        Params()
            .Add(session.token_hash)
            .Add(session.user_id)
            .Add(Millis(session.created))
            .Add(Millis(session.last_seen)));
  });
}

Result<Session> SqlStore::GetSession(std::string_view token_hash) {
  return Read([&](Connection& conn) -> Result<Session> {
    bool found = false;
    Result<Rows> row =
        conn.First("SELECT user_id, created_ms, last_seen_ms FROM sessions WHERE token_hash = $1",
                   Params().Add(token_hash), &found);
    if (!row.ok()) return row.status();
    if (!found) return Status::NotFound("no such session");
    Session session;
    session.token_hash = std::string(token_hash);
    session.user_id = row->Int64(0);
    session.created = FromMillis(row->Int64(1));
    session.last_seen = FromMillis(row->Int64(2));
    return session;
  });
}

Status SqlStore::TouchSession(std::string_view token_hash, Time last_seen) {
  return Write([&](Connection& conn) -> Status {
    Result<int64_t> updated =
        conn.Run("UPDATE sessions SET last_seen_ms = $2 WHERE token_hash = $1",
                 Params().Add(token_hash).Add(Millis(last_seen)));
    if (!updated.ok()) return updated.status();
    if (*updated == 0) return Status::NotFound("no such session");
    return Status::Ok();
  });
}

Status SqlStore::DeleteSession(std::string_view token_hash) {
  return Write([&](Connection& conn) -> Status {
    return conn.Execute("DELETE FROM sessions WHERE token_hash = $1", Params().Add(token_hash));
  });
}

Result<int> SqlStore::DeleteUserSessions(int64_t user_id, std::string_view keep) {
  return Write([&](Connection& conn) -> Result<int> {
    Result<int64_t> removed =
        conn.Run("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                 Params().Add(user_id).Add(keep));
    if (!removed.ok()) return removed.status();
    return static_cast<int>(*removed);
  });
}

Result<int> SqlStore::PurgeSessions(Time idle_before, Time created_before) {
  return Write([&](Connection& conn) -> Result<int> {
    SAMIZDAT_RETURN_IF_ERROR(conn.Execute("DELETE FROM sign_in_failures WHERE at_ms < $1",
                                          Params().Add(Millis(idle_before))));
    SAMIZDAT_RETURN_IF_ERROR(conn.Execute("DELETE FROM sign_in_links WHERE expires_ms < $1",
                                          Params().Add(Millis(idle_before))));
    Result<int64_t> removed =
        conn.Run("DELETE FROM sessions WHERE last_seen_ms < $1 OR created_ms < $2",
                 Params().Add(Millis(idle_before)).Add(Millis(created_before)));
    if (!removed.ok()) return removed.status();
    return static_cast<int>(*removed);
  });
}

Status SqlStore::CreateSignInLink(std::string_view token_hash, int64_t user_id, Time expires) {
  if (token_hash.empty()) return Status::InvalidArgument("a sign-in link needs a token hash");
  return Write([&](Connection& conn) -> Status {
    return conn.Execute(
        "INSERT INTO sign_in_links (token_hash, user_id, expires_ms) VALUES ($1, $2, $3)",
        Params().Add(token_hash).Add(user_id).Add(Millis(expires)));
  });
}

Result<int64_t> SqlStore::FindSignInLink(std::string_view token_hash, Time now) {
  return Read([&](Connection& conn) -> Result<int64_t> {
    bool found = false;
    Result<Rows> row =
        conn.First("SELECT user_id FROM sign_in_links WHERE token_hash = $1 AND expires_ms > $2",
                   Params().Add(token_hash).Add(Millis(now)), &found);
    if (!row.ok()) return row.status();
    if (!found) return Status::NotFound("no such sign-in link");
    return row->Int64(0);
  });
}

Result<int64_t> SqlStore::TakeSignInLink(std::string_view token_hash, Time now) {
  return Write([&](Connection& conn) -> Result<int64_t> {
    bool found = false;
    Result<Rows> row = conn.First(
        "DELETE FROM sign_in_links WHERE token_hash = $1 AND expires_ms > $2 RETURNING user_id",
        Params().Add(token_hash).Add(Millis(now)), &found);
    if (!row.ok()) return row.status();
    if (!found) return Status::NotFound("no such sign-in link");
    return row->Int64(0);
  });
}

Status SqlStore::RecordSignInFailure(std::string_view account, std::string_view source, Time at) {
  return Write([&](Connection& conn) -> Status {
    return conn.Execute("INSERT INTO sign_in_failures (account, source, at_ms) VALUES ($1, $2, $3)",
                        Params().Add(account).Add(source).Add(Millis(at)));
  });
}

Result<SignInFailures> SqlStore::CountSignInFailures(std::string_view account,
                                                     std::string_view source, Time since) {
  return Read([&](Connection& conn) -> Result<SignInFailures> {
    bool found = false;
    Result<Rows> row = source.empty()
                           ? conn.First(
                                 "SELECT COUNT(*), MAX(at_ms) FROM sign_in_failures "
                                 "WHERE account = $1 AND at_ms >= $2",
                                 Params().Add(account).Add(Millis(since)), &found)
                           : conn.First(
                                 "SELECT COUNT(*), MAX(at_ms) FROM sign_in_failures "
                                 "WHERE account = $1 AND source = $2 AND at_ms >= $3",
                                 Params().Add(account).Add(source).Add(Millis(since)), &found);
    if (!row.ok()) return row.status();
    SignInFailures failures;
    if (!found || row->Int64(0) == 0) return failures;
    failures.count = static_cast<int>(row->Int64(0));
    failures.last = FromMillis(row->Int64(1));
    return failures;
  });
}

Status SqlStore::ClearSignInFailures(std::string_view account, std::string_view source) {
  return Write([&](Connection& conn) -> Status {
    if (source.empty()) {
      return conn.Execute("DELETE FROM sign_in_failures WHERE account = $1", Params().Add(account));
    }
    return conn.Execute("DELETE FROM sign_in_failures WHERE account = $1 AND source = $2",
                        Params().Add(account).Add(source));
  });
}

}  // namespace samizdat::store::sql
