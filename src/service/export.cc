// ExportService: the store read into an export writer: the blog, its redirects, its
// Blogger theme, then post by post (oldest first) with each post's comments.
#include "service/export.h"

#include "service/blog_posts.h"
#include "transfer/writers.h"

namespace samizdat::service {
namespace {

constexpr int kPostsPerRead = 500;

}  // namespace

Status ExportService::Export(const Blog& blog, ExportFormat format, std::string_view base_url,
                             std::ostream& out) {
  auto writer = format == ExportFormat::kWxr ? transfer::MakeWxrExportWriter(out)
                                             : transfer::MakeBloggerExportWriter(out);
  writer->Begin(blog, base_url);
  auto redirects = store_.ListRedirects(blog.id);
  if (!redirects.ok()) return redirects.status();
  for (const store::Redirect& redirect : *redirects) {
    writer->Redirect(redirect.old_path, redirect.new_path);
  }
  auto theme = store_.GetTheme(blog.id);
  if (theme.ok()) {
    writer->Theme(theme->xml);
  } else if (!theme.status().IsNotFound()) {
    return theme.status();
  }
  SAMIZDAT_RETURN_IF_ERROR(
      ForEachPostBatch(store_, blog.id, kPostsPerRead, [&](std::vector<Post>& posts) -> Status {
        for (const Post& post : posts) {
          writer->Post(post);
          store::CommentQuery comments;
          comments.blog_id = blog.id;
          comments.post_id = post.id;
          comments.statuses = {};
          comments.limit = 1'000'000;
          auto listed = store_.ListComments(comments);
          if (!listed.ok()) return listed.status();
          for (const Comment& comment : *listed) writer->Comment(comment, post);
        }
        if (!out) return Status::Internal("the export could not be written (disk full?)");
        return Status::Ok();
      }));
  writer->End();
  out.flush();
  if (!out) return Status::Internal("the export could not be written (disk full?)");
  return Status::Ok();
}

}  // namespace samizdat::service
