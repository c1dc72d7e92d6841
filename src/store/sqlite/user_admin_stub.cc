// SqliteStore: users (stub until written).
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Result<User> SqliteStore::GetUser(int64_t) {
  return Status::Internal("not implemented yet");
}

Result<User> SqliteStore::GetUserByEmail(std::string_view) {
  return Status::Internal("not implemented yet");
}

Status SqliteStore::UpdateUser(const User&) {
  return Status::Internal("not implemented yet");
}

Status SqliteStore::DeleteUser(int64_t) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::sqlite
