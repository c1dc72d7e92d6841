// SqliteStore: bulk writes (imports) and redirects.
// PLACEHOLDER until the bulk writer lands.
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Result<std::unique_ptr<BulkWriter>> SqliteStore::BeginBulk() {
  return Status::Internal("bulk writes are not implemented yet");
}

Result<std::string> SqliteStore::GetRedirect(int64_t, std::string_view) {
  return Status::NotFound("no redirect");
}

}  // namespace samizdat::store::sqlite
