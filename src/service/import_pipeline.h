// The storing read of an import as a pipeline over every core: one thread reads the
// export, worker threads make the bodies (sanitized HTML and text), and the calling
// thread stores them in file order. Private to the import (service/import.cc).
#pragma once

#include <functional>
#include <vector>

#include "core/status.h"
#include "service/import_convert.h"
#include "transfer/source.h"

namespace samizdat::service::importing {

// One thing an export holds, in file order; a post's or comment's body once made.
struct Item {
  enum class Kind { kPost, kComment, kRedirect };
  Kind kind = Kind::kPost;
  SourcePost post;          // kPost
  SourceComment comment;    // kComment
  SourceRedirect redirect;  // kRedirect
  Body body;                // kPost and kComment: MakeBody's, made by a worker
};

// Calls `read` on a thread of its own with a sink that queues what the export holds
// (OnBlog and OnSkipped are ignored: the first read has them), makes the bodies of its
// posts and comments on `workers` threads, and calls `store` on the calling thread with
// the items in file order, a chunk at a time. Chunks in flight are bounded, so memory
// stays small whatever the file's size. The first error (the read's or `store`'s) stops
// every thread and is returned; `store` is not called again after it fails.
// Thread safety: `read` runs on one thread, `store` on the caller's, never concurrently
// with themselves.
Status RunPipeline(const std::function<Status(transfer::ImportSink&)>& read,
                   const std::function<Status(std::vector<Item>&)>& store, unsigned workers);

}  // namespace samizdat::service::importing
