// PostgresStore: full-text search. SCAFFOLD: every method below is to be written.
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Result<std::vector<SearchHit>> PostgresStore::Search(int64_t blog_id, std::string_view query, int limit, int offset) {
  return Status::Internal("not written yet");
}

Result<int> PostgresStore::CountSearch(int64_t blog_id, std::string_view query) {
  return Status::Internal("not written yet");
}

}  // namespace samizdat::store::postgres
