// PostgresStore: bulk writes and redirects. SCAFFOLD: every method below is to be written.
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Result<std::unique_ptr<BulkWriter>> PostgresStore::BeginBulk() {
  return Status::Internal("not written yet");
}

Result<std::string> PostgresStore::GetRedirect(int64_t blog_id, std::string_view old_path) {
  return Status::Internal("not written yet");
}

Result<std::vector<Redirect>> PostgresStore::ListRedirects(int64_t blog_id) {
  return Status::Internal("not written yet");
}

}  // namespace samizdat::store::postgres
