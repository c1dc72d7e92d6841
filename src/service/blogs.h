// Blog use cases: create and change blogs with their settings checked, and find the
// blog a command or request means.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

// Changes to a blog's settings; unset fields stay as they are.
struct BlogChanges {
  std::optional<std::string> host;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> banner_url;
  std::optional<std::string> banner_alt;
  std::optional<std::string> time_zone;
  // The language (BCP 47: "fr", "pt-BR"), of its theme texts and dates (render/locale.h).
  std::optional<std::string> locale;
  // Blogger's date patterns (core/time.h FormatPattern): date headers, post times.
  std::optional<std::string> date_format;
  std::optional<std::string> time_format;
  std::optional<int> posts_per_page;
  std::optional<std::string> comment_moderation;  // "never", "always" or "older"
  std::optional<int> moderation_days;             // 1..3650
  std::optional<int> comment_depth;               // 1..10
  // 1..100 characters of plain text, no line breaks or other control characters.
  std::optional<std::string> jump_link_text;
};

// Lower-cases a Host header value and drops its port ("Example.COM:8080" ->
// "example.com"; "[::1]:80" -> "[::1]").
std::string NormalizeHost(std::string_view host);

class BlogService {
 public:
  explicit BlogService(store::Store& store) : store_(store) {}

  // Creates a blog from `changes` (host and title required). InvalidArgument for a
  // missing or malformed value (the message names it), Conflict for a taken host.
  Result<Blog> Create(const BlogChanges& changes);
  // Applies `changes` to the blog at `host`. NotFound, InvalidArgument, Conflict.
  Result<Blog> Update(std::string_view host, const BlogChanges& changes);
  // The blog a CLI command means: the one at `host`, or the only blog when `host` is
  // empty. NotFound for an unknown host or no blog; InvalidArgument when several
  // blogs exist and no host was given.
  Result<Blog> Resolve(std::string_view host);

 private:
  static Status Apply(const BlogChanges& changes, Blog& blog);
  store::Store& store_;
};

}  // namespace samizdat::service
