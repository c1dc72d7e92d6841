// PostgresStore: comments and the spam counts. SCAFFOLD: every method below is to be written.
#include "store/postgres/postgres_store_impl.h"
#include "store/row_mapping.h"

namespace samizdat::store::postgres {

Result<Comment> PostgresStore::CreateComment(const Comment& comment) {
  return Status::Internal("not written yet");
}

Result<Comment> PostgresStore::GetComment(int64_t blog_id, int64_t comment_id) {
  return Status::Internal("not written yet");
}

Result<std::vector<Comment>> PostgresStore::ListComments(const CommentQuery& query) {
  return Status::Internal("not written yet");
}

Result<int> PostgresStore::CountComments(const CommentQuery& query) {
  return Status::Internal("not written yet");
}

Status PostgresStore::ModerateComment(int64_t blog_id, int64_t comment_id, CommentStatus status, SpamTraining training, const std::vector<std::string>& tokens) {
  return Status::Internal("not written yet");
}

Result<int> PostgresStore::PurgeComments(CommentStatus status, Time before) {
  return Status::Internal("not written yet");
}

Result<std::vector<int64_t>> PostgresStore::PostsWithCommentsChangedSince(int64_t blog_id, int64_t since) {
  return Status::Internal("not written yet");
}

Result<int> PostgresStore::CountCommentsFromIp(int64_t blog_id, std::string_view ip_hash, Time since) {
  return Status::Internal("not written yet");
}

Result<bool> PostgresStore::CommentDigestExists(int64_t blog_id, int64_t post_id, std::string_view digest) {
  return Status::Internal("not written yet");
}

Result<SpamCounts> PostgresStore::GetSpamCounts(int64_t blog_id, const std::vector<std::string>& tokens) {
  return Status::Internal("not written yet");
}

Result<SpamCounts> PostgresStore::GetAllSpamCounts(int64_t blog_id) {
  return Status::Internal("not written yet");
}

Status PostgresStore::TouchPosts(Connection& conn, int64_t blog_id, const std::set<int64_t>& post_ids, std::optional<int> added) {
  return Status::Internal("not written yet");
}

}  // namespace samizdat::store::postgres
