// SqliteStore: sessions and failed sign-ins.
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Status SqliteStore::CreateSession(const Session&) {
  return Status::Internal("not implemented yet");
}

Result<Session> SqliteStore::GetSession(std::string_view) {
  return Status::Internal("not implemented yet");
}

Status SqliteStore::TouchSession(std::string_view, Time) {
  return Status::Internal("not implemented yet");
}

Status SqliteStore::DeleteSession(std::string_view) {
  return Status::Internal("not implemented yet");
}

Result<int> SqliteStore::DeleteUserSessions(int64_t, std::string_view) {
  return Status::Internal("not implemented yet");
}

Result<int> SqliteStore::PurgeSessions(Time, Time) {
  return Status::Internal("not implemented yet");
}

Status SqliteStore::RecordSignInFailure(std::string_view, Time) {
  return Status::Internal("not implemented yet");
}

Result<int> SqliteStore::CountSignInFailures(std::string_view, Time) {
  return Status::Internal("not implemented yet");
}

Status SqliteStore::ClearSignInFailures(std::string_view) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::sqlite
