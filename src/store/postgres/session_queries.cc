// PostgresStore: sessions and failed sign-ins.
#include "store/postgres/postgres_store_impl.h"

namespace samizdat::store::postgres {

Status PostgresStore::CreateSession(const Session&) {
  return Status::Internal("not implemented yet");
}

Result<Session> PostgresStore::GetSession(std::string_view) {
  return Status::Internal("not implemented yet");
}

Status PostgresStore::TouchSession(std::string_view, Time) {
  return Status::Internal("not implemented yet");
}

Status PostgresStore::DeleteSession(std::string_view) {
  return Status::Internal("not implemented yet");
}

Result<int> PostgresStore::DeleteUserSessions(int64_t, std::string_view) {
  return Status::Internal("not implemented yet");
}

Result<int> PostgresStore::PurgeSessions(Time, Time) {
  return Status::Internal("not implemented yet");
}

Status PostgresStore::RecordSignInFailure(std::string_view, Time) {
  return Status::Internal("not implemented yet");
}

Result<int> PostgresStore::CountSignInFailures(std::string_view, Time) {
  return Status::Internal("not implemented yet");
}

Status PostgresStore::ClearSignInFailures(std::string_view) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::postgres
