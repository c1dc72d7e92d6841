// PostgresStore: blogs. SCAFFOLD: every method below is to be written.
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Result<Blog> PostgresStore::CreateBlog(const Blog& blog) {
  return Status::Internal("not written yet");
}

Status PostgresStore::UpdateBlog(const Blog& blog) {
  return Status::Internal("not written yet");
}

Result<Blog> PostgresStore::GetBlog(int64_t blog_id) {
  return Status::Internal("not written yet");
}

Result<std::vector<Blog>> PostgresStore::ListBlogs() {
  return Status::Internal("not written yet");
}

}  // namespace samizdat::store::postgres
