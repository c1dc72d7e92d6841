// The storing read of an import as a pipeline over every core: one thread reads the
// export, worker threads make the bodies (sanitized HTML and text), and the calling
// thread stores them in file order. Private to the import (service/import.cc).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/import_convert.h"
#include "transfer/source.h"

namespace samizdat::service::importing {

// One thing an export holds, in file order; a post's or comment's body once made.
struct Item {
  enum class Kind { kBlog, kPost, kComment, kRedirect, kTheme, kSkipped };
  Kind kind = Kind::kPost;
  SourceBlog blog;          // kBlog
  SourcePost post;          // kPost
  SourceComment comment;    // kComment
  SourceRedirect redirect;  // kRedirect
  SourceTheme theme;        // kTheme
  SourceLocation where;     // kSkipped: where, and what (`skipped`)
  std::string skipped;
  Body body;  // kPost and kComment: MakeBody's, made by a worker
};

// Calls `store` with a chunk of items, in file order, and how many bytes of the export
// (all its files) had been read when the last of them was.
using StoreChunk = std::function<Status(std::vector<Item>& items, std::size_t bytes_read)>;

// Calls `read` on a thread of its own with a sink that queues what the export holds
// (everything the sink is told, in order), makes the bodies of its
// posts and comments on `workers` threads, and calls `store` on the calling thread with
// the items in file order, a chunk at a time. Chunks in flight are bounded, so memory
// stays small whatever the file's size. The first error (the read's or `store`'s) stops
// every thread and is returned; `store` is not called again after it fails.
// Thread safety: `read` runs on one thread, `store` on the caller's, never concurrently
// with themselves.
Status RunPipeline(const std::function<Status(transfer::ImportSink&)>& read,
                   const StoreChunk& store, unsigned workers);

}  // namespace samizdat::service::importing
