// A sink for the Blogger reader tests: keeps what a reader hands over, in order.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "transfer/source.h"

namespace samizdat::transfer::testing {

class RecordingSink : public ImportSink {
 public:
  Status OnBlog(const SourceBlog& blog) override {
    events.push_back("blog");
    blogs.push_back(blog);
    return Status::Ok();
  }
  Status OnPost(SourcePost post) override {
    events.push_back("post " + post.original_id);
    if (stop_at_post == static_cast<int>(posts.size())) {
      return Status::Conflict("the sink refuses post " + post.original_id);
    }
    posts.push_back(std::move(post));
    return Status::Ok();
  }
  Status OnComment(SourceComment comment) override {
    events.push_back("comment " + comment.original_id);
    comments.push_back(std::move(comment));
    return Status::Ok();
  }
  Status OnRedirect(SourceRedirect redirect) override {
    events.push_back("redirect " + redirect.old_path);
    redirects.push_back(std::move(redirect));
    return Status::Ok();
  }
  Status OnTheme(SourceTheme theme) override {
    events.push_back("theme");
    themes.push_back(std::move(theme));
    return Status::Ok();
  }
  void OnSkipped(const SourceLocation& where, std::string what) override {
    skipped.push_back(what + " @" + std::to_string(where.line) + ":" +
                      std::to_string(where.column));
  }

  const SourcePost& Post(const std::string& id) const {
    auto it = std::find_if(posts.begin(), posts.end(),
                           [&](const SourcePost& p) { return p.original_id == id; });
    if (it == posts.end()) {
      ADD_FAILURE() << "no post " << id;
      static const SourcePost kNone;
      return kNone;
    }
    return *it;
  }
  const SourceComment& Comment(const std::string& id) const {
    auto it = std::find_if(comments.begin(), comments.end(),
                           [&](const SourceComment& c) { return c.original_id == id; });
    if (it == comments.end()) {
      ADD_FAILURE() << "no comment " << id;
      static const SourceComment kNone;
      return kNone;
    }
    return *it;
  }
  int Count(PostKind kind, PostStatus status) const {
    return static_cast<int>(std::count_if(posts.begin(), posts.end(), [&](const SourcePost& p) {
      return p.kind == kind && p.status == status;
    }));
  }
  std::set<std::string> CommentIds() const {
    std::set<std::string> ids;
    for (const SourceComment& c : comments) ids.insert(c.original_id);
    return ids;
  }
  // The blog as the last report says it (reports only add: "" leaves a field as it was).
  SourceBlog Blog() const {
    SourceBlog out;
    for (const SourceBlog& b : blogs) {
      for (auto field : {&SourceBlog::original_id, &SourceBlog::title, &SourceBlog::description,
                         &SourceBlog::url, &SourceBlog::time_zone, &SourceBlog::generator}) {
        if (!(b.*field).empty()) out.*field = b.*field;
      }
      if (b.settings) out.settings = b.settings;
    }
    return out;
  }
  bool Skipped(const std::string& text) const {
    return std::any_of(skipped.begin(), skipped.end(),
                       [&](const std::string& s) { return s.find(text) != std::string::npos; });
  }

  int stop_at_post = -1;
  std::vector<std::string> events;
  std::vector<SourceBlog> blogs;
  std::vector<SourcePost> posts;
  std::vector<SourceComment> comments;
  std::vector<SourceRedirect> redirects;
  std::vector<SourceTheme> themes;
  std::vector<std::string> skipped;
};

}  // namespace samizdat::transfer::testing
