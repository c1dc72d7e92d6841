// SqliteStore: uploaded media.
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {

Status SqliteStore::AddMedia(const Media&) {
  return Status::Internal("not implemented yet");
}

Result<Media> SqliteStore::GetMedia(int64_t, std::string_view) {
  return Status::Internal("not implemented yet");
}

Result<std::vector<Media>> SqliteStore::ListMedia(int64_t, int, int) {
  return Status::Internal("not implemented yet");
}

Status SqliteStore::DeleteMedia(int64_t, std::string_view) {
  return Status::Internal("not implemented yet");
}

}  // namespace samizdat::store::sqlite
