// SqliteStore: post revisions.
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Result<Revision> SqliteStore::AddRevision(const Revision&) {
  return Status::Internal("not implemented yet");
}

Result<std::vector<Revision>> SqliteStore::ListRevisions(int64_t, int64_t) {
  return Status::Internal("not implemented yet");
}

Result<Revision> SqliteStore::GetRevision(int64_t, int64_t) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::sqlite
