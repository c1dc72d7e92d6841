// PostgresStore: reading posts and pages. SCAFFOLD: every method below is to be written.
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Result<Post> PostgresStore::GetPost(int64_t blog_id, int64_t post_id) {
  return Status::Internal("not written yet");
}

Result<Post> PostgresStore::GetPostByPath(int64_t blog_id, std::string_view path) {
  return Status::Internal("not written yet");
}

Result<bool> PostgresStore::PathExists(int64_t blog_id, std::string_view path) {
  return Status::Internal("not written yet");
}

Result<std::vector<Post>> PostgresStore::ListPosts(const PostQuery& query) {
  return Status::Internal("not written yet");
}

Result<int> PostgresStore::CountPosts(const PostQuery& query) {
  return Status::Internal("not written yet");
}

Result<Neighbours> PostgresStore::GetNeighbours(const Post& post) {
  return Status::Internal("not written yet");
}

Result<std::vector<Time>> PostgresStore::ListPublishedTimes(int64_t blog_id) {
  return Status::Internal("not written yet");
}

Result<std::vector<LabelCount>> PostgresStore::LabelCounts(int64_t blog_id) {
  return Status::Internal("not written yet");
}

Status PostgresStore::LoadLabels(Connection& conn, std::vector<Post>& posts) {
  return Status::Internal("not written yet");
}

}  // namespace samizdat::store::postgres
