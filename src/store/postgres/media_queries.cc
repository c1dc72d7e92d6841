// PostgresStore: uploaded media.
#include "store/postgres/postgres_store_impl.h"

namespace samizdat::store::postgres {

Status PostgresStore::AddMedia(const Media&) {
  return Status::Internal("not implemented yet");
}

Result<Media> PostgresStore::GetMedia(int64_t, std::string_view) {
  return Status::Internal("not implemented yet");
}

Result<std::vector<Media>> PostgresStore::ListMedia(int64_t, int, int) {
  return Status::Internal("not implemented yet");
}

Status PostgresStore::DeleteMedia(int64_t, std::string_view) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::postgres
