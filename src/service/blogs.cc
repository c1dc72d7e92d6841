// BlogService: validated blog creation and settings changes.
#include "service/blogs.h"

#include <algorithm>
#include <cctype>

#include "text/utf8.h"

namespace samizdat::service {
namespace {

bool IsValidHost(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '[' || c == ']' || c == ':';
  });
}

// A date pattern: 1 to 100 bytes of UTF-8 text without control characters.
Status CheckPattern(std::string_view what, std::string_view pattern) {
  if (pattern.empty() || pattern.size() > 100 || !text::IsValidUtf8(pattern) ||
      std::any_of(pattern.begin(), pattern.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
    return Status::InvalidArgument("the " + std::string(what) +
                                   " format must be a line of 1 to 100 characters, such as "
                                   "EEEE, MMMM d, yyyy");
  }
  return Status::Ok();
}

// A language tag as BCP 47 writes one: a language of 2 or 3 letters, then subtags of 1
// to 8 letters or digits ("fr", "pt-BR", "zh-Hant-TW"); at most 35 characters.
Status CheckLocale(std::string_view tag) {
  bool ok = tag.size() <= 35;
  size_t part = 0;
  for (size_t start = 0; ok && start <= tag.size(); ++part) {
    const size_t end = std::min(tag.find('-', start), tag.size());
    const std::string_view sub = tag.substr(start, end - start);
    const bool alnum = std::all_of(sub.begin(), sub.end(), [&](unsigned char c) {
      return std::isalpha(c) || (part > 0 && std::isdigit(c));
    });
    ok =
        alnum && (part == 0 ? sub.size() >= 2 && sub.size() <= 3 : !sub.empty() && sub.size() <= 8);
    start = end + 1;
  }
  if (!ok) {
    return Status::InvalidArgument("'" + std::string(tag) +
                                   "' is not a language tag such as en, fr or pt-BR");
  }
  return Status::Ok();
}

// The jump link: 1 to 100 characters of UTF-8 text, not all blank, without control
// characters.
Status CheckJumpLinkText(std::string_view text) {
  std::size_t chars = 0;
  if (text::IsValidUtf8(text)) {
    for (std::size_t pos = 0; pos < text.size(); pos += text::DecodeUtf8(text, pos).length) {
      ++chars;
    }
  }
  const bool blank = std::all_of(text.begin(), text.end(), [](char c) { return c == ' '; });
  if (chars == 0 || chars > 100 || blank ||
      std::any_of(text.begin(), text.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
    return Status::InvalidArgument(
        "the jump link text must be a line of 1 to 100 characters, such as Read more \u00bb");
  }
  return Status::Ok();
}

}  // namespace

std::string NormalizeHost(std::string_view host) {
  std::string out;
  if (!host.empty() && host.front() == '[') {  // IPv6 literal: keep up to ']'
    host = host.substr(0, host.find(']') + 1);
  } else if (auto colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  out.reserve(host.size());
  for (unsigned char c : host) out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

Status BlogService::Apply(const BlogChanges& changes, Blog& blog) {
  if (changes.host) {
    blog.host = NormalizeHost(*changes.host);
    if (!IsValidHost(blog.host)) {
      return Status::InvalidArgument("'" + *changes.host + "' is not a host name");
    }
  }
  // Text fields lose the control characters a page may not hold.
  if (changes.title) {
    blog.title = text::StripControlChars(*changes.title);
    if (blog.title.empty()) return Status::InvalidArgument("a blog needs a title");
  }
  if (changes.description) blog.description = text::StripControlChars(*changes.description);
  if (changes.banner_url) blog.banner_url = *changes.banner_url;
  if (changes.banner_alt) blog.banner_alt = text::StripControlChars(*changes.banner_alt);
  if (changes.time_zone) {
    auto zone = TimeZone::Find(*changes.time_zone);
    if (!zone.ok()) return zone.status();
    blog.time_zone = zone->name();
  }
  if (changes.locale) {
    SAMIZDAT_RETURN_IF_ERROR(CheckLocale(*changes.locale));
    blog.locale = *changes.locale;
  }
  if (changes.date_format) {
    SAMIZDAT_RETURN_IF_ERROR(CheckPattern("date", *changes.date_format));
    blog.date_format = *changes.date_format;
  }
  if (changes.time_format) {
    SAMIZDAT_RETURN_IF_ERROR(CheckPattern("time", *changes.time_format));
    blog.time_format = *changes.time_format;
  }
  if (changes.posts_per_page) {
    if (*changes.posts_per_page < 1 || *changes.posts_per_page > 500) {
      return Status::InvalidArgument("posts per page must be from 1 to 500");
    }
    blog.posts_per_page = *changes.posts_per_page;
  }
  if (changes.comment_moderation) {
    bool known = false;
    for (ModerationMode mode :
         {ModerationMode::kNever, ModerationMode::kAlways, ModerationMode::kOlderPosts}) {
      if (*changes.comment_moderation == ModerationModeName(mode)) {
        blog.comment_moderation = mode;
        known = true;
      }
    }
    if (!known) {
      return Status::InvalidArgument(
          "comment moderation must be never, always or older (for "
          "posts older than the moderation days)");
    }
  }
  if (changes.moderation_days) {
    if (*changes.moderation_days < 1 || *changes.moderation_days > 3650) {
      return Status::InvalidArgument("moderation days must be from 1 to 3650");
    }
    blog.moderation_days = *changes.moderation_days;
  }
  if (changes.comment_depth) {
    if (*changes.comment_depth < 1 || *changes.comment_depth > 10) {
      return Status::InvalidArgument("comment depth must be from 1 to 10");
    }
    blog.comment_depth = *changes.comment_depth;
  }
  if (changes.jump_link_text) {
    SAMIZDAT_RETURN_IF_ERROR(CheckJumpLinkText(*changes.jump_link_text));
    blog.jump_link_text = *changes.jump_link_text;
  }
  return Status::Ok();
}

Result<Blog> BlogService::Create(const BlogChanges& changes) {
  if (!changes.host) return Status::InvalidArgument("a blog needs a host (--host)");
  if (!changes.title) return Status::InvalidArgument("a blog needs a title (--title)");
  Blog blog;
  SAMIZDAT_RETURN_IF_ERROR(Apply(changes, blog));
  return store_.CreateBlog(blog);
}

Result<Blog> BlogService::Update(std::string_view host, const BlogChanges& changes) {
  auto blog = Resolve(host);
  if (!blog.ok()) return blog.status();
  SAMIZDAT_RETURN_IF_ERROR(Apply(changes, *blog));
  SAMIZDAT_RETURN_IF_ERROR(store_.UpdateBlog(*blog));
  return store_.GetBlog(blog->id);
}

Result<Blog> BlogService::Resolve(std::string_view host) {
  auto blogs = store_.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  if (host.empty()) {
    if (blogs->empty())
      return Status::NotFound("there is no blog yet: create one with 'blog create'");
    if (blogs->size() > 1) {
      return Status::InvalidArgument("several blogs: choose one with --blog HOST");
    }
    return blogs->front();
  }
  const std::string wanted = NormalizeHost(host);
  for (const Blog& blog : *blogs) {
    if (blog.host == wanted) return blog;
  }
  return Status::NotFound("no blog is hosted at " + std::string(host));
}

}  // namespace samizdat::service
