// SCAFFOLD: the Store methods added for PostgreSQL and migrate, to be written in the
// files of their subjects; this file then goes.
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Result<std::vector<int64_t>> SqliteStore::PublishDue(int64_t, Time) {
  return Status::Internal("not written yet");
}
Result<SpamCounts> SqliteStore::GetAllSpamCounts(int64_t) {
  return Status::Internal("not written yet");
}
Result<std::vector<Secret>> SqliteStore::ListSecrets() { return Status::Internal("not written yet"); }
Result<std::vector<Redirect>> SqliteStore::ListRedirects(int64_t) {
  return Status::Internal("not written yet");
}
Result<std::vector<User>> SqliteStore::ListUsers() { return Status::Internal("not written yet"); }

}  // namespace samizdat::store::sqlite
