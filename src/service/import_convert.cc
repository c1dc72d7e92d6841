// The decisions of an import: ids, paths, bodies (service/import_convert.h).
#include "service/import_convert.h"

#include <boost/url/parse.hpp>

#include "core/strings.h"
#include "service/posts.h"
#include "text/slug.h"
#include "text/url_attributes.h"
#include "text/utf8.h"

namespace samizdat::service::importing {
namespace {

// FNV-1a over `parts`, folded to a positive 63-bit id: the same WordPress site and id
// give the same samizdat id on every machine and every run.
int64_t StableId(std::initializer_list<std::string_view> parts) {
  uint64_t hash = 14695981039346656037ULL;
  for (std::string_view part : parts) {
    for (unsigned char c : part) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;  // a separator that no UTF-8 text holds
    hash *= 1099511628211ULL;
  }
  const auto id = static_cast<int64_t>(hash & 0x7fffffffffffffffULL);
  return id == 0 ? 1 : id;
}

// "/2011/02/a.html" from "https://x.blogspot.com/2011/02/a.html" or a path; the query
// is kept ("/?p=12"), the fragment dropped. "" when there is no usable path.
std::string PathOf(std::string_view permalink) {
  permalink = TrimBlank(permalink);
  if (permalink.empty()) return "";
  auto url = boost::urls::parse_uri_reference(permalink);
  if (!url) return "";
  std::string path(url->encoded_path());
  if (path.empty()) path = "/";
  if (path.front() != '/') return "";
  if (url->has_query()) path += "?" + std::string(url->encoded_query());
  return path;
}

// Blogger's scheme: /YYYY/MM/slug.html or /p/slug.html.
bool IsBloggerPath(std::string_view path) {
  if (!path.ends_with(".html") || path.find('?') != std::string_view::npos) return false;
  if (path.starts_with("/p/")) return path.size() > 8;
  return path.size() > 14 && path[0] == '/' && IsAsciiDigits(path.substr(1, 4)) && path[5] == '/' &&
         IsAsciiDigits(path.substr(6, 2)) && path[8] == '/';
}

}  // namespace

std::string Where(const SourceLocation& where) {
  return where.file + ":" + std::to_string(where.line);
}

Body MakeBody(std::string_view html, text::SanitizePolicy policy) {
  Body body;
  text::SanitizedBody made = text::SanitizeWithText(html, policy, &body.removed);
  body.html = std::move(made.html);
  body.text = std::move(made.text);
  return body;
}

bool KeepsIds(const Plan& plan) {
  return plan.format != ExportFormat::kWxr || plan.source_blog.generator == "samizdat";
}

Result<int64_t> Converter::PostId(std::string_view original) const {
  if (keep_ids_) {
    auto id = ParseInteger<int64_t>(original);
    if (!id || *id <= 0) {
      return Status::InvalidArgument("the post id '" + std::string(original) + "' is not a number");
    }
    return *id;
  }
  return StableId({site_, "post", original});
}

Result<int64_t> Converter::CommentId(std::string_view original) const {
  if (keep_ids_) {
    auto id = ParseInteger<int64_t>(original);
    if (!id || *id <= 0) {
      return Status::InvalidArgument("the comment id '" + std::string(original) +
                                     "' is not a number");
    }
    return *id;
  }
  return StableId({site_, "comment", original});
}

Result<Converter::Converted> Converter::ConvertPost(const SourcePost& in, Body body) {
  Converted out;
  Post& post = out.post;
  auto id = PostId(in.original_id);
  if (!id.ok()) return Status::InvalidArgument(Where(in.where) + ": " + id.status().message());
  post.id = *id;
  post.blog_id = blog_.id;
  post.kind = in.kind;
  post.status = in.status;
  post.title = text::StripControlChars(in.title);
  post.source = text::StripControlChars(in.source.value_or(in.content_html));
  post.format = in.format;
  post.body_html = std::move(body.html);
  post.body_text = std::move(body.text);
  post.author = in.author.empty() ? "Anonymous" : text::StripControlChars(in.author);
  for (const std::string& label : in.labels) {
    std::string name(TrimBlank(text::StripControlChars(label)));
    if (!name.empty() &&
        std::find(post.labels.begin(), post.labels.end(), name) == post.labels.end()) {
      post.labels.push_back(std::move(name));
    }
  }
  const Time now = Now();
  post.published = in.published.value_or(in.updated.value_or(now));
  post.updated = in.updated.value_or(post.published);
  post.comments_mode = in.comments_mode;
  post.feed_id = std::string(TrimBlank(text::ToValidUtf8(in.feed_id)));

  std::string path = PathOf(in.permalink);
  if (!path.empty() && !IsBloggerPath(path)) {
    out.redirects_from.push_back(path);
    path.clear();
  }
  for (const std::string& old : in.old_paths) {
    std::string old_path = PathOf(old);
    if (!old_path.empty() && old_path != path) out.redirects_from.push_back(old_path);
  }
  if (path.empty() && (post.status != PostStatus::kDraft || !out.redirects_from.empty())) {
    auto fresh = FreePath(post, in.slug);
    if (!fresh.ok()) return fresh.status();
    path = std::move(*fresh);
  }
  if (!path.empty()) {
    auto owner = store_.GetPostByPath(blog_.id, path);
    if (owner.ok() && owner->id != post.id) {
      return Status::Conflict(Where(in.where) + ": the path " + path + " of '" + post.title +
                              "' belongs to another post of " + blog_.host + " (" +
                              std::to_string(owner->id) + ")");
    }
    if (!owner.ok() && !owner.status().IsNotFound()) return owner.status();
    auto [it, fresh] = paths_.emplace(path, post.id);
    if (!fresh && it->second != post.id) {
      return Status::Conflict(Where(in.where) + ": two posts of the file have the path " + path);
    }
  }
  post.path = std::move(path);
  return out;
}

Result<Comment> Converter::ConvertComment(const SourceComment& in, Body body) const {
  Comment comment;
  auto id = CommentId(in.original_id);
  if (!id.ok()) return Status::InvalidArgument(Where(in.where) + ": " + id.status().message());
  comment.id = *id;
  auto post_id = PostId(in.post_original_id);
  if (!post_id.ok()) {
    return Status::InvalidArgument(Where(in.where) + ": " + post_id.status().message());
  }
  comment.post_id = *post_id;
  if (!TrimBlank(in.parent_original_id).empty()) {
    auto parent = CommentId(in.parent_original_id);
    if (!parent.ok()) {
      return Status::InvalidArgument(Where(in.where) + ": " + parent.status().message());
    }
    comment.parent_id = *parent;
  }
  comment.blog_id = blog_.id;
  comment.status = in.status;
  comment.kind = in.kind;
  comment.author_name = std::string(TrimBlank(text::StripControlChars(in.author_name)));
  if (comment.author_name.empty()) comment.author_name = "Anonymous";
  const std::string url = text::StripControlChars(TrimBlank(in.author_url));
  if (url.starts_with("http://") || url.starts_with("https://")) {
    comment.author_url = text::NormalizeUrl(url).value_or("");
  }
  comment.body_html = std::move(body.html);
  comment.body_text = std::move(body.text);
  comment.published = in.published.value_or(Now());
  return comment;
}

Result<std::string> Converter::FreePath(const Post& post, std::string_view file_slug) {
  std::string slug = text::BloggerSlug(post.title);
  if (slug.empty()) slug = text::BloggerSlug(std::string(file_slug));
  if (slug.empty()) slug = "post";
  return BloggerPath(post.kind, zone_.ToLocal(post.published), slug,
                     [&](const std::string& path) -> Result<bool> {
                       if (auto planned = paths_.find(path); planned != paths_.end()) {
                         return planned->second != post.id;
                       }
                       auto owner = store_.GetPostByPath(blog_.id, path);
                       if (owner.ok()) return owner->id != post.id;
                       if (owner.status().IsNotFound()) return false;
                       return owner.status();
                     });
}

}  // namespace samizdat::service::importing
