// PostgresStore: writing posts and pages. SCAFFOLD: every method below is to be written.
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Result<Post> PostgresStore::CreatePost(const Post& post) {
  return Status::Internal("not written yet");
}

Status PostgresStore::UpdatePost(const Post& post) {
  return Status::Internal("not written yet");
}

Status PostgresStore::DeletePost(int64_t blog_id, int64_t post_id) {
  return Status::Internal("not written yet");
}

Result<std::vector<int64_t>> PostgresStore::PublishDue(int64_t blog_id, Time now) {
  return Status::Internal("not written yet");
}

}  // namespace samizdat::store::postgres
