// SqliteStore: comments, the spam classifier's counts and instance secrets.
// PLACEHOLDER: answers Internal until the comments tables land (migration 0003).
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {
Status NotYet() { return Status::Internal("comments are not stored yet"); }
}  // namespace

Result<Comment> SqliteStore::CreateComment(const Comment&) { return NotYet(); }
Result<Comment> SqliteStore::GetComment(int64_t, int64_t) { return NotYet(); }
Result<std::vector<Comment>> SqliteStore::ListComments(const CommentQuery&) { return NotYet(); }
Result<int> SqliteStore::CountComments(const CommentQuery&) { return NotYet(); }
Status SqliteStore::ModerateComment(int64_t, int64_t, CommentStatus, SpamTraining,
                                    const std::vector<std::string>&) {
  return NotYet();
}
Result<int> SqliteStore::PurgeComments(CommentStatus, Time) { return NotYet(); }
Result<std::vector<int64_t>> SqliteStore::PostsWithCommentsChangedSince(int64_t, int64_t) {
  return NotYet();
}
Result<int> SqliteStore::CountCommentsFromIp(int64_t, std::string_view, Time) { return NotYet(); }
Result<bool> SqliteStore::CommentDigestExists(int64_t, int64_t, std::string_view) {
  return NotYet();
}
Result<SpamCounts> SqliteStore::GetSpamCounts(int64_t, const std::vector<std::string>&) {
  return NotYet();
}
Result<std::string> SqliteStore::GetOrCreateSecret(std::string_view, std::string_view) {
  return NotYet();
}

}  // namespace samizdat::store::sqlite
