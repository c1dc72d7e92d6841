// An ImportSink for the reader fuzzers: looks at every string a reader hands over (so that
// ASan sees one that is not alive) and keeps nothing.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "transfer/source.h"

namespace samizdat::fuzz {

class DiscardSink : public transfer::ImportSink {
 public:
  Status OnBlog(const transfer::SourceBlog& blog) override {
    Touch(blog.original_id, blog.title, blog.description, blog.url, blog.time_zone, blog.generator);
    return Status::Ok();
  }
  Status OnPost(transfer::SourcePost post) override {
    Touch(post.where.file, post.original_id, post.title, post.content_html, post.author,
          post.permalink, post.slug, post.feed_id, post.source.value_or(""));
    for (const std::string& label : post.labels) Touch(label);
    for (const std::string& path : post.old_paths) Touch(path);
    return Status::Ok();
  }
  Status OnComment(transfer::SourceComment comment) override {
    Touch(comment.original_id, comment.post_original_id, comment.parent_original_id,
          comment.author_name, comment.author_url, comment.content_html);
    return Status::Ok();
  }
  Status OnRedirect(transfer::SourceRedirect redirect) override {
    Touch(redirect.old_path, redirect.to);
    return Status::Ok();
  }
  Status OnTheme(transfer::SourceTheme theme) override {
    Touch(theme.where.file, theme.xml, theme.name);
    return Status::Ok();
  }
  void OnSkipped(const transfer::SourceLocation& where, std::string what) override {
    Touch(where.file, what);
  }

 private:
  template <typename... Strings>
  void Touch(const Strings&... strings) {
    ((sum_ += strings.empty() ? 0 : static_cast<unsigned char>(strings.back())), ...);
  }
  std::size_t sum_ = 0;
};

}  // namespace samizdat::fuzz
