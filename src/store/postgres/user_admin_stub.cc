// PostgresStore: users (stub until written).
#include "store/postgres/postgres_store_impl.h"

namespace samizdat::store::postgres {

Result<User> PostgresStore::GetUser(int64_t) {
  return Status::Internal("not implemented yet");
}

Result<User> PostgresStore::GetUserByEmail(std::string_view) {
  return Status::Internal("not implemented yet");
}

Status PostgresStore::UpdateUser(const User&) {
  return Status::Internal("not implemented yet");
}

Status PostgresStore::DeleteUser(int64_t) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::postgres
