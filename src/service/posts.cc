// PostService: the write path of posts and pages: adding, finding, removing, and what
// Add and the editor's saves (post_edits.cc) share — content, rendering, paths.
#include "service/posts.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/strings.h"
#include "text/html_text.h"
#include "text/markdown.h"
#include "text/sanitize.h"
#include "text/slug.h"
#include "text/utf8.h"

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

Result<std::string> CleanSlug(std::string_view typed) {
  std::string slug;
  for (char c : TrimBlank(typed)) {
    if (c == ' ' || c == '\t') {
      if (!slug.empty() && slug.back() != '-') slug += '-';
    } else if (c >= 'A' && c <= 'Z') {
      slug += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      slug += c;
    } else {
      return Status::InvalidArgument(
          "a permalink may hold only letters a-z, digits, '-' and "
          "'_', not '" +
          text::ToValidUtf8(typed) + "'");
    }
  }
  if (slug.empty()) return Status::InvalidArgument("a permalink must not be empty");
  if (slug.size() > 100) {
    return Status::InvalidArgument("a permalink is at most 100 characters long");
  }
  return slug;
}

std::string PostService::RenderBody(BodyFormat format, std::string_view source,
                                    text::SanitizeReport* removed) {
  std::string html(source);
  if (format == BodyFormat::kMarkdown) {
    // md4c fails only past 4 GiB or out of memory: nothing to show then.
    auto rendered = text::MarkdownToHtml(source);
    html = rendered.ok() ? std::move(*rendered) : std::string();
  }
  return text::SanitizeHtml(html, text::SanitizePolicy::kPostBody, removed);
}

Status PostService::SetContent(Post& post, std::string_view title, const std::string& source,
                               BodyFormat format, const std::vector<std::string>& labels,
                               text::SanitizeReport* removed) {
  if (!text::IsValidUtf8(title) || !text::IsValidUtf8(source)) {
    return Status::InvalidArgument("the title and body must be UTF-8 text");
  }
  // Control characters are removed from every field (a page may not hold them).
  const std::string clean_title = text::StripControlChars(title);
  if (TrimBlank(clean_title).empty()) return Status::InvalidArgument("a post needs a title");
  std::vector<std::string> names;
  for (const std::string& label : labels) {
    for (const std::string& name : ParseLabels(text::StripControlChars(label))) {
      if (name.size() > 200) return Status::InvalidArgument("label '" + name + "' is too long");
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  post.title = std::string(TrimBlank(clean_title));
  post.source = text::StripControlChars(source);
  post.format = format;
  post.labels = std::move(names);
  post.body_html = RenderBody(format, post.source, removed);
  post.body_text = text::HtmlToText(post.body_html);
  return Status::Ok();
}

Result<std::string> PostService::FreePath(const Blog& blog, const Post& post,
                                          std::string_view slug) {
  auto zone = TimeZone::Find(blog.time_zone);
  if (!zone.ok()) return zone.status();
  return BloggerPath(post.kind, zone->ToLocal(post.published), slug,
                     [&](const std::string& path) -> Result<bool> {
                       if (!post.path.empty() && path == post.path) return false;
                       return store_.PathExists(blog.id, path);
                     });
}

Result<Post> PostService::Add(const Blog& blog, NewPost input, text::SanitizeReport* removed) {
  if (!text::IsValidUtf8(input.author)) {
    return Status::InvalidArgument("the title, author and body must be UTF-8 text");
  }
  Post post;
  post.blog_id = blog.id;
  post.kind = input.kind;
  SAMIZDAT_RETURN_IF_ERROR(
      SetContent(post, input.title, input.source, input.format, input.labels, removed));
  post.author = input.author.empty() ? "Anonymous" : text::StripControlChars(input.author);
  post.author_id = input.author_id;
  post.comments_mode = input.comments_mode;
  std::string slug;
  if (!input.slug.empty()) {
    auto clean = CleanSlug(input.slug);
    if (!clean.ok()) return clean.status();
    slug = std::move(*clean);
  }

  const Time now = Now();
  post.published = input.published.value_or(now);
  post.updated = now;
  if (input.draft) {
    post.status = PostStatus::kDraft;
  } else {
    post.status = post.published > now ? PostStatus::kScheduled : PostStatus::kPublished;
  }
  // A draft gets its path at first publish, unless its slug is chosen now.
  if (!input.draft || !slug.empty()) {
    auto path = FreePath(blog, post, slug.empty() ? text::BloggerSlug(post.title) : slug);
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
