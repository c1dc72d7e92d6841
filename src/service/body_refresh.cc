// RefreshBodies: re-render stored bodies from their sources after a renderer change.
#include "service/body_refresh.h"

#include <vector>

#include "service/blog_posts.h"
#include "service/posts.h"
#include "text/html_text.h"

namespace samizdat::service {
namespace {

constexpr int kBatch = 200;

// Renders the posts and pages of one blog anew, a batch per transaction; adds to
// `looked` and `changed`.
Status RefreshBlog(store::Store& store, int64_t blog_id, int& looked, int& changed,
                   const std::function<void(int)>& progress) {
  return ForEachPostBatch(store, blog_id, kBatch, [&](std::vector<Post>& posts) -> Status {
    std::vector<store::BodyRewrite> rewrites;
    for (const Post& post : posts) {
      std::string html = PostService::RenderBody(post.format, post.source);
      if (html == post.body_html) continue;
      std::string text = text::HtmlToText(html);
      rewrites.push_back({post.id, std::move(html), std::move(text)});
    }
    SAMIZDAT_RETURN_IF_ERROR(store.RewriteBodies(blog_id, rewrites));
    looked += static_cast<int>(posts.size());
    changed += static_cast<int>(rewrites.size());
    if (progress) progress(looked);
    return Status::Ok();
  });
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
    SAMIZDAT_RETURN_IF_ERROR(RefreshBlog(store, blog.id, looked, changed, progress));
  }
  SAMIZDAT_RETURN_IF_ERROR(store.SetBodyVersion(kBodyRenderVersion));
  return changed;
}

}  // namespace samizdat::service
