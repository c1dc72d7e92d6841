// RefreshBodies: re-render stored bodies from their sources after a renderer change.
#include "service/body_refresh.h"

#include <vector>

#include "service/posts.h"
#include "text/html_text.h"

namespace samizdat::service {
namespace {

constexpr int kBatch = 200;

// Renders the posts of one kind of one blog anew, a batch at a time; adds to `looked`
// and `changed`.
Status RefreshKind(store::Store& store, int64_t blog_id, PostKind kind, int& looked, int& changed,
                   const std::function<void(int)>& progress) {
  store::PostQuery query;
  query.blog_id = blog_id;
  query.kind = kind;
  query.status = std::nullopt;
  query.oldest_first = true;
  query.limit = kBatch;
  for (query.offset = 0;; query.offset += kBatch) {
    Result<std::vector<Post>> posts = store.ListPosts(query);
    if (!posts.ok()) return posts.status();
    std::vector<store::BodyRewrite> rewrites;
    for (const Post& post : *posts) {
      std::string html = PostService::RenderBody(post.format, post.source);
      if (html == post.body_html) continue;
      std::string text = text::HtmlToText(html);
      rewrites.push_back({post.id, std::move(html), std::move(text)});
    }
    SAMIZDAT_RETURN_IF_ERROR(store.RewriteBodies(blog_id, rewrites));
    looked += static_cast<int>(posts->size());
    changed += static_cast<int>(rewrites.size());
    if (progress) progress(looked);
    if (static_cast<int>(posts->size()) < kBatch) return Status::Ok();
  }
}

}  // namespace

Result<int> RefreshBodies(store::Store& store, const std::function<void(int)>& progress) {
  Result<int> version = store.GetBodyVersion();
  if (!version.ok()) return version.status();
  if (*version >= kBodyRenderVersion) return 0;
  Result<std::vector<Blog>> blogs = store.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  int looked = 0;
  int changed = 0;
  for (const Blog& blog : *blogs) {
    for (PostKind kind : {PostKind::kPost, PostKind::kPage}) {
      SAMIZDAT_RETURN_IF_ERROR(RefreshKind(store, blog.id, kind, looked, changed, progress));
    }
  }
  SAMIZDAT_RETURN_IF_ERROR(store.SetBodyVersion(kBodyRenderVersion));
  return changed;
}

}  // namespace samizdat::service
