// Every post and page of one blog, read a batch at a time: the passes over a whole blog
// (export, the body refresh, the media import) walk it this way, so memory stays flat
// whatever the blog's size.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

// Calls `visit` with each batch of at most `batch_size` posts of the blog, whatever their
// status: its posts oldest first, then its pages oldest first. Stops at the first error,
// the store's or `visit`'s, and returns it. `visit` may change the posts it is given, but
// not their publication times or kinds (the batches are read by offset). Not thread-safe
// beyond what the store is.
Status ForEachPostBatch(store::Store& store, int64_t blog_id, int batch_size,
                        const std::function<Status(std::vector<Post>& batch)>& visit);

}  // namespace samizdat::service
