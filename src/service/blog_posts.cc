// ForEachPostBatch: the blog's posts, then its pages, read by offset, oldest first.
#include "service/blog_posts.h"

namespace samizdat::service {

Status ForEachPostBatch(store::Store& store, int64_t blog_id, int batch_size,
                        const std::function<Status(std::vector<Post>& batch)>& visit) {
  for (PostKind kind : {PostKind::kPost, PostKind::kPage}) {
    store::PostQuery query;
    query.blog_id = blog_id;
    query.kind = kind;
    query.status = std::nullopt;
    query.oldest_first = true;
    query.limit = batch_size;
    for (query.offset = 0;; query.offset += batch_size) {
      Result<std::vector<Post>> posts = store.ListPosts(query);
      if (!posts.ok()) return posts.status();
      SAMIZDAT_RETURN_IF_ERROR(visit(*posts));
      if (static_cast<int>(posts->size()) < batch_size) break;
    }
  }
  return Status::Ok();
}

}  // namespace samizdat::service
