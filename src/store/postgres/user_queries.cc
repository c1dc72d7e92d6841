// PostgresStore: users and secrets. SCAFFOLD: every method below is to be written.
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Result<User> PostgresStore::CreateUser(const User& user) {
  return Status::Internal("not written yet");
}

Result<int> PostgresStore::CountUsers() {
  return Status::Internal("not written yet");
}

Result<std::vector<User>> PostgresStore::ListUsers() {
  return Status::Internal("not written yet");
}

Result<std::string> PostgresStore::GetOrCreateSecret(std::string_view name, std::string_view candidate) {
  return Status::Internal("not written yet");
}

Result<std::vector<Secret>> PostgresStore::ListSecrets() {
  return Status::Internal("not written yet");
}

}  // namespace samizdat::store::postgres
