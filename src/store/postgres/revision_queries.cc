// PostgresStore: post revisions.
#include "store/postgres/postgres_store_impl.h"

namespace samizdat::store::postgres {

Result<Revision> PostgresStore::AddRevision(const Revision&) {
  return Status::Internal("not implemented yet");
}

Result<std::vector<Revision>> PostgresStore::ListRevisions(int64_t, int64_t) {
  return Status::Internal("not implemented yet");
}

Result<Revision> PostgresStore::GetRevision(int64_t, int64_t) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::postgres
