// PostService: the write path of posts and pages.
#include "service/posts.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/strings.h"
#include "text/html_text.h"
#include "text/markdown.h"
#include "text/sanitize.h"
#include "text/slug.h"

namespace samizdat::service {
std::vector<std::string> ParseLabels(std::string_view comma_separated) {
  std::vector<std::string> labels;
  while (!comma_separated.empty()) {
    auto comma = comma_separated.find(',');
    std::string_view name = TrimBlank(comma_separated.substr(0, comma));
    if (!name.empty() && std::find(labels.begin(), labels.end(), name) == labels.end()) {
      labels.emplace_back(name);
    }
    if (comma == std::string_view::npos) break;
    comma_separated.remove_prefix(comma + 1);
  }
  return labels;
}

Result<std::string> BloggerPath(PostKind kind, const LocalTime& local, std::string_view slug,
                                const PathTaken& taken) {
  char prefix[16];
  if (kind == PostKind::kPage) {
    std::snprintf(prefix, sizeof prefix, "/p/");
  } else {
    std::snprintf(prefix, sizeof prefix, "/%04d/%02d/", local.year, local.month);
  }
  char day[8];
  std::snprintf(day, sizeof day, "_%02d", local.day);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::string path = prefix + std::string(slug);
    if (attempt > 0) path += day;
    if (attempt > 1) path += "-" + std::to_string(attempt);
    path += ".html";
    auto is_taken = taken(path);
    if (!is_taken.ok()) return is_taken.status();
    if (!*is_taken) return path;
  }
  return Status::Conflict("no free permalink left for '" + std::string(slug) + "'");
}

Result<std::string> PostService::FreePath(const Blog& blog, const Post& post) {
  auto zone = TimeZone::Find(blog.time_zone);
  if (!zone.ok()) return zone.status();
  return BloggerPath(post.kind, zone->ToLocal(post.published), text::BloggerSlug(post.title),
                     [&](const std::string& path) { return store_.PathExists(blog.id, path); });
}

Result<Post> PostService::Add(const Blog& blog, NewPost input) {
  if (TrimBlank(input.title).empty()) return Status::InvalidArgument("a post needs a title");
  if (!text::IsValidUtf8(input.title) || !text::IsValidUtf8(input.source) ||
      !text::IsValidUtf8(input.author)) {
    return Status::InvalidArgument("the title, author and body must be UTF-8 text");
  }
  Post post;
  post.blog_id = blog.id;
  post.kind = input.kind;
  post.title = std::string(TrimBlank(input.title));
  post.format = input.format;
  post.author = input.author.empty() ? "Anonymous" : input.author;
  post.comments_mode = input.comments_mode;
  for (const std::string& label : input.labels) {
    for (const std::string& name : ParseLabels(label)) {
      if (name.size() > 200) return Status::InvalidArgument("label '" + name + "' is too long");
      if (std::find(post.labels.begin(), post.labels.end(), name) == post.labels.end()) {
        post.labels.push_back(name);
      }
    }
  }
  std::string html = std::move(input.source);
  post.source = html;
  if (post.format == BodyFormat::kMarkdown) {
    auto rendered = text::MarkdownToHtml(post.source);
    if (!rendered.ok()) return rendered.status();
    html = std::move(*rendered);
  }
  post.body_html = text::SanitizeHtml(html, text::SanitizePolicy::kPostBody);
  post.body_text = text::HtmlToText(post.body_html);

  const Time now = Now();
  post.published = input.published.value_or(now);
  post.updated = now;
  if (input.draft) {
    post.status = PostStatus::kDraft;
  } else {
    post.status = post.published > now ? PostStatus::kScheduled : PostStatus::kPublished;
    auto path = FreePath(blog, post);
    if (!path.ok()) return path.status();
    post.path = std::move(*path);
  }
  return store_.CreatePost(post);
}

Result<Post> PostService::Find(const Blog& blog, std::string_view id_or_path) {
  Result<Post> post = Status::NotFound("no post or page '" + std::string(id_or_path) + "'");
  if (auto id = ParseInteger<int64_t>(id_or_path)) {
    post = store_.GetPost(blog.id, *id);
  } else if (!id_or_path.empty() && id_or_path.front() == '/') {
    post = store_.GetPostByPath(blog.id, id_or_path);
  }
  if (!post.ok()) {
    if (post.status().IsNotFound()) {
      return Status::NotFound("no post or page '" + std::string(id_or_path) + "' in " + blog.host);
    }
    return post.status();
  }
  return post;
}

Result<Post> PostService::Remove(const Blog& blog, std::string_view id_or_path) {
  auto post = Find(blog, id_or_path);
  if (!post.ok()) return post.status();
  SAMIZDAT_RETURN_IF_ERROR(store_.DeletePost(blog.id, post->id));
  return post;
}

Result<Post> PostService::SetCommentsMode(const Blog& blog, std::string_view id_or_path,
                                          CommentsMode mode) {
  auto post = Find(blog, id_or_path);
  if (!post.ok()) return post.status();
  post->comments_mode = mode;
  SAMIZDAT_RETURN_IF_ERROR(store_.UpdatePost(*post));
  return post;
}

Result<int> PostService::PublishDue(const Blog& blog, Time now) {
  Result<std::vector<int64_t>> published = store_.PublishDue(blog.id, now);
  if (!published.ok()) return published.status();
  return static_cast<int>(published->size());
}

}  // namespace samizdat::service
